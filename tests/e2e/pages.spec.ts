import { checkA11y, expect, test, uniqueEmail, waitForHydration } from "./fixtures";
import { joinAsMember } from "./staff";

test("the home page shows the latest report in short; the demo meeting's report lists its five dilemmas", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welkom bij de Kenniskring");
  // The newest published report: the demo's, or one another test published meanwhile.
  const report = page.getByRole("region", { name: "Laatste verslag" });
  await expect(report.getByText(/^Gehouden op \d{1,2} \p{L}+ \d{4}/u)).toBeVisible();
  await expect(report.getByRole("link").first()).toBeVisible();
  await checkA11y(page);
  await page.goto("/meetings");
  await page.getByRole("link", { name: "Wijkontwikkeling vanuit eigen kracht" }).first().click();
  // The five dilemmas raised at that meeting are listed in its report (other tests may add more).
  for (const title of [
    "Hoe houd je de eerste inzet van bewoners vast?",
    "Wat doe je als een wijk zich de verkeerde kant op ontwikkelt?",
    "Hoe breng je in één gesprek in kaart wat een bewoner kan en wil?",
    "Hoe voorkom je dat talent van bewoners blijft hangen in de eigen wijk?",
    "Hoe krijg je werken vanuit eigen kracht in je vingers?",
  ]) {
    await expect(page.getByRole("link", { name: title }).first()).toBeVisible();
  }
});

for (const [path, heading] of [
  ["/privacy", "Privacyverklaring"],
  ["/toegankelijkheid", "Toegankelijkheidsverklaring"],
  ["/login", "Inloggen"],
] as const) {
  test(`${path} is reachable and accessible`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    await checkA11y(page);
  });
}

test("an unknown address answers 404 with the site's own page", async ({ page }) => {
  const response = await page.goto("/bestaat-niet");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pagina niet gevonden");
  await checkA11y(page);
});

test.describe("in English", () => {
  test.use({ locale: "en-GB" });
  test("Accept-Language picks English; the footer form switches to Dutch", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome to the Kenniskring");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await checkA11y(page);
    await page.getByLabel("Language").selectOption("nl");
    await page.getByRole("button", { name: "Change language" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welkom bij de Kenniskring");
    await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  });
});

test("a member's saved language applies at once after logging in, without a page load", async ({ page }) => {
  const account = { name: "Taal Kiezer", email: uniqueEmail("taal"), password: "een lang wachtwoord voor de taal" };
  await joinAsMember(page, account);
  await page.getByLabel("Taal").selectOption("en");
  await page.getByRole("button", { name: "Wijzig taal" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  // Logged out and no language cookie: the browser's Dutch again, until the account speaks.
  await page.context().clearCookies();
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await waitForHydration(page); // logging in without a page load is the scripts'
  await page.getByLabel("E-mailadres").fill(account.email);
  await page.getByLabel("Wachtwoord").fill(account.password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("link", { name: "My account" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("navigation", { name: "Main menu" }).getByRole("link", { name: "Dilemmas" })).toBeVisible();
});

test("the skip link moves focus to the content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Naar de inhoud" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});

test.describe("on a 320 px wide screen", () => {
  test.use({ viewport: { width: 320, height: 640 } });
  for (const path of ["/", "/signup", "/privacy"]) {
    test(`${path} needs no horizontal scrolling`, async ({ page }) => {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await checkA11y(page);
    });
  }
});

test("the browser knows every page's code from the start: browsing never waits for /__manifest", async ({ page }) => {
  const manifestRequests: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.startsWith("/__manifest")) manifestRequests.push(request.url());
  });
  await page.goto("/");
  await waitForHydration(page); // the router follows the links from then on
  await page.waitForLoadState("networkidle"); // when React Router would ask
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Dilemma's" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dilemma's");
  const first = page.locator(".dilemma-list__title a").first();
  const title = (await first.textContent())!;
  await first.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await page.waitForLoadState("networkidle");
  expect(manifestRequests).toEqual([]);
});
