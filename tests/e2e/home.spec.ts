import type { Browser, Page } from "@playwright/test";
import { checkA11y, expect, test, uniqueEmail } from "./fixtures";
import { joinAsMember } from "./staff";

// The home page answers "what is new for me" (issue 22), the phone header folds its menu
// behind a button that works without JavaScript, and the dilemma list shows dilemmas before
// its filters on a phone. Checked on a phone and a laptop, with and without JavaScript.

const PHONE = { width: 375, height: 667 };
const LAPTOP = { width: 1280, height: 800 };
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** The first dilemma of the page lies entirely inside the first screen. */
async function expectFirstDilemmaOnFirstScreen(page: Page, height: number) {
  const box = await page.locator(".dilemma-list__title").first().boundingBox();
  expect(box, "a dilemma on the page").not.toBeNull();
  expect(box!.y + box!.height).toBeLessThanOrEqual(height);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`${javaScriptEnabled ? "with" : "without"} JavaScript`, () => {
    test.use({ javaScriptEnabled });

    test.describe("on a phone", () => {
      test.use({ viewport: PHONE });

      test("the header is low, its menu opens from a button, the first dilemma is on the first screen", async ({ page }) => {
        await page.goto("/");
        await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welkom bij de Kenniskring");
        const header = await page.locator(".site-header").boundingBox();
        expect(header!.height).toBeLessThanOrEqual(100);
        await expectFirstDilemmaOnFirstScreen(page, PHONE.height);
        // The search box is whole, not cut off.
        const search = page.getByRole("searchbox", { name: "Zoek op de Kenniskring" });
        await expect(search).toBeVisible();
        expect((await search.boundingBox())!.width).toBeGreaterThan(200);

        const menu = page.getByRole("navigation", { name: "Hoofdmenu" });
        await expect(menu.getByRole("link", { name: "Bijeenkomsten" })).toBeHidden();
        await page.locator(".site-menu__button").click();
        await expect(menu.getByRole("link", { name: "Bijeenkomsten" })).toBeVisible();
        await checkA11y(page, { javaScript: javaScriptEnabled });
        await menu.getByRole("link", { name: "Bijeenkomsten" }).click();
        await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bijeenkomsten");
      });

      test("the list shows dilemmas first; the filters follow, folded, and the link at the top opens them", async ({ page }) => {
        await page.goto("/dilemmas");
        await expectFirstDilemmaOnFirstScreen(page, PHONE.height);
        const loslaten = page.getByRole("group", { name: "Competenties" }).getByLabel("Loslaten");
        await expect(loslaten).toBeHidden();
        await page.locator(".list-filters__jump").click();
        await expect(loslaten).toBeVisible();
        await loslaten.check();
        await page.getByRole("button", { name: /Filters? toepassen/ }).click();
        await expect(page).toHaveURL(/competence=loslaten/);
        // Filtered: the filters say so at the top, and stay open where they are.
        await expect(page.locator(".list-filters__jump")).toHaveText("Filters aanpassen");
        await expect(page.getByRole("group", { name: "Competenties" }).getByLabel("Loslaten")).toBeChecked();
        await checkA11y(page, { javaScript: javaScriptEnabled });
      });
    });

    test.describe("on a laptop", () => {
      test.use({ viewport: LAPTOP });

      test("a visitor sees the newest dilemmas, the next meeting and the last report in short", async ({ page }) => {
        await page.goto("/");
        await expectFirstDilemmaOnFirstScreen(page, LAPTOP.height);
        await expect(page.locator(".site-menu__button")).toBeHidden();
        await expect(page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Bijeenkomsten" })).toBeVisible();
        await expect(page.getByRole("heading", { name: "Nieuwste dilemma's" })).toBeVisible();
        // The newest published report: the demo's, or one another test published meanwhile.
        const report = page.getByRole("region", { name: "Laatste verslag" });
        await expect(report.getByRole("link").first()).toBeVisible();
        await expect(report.getByText(/^Gehouden op \d{1,2} \p{L}+ \d{4}/u)).toBeVisible();
        // A few lines, not the whole report.
        expect((await report.boundingBox())!.height).toBeLessThan(400);
        await expect(page.getByRole("region", { name: "Volgende bijeenkomst" })).toBeVisible();
        await checkA11y(page, { javaScript: javaScriptEnabled });
      });
    });
  });
}

test.describe("in English", () => {
  test.use({ locale: "en-GB", viewport: PHONE });
  test("the home page and its menu speak English", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome to the Kenniskring");
    await expect(page.getByRole("heading", { name: "Newest dilemmas" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Latest report" })).toBeVisible();
    await page.getByText("Menu", { exact: true }).click();
    await expect(page.getByRole("navigation", { name: "Main menu" }).getByRole("link", { name: "Meetings" })).toBeVisible();
    await checkA11y(page);
  });
});

async function memberPage(browser: Browser, name: string): Promise<Page> {
  const context = await browser.newContext({ viewport: LAPTOP, locale: "nl-NL", timezoneId: "Europe/Amsterdam" });
  const page = await context.newPage();
  await joinAsMember(page, { name, email: uniqueEmail("home"), password: "een lang wachtwoord voor thuis" });
  return page;
}

test("a member sees what is new since their last visit, and no longer once they opened it", async ({ browser }) => {
  const reader = await memberPage(browser, "Rob Lezer");
  await reader.goto("/");
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText("Welkom, Rob Lezer");
  // Joined just now: the demo dilemmas are older, so nothing is new yet.
  await expect(reader.getByText("Niets nieuws sinds je vorige bezoek.")).toBeVisible();
  await expect(reader.getByRole("region", { name: "Jouw competenties" }).getByRole("link", { name: "Kies ze in je profiel" })).toBeVisible();

  // A colleague asks a dilemma.
  const asker = await memberPage(browser, "Ans Vrager");
  const title = `Wie helpt er mee met de buurtmoestuin ${unique()}?`;
  await asker.goto("/dilemmas/new");
  await asker.getByLabel("Titel").fill(title);
  await asker.getByRole("textbox", { name: "Je dilemma" }).fill("**Situatie:** de moestuin loopt leeg. **Mijn vraag:** hoe vind ik nieuwe mensen?");
  await asker.getByRole("group", { name: "Competenties" }).getByLabel("Loslaten").check();
  await asker.getByRole("button", { name: "Dilemma plaatsen" }).click();
  await expect(asker.getByRole("heading", { level: 1, name: title })).toBeVisible();

  await reader.goto("/");
  const fresh = reader.getByRole("region", { name: "Nieuw voor jou" });
  const item = fresh.locator(".dilemma-list__item").filter({ hasText: title });
  await expect(item.getByText("Nieuw", { exact: true })).toBeVisible();
  // The row names the asker (linked to the profile) and says how long ago, the exact time kept.
  await expect(item.getByRole("link", { name: "Ans Vrager" })).toHaveAttribute("href", /^\/members\//);
  const time = item.locator("time");
  await expect(time).toContainText(/laatste activiteit (nu|\d+ minuten? geleden)/);
  await expect(time).toHaveAttribute("title", /\d{4} om \d{2}:\d{2}/);
  await checkA11y(reader);

  // Opened, it is not new any more; nobody answered it yet, so it is listed there.
  await item.getByRole("link", { name: title }).click();
  await expect(reader.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await reader.goto("/");
  await expect(reader.getByRole("region", { name: "Nieuw voor jou" }).getByText(title)).toHaveCount(0);
  await expect(reader.getByRole("region", { name: "Nog zonder reactie" }).getByRole("link", { name: title })).toBeVisible();
  await reader.context().close();
  await asker.context().close();
});
