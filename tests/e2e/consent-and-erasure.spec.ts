import pg from "pg";
import { checkA11y, expect, test, uniqueEmail } from "./fixtures";
import { createStaff, e2eDatabaseUrl, joinAsMember, logIn } from "./staff";

// Consent to the privacy statement by version, and an admin erasing an account on request
// (issue 21, decision 026), in the browser. A member whose acceptance is of an older version
// (as after the statement changed) sees a banner, is refused writing with the reason and a
// link, reads on, accepts, and writes again. An admin erases a member who asked: reason
// required, the member cannot log in, their reply shows "voormalig lid", the log shows why.

const PASSWORD = "een lange zin als wachtwoord";
const DEMO = "Hoe houd je de eerste inzet van bewoners vast?";

async function sql(text: string, values: unknown[]) {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** As after the statement changed: their acceptance is of the previous version. */
async function acceptedOlderVersion(email: string) {
  await sql(`UPDATE "ConsentRecord" SET version = '2026-12-06' WHERE "userId" = (SELECT id FROM "User" WHERE email = $1)`, [email]);
}

async function consentVersions(email: string): Promise<string[]> {
  const rows = await sql(`SELECT version FROM "ConsentRecord" WHERE "userId" = (SELECT id FROM "User" WHERE email = $1) ORDER BY "acceptedAt", id`, [email]);
  return rows.map((r: { version: string }) => r.version);
}

for (const javaScript of [true, false]) {
  test.describe(javaScript ? "with JavaScript, on a phone" : "without JavaScript, on a laptop", () => {
    test.use(javaScript ? { viewport: { width: 390, height: 844 } } : { javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });

    test("a member asked to accept the new privacy statement reads on, is refused writing with the reason, accepts and replies", async ({ page }) => {
      const account = { name: javaScript ? "Sietske Akkoord" : "Douwe Akkoord", email: uniqueEmail(`consent-${javaScript}`), password: PASSWORD };
      await joinAsMember(page, account);
      await acceptedOlderVersion(account.email);

      // Reading goes on; the banner says what to do.
      await page.goto("/dilemmas");
      await expect(page.getByRole("status").filter({ hasText: "De privacyverklaring is veranderd." })).toBeVisible();
      await page.getByRole("link", { name: DEMO }).first().click();
      await expect(page.getByRole("heading", { level: 1, name: DEMO })).toBeVisible();
      const dilemmaUrl = page.url();
      await expect(page.getByRole("textbox", { name: "Je reactie" })).toHaveCount(0);

      // Writing is refused, with the reason and the way out.
      const refused = await page.goto("/dilemmas/new");
      expect(refused?.status()).toBe(403);
      await expect(page.getByRole("heading", { level: 1, name: "Eerst akkoord met de nieuwe privacyverklaring" })).toBeVisible();
      await expect(page.getByText(/Je kunt nu niet schrijven, reageren of stemmen, omdat de privacyverklaring is veranderd/)).toBeVisible();
      await page.getByRole("link", { name: "Naar de nieuwe privacyverklaring" }).click();

      await expect(page.getByRole("heading", { level: 1, name: "De privacyverklaring is veranderd" })).toBeVisible();
      await expect(page.getByRole("heading", { level: 2, name: /Wat is er anders in versie/ })).toBeVisible();
      await expect(page.getByText(/Je ging op .+ akkoord met versie 2026-12-06\./)).toBeVisible();
      await expect(page.getByRole("link", { name: /Lees de hele privacyverklaring/ })).toHaveAttribute("href", "/privacy");
      await checkA11y(page, { javaScript });
      await page.getByRole("button", { name: "Ik ga akkoord met de nieuwe privacyverklaring" }).click();

      // Back where they were refused, now allowed; the banner is gone; the history has both.
      await expect(page).toHaveURL(/\/dilemmas\/new$/);
      await expect(page.getByRole("heading", { level: 1, name: "Deel een dilemma" })).toBeVisible();
      await expect(page.getByText("De privacyverklaring is veranderd.")).toHaveCount(0);
      expect(await consentVersions(account.email)).toEqual(["2026-12-06", expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)]);

      await page.goto(dilemmaUrl);
      const text = `Na het akkoord kan ik weer reageren ${Date.now().toString(36)}.`;
      await page.getByRole("textbox", { name: "Je reactie" }).fill(text);
      await page.getByRole("button", { name: "Plaats reactie" }).click();
      await expect(page.getByText(text)).toBeVisible();
    });
  });
}

test.describe("an admin erases an account on request, without JavaScript", () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });

  test("reason required; the member cannot log in; their reply shows 'voormalig lid'; the log shows who, what, when and why", async ({ page, browser }) => {
    test.slow(); // two accounts, two browsers and a dozen pages on a shared machine
    const name = "Hendrikje Verzoeker";
    const account = { name, email: uniqueEmail("erase-request"), password: PASSWORD };
    const memberContext = await browser.newContext({ javaScriptEnabled: false });
    const memberPage = await memberContext.newPage();
    await joinAsMember(memberPage, account);
    await memberPage.goto("/dilemmas");
    await memberPage.getByRole("link", { name: DEMO }).first().click();
    const dilemmaUrl = memberPage.url();
    const text = `Wij vragen de bewoners zelf wat ze willen ${Date.now().toString(36)}.`;
    await memberPage.getByRole("textbox", { name: "Je reactie" }).fill(text);
    await memberPage.getByRole("button", { name: "Plaats reactie" }).click();
    await expect(memberPage.getByText(text)).toBeVisible();
    await memberContext.close();

    const admin = await createStaff("admin", "Beheerder Wissel");
    await logIn(page, admin);
    const [{ handle }] = await sql(`SELECT handle::text FROM "User" WHERE email = $1`, [account.email]);
    await page.goto(`/members/${handle}`);
    await page.getByRole("link", { name: `Account van ${name} verwijderen` }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Account van ${name} verwijderen` })).toBeVisible();
    await checkA11y(page, { javaScript: false });

    // Nothing typed: the reason is asked for beside the field; nothing happened.
    await page.getByRole("button", { name: "Verwijder dit account" }).click();
    await expect(page.getByText("Schrijf op waarom je dit account verwijdert (het verzoek van het lid).")).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Reden" })).toHaveAttribute("aria-invalid", "true");
    // The member's name in the reason would outlive the account in the log: refused, text kept.
    await page.getByRole("textbox", { name: "Reden" }).fill("Hendrikje vroeg het per e-mail");
    await page.getByRole("checkbox", { name: /Ik weet zeker dat/ }).check();
    await page.getByRole("button", { name: "Verwijder dit account" }).click();
    await expect(page.getByText(/Noem de naam, gebruikersnaam of het e-mailadres van het lid niet in de reden/)).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Reden" })).toHaveValue("Hendrikje vroeg het per e-mail");

    const reason = "Verzoek per e-mail van 3 december";
    await page.getByRole("textbox", { name: "Reden" }).fill(reason);
    await page.getByRole("radio", { name: /Laat de berichten staan/ }).check();
    await page.getByRole("checkbox", { name: /Ik weet zeker dat/ }).check();
    await page.getByRole("button", { name: "Verwijder dit account" }).click();
    await expect(page.getByText("Het account is verwijderd. Het lid kan niet meer inloggen.")).toBeVisible();

    // The log: who (the admin), what, why. The audit trail follows the event shortly after.
    await page.getByRole("link", { name: "Bekijk het in het logboek" }).click();
    const row = page.getByRole("row", { name: new RegExp(reason) });
    await expect(async () => {
      await page.reload();
      await expect(row).toBeVisible({ timeout: 1_000 });
    }).toPass();
    await expect(row).toContainText("Beheerder Wissel");

    await page.goto(dilemmaUrl);
    await expect(page.locator("article", { hasText: text })).toContainText("voormalig lid");
    await expect(page.getByText(name)).toHaveCount(0);

    await page.context().clearCookies();
    await page.goto("/login");
    await page.getByLabel("E-mailadres").fill(account.email);
    await page.getByLabel("Wachtwoord").fill(account.password);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await expect(page.getByText(/klopt niet/i)).toBeVisible();
  });
});
