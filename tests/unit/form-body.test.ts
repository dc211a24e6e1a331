import { describe, expect, it } from "vitest";
import { readForm, withNewlines } from "~/web/form-body.server";

// A textarea's text is the same text whichever way the browser sent it (CRLF when it posts
// the form itself, LF from a script's FormData), so a revision's diff shows no phantom change.
describe("form text line breaks", () => {
  it("CRLF and a lone CR become LF, in every value of a field; files are left alone", () => {
    const form = new FormData();
    form.append("body", "Eerste regel.\r\n\r\nTweede\rregel.");
    form.append("takeaways", "een\r\ntwee");
    form.append("takeaways", "drie");
    const file = new File(["a\r\nb"], "x.txt");
    form.append("attachment", file);
    const out = withNewlines(form);
    expect(out.get("body")).toBe("Eerste regel.\n\nTweede\nregel.");
    expect(out.getAll("takeaways")).toEqual(["een\ntwee", "drie"]);
    expect(out.get("attachment")).toBeInstanceOf(File);
  });

  it("a form posted urlencoded with CRLF reads as LF; a body that is no form is a 400", async () => {
    const posted = new Request("http://localhost/x", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "body=een%0D%0Atwee",
    });
    expect((await readForm(posted)).get("body")).toBe("een\ntwee");
    const json = new Request("http://localhost/x", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    await expect(readForm(json)).rejects.toMatchObject({ init: { status: 400 } });
  });
});
