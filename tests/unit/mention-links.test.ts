import { describe, expect, it } from "vitest";
import { linkMentions, mentionsIn } from "~/members/mention-links";
import { renderMarkdown } from "~/platform/markdown.server";

// "@handle" in a rendered post links to the member's profile (decision 029), and nothing else does.
const known = new Set(["anna-de-vries", "bo"]);
const linked = (markdown: string) => linkMentions(renderMarkdown(markdown), known);

describe("mention links", () => {
  it("links a mention of a member to their profile", () => {
    expect(linked("Vraag het @anna-de-vries, zij weet dit.")).toBe(
      '<p>Vraag het <a href="/members/anna-de-vries" class="mention">@anna-de-vries</a>, zij weet dit.</p>\n',
    );
    expect(linked("@Bo kijk even")).toContain('<a href="/members/bo" class="mention">@Bo</a> kijk even');
  });

  it("leaves alone a handle that names no one, addresses, code and existing links", () => {
    expect(linked("Hallo @niemand.")).not.toContain("<a");
    expect(linked("Mail anna@bo.nl of info@bo")).not.toContain("mention");
    expect(linked("Typ `@bo` in de code")).not.toContain("mention");
    expect(linked("```\n@bo\n```")).not.toContain("mention");
    expect(linked("[@bo](https://example.nl/@bo)")).not.toContain("mention");
    expect(linked("@bo-")).not.toContain("mention");
  });

  it("finds the handles to look up, not those in code", () => {
    expect(mentionsIn(renderMarkdown("@Anna-de-Vries en @bo, niet `@code` of a@b.nl"))).toEqual(["anna-de-vries", "bo"]);
  });

  it("keeps the HTML's escaping and structure", () => {
    const html = linked("**@bo** & <b>@anna-de-vries</b>");
    expect(html).toContain('<strong><a href="/members/bo" class="mention">@bo</a></strong>');
    expect(html).toContain("&amp; &lt;b&gt;");
    expect(html).toContain('<a href="/members/anna-de-vries" class="mention">@anna-de-vries</a>&lt;/b&gt;');
  });
});
