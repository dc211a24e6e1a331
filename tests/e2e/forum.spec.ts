import AxeBuilder from "@axe-core/playwright";
import { checkA11y, expect, test } from "./fixtures";

// Issue 22's later parts seen in a browser: the demo meeting's report page has a true heading
// outline, and dark mode (following the system) keeps axe's contrast rules on the main pages.

test("the demo meeting's report passes axe, heading order included", async ({ page }) => {
  await page.goto("/meetings/1");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await checkA11y(page);
  // heading-order is one of axe's best practices, outside the WCAG tags checkA11y runs.
  const outline = await new AxeBuilder({ page }).withRules(["heading-order"]).analyze();
  expect(outline.violations.map((v) => v.nodes.map((n) => n.target.join(" ")))).toEqual([]);
});

test.describe("dark mode following the system", () => {
  test.use({ colorScheme: "dark" });

  test("home, list, thread, meetings, a report and search are dark and pass axe", async ({ page }) => {
    test.slow(); // six pages, each checked by axe
    await page.goto("/");
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(background).toBe("rgb(21, 23, 28)");
    await checkA11y(page);
    await page.goto("/dilemmas");
    await checkA11y(page);
    await page.getByRole("main").locator("h2 a, h3 a").first().click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await checkA11y(page);
    for (const path of ["/meetings", "/meetings/1", "/search?q=buurt"]) {
      await page.goto(path);
      await checkA11y(page);
    }
  });
});

for (const javaScript of [true, false]) {
  test.describe(javaScript ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled: javaScript });

    test("the list sorts by newest and shows the unanswered ones, in its URL", async ({ page }) => {
      await page.goto("/dilemmas");
      const sort = page.getByRole("navigation", { name: "Sorteer" });
      await expect(sort.getByRole("link", { name: "Laatste activiteit" })).toHaveAttribute("aria-current", "page");
      await sort.getByRole("link", { name: "Nieuwste" }).click();
      await expect(page).toHaveURL(/\?sort=newest$/);
      await expect(sort.getByRole("link", { name: "Nieuwste" })).toHaveAttribute("aria-current", "page");
      await checkA11y(page, { javaScript });
      await sort.getByRole("link", { name: "Zonder reactie" }).click();
      await expect(page).toHaveURL(/\?unanswered=1$/);
      await expect(sort.getByRole("link", { name: "Zonder reactie" })).toHaveAttribute("aria-current", "page");
      await expect(page.getByLabel("Alleen dilemma's zonder reacties")).toBeChecked();
    });
  });
}
