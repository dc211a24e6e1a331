import { unzipSync, strFromU8 } from "fflate";
import { readFileSync } from "node:fs";
import { checkA11y, expect, test, uniqueEmail } from "./fixtures";
import { createStaff, joinAsMember, logIn } from "./staff";

// A member's AVG rights in the browser (issue 21): downloading the zip and reading it back,
// erasing the account (their reply then shows "voormalig lid"), the privacy statement and the
// admins' processing register. Phone width with JavaScript, laptop width without.

const PASSWORD = "een lange zin als wachtwoord";
const DEMO = "Hoe houd je de eerste inzet van bewoners vast?";

test.describe("with JavaScript, on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("a member downloads their data as one zip with data.json, a readable page, and their post in it", async ({ page }) => {
    const name = "Hanneke Doornbos";
    await joinAsMember(page, { name, email: uniqueEmail("rights-js"), password: PASSWORD });
    await page.goto("/dilemmas");
    await page.getByRole("link", { name: DEMO }).first().click();
    const text = `Wij begonnen met een koffieochtend ${Date.now().toString(36)}.`;
    await page.getByRole("textbox", { name: "Je reactie" }).fill(text);
    await page.getByRole("button", { name: "Plaats reactie" }).click();
    // In the thread (the form's preview may still show it for a moment on a busy machine).
    await expect(page.getByRole("article", { name: `Reactie van ${name}` }).getByText(text)).toBeVisible();

    await page.goto("/account");
    await page.getByRole("link", { name: "Je gegevens" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Je gegevens" })).toBeVisible();
    await checkA11y(page);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download je gegevens (zip)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^kenniskring-.+-\d{4}-\d{2}-\d{2}\.zip$/);
    const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    expect(Object.keys(files).sort()).toEqual(["data.json", "index.html"]);
    const data = JSON.parse(strFromU8(files["data.json"]!));
    expect(data.account.displayName).toBe(name);
    expect(data.replies.map((r: { bodyMd: string }) => r.bodyMd)).toContain(text);
    expect(strFromU8(files["index.html"]!)).toContain(`Gegevens van ${name} in de Kenniskring`);
  });

  test("the privacy statement names the days", async ({ page }) => {
    await page.goto("/privacy");
    await expect(page.getByRole("heading", { level: 1, name: "Privacyverklaring" })).toBeVisible();
    await expect(page.getByText("E-mails die we stuurden: 90 dagen.")).toBeVisible();
    await expect(page.getByText(/^Versie \d{4}-\d{2}-\d{2}$/)).toBeVisible();
    await checkA11y(page);
  });
});

test.describe("in English", () => {
  test.use({ locale: "en-GB" });
  test("the privacy statement in English", async ({ page }) => {
    await page.goto("/privacy");
    await expect(page.getByRole("heading", { level: 1, name: "Privacy statement" })).toBeVisible();
    await expect(page.getByText("Emails we sent: 90 days.")).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Your rights" })).toBeVisible();
  });
});

test.describe("without JavaScript, on a laptop", () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });

  test("a member erases their account: confirmation asked, signed out, their reply shows 'voormalig lid', login refused", async ({ page }) => {
    test.slow(); // three accounts and a dozen pages on a shared machine
    const name = "Joost Brinkerink";
    const account = { name, email: uniqueEmail("rights-nojs"), password: PASSWORD };
    await joinAsMember(page, account);
    await page.goto("/dilemmas");
    await page.getByRole("link", { name: DEMO }).first().click();
    const dilemmaUrl = page.url();
    const text = `Ik nodig mensen persoonlijk uit ${Date.now().toString(36)}.`;
    await page.getByRole("textbox", { name: "Je reactie" }).fill(text);
    await page.getByRole("button", { name: "Plaats reactie" }).click();
    // In the thread (the form's preview may still show it for a moment on a busy machine).
    await expect(page.getByRole("article", { name: `Reactie van ${name}` }).getByText(text)).toBeVisible();

    await page.goto("/account");
    await page.getByRole("link", { name: "Je account verwijderen" }).click();
    await checkA11y(page, { javaScript: false });
    await page.getByRole("button", { name: "Verwijder mijn account" }).click();
    await expect(page.getByText("Zet een vinkje als je zeker weet dat je je account wilt verwijderen.")).toBeVisible();
    await expect(page.getByRole("checkbox", { name: /Ik begrijp dat mijn account weg is/ })).toHaveAttribute("aria-invalid", "true");
    await page.getByRole("checkbox", { name: /Ik begrijp dat mijn account weg is/ }).check();
    await page.getByRole("button", { name: "Verwijder mijn account" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Je account is verwijderd" })).toBeVisible();
    await checkA11y(page, { javaScript: false });

    // Signed out; someone else sees the reply under "voormalig lid", not the name.
    const reader = await createStaff("member", "Lezer Lid");
    await logIn(page, reader);
    await page.goto(dilemmaUrl);
    const reply = page.locator("article", { hasText: text });
    await expect(reply).toContainText("voormalig lid");
    await expect(page.getByText(name)).toHaveCount(0);

    await page.context().clearCookies();
    await page.goto("/login");
    await page.getByLabel("E-mailadres").fill(account.email);
    await page.getByLabel("Wachtwoord").fill(account.password);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await expect(page.getByText(/klopt niet/i)).toBeVisible();
  });

  test("admins read the processing register (members are refused: tests/integration/member-rights.test.ts)", async ({ page }) => {
    const admin = await createStaff("admin", "Beheerder Register");
    await logIn(page, admin);
    await page.goto("/privacy/register");
    await expect(page.getByRole("heading", { level: 1, name: "Verwerkingsregister" })).toBeVisible();
    await expect(page.getByRole("rowheader", { name: /Verstuurde e-mails/ })).toBeVisible();
    await expect(page.getByRole("row", { name: /Verstuurde e-mails/ })).toContainText("90 dagen");
    await checkA11y(page, { javaScript: false });
  });
});
