import type { Page } from "@playwright/test";
import pg from "pg";
import { photoJpeg, photoPng, pngBomb } from "../support/images";
import { checkA11y, expect, markDocument, sameDocument, test, waitForHydration } from "./fixtures";
import { createStaff, e2eDatabaseUrl, logIn, type StaffAccount } from "./staff";

// Members find each other: the directory (with JavaScript it follows the typing; without, the
// form's button), profiles behind every author name, avatars, and a member's own photo. On a
// phone (375 px) and a laptop (1280 px). The demo circle's members are there from the seed.

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

async function member(page: Page, name: string): Promise<StaffAccount> {
  const account = await createStaff("member", name);
  await logIn(page, account);
  return account;
}

async function sql<R extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    return (await client.query<R>(text, params)).rows;
  } finally {
    await client.end();
  }
}

const mainMenu = (page: Page) => page.getByRole("navigation", { name: "Hoofdmenu" });

/** On a phone the main menu is a closed `<details>`: open it as a member would, then follow `name`. */
async function followMenuLink(page: Page, name: string) {
  const button = page.locator(".site-menu__button");
  if ((await button.isVisible()) && (await page.locator(".site-menu[open]").count()) === 0) await button.click();
  await mainMenu(page).getByRole("link", { name }).click();
}
const cardNames = (page: Page) => page.locator(".member-list").getByRole("heading", { level: 3 });

for (const width of [375, 1280]) {
  test.describe(`with JavaScript, ${width} px wide`, () => {
    test.use({ viewport: { width, height: 900 } });

    test("a member finds colleagues as they type, by competence, and opens a profile", async ({ page }) => {
      await member(page, `Dirk Directory ${unique()}`);
      await followMenuLink(page, "Leden");
      await expect(page).toHaveURL(/\/members$/);
      await expect(page.getByRole("heading", { level: 1, name: "Leden" })).toBeVisible();
      // Other specs add members, so which names fill the first page depends on the run.
      await expect(cardNames(page).first()).toBeVisible();
      // Nobody's e-mail address, anywhere on the page.
      expect(await page.content()).not.toMatch(/@voorbeeld\.nl|@bench\.invalid/);
      await checkA11y(page);

      // Typing filters the list without loading another page; the number found is announced.
      await markDocument(page);
      await page.getByLabel("Naam of organisatie").pressSequentially("VRIJWILLIGERSWERK demostad", { delay: 15 });
      await expect(page).toHaveURL(/[?&]q=VRIJWILLIGERSWERK\+demostad/);
      await expect(cardNames(page)).toHaveText(["Sociaal makelaar (demo)"]);
      await expect(page.getByRole("status").filter({ hasText: "gevonden" })).toHaveText("1 lid gevonden");
      expect(await sameDocument(page)).toBe(true);

      // A competence on a card: who else knows about it.
      await page.locator(".member-list").getByRole("link", { name: "Coachen en stimuleren op maat" }).click();
      await expect(page).toHaveURL(/\/members\?competence=coachen-en-stimuleren$/);
      await expect(cardNames(page).filter({ hasText: "Wijkcoach (demo)" })).toBeVisible();
      await expect(cardNames(page).filter({ hasText: "Sociaal makelaar (demo)" })).toBeVisible();
      await expect(page.getByLabel("Naam of organisatie")).toHaveValue("");
      await expect(page.getByRole("combobox", { name: "Deskundig in" })).toHaveValue("coachen-en-stimuleren");
      await checkA11y(page);

      // The competence choice filters at once.
      await page.getByRole("combobox", { name: "Deskundig in" }).selectOption("loslaten");
      await expect(page).toHaveURL(/competence=loslaten/);
      await expect(cardNames(page).filter({ hasText: "Opbouwwerker (demo)" })).toBeVisible();
      await expect(cardNames(page).filter({ hasText: "Wijkcoach (demo)" })).toHaveCount(0);

      await page.getByRole("link", { name: "Alle leden tonen" }).click();
      await expect(page).toHaveURL(/\/members$/);
      await expect(page.getByRole("combobox", { name: "Deskundig in" })).toHaveValue("");
      await page.getByLabel("Naam of organisatie").pressSequentially("opbouwwerker", { delay: 15 });
      await expect(cardNames(page)).toHaveText(["Opbouwwerker (demo)"]);
      await page.locator(".member-list").getByRole("link", { name: "Opbouwwerker (demo)", exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Opbouwwerker (demo)" })).toBeVisible();
      await expect(page.getByRole("link", { name: "Vertrouwen in bewoners" })).toBeVisible();
      expect(await sameDocument(page)).toBe(true);
      await checkA11y(page);
    });

    test("authors link to their profiles for members; visitors see names only; an erased member is 'voormalig lid'", async ({ page, browser }) => {
      const name = `Erik Erased ${unique()}`;
      const text = `Een reactie van ${name}, die straks zijn account laat verwijderen.`;
      const account = await member(page, name);
      await page.goto("/dilemmas");
      await page.getByRole("link", { name: "Hoe houd je de eerste inzet van bewoners vast?" }).click();
      await page.getByRole("textbox", { name: "Je reactie" }).fill(text);
      await page.getByRole("button", { name: "Plaats reactie" }).click();
      await expect(page).toHaveURL(/#reply-\d+$/);
      // In the thread (the form's live preview may still show it for a moment, then empties).
      await expect(page.getByRole("article").getByText(text)).toBeVisible();
      const dilemmaUrl = page.url().replace(/#.*$/, "");

      // A member: the asker's and every replier's name is a link to their profile, named by
      // the name alone (the avatar beside it is hidden from screen readers).
      const asker = page.locator(".meta").getByRole("link", { name: "Sociaal makelaar (demo)", exact: true }).first();
      await expect(asker).toHaveAttribute("href", "/members/makelaar");
      await expect(asker.locator(".avatar")).toHaveAttribute("aria-hidden", "true");
      await expect(asker.locator(".avatar")).toHaveAttribute("data-initials", "SM");
      await expect(asker).toHaveText("Sociaal makelaar (demo)"); // the initials are drawn, not text
      await expect(page.getByRole("link", { name, exact: true })).toHaveAttribute("href", /^\/members\/erik-erased/);
      await checkA11y(page);

      // A visitor: the same names, not linked (the profiles are for members).
      const visitor = await browser.newContext({ viewport: { width, height: 900 } });
      const visitorPage = await visitor.newPage();
      await visitorPage.goto(dilemmaUrl);
      await expect(visitorPage.getByText(name, { exact: true })).toBeVisible();
      await expect(visitorPage.getByRole("link", { name, exact: true })).toHaveCount(0);
      await expect(visitorPage.getByRole("link", { name: "Sociaal makelaar (demo)" })).toHaveCount(0);
      await expect(mainMenu(visitorPage).getByRole("link", { name: "Leden" })).toHaveCount(0);
      await visitor.close();

      // The member erases their account (as issue 21's erasure will): "voormalig lid", no
      // link, no initials; not in the directory either.
      const [me] = await sql<{ handle: string }>(
        `UPDATE "User" SET "erasedAt" = now(), "displayName" = '', email = NULL, organisation = NULL WHERE email = $1 RETURNING handle`,
        [account.email],
      );
      const reader = await browser.newContext({ viewport: { width, height: 900 } });
      const readerPage = await reader.newPage();
      await member(readerPage, `Rita Reader ${unique()}`);
      await readerPage.goto(dilemmaUrl);
      const former = readerPage.getByRole("article").filter({ hasText: text }).locator(".author");
      await expect(former).toHaveText("voormalig lid");
      await expect(former.getByRole("link")).toHaveCount(0);
      await expect(former.locator(".avatar--former")).not.toHaveAttribute("data-initials");
      await readerPage.goto(`/members/${me!.handle}`);
      await expect(readerPage.getByRole("heading", { level: 1, name: "Pagina niet gevonden" })).toBeVisible();
      await readerPage.goto(`/members?q=${encodeURIComponent(name)}`);
      await expect(readerPage.getByText("Geen leden gevonden.")).toBeVisible();
      await reader.close();
    });
  });

  test.describe(`without JavaScript, ${width} px wide`, () => {
    test.use({ viewport: { width, height: 900 }, javaScriptEnabled: false });

    test("a visitor is asked to log in and comes back; the directory's form filters and pages by itself", async ({ page }) => {
      const account = await createStaff("member", `Nina Noscript ${unique()}`);
      await page.goto("/members?competence=loslaten");
      await expect(page).toHaveURL(/\/login\?redirectTo=%2Fmembers%3Fcompetence%3Dloslaten$/);
      await page.getByLabel("E-mailadres").fill(account.email);
      await page.getByLabel("Wachtwoord").fill(account.password);
      await page.getByRole("button", { name: "Inloggen" }).click();
      await expect(page).toHaveURL(/\/members\?competence=loslaten$/);
      await expect(cardNames(page).filter({ hasText: "Opbouwwerker (demo)" })).toBeVisible();
      await checkA11y(page, { javaScript: false });

      await page.getByRole("combobox", { name: "Deskundig in" }).selectOption("");
      await page.getByLabel("Naam of organisatie").fill("  makelaar ");
      await page.getByRole("button", { name: "Zoeken", exact: true }).and(page.locator(".member-filter button")).click();
      await expect(page).toHaveURL(/\/members\?q=\+\+makelaar\+&competence=$/);
      await expect(page.getByLabel("Naam of organisatie")).toHaveValue("makelaar");
      await expect(cardNames(page)).toHaveText(["Sociaal makelaar (demo)"]);
      await expect(page.getByText("1 lid gevonden")).toBeVisible();

      await page.getByLabel("Naam of organisatie").fill("bestaat-zeker-niet");
      await page.locator(".member-filter button").click();
      await expect(page.getByText("Geen leden gevonden.")).toBeVisible();
      await checkA11y(page, { javaScript: false });
      await page.getByRole("link", { name: "toon alle leden" }).click();
      await expect(page).toHaveURL(/\/members$/);

      // Organisers only.
      await page.getByLabel("Alleen organisatoren en beheerders").check();
      await page.locator(".member-filter button").click();
      await expect(cardNames(page).filter({ hasText: "Organisator Kenniskring (demo)" })).toBeVisible();
      await expect(cardNames(page).filter({ hasText: "Opbouwwerker (demo)" })).toHaveCount(0);

      // A page past the end says so and leads back.
      await page.goto("/members?page=400");
      await expect(page.getByText("Op deze pagina staan geen leden.")).toBeVisible();
      await page.getByRole("link", { name: "Ga naar de eerste pagina" }).click();
      await expect(cardNames(page).first()).toBeVisible();
    });
  });
}

test.describe("a member's photo, without JavaScript (375 px)", () => {
  test.use({ viewport: { width: 375, height: 900 }, javaScriptEnabled: false });

  test("refuses a file that is no photo beside the field; keeps a photo without its metadata; removes it", async ({ page, browser }) => {
    const name = `Paula Pasfoto (${unique()})`;
    await member(page, name);
    await page.goto("/account/profile");
    const photo = page.getByRole("region", { name: "Je foto" });
    await expect(photo.getByText("Je hebt nog geen foto.")).toBeVisible();
    await expect(photo.locator(".avatar")).toHaveAttribute("data-initials", "PP");

    // A text file that calls itself a JPEG.
    await photo.getByLabel("Kies een foto").setInputFiles({ name: "foto.jpg", mimeType: "image/jpeg", buffer: Buffer.from("geen foto") });
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      photo.getByRole("button", { name: "Foto opslaan" }).click(),
    ]);
    expect(refused.status()).toBe(415);
    await expect(photo.getByText("Dit bestand is geen foto. Kies een JPG-, PNG- of WebP-bestand.")).toBeVisible();
    await expect(photo.getByLabel("Kies een foto")).toHaveAttribute("aria-invalid", "true");
    await checkA11y(page, { javaScript: false });

    // A real photo, with GPS and the photographer's name in it.
    await photo.getByLabel("Kies een foto").setInputFiles({ name: "IMG_2041.JPG", mimeType: "image/jpeg", buffer: await photoJpeg() });
    await photo.getByRole("button", { name: "Foto opslaan" }).click();
    await expect(page).toHaveURL(/\/account\/profile\?done=photo-saved#photo$/);
    await expect(page.getByText("Je foto is opgeslagen.")).toBeVisible();
    const img = page.getByRole("region", { name: "Je foto" }).locator("img.avatar");
    await expect(img).toHaveAttribute("alt", "");
    const src = (await img.getAttribute("src"))!;
    expect(src).toMatch(/^\/members\/paula-pasfoto[\w-]*\/photo\/\d+$/);
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(256);
    await checkA11y(page, { javaScript: false });

    const response = await page.request.get(src);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("image/webp");
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    expect(response.headers()["cross-origin-resource-policy"]).toBe("same-origin");
    expect(response.headers()["cache-control"]).toBe("private, max-age=31536000, immutable");
    const body = await response.body();
    for (const secret of ["Fatima de Vries", "Testtoestel", "Exif"]) expect(body.includes(secret)).toBe(false);

    // In the directory, the photo instead of the initials.
    await page.goto(`/members?q=${encodeURIComponent(name)}`);
    await expect(page.locator(".member-card img.avatar")).toHaveAttribute("src", src);

    // A visitor gets neither the photo nor the profile.
    const visitor = await browser.newContext();
    expect((await visitor.request.get(src)).status()).toBe(403);
    await visitor.close();

    await page.goto("/account/profile");
    await page.getByRole("button", { name: "Foto verwijderen" }).click();
    await expect(page.getByText("Je foto is verwijderd.")).toBeVisible();
    await expect(page.getByRole("region", { name: "Je foto" }).locator(".avatar")).toHaveAttribute("data-initials", "PP");
    expect((await page.request.get(src)).status()).toBe(404);
  });
});

test.describe("a member's photo, with JavaScript (1280 px)", () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test("too large is said before sending; a decompression bomb is refused; a photo is kept without a page load", async ({ page }) => {
    await member(page, `Bram Bestand ${unique()}`);
    await page.goto("/account/profile");
    await waitForHydration(page); // the size and pixel checks before sending are the scripts'
    const photo = page.getByRole("region", { name: "Je foto" });

    const posts: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST") posts.push(r.url());
    });
    await photo.getByLabel("Kies een foto").setInputFiles({ name: "groot.jpg", mimeType: "image/jpeg", buffer: Buffer.alloc(11 * 1024 * 1024, 1) });
    await photo.getByRole("button", { name: "Foto opslaan" }).click();
    await expect(photo.getByText("Deze foto is groter dan 10 MB.")).toBeVisible();
    expect(posts).toEqual([]);

    await photo.getByLabel("Kies een foto").setInputFiles({ name: "bom.png", mimeType: "image/png", buffer: pngBomb(30_000, 30_000) });
    await photo.getByRole("button", { name: "Foto opslaan" }).click();
    await expect(photo.getByText("Deze afbeelding heeft te veel pixels.")).toBeVisible();
    await checkA11y(page);

    await markDocument(page);
    await photo.getByLabel("Kies een foto").setInputFiles({ name: "portret.png", mimeType: "image/png", buffer: await photoPng() });
    await photo.getByRole("button", { name: "Foto opslaan" }).click();
    await expect(page.getByText("Je foto is opgeslagen.")).toBeVisible();
    await expect(photo.locator("img.avatar")).toBeVisible();
    await expect(photo.getByText("Deze afbeelding heeft te veel pixels.")).toHaveCount(0);
    expect(await sameDocument(page)).toBe(true);
    await checkA11y(page);
  });
});
