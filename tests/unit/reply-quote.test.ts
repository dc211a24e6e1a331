// "Citeer" (issue 22, decision 038): the quote names its writer, links to the reply with a
// complete address, leaves earlier quotes out and stays short; and it renders as a quote.
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "~/platform/markdown.server";
import { QUOTE_MAX, quoteMarkdown } from "~/replies/quote";

const quote = (bodyMd: string, authorName: string | null = "Hanna Helper") => ({ replyId: 12, authorName, bodyMd, url: "https://kring.test/replies/12" });

describe("quoteMarkdown", () => {
  it("is a blockquote with the writer's name linked to the reply, every line quoted", () => {
    expect(quoteMarkdown(quote("Bel de wijkagent.\n\nEn schrijf het op."), "Hanna Helper schreef")).toBe(
      "> [Hanna Helper schreef](https://kring.test/replies/12):\n>\n> Bel de wijkagent.\n>\n> En schrijf het op.\n\n",
    );
  });

  it("leaves out what the reply itself quoted, and Windows line breaks", () => {
    const md = quoteMarkdown(quote("> [Piet schreef](https://kring.test/replies/3):\n> Oud\r\n\r\nMijn antwoord"), "Hanna schreef");
    expect(md).not.toContain("Piet");
    expect(md).toContain("> Mijn antwoord\n");
  });

  it("cuts a long reply at a word, with …", () => {
    const md = quoteMarkdown(quote("woord ".repeat(400)), "X schreef");
    expect(md.length).toBeLessThan(QUOTE_MAX + 100);
    expect(md.trimEnd().endsWith("woord …")).toBe(true);
  });

  it("keeps a name with brackets inside the link text", () => {
    const html = renderMarkdown(quoteMarkdown(quote("Ja."), "Jan [buurtteam] schreef"));
    expect(html).toContain('<a href="https://kring.test/replies/12"');
    expect(html).toContain("Jan [buurtteam] schreef</a>");
  });

  it("renders as a quote with the link kept (a complete address)", () => {
    const html = renderMarkdown(quoteMarkdown(quote("Bel de **wijkagent**."), "Hanna schreef"));
    expect(html).toMatch(/^<blockquote>/);
    expect(html).toContain("<strong>wijkagent</strong>");
  });
});

describe("a quote and the privacy guard", () => {
  it("does not take the quoted member's name for a resident's, but still sees one in the quoted text", async () => {
    const { checkPrivacy } = await import("~/privacy/check.server");
    const md = quoteMarkdown(quote("Vraag het buurthuis om tafels."), "Hanna Helper schreef");
    expect(checkPrivacy(`${md}Dat doe ik.`).marks).toEqual([]);
    const withResident = quoteMarkdown(quote("Mevrouw Jansen op nummer 12 heeft tafels."), "Hanna Helper schreef");
    expect(checkPrivacy(withResident).marks.length).toBeGreaterThan(0);
  });
});
