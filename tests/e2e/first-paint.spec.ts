import { demoServer, signedInMember, type DemoServer } from "../../scripts/lib/demo-server";
import { checkA11y, expect, test } from "./fixtures";

// With SCRIPTS_AFTER_FIRST_PAINT=1 a page is shown from its HTML alone (the stylesheet inline,
// decision 048); its scripts are asked for only once that first paint is on the screen, and
// then the page comes alive (decision 051). Off by default until every walk is proven with it,
// so these walks start a server of their own with it on (the demo content, its own data dir).

const port = Number(process.env.E2E_PORT ?? 3101) + 50;
let server: DemoServer;

test.describe.configure({ mode: "serial" });
test.use({ baseURL: `http://localhost:${port}` });

test.beforeAll(async () => {
  process.env.SCRIPTS_AFTER_FIRST_PAINT = "1";
  try {
    server = await demoServer(port);
  } finally {
    delete process.env.SCRIPTS_AFTER_FIRST_PAINT;
  }
});

test.afterAll(() => server?.stop());

test("a page's scripts are fetched after its first paint, and then it comes alive", async ({ page, context }) => {
  const token = await signedInMember(server.dataDir);
  await context.addCookies([{ name: "kk_session", value: token, url: server.url }]);
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

test("without the setting, a page asks for its scripts as React Router writes them", async ({ request }) => {
  // The suite's own server runs with the default.
  const html = await (await request.get(`http://localhost:${process.env.E2E_PORT ?? 3101}/`)).text();
  expect(html).not.toContain("<noscript><link rel=\"modulepreload\"");
  expect(html).toMatch(/<link rel="modulepreload"/);
});
