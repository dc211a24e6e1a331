import { describe, expect, it } from "vitest";
import { renderMarkdown } from "~/platform/markdown.server";
import { droppedLinkTargets } from "~/platform/markdown-links";
import { AskDilemmaSchema } from "~/dilemmas/schemas";
import { ReplySchema } from "~/replies/schemas";
import { ReportSchema } from "~/meetings/schemas";

// Issue 22: a link the renderer leaves out is named to the writer instead of vanishing.
describe("links the renderer would drop", () => {
  it("finds relative and odd-scheme targets, inline, as pictures and as references", () => {
    const text = [
      "Zie [het verslag](verslag.pdf) en [dit dilemma](/dilemmas/3 \"titel\").",
      "![foto](plaatje.jpg) en [goed](https://example.org) en [mail](mailto:a@b.nl).",
      "[ref]: ../andere-pagina",
      "[js](javascript:alert(1)) en <https://example.org/auto> en [hoek](<map/met spatie.pdf>)",
    ].join("\n");
    expect(droppedLinkTargets(text)).toEqual(["verslag.pdf", "/dilemmas/3", "plaatje.jpg", "javascript:alert(1", "map/met spatie.pdf", "../andere-pagina"]);
  });

  it("agrees with the renderer: what it names is indeed not a link in the stored HTML", () => {
    const html = renderMarkdown("Zie [het verslag](verslag.pdf) of [de site](https://example.org).");
    expect(html).not.toContain("verslag.pdf");
    expect(html).toContain('href="https://example.org"');
  });

  it("leaves code alone, and says nothing about a text without links", () => {
    expect(droppedLinkTargets("Typ `[x](y.pdf)` zo.\n\n```\n[a](b)\n```\n\n    [c](d)\n\nGewoon [tekst] (met haakjes).")).toEqual([]);
    expect(droppedLinkTargets("Geen links, wel 3 < 4 en [een opmerking].")).toEqual([]);
  });

  it("puts a message beside the field in every Markdown form: dilemma, reply, report", () => {
    const issue = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
      r.error?.issues.map((i) => [i.path.join("."), i.message]);
    const body = "Lees [dit](verslag.pdf) eerst.";
    const message = "forum.markdown.droppedLink?href=verslag.pdf";
    expect(issue(AskDilemmaSchema.safeParse({ title: "Een goede titel hier", body, competences: ["a"], submissionId: "x" }))).toContainEqual(["body", message]);
    expect(issue(ReplySchema.safeParse({ body, submissionId: "x" }))).toContainEqual(["body", message]);
    expect(issue(ReportSchema.safeParse({ title: "Verslag", heldOn: "2026-01-01", summary: body }))).toContainEqual(["summary", message]);
    const fine = issue(ReplySchema.safeParse({ body: "Lees [dit](https://example.org/verslag.pdf) eerst.", submissionId: "x" })) ?? [];
    expect(fine.filter(([, m]) => m?.startsWith("forum.markdown"))).toEqual([]);
  });
});
