// Relative times (issue 22, decision 038): said as people say them, exact on hover and for
// screen readers, and rendered from the page's "now", so the server's HTML and the hydrating
// browser's are the same whatever their clocks say.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { formatRelative } from "~/components/format";
import { NowProvider } from "~/components/Now";
import { RelativeTime } from "~/components/RelativeTime";
import { createI18n } from "~/platform/i18n";

const now = new Date("2026-12-06T12:00:00Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe("formatRelative", () => {
  it("says it in Dutch and English, then the date after a month or in the future", () => {
    expect(formatRelative(ago(3 * 86_400), "nl", now)).toBe("3 dagen geleden");
    expect(formatRelative(ago(3 * 86_400), "en", now)).toBe("3 days ago");
    expect(formatRelative(ago(5 * 60), "nl", now)).toBe("5 minuten geleden");
    expect(formatRelative(ago(2 * 3600), "en", now)).toBe("2 hours ago");
    expect(formatRelative(ago(30 * 3600), "nl", now)).toBe("gisteren");
    expect(formatRelative(ago(40 * 86_400), "nl", now)).toBe("27 oktober 2026");
    expect(formatRelative(new Date(now.getTime() + 3600_000), "en", now)).toBe("6 December 2026");
  });
});

function render(locale: "nl" | "en", serverNow: string | null) {
  const time = createElement(RelativeTime, { at: ago(3 * 86_400), prefix: locale === "nl" ? "Actief" : "Active" });
  const withNow = serverNow === null ? time : createElement(NowProvider, { serverNow, children: time });
  return renderToString(createElement(I18nextProvider, { i18n: createI18n(locale) }, withNow));
}

describe("RelativeTime", () => {
  it("renders relative to the page's now, with the exact moment in datetime, title and for screen readers", () => {
    const html = render("nl", now.toISOString());
    expect(html).toContain('dateTime="2026-12-03T12:00:00.000Z"');
    expect(html).toContain('title="3 december 2026 om 13:00"');
    expect(html).toContain('<span aria-hidden="true">3 dagen geleden</span>');
    expect(html).toContain('<span class="visually-hidden">3 december 2026 om 13:00</span>');
    expect(render("en", now.toISOString())).toContain(">3 days ago<");
  });

  it("is the same HTML however late it renders (the server's and the hydrating browser's)", () => {
    const first = render("nl", now.toISOString());
    // The real clock says 2026 or later, far past the handed "now": it does not matter.
    expect(render("nl", now.toISOString())).toBe(first);
  });

  it("shows the date where no page hands a now (a mail, say)", () => {
    expect(render("nl", null)).toContain('<span aria-hidden="true">3 december 2026</span>');
  });
});
