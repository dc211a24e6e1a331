import { checkA11y, expect, test, uniqueEmail } from "./fixtures";
import { joinAsMember } from "./staff";

// A page is shown from its HTML alone (the stylesheet inline, decision 048); its scripts are
// asked for only once that first paint is on the screen, and then the page comes alive
// (decision 051). Before, the browser fetched them beside the HTML, and a busy phone painted
// the page only after they had arrived.

test("a page's scripts are fetched after its first paint, and then it comes alive", async ({ page }) => {
  await joinAsMember(page, { name: "Eerst Zien", email: uniqueEmail("first-paint"), password: "een lang wachtwoord voor de eerste verf" });
  await page.goto("/dilemmas");
  const thread = (await page.locator(".dilemma-list__title a").first().getAttribute("href"))!;
  await page.goto(thread);
  // Alive: the reply form's toolbar comes with hydration.
  await expect(page.getByRole("toolbar", { name: "Opmaak" }).last()).toBeVisible();
  const timing = await page.evaluate(() => ({
    paint: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
    scripts: performance
      .getEntriesByType("resource")
      .filter((entry) => /\/assets\/[^/]+\.js$/.test(new URL(entry.name).pathname))
      .map((entry) => entry.startTime),
  }));
  expect(timing.paint, "the browser reports the first paint").not.toBeNull();
  expect(timing.scripts.length, "the page's scripts were fetched").toBeGreaterThan(1);
  expect(Math.min(...timing.scripts), "no script was asked for before the first paint").toBeGreaterThanOrEqual(timing.paint!);
  await checkA11y(page);
});

test("the served page asks for no script while it is read: React Router's scripts wait in <noscript>", async ({ request }) => {
  const html = await (await request.get("/")).text();
  const outsideNoscript = html.replace(/<noscript>[\s\S]*?<\/noscript>/g, "");
  expect(outsideNoscript).not.toMatch(/<link[^>]+rel="modulepreload"/);
  expect(outsideNoscript).not.toMatch(/<script[^>]+type="module"/);
  expect(outsideNoscript).not.toMatch(/<script[^>]+\bsrc=/);
  expect(html).toMatch(/<noscript><link rel="modulepreload"/);
});
