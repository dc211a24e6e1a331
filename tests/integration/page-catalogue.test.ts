import { afterAll, beforeAll, describe, expect, it } from "vitest";
import en from "~/locales/en";
import nl from "~/locales/nl";
import { useTestDatabase } from "../support/database";
import { type ServerProcess, startServer } from "../support/server-process";

// Decision 046: a page's browser gets only its own language's words. The scripts a Dutch page
// loads carry no English catalogue (and the reverse), and the catalogue it names is its own.
const database = useTestDatabase();
let server: ServerProcess;

beforeAll(async () => {
  server = await startServer({ DATABASE_URL: database.url });
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

/** The page, the catalogue it names, and every script it loads (with what those import). */
async function pageAndScripts(pathname: string, cookie?: string) {
  const html = await (await fetch(server.url + pathname, { headers: cookie ? { cookie } : {} })).text();
  const catalogueHref = /<html[^>]* data-catalogue="([^"]+)"/.exec(html)?.[1]?.replaceAll("&amp;", "&");
  const seen = new Map<string, string>();
  const queue = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  queue.push(...[...html.matchAll(/import\(?\s*"(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!));
  while (queue.length) {
    const href = queue.pop()!;
    if (seen.has(href)) continue;
    const code = await (await fetch(server.url + href)).text();
    seen.set(href, code);
    // Static imports only (`import … from "./x.js"`): what the browser must fetch to run it.
    for (const m of code.matchAll(/(?:^|[;}\s])import\s*(?:[^"'();]*?from\s*)?["']\.\/([^"']+\.js)["']/g)) queue.push(`/assets/${m[1]}`);
  }
  return { html, catalogueHref, scripts: [...seen.values()].join("\n") };
}

describe("the page's language in the browser", () => {
  it("a Dutch page loads the Dutch words only, from its versioned catalogue", async () => {
    const page = await pageAndScripts("/dilemmas");
    expect(page.html).toMatch(/<html lang="nl"/);
    expect(page.scripts.length).toBeGreaterThan(10_000); // the app's scripts were found
    expect(page.scripts).not.toContain(en.nav.skipToContent);
    expect(page.scripts).not.toContain(nl.nav.skipToContent);
    expect(page.catalogueHref).toMatch(/^\/i18n\/nl\.json\?v=[0-9a-f]{12}$/);
    const response = await fetch(server.url + page.catalogueHref!);
    expect(response.headers.get("cache-control")).toContain("immutable");
    const catalogue = (await response.json()) as typeof nl;
    expect(catalogue.nav.skipToContent).toBe(nl.nav.skipToContent);
    expect(JSON.stringify(catalogue)).not.toContain(en.nav.skipToContent);
  });

  it("an English page names the English catalogue; an unknown or old version is not kept", async () => {
    const page = await pageAndScripts("/dilemmas", "kk_lang=en");
    expect(page.html).toMatch(/<html lang="en"/);
    expect(page.scripts).not.toContain(nl.nav.skipToContent);
    expect(page.catalogueHref).toMatch(/^\/i18n\/en\.json\?v=/);
    const catalogue = (await (await fetch(server.url + page.catalogueHref!)).json()) as typeof en;
    expect(catalogue.nav.skipToContent).toBe(en.nav.skipToContent);

    const old = await fetch(`${server.url}/i18n/en.json?v=000000000000`);
    expect(old.headers.get("cache-control")).toBe("no-cache");
    expect((await fetch(`${server.url}/i18n/de.json`)).status).toBe(404);
  });
});
