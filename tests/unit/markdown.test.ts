import { describe, expect, it } from "vitest";
import {
  markdownToPlainText,
  renderMarkdown,
  sanitizeRenderedHtml,
} from "~/platform/markdown.server";
import { payloads, problemsIn } from "../support/html-policy";

// ---------------------------------------------------------------------------------------------
// The policy, written out independently of the module, and a checker that enforces it on any
// HTML string. Every XSS payload goes through renderMarkdown in many Markdown contexts (and
// straight through the sanitiser) and the output must pass.
// ---------------------------------------------------------------------------------------------

describe("the policy checker itself", () => {
  it.each([
    ['<img src="https://x.nl/a.png" onerror="alert(1)">', "event handler"],
    ['<a href="java&#x09;script:alert(1)" rel="nofollow ugc noopener">x</a>', "URL"],
    ['<a href=" &#106;avascript:alert(1)" rel="nofollow ugc noopener">x</a>', "URL"],
    ['<a href="/relative" rel="nofollow ugc noopener">x</a>', "URL"],
    ['<a href="https://x.nl">x</a>', "without rel"],
    ['<img src="http://x.nl/a.png">', "URL"],
    ['<p style="color:red">x</p>', "style"],
    ['<p id="x">x</p>', "attribute"],
    ["<h1>x</h1>", "element <h1>"],
    ["<svg></svg>", "element <svg>"],
    ['<td class="admin">x</td>', "class"],
    ["<p>javascript:alert(1)</p>", 'contains "javascript:"'],
  ])("flags %s", (html, expected) => {
    expect(problemsIn(html).join("\n")).toContain(expected);
  });

  it("passes what the policy allows", () => {
    const good =
      '<h3>k</h3><p><a href="https://x.nl" title="t" rel="nofollow ugc noopener">x</a> ' +
      '<img src="https://x.nl/a.png" alt="a" /></p><table><tr><th class="align-center">x</th></tr></table>' +
      '<pre><code class="language-ts">x</code></pre><ol start="3"><li>x</li></ol>';
    expect(problemsIn(good)).toEqual([]);
  });
});

describe("the XSS corpus", () => {
  it("has not shrunk, and still covers each kind of attack", () => {
    expect(payloads.length).toBeGreaterThanOrEqual(150);
    const count = (re: RegExp) => payloads.filter((p) => re.test(p)).length;
    expect(count(/<script/i)).toBeGreaterThanOrEqual(20);
    expect(count(/\son[a-z]+\s*=/i)).toBeGreaterThanOrEqual(40); // event handlers
    expect(count(/\]\([^)]*(javascript|data|vbscript):/i)).toBeGreaterThanOrEqual(15); // md links
    expect(count(/^\[[^\]]*\]\[/)).toBeGreaterThanOrEqual(5); // reference links
    expect(count(/^!\[/)).toBeGreaterThanOrEqual(10); // md images
    expect(count(/&#x?[0-9a-f]+;?.*:|&colon;|&tab;|&newline;/i)).toBeGreaterThanOrEqual(15);
    expect(count(/[\t\n\r\0\u0001]/)).toBeGreaterThanOrEqual(10); // control-char split schemes
    expect(count(/<(svg|math)/i)).toBeGreaterThanOrEqual(12);
    expect(count(/<(iframe|object|embed|base|meta|form|frame)/i)).toBeGreaterThanOrEqual(12);
    expect(count(/style/i)).toBeGreaterThanOrEqual(12);
    expect(count(/<(noscript|template|textarea|title|xmp|noembed|plaintext)/i)).toBeGreaterThanOrEqual(8);
    expect(count(/(\(|")\s*[/\\]{2}/)).toBeGreaterThanOrEqual(5); // protocol-relative
  });

  // Markdown contexts the payload can sit in: every one must come out clean.
  const contexts: Record<string, (p: string) => string> = {
    "the whole body": (p) => p,
    "a paragraph": (p) => `Tekst voor ${p} tekst na.`,
    "link text": (p) => `[${p}](https://example.nl)`,
    "a link destination": (p) => `[link](${p})`,
    "image alt text": (p) => `![${p}](https://example.nl/a.png)`,
    "an image source": (p) => `![beeld](${p})`,
    "a list item": (p) => `- punt\n- ${p}`,
    "a quote": (p) => `> ${p}`,
    "a table cell": (p) => `| a |\n|---|\n| ${p} |`,
  };

  it.each(Object.entries(contexts))("is neutralised when a payload is %s", (_, wrap) => {
    const failures = payloads.flatMap((payload) => {
      const html = renderMarkdown(wrap(payload));
      return problemsIn(html).map((problem) => ({ payload, problem, html }));
    });
    expect(failures).toEqual([]);
  });

  it("keeps the surrounding text, so the checks above are not passing on empty output", () => {
    // ("tekst na." is not always there: a payload may open a code fence that swallows it.)
    const lost = payloads.filter((p) => !renderMarkdown(`Tekst voor ${p} tekst na.`).includes("Tekst voor"));
    expect(lost).toEqual([]);
  });

  // Defence in depth: marked escapes raw HTML, but the sanitiser must hold on its own.
  it.each([
    ["as raw HTML", (p: string) => p],
    ["inside a paragraph", (p: string) => `<p>${p}</p>`],
    ["inside a link", (p: string) => `<a href="https://example.nl">${p}</a>`],
  ])("is neutralised by the sanitiser alone %s", (_, wrap) => {
    const failures = payloads.flatMap((payload) => {
      const html = sanitizeRenderedHtml(wrap(payload));
      return problemsIn(html).map((problem) => ({ payload, problem, html }));
    });
    expect(failures).toEqual([]);
  });
});

describe("renderMarkdown for practitioners", () => {
  it("renders emphasis, strong, strikethrough and inline code", () => {
    expect(renderMarkdown("*nadruk*, **sterk**, ~~weg~~ en `a < b`")).toBe(
      "<p><em>nadruk</em>, <strong>sterk</strong>, <del>weg</del> en <code>a &lt; b</code></p>\n",
    );
  });

  it("renders lists, keeping the start of a numbered one", () => {
    const html = renderMarkdown("- een\n- twee\n\n3. drie\n4. vier");
    expect(html).toContain("<ul>\n<li>een</li>\n<li>twee</li>\n</ul>");
    expect(html).toContain('<ol start="3">\n<li>drie</li>\n<li>vier</li>\n</ol>');
  });

  it("shows a task list's state as text, not as a form control", () => {
    expect(renderMarkdown("- [ ] open\n- [x] klaar")).toBe("<ul>\n<li>☐ open</li>\n<li>☑ klaar</li>\n</ul>\n");
  });

  it("gives every link rel=nofollow ugc noopener and no target", () => {
    expect(renderMarkdown('[Kenniskring](https://kenniskring.nl/over "Over ons")')).toBe(
      '<p><a href="https://kenniskring.nl/over" rel="nofollow ugc noopener" title="Over ons">Kenniskring</a></p>\n',
    );
    const html = renderMarkdown("Zie https://example.nl of mail info@example.nl of <mailto:a@b.nl>");
    expect(html).toContain('<a href="https://example.nl" rel="nofollow ugc noopener">https://example.nl</a>');
    expect(html).toContain('<a href="mailto:info@example.nl" rel="nofollow ugc noopener">info@example.nl</a>');
    expect(html).toContain('<a href="mailto:a@b.nl" rel="nofollow ugc noopener">mailto:a@b.nl</a>');
    expect(html).not.toContain("target");
  });

  it("keeps http: links but drops relative, protocol-relative and script links to their text", () => {
    expect(renderMarkdown("[oud](http://example.nl)")).toContain('<a href="http://example.nl"');
    expect(renderMarkdown("[intern](/dilemmas/12)")).toBe("<p>intern</p>\n");
    expect(renderMarkdown("[anker](#reacties)")).toBe("<p>anker</p>\n");
    expect(renderMarkdown("[ver](//evil.example)")).toBe("<p>ver</p>\n");
    expect(renderMarkdown("[klik](javascript:alert(1))")).toBe("<p>klik</p>\n");
    expect(renderMarkdown("[klik](&#106;avascript:alert(1))")).toBe("<p>klik</p>\n");
  });

  it("closes the next link properly after dropping one (sanitize-html rename bug, avoided)", () => {
    expect(renderMarkdown("[a](/x) [b](https://y.nl) en *c*")).toBe(
      '<p>a <a href="https://y.nl" rel="nofollow ugc noopener">b</a> en <em>c</em></p>\n',
    );
    expect(sanitizeRenderedHtml('<p><img src="http://x.nl/a.png"> na <a href="https://y.nl">b</a> c</p>')).toBe(
      '<p> na <a href="https://y.nl" rel="nofollow ugc noopener">b</a> c</p>',
    );
  });

  it("loads no image: an https picture is a link the reader may open, any other its alt text", () => {
    // Decision 022: a picture on another host would tell that host who reads the thread.
    expect(renderMarkdown('![Schema](https://example.nl/schema.png "Het schema")')).toBe(
      '<p><a href="https://example.nl/schema.png" rel="nofollow ugc noopener" title="Het schema">🖼\uFE0E Schema</a></p>\n',
    );
    expect(renderMarkdown("![](https://teller.example/pixel.gif?lezer=1)")).toBe(
      '<p><a href="https://teller.example/pixel.gif?lezer=1" rel="nofollow ugc noopener" title="teller.example">🖼\uFE0E teller.example</a></p>\n',
    );
    // In a link, the picture is the link's text: no link inside a link.
    expect(renderMarkdown("[![Kaart](https://a.nl/k.png)](https://b.nl)")).toBe('<p><a href="https://b.nl" rel="nofollow ugc noopener">Kaart</a></p>\n');
    // An <img> in HTML that reaches the sanitiser goes entirely.
    expect(sanitizeRenderedHtml('<p>a<img src="https://x.nl/a.png" alt="b">c</p>')).toBe("<p>ac</p>");
    expect(renderMarkdown("![Schema](http://example.nl/schema.png)")).toBe("<p>Schema</p>\n");
    expect(renderMarkdown("![Schema](/uploads/schema.png)")).toBe("<p>Schema</p>\n");
    expect(renderMarkdown("![x](data:image/png;base64,iVBORw0KGgo=)")).toBe("<p>x</p>\n");
  });

  it("renders fenced code with its language, escaped", () => {
    expect(renderMarkdown("```ts\nif (a < b && c) {}\n```")).toBe(
      '<pre><code class="language-ts">if (a &lt; b &amp;&amp; c) {}\n</code></pre>\n',
    );
  });

  it("renders tables with alignment as a class, never a style or align attribute", () => {
    const html = renderMarkdown("| Wie | Uren |\n|:--|--:|\n| Anouk | 3 |");
    expect(html).toContain('<th class="align-left">Wie</th>');
    expect(html).toContain('<td class="align-right">3</td>');
    expect(html).not.toMatch(/align=|style=/);
  });

  it("renders quotes, rules and line breaks", () => {
    expect(renderMarkdown("> Wijs\n> gezegd\n\n---")).toBe(
      "<blockquote>\n<p>Wijs<br />gezegd</p>\n</blockquote>\n<hr />\n",
    );
  });

  it("demotes headings below the page's own h1 and h2", () => {
    expect(renderMarkdown("# Een\n## Twee\n### Drie\n#### Vier\n##### Vijf\n###### Zes")).toBe(
      "<h3>Een</h3>\n<h4>Twee</h4>\n<h5>Drie</h5>\n<h6>Vier</h6>\n<h6>Vijf</h6>\n<h6>Zes</h6>\n",
    );
    expect(renderMarkdown("Titel\n=====")).toBe("<h3>Titel</h3>\n");
  });

  it("closes gaps between heading levels, so the page's outline never skips one (issue 22)", () => {
    expect(renderMarkdown("## Wat we vonden\n\ntekst\n\n## Hoe verder")).toBe("<h3>Wat we vonden</h3>\n<p>tekst</p>\n<h3>Hoe verder</h3>\n");
    expect(renderMarkdown("# Een\n### Drie\n> ##### In een citaat")).toBe(
      "<h3>Een</h3>\n<h4>Drie</h4>\n<blockquote>\n<h5>In een citaat</h5>\n</blockquote>\n",
    );
  });

  it("shows raw HTML as the text that was typed, and keeps comparisons readable", () => {
    expect(renderMarkdown("Dit is <b>vet</b>?")).toBe("<p>Dit is &lt;b&gt;vet&lt;/b&gt;?</p>\n");
    expect(renderMarkdown("a < b > c")).toBe("<p>a &lt; b &gt; c</p>\n");
    expect(renderMarkdown("<script>alert(1)</script>")).toBe(
      "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n",
    );
    // Markdown around the tags still works.
    expect(renderMarkdown("<div>\n*ja*\n</div>")).toBe("<p>&lt;div&gt;<br /><em>ja</em><br />&lt;/div&gt;</p>\n");
  });

  it("leaves Dutch text with accents, quotes and symbols intact", () => {
    const text = "Één coördinator en de cliënt zeiden ‘nee’ — café, reünie, € 5,– en ĳs.";
    expect(renderMarkdown(text)).toBe(`<p>${text}</p>\n`);
  });

  it("writes the colon after 'script' as an entity, so stored HTML never holds 'javascript:'", () => {
    expect(renderMarkdown("Typ nooit javascript: in de adresbalk")).toBe(
      "<p>Typ nooit javascript&#58; in de adresbalk</p>\n",
    );
  });

  it("survives absurd nesting instead of throwing", () => {
    const html = renderMarkdown(">".repeat(5000) + " <b>x</b>");
    expect(html.startsWith("<p>&gt;&gt;&gt;")).toBe(true);
    expect(html).toContain("&lt;b&gt;x&lt;/b&gt;");
  });

  it("returns an empty string for an empty body", () => {
    expect(renderMarkdown("")).toBe("");
  });
});

describe("markdownToPlainText", () => {
  it("strips the markup and separates blocks with a space", () => {
    expect(
      markdownToPlainText("# Kop\n\nEen **vette** [link](https://x.nl) en `code`.\n\n- een\n- twee\n\n> citaat"),
    ).toBe("Kop Een vette link en code. een twee citaat");
  });

  it("decodes entities and returns typed HTML as text (the caller's renderer escapes it)", () => {
    expect(markdownToPlainText("Jip &amp; Janneke &#8212; a < b > c, \"quote\"")).toBe(
      'Jip & Janneke — a < b > c, "quote"',
    );
    expect(markdownToPlainText("<b>vet</b> en &lt;i&gt;")).toBe("<b>vet</b> en <i>");
    expect(markdownToPlainText("javascript:alert(1)")).toBe("javascript:alert(1)");
  });

  it("collapses whitespace, including line breaks and table cells", () => {
    expect(markdownToPlainText("  een\n\n\n  twee  \tdrie\nvier  ")).toBe("een twee drie vier");
    expect(markdownToPlainText("| a | b |\n|---|---|\n| 1 | 2 |")).toBe("a b 1 2");
  });

  it("keeps a picture as its marked alt text, drops code fences' markup but keeps code text", () => {
    expect(markdownToPlainText("![plaatje](https://x.nl/a.png) tekst\n\n```\nlet x = 1;\n```")).toBe(
      "🖼\uFE0E plaatje tekst let x = 1;",
    );
  });

  it("cuts at a word boundary with an ellipsis that counts toward maxLength", () => {
    const long = "Hoe organiseer je intervisie als de helft van het team op afstand werkt?";
    const cut = markdownToPlainText(long, 30);
    expect(cut).toBe("Hoe organiseer je intervisie…");
    expect(cut.length).toBeLessThanOrEqual(30);
    expect(markdownToPlainText(long, 500)).toBe(long);
    expect(markdownToPlainText("Kort", 4)).toBe("Kort");
  });

  it("cuts inside an over-long word rather than returning nothing, and never splits an emoji", () => {
    expect(markdownToPlainText("Arbeidsongeschiktheidsverzekering", 10)).toBe("Arbeidson…");
    expect(markdownToPlainText("abcd😀efgh", 6)).toBe("abcd…");
  });

  it("returns an empty string for empty or markup-only input", () => {
    expect(markdownToPlainText("")).toBe("");
    expect(markdownToPlainText("---\n\n![x](http://x.nl/a.png)")).toBe("x");
  });
});
