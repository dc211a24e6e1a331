import { checkA11y, expect, test, waitForHydration } from "./fixtures";
import { createStaff, logIn } from "./staff";

// Search over the demo content (indexed by the seed), with and without JavaScript, and the
// organisers' synonyms and "found nothing" pages. E2E_PORT=3106 npx playwright test tests/e2e/search.spec.ts

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the header's search box, filters with counts in the URL, and a reply's permalink", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("searchbox", { name: "Zoek op de Kenniskring" }).fill("loslaten");
    await page.getByRole("search", { name: "Zoek op de Kenniskring" }).getByRole("button", { name: "Zoeken" }).click();
    await expect(page).toHaveURL(/\/search\?q=loslaten$/);
    await expect(page.getByRole("heading", { level: 1, name: "Zoeken" })).toBeVisible();
    // (Other tests may have added posts about loslaten: counts are read, not assumed.)
    await expect(page.getByRole("heading", { level: 2, name: /^\d+ resultaten$/ })).toBeVisible();
    await expect(page.locator("mark", { hasText: "loslaten" }).first()).toBeVisible();
    await checkA11y(page, { javaScript: false });

    // Each filter value says how many results it leaves; applying it is a plain GET.
    const reports = page.getByLabel(/^Verslagen \(\d+\)$/);
    const label = await reports.evaluate((input) => (input as HTMLInputElement).labels?.[0]?.textContent ?? "");
    const count = Number(/\((\d+)\)/.exec(label)?.[1]);
    expect(count).toBeGreaterThanOrEqual(1);
    await reports.check();
    await page.getByRole("button", { name: "Filters toepassen" }).click();
    await expect(page).toHaveURL(/q=loslaten&kind=report/);
    await expect(page.getByRole("heading", { level: 2, name: count === 1 ? "1 resultaat" : `${count} resultaten` })).toBeVisible();
    await expect(page.getByRole("link", { name: "Wijkontwikkeling vanuit eigen kracht" })).toBeVisible();

    await page.goto("/search?q=successen+vieren");
    const reply = page.getByRole("link", { name: /^Reactie op: Hoe houd je de eerste inzet/ });
    await expect(reply).toHaveAttribute("href", /^\/replies\/\d+$/);
    await reply.click();
    await expect(page).toHaveURL(/\/dilemmas\/\d+\/hoe-houd-je-de-eerste-inzet-van-bewoners-vast#reply-\d+$/);
  });

  test("a typo shows the corrected results at once, 'Bedoelde je' as typed, and a search that finds nothing", async ({ page }) => {
    await page.goto("/search?q=enthousaist");
    await expect(page.locator(".search-suggestion")).toHaveText("Resultaten voor enthousiast. Toch zoeken naar enthousaist?");
    await expect(page.getByRole("heading", { level: 2, name: "1 resultaat" })).toBeVisible();
    await checkA11y(page, { javaScript: false });
    await page.getByRole("link", { name: "enthousaist" }).click();
    await expect(page).toHaveURL(/\/search\?q=enthousaist&exact=1$/);
    await page.getByRole("link", { name: "enthousiast" }).click();
    await expect(page).toHaveURL(/\/search\?q=enthousiast&exact=1$/);
    await expect(page.getByRole("heading", { level: 2, name: "1 resultaat" })).toBeVisible();

    await page.goto("/search?q=kerstpakketten");
    await expect(page.getByText("Niets gevonden voor ‘kerstpakketten’.")).toBeVisible();
    await checkA11y(page, { javaScript: false });
  });
});

test("results appear while typing, and the form still leads to the full page", async ({ page }) => {
  await page.goto("/dilemmas");
  await waitForHydration(page); // the results while typing are the scripts'
  const box = page.getByRole("searchbox", { name: "Zoek op de Kenniskring" });
  await box.pressSequentially("eigen krac", { delay: 30 });
  // The list reads the unfinished word as a prefix; the count is the search page's for the
  // words as typed, which find nothing yet.
  await expect(page.getByRole("status").filter({ hasText: "Nog niets voor precies deze woorden" })).toBeVisible();
  const live = page.getByRole("list", { name: "Resultaten terwijl je typt" });
  await expect(live.getByRole("link", { name: "Hoe krijg je werken vanuit eigen kracht in je vingers?" })).toBeVisible();
  await box.pressSequentially("ht", { delay: 30 });
  const status = page.getByRole("status").filter({ hasText: /resultaten? gevonden/ });
  await expect(status).toBeVisible();
  const count = /\d+/.exec((await status.textContent()) ?? "")![0];
  await checkA11y(page);
  await box.press("Escape");
  await expect(live).toBeHidden();
  await box.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=eigen\+kracht$/);
  await expect(page.getByRole("heading", { level: 1, name: "Zoeken" })).toBeVisible();
  // The page counts what the live list said it would.
  await expect(page.getByRole("heading", { name: new RegExp(`^${count} resultaten?$`) })).toBeVisible();

  await page.getByRole("searchbox", { name: "Zoekwoorden" }).fill("");
  await page.getByRole("searchbox", { name: "Zoekwoorden" }).pressSequentially("bewoners vas", { delay: 30 });
  await expect(
    page.getByRole("list", { name: "Resultaten terwijl je typt" }).getByRole("link", { name: "Hoe houd je de eerste inzet van bewoners vast?" }),
  ).toBeVisible();
  await page.getByRole("link", { name: "Alle resultaten bekijken" }).click();
  await expect(page).toHaveURL(/\/search\?q=bewoners\+vas$/);
  await checkA11y(page);
});

test("organisers add synonyms and see what was searched without a result", async ({ page }) => {
  const organiser = await createStaff("organiser", "Zoek Organisator");
  await page.goto("/search?q=klankbordgroep");
  await expect(page.getByText("Niets gevonden voor ‘klankbordgroep’.")).toBeVisible();

  await logIn(page, organiser);
  await page.goto("/search/misses");
  await expect(page.getByRole("heading", { level: 1, name: "Zoekopdrachten zonder resultaat" })).toBeVisible();
  await expect(page.getByRole("row", { name: /klankbordgroep/ })).toBeVisible();
  await checkA11y(page);

  await page.getByRole("link", { name: "Synoniemen beheren" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Synoniemen voor zoeken" })).toBeVisible();
  await checkA11y(page);
  await page.getByLabel("Woorden met dezelfde betekenis").fill("klankbordgroep, intervisie");
  await page.getByLabel("Hoort bij competentie").selectOption({ label: "Coachen en stimuleren op maat" });
  await page.getByRole("button", { name: "Groep toevoegen" }).click();
  await expect(page.getByRole("status")).toHaveText("De groep is toegevoegd.");
  await expect(page.getByText("klankbordgroep, intervisie")).toBeVisible();
  await expect(page.getByText("Bij Coachen en stimuleren op maat")).toBeVisible();

  await page.goto("/search?q=klankbordgroep");
  await expect(page.getByRole("link", { name: "Hoe krijg je werken vanuit eigen kracht in je vingers?" })).toBeVisible();
  await expect(page.locator("mark", { hasText: "intervisie" })).toBeVisible();
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 800 } });

  test("a link above the filters leads straight to the results", async ({ page }) => {
    await page.goto("/search?q=loslaten");
    const skip = page.getByRole("link", { name: /^Naar de \d+ resultaten$/ });
    await skip.click();
    await expect(page.getByRole("heading", { level: 2, name: /^\d+ resultaten$/ })).toBeFocused();
    await expect(page.getByRole("heading", { level: 2, name: /^\d+ resultaten$/ })).toBeInViewport();
    await checkA11y(page);
  });
});

test("on a wide screen the filters stand beside the results, without that link", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/search?q=loslaten");
  await expect(page.getByRole("link", { name: /^Naar de \d+ resultaten$/ })).toBeHidden();
});
