import { demoServer, type DemoServer } from "../../scripts/lib/demo-server";
import { checkA11y, expect, test, uniqueEmail, waitForHydration } from "./fixtures";
import { joinAsMember } from "./staff";

// A page is shown from its HTML alone (the stylesheet inline, decision 048); its scripts are
// asked for only once that first paint is on the screen, and then the page comes alive
// (decision 051). That is the default, so the suite's own server shows it; the last walks start
// a server of their own with SCRIPTS_AFTER_FIRST_PAINT=0, React Router's own <Scripts>.

const suiteURL = `http://localhost:${process.env.E2E_PORT ?? 3101}`;
const offPort = Number(process.env.E2E_PORT ?? 3101) + 50;

test.describe("by default", () => {
  test.skip(process.env.SCRIPTS_AFTER_FIRST_PAINT === "0", "the suite's server runs with the setting off");

  test("a page's scripts are fetched after its first paint, and then it comes alive", async ({ page }) => {
    await joinAsMember(page, { name: "Eerste Verf", email: uniqueEmail("first-paint"), password: "een lange zin als wachtwoord" });
    await page.goto("/dilemmas");
    const thread = (await page.locator(".dilemma-list__title a").first().getAttribute("href"))!;
    await page.goto(thread);
    // Alive: hydrated, and the reply form's toolbar comes with hydration.
    await waitForHydration(page);
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
    const html = await (await request.get(`${suiteURL}/`)).text();
    const outsideNoscript = html.replace(/<noscript>[\s\S]*?<\/noscript>/g, "");
    expect(outsideNoscript).not.toMatch(/<link[^>]+rel="modulepreload"/);
    expect(outsideNoscript).not.toMatch(/<script[^>]+type="module"/);
    expect(outsideNoscript).not.toMatch(/<script[^>]+\bsrc=/);
    expect(html).toMatch(/<noscript><link rel="modulepreload"/);
  });
});

test.describe("with SCRIPTS_AFTER_FIRST_PAINT=0", () => {
  test.describe.configure({ mode: "serial" });
  test.use({ baseURL: `http://localhost:${offPort}` });
  let server: DemoServer;

  test.beforeAll(async () => {
    const before = process.env.SCRIPTS_AFTER_FIRST_PAINT;
    process.env.SCRIPTS_AFTER_FIRST_PAINT = "0";
    try {
      server = await demoServer(offPort);
    } finally {
      if (before === undefined) delete process.env.SCRIPTS_AFTER_FIRST_PAINT;
      else process.env.SCRIPTS_AFTER_FIRST_PAINT = before;
    }
  });

  test.afterAll(() => server?.stop());

  test("a page asks for its scripts as React Router writes them, and comes alive", async ({ page, request }) => {
    const html = await (await request.get("/")).text();
    expect(html).not.toContain("<noscript><link rel=\"modulepreload\"");
    expect(html).toMatch(/<link rel="modulepreload"/);
    await page.goto("/dilemmas");
    await waitForHydration(page);
    await checkA11y(page);
  });
});
