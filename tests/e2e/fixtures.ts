import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";

// Every page a test visits must load without a console error or a failed request, and pass
// axe's WCAG 2.2 A/AA rules. Tests call `checkPage(page)` after each navigation.

type Fixtures = { browserProblems: string[] };

export const test = base.extend<Fixtures>({
  browserProblems: [
    async ({ page, javaScriptEnabled }, use) => {
      const problems: string[] = [];
      page.on("console", (msg) => {
        // "Failed to load resource" repeats what the response listener below already judged
        // (and a 404 page is expected to answer 404).
        if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) {
          problems.push(`console error: ${msg.text()}`);
        }
      });
      page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
      page.on("requestfailed", (req) => {
        // A navigation that replaces an in-flight request aborts it; that is not a failure.
        // With JavaScript off the browser refuses the module preloads: expected.
        if (req.failure()?.errorText === "net::ERR_ABORTED") return;
        if (!javaScriptEnabled && req.resourceType() === "script") return;
        problems.push(`request failed: ${req.url()}`);
      });
      page.on("response", (res) => {
        // A form's answer may be 4xx on purpose (400 invalid input, 429 too many attempts);
        // a page's own assets and data must never fail, and nothing may answer 5xx.
        const request = res.request();
        const formAnswer = request.method() === "POST" && res.status() < 500;
        const expected = request.isNavigationRequest() || formAnswer || res.status() < 400;
        if (!expected) problems.push(`HTTP ${res.status()}: ${res.url()}`);
      });
      await use(problems);
      expect(problems, "the browser reported problems").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export async function checkA11y(page: Page, { javaScript = true } = {}) {
  // axe runs as a script in the page; with JavaScript off it cannot, so the page's HTML as
  // served is checked in a scripted twin page on the same origin (its scripts removed).
  if (!javaScript) return checkA11yOfHtml(page);
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

async function checkA11yOfHtml(page: Page) {
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, "");
  const browser = page.context().browser()!;
  const twin = await browser.newContext({ javaScriptEnabled: true });
  try {
    const twinPage = await twin.newPage();
    // Served as the page's own address, without the server's headers: the page's inline
    // stylesheet carries that response's CSP nonce (decision 048), which another response's
    // policy would refuse (and the browser hides a nonce from page.content() anyway).
    const url = page.url().replace(/\?.*$/, "");
    await twinPage.route(url, (route) => route.fulfill({ contentType: "text/html; charset=utf-8", body: html }));
    await twinPage.goto(url, { waitUntil: "load" });
    await checkA11y(twinPage);
  } finally {
    await twin.close();
  }
}

/**
 * Waits until the page shown has come alive: React has hydrated it (root.tsx marks <html
 * data-hydrated>). A page's scripts start only after its first paint (decision 051), so
 * `page.goto` returns before they are even asked for; until then links, forms and fields are
 * the browser's own, as without JavaScript. A walk that tests what the scripts do (client-side
 * navigation, live previews, suggestions while typing, drafts, checks before sending) waits
 * for this after each full page load; not for a page with JavaScript off (it never comes).
 */
export async function waitForHydration(page: Page) {
  await expect(page.locator("html[data-hydrated]"), "the page comes alive (hydrated)").toBeAttached();
}

/**
 * Marks the document now shown, once it is alive (the router follows links only from then on);
 * sameDocument then says whether the page still shows it (no full page load since).
 */
export async function markDocument(page: Page) {
  await waitForHydration(page);
  await page.evaluate(() => document.documentElement.setAttribute("data-test-loaded", "once"));
}

export async function sameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.getAttribute("data-test-loaded") === "once");
}

export function uniqueEmail(label: string) {
  return `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@voorbeeld.nl`;
}

/**
 * Holds back the page's scripts, as a slow connection would, until the returned function is
 * called: what the member does meanwhile happens before the page comes alive (hydration).
 */
export async function holdScripts(page: Page): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/.+\.js(\?.*)?$/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}
