import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";

// Every page a test visits must load without a console error or a failed request, and pass
// axe's WCAG 2.2 A/AA rules. Tests call `checkPage(page)` after each navigation.

type Fixtures = { browserProblems: string[] };

export const test = base.extend<Fixtures>({
  browserProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on("console", (msg) => {
        if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
      });
      page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
      page.on("requestfailed", (req) => {
        // A navigation that replaces an in-flight request aborts it; that is not a failure.
        if (req.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`request failed: ${req.url()}`);
      });
      page.on("response", (res) => {
        const expected = res.request().isNavigationRequest() || res.status() < 400;
        if (!expected) problems.push(`HTTP ${res.status()}: ${res.url()}`);
      });
      await use(problems);
      expect(problems, "the browser reported problems").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export async function checkA11y(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

export function uniqueEmail(label: string) {
  return `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@voorbeeld.nl`;
}

export async function signUp(page: Page, opts: { name: string; email: string; password: string }) {
  await page.goto("/signup");
  await page.getByLabel("Je naam").fill(opts.name);
  await page.getByLabel("E-mailadres").fill(opts.email);
  await page.getByLabel("Wachtwoord").fill(opts.password);
  await page.getByLabel(/privacyverklaring/).check();
  await page.getByRole("button", { name: "Account maken" }).click();
  await expect(page).toHaveURL(/\/account/);
}
