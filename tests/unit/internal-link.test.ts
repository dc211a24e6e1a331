import { describe, expect, test } from "vitest";
import { clientNavigationStep, type ClickedLink, type LinkClick } from "~/components/InternalLink";

// What a click on an InternalLink does once JavaScript runs: navigate in place, or leave the
// click to the browser (new tab, download, another site) exactly as React Router's <Link> would.

const plainClick: LinkClick = { button: 0, metaKey: false, altKey: false, ctrlKey: false, shiftKey: false, defaultPrevented: false };
const here = { href: "https://kenniskring.example/dilemmas?status=open" };
const link = (over: Partial<ClickedLink> = {}): ClickedLink => ({
  href: "https://kenniskring.example/dilemmas/12/een-titel#reply-7",
  target: "",
  download: false,
  keepScroll: false,
  ...over,
});

describe("clientNavigationStep", () => {
  test("a plain click on a link of this site navigates in place, to path, query and fragment", () => {
    expect(clientNavigationStep(plainClick, link(), here)).toEqual({
      to: "/dilemmas/12/een-titel#reply-7",
      replace: false,
      preventScrollReset: false,
    });
  });

  test("a link to the page already shown replaces its history entry instead of adding one", () => {
    const same = link({ href: here.href });
    expect(clientNavigationStep(plainClick, same, here)).toMatchObject({ to: "/dilemmas?status=open", replace: true });
  });

  test("preventScrollReset is passed on", () => {
    expect(clientNavigationStep(plainClick, link({ keepScroll: true }), here)).toMatchObject({ preventScrollReset: true });
  });

  test.each([
    ["the middle button", { button: 1 }],
    ["Ctrl (new tab)", { ctrlKey: true }],
    ["Cmd (new tab on a Mac)", { metaKey: true }],
    ["Shift (new window)", { shiftKey: true }],
    ["Alt (download)", { altKey: true }],
    ["a handler that already took the click", { defaultPrevented: true }],
  ])("%s is left to the browser", (_what, over) => {
    expect(clientNavigationStep({ ...plainClick, ...over }, link(), here)).toBeNull();
  });

  test.each([
    ["a new tab (target=_blank)", { target: "_blank" }],
    ["a download", { download: true }],
    ["another site", { href: "https://example.org/dilemmas/12" }],
    ["another scheme of the same host", { href: "http://kenniskring.example/dilemmas/12" }],
  ])("a link to %s is left to the browser", (_what, over) => {
    expect(clientNavigationStep(plainClick, link(over), here)).toBeNull();
  });

  test("target=_self still navigates in place", () => {
    expect(clientNavigationStep(plainClick, link({ target: "_self" }), here)).not.toBeNull();
  });
});
