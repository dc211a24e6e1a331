import pg from "pg";
import { checkA11y, expect, test, uniqueEmail } from "./fixtures";
import { nextMailTo } from "./mail";
import { createStaff, e2eDatabaseUrl, joinAsMember, logIn } from "./staff";

// Issue 25, decision 027, with and without JavaScript: an organiser suspends a member from the
// member's moderation page (a reason and a last day, both checked beside their fields) → the
// member reads it in a banner on every page, on /standing, under the bell and in real mail;
// every write is refused → the organiser lifts it early → the member takes part again. A
// warning reaches the member the same way. Axe on the new pages.

test.describe.configure({ timeout: 150_000 });
const PASSWORD = "een lange zin als wachtwoord";

async function handleOf(email: string): Promise<string> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ handle: string }>(`SELECT handle::text AS handle FROM "User" WHERE email = $1`, [email]);
    return rows[0]!.handle;
  } finally {
    await client.end();
  }
}

/** A day n days from now as a date field takes it, and as the page writes it ("20 december 2026"). */
function dayFromNow(days: number): { field: string; written: string } {
  const date = new Date(Date.now() + days * 86_400_000);
  const field = date.toISOString().slice(0, 10);
  const written = new Intl.DateTimeFormat("nl-NL", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${field}T12:00:00Z`));
  return { field, written };
}

for (const javaScriptEnabled of [true, false]) {
  const js = { javaScript: javaScriptEnabled };
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("suspend with a reason and an end date → member told and read-only → lifted early", async ({ browser, page }) => {
      const suffix = javaScriptEnabled ? "met script" : "zonder script";
      const member = { name: `Lid ${suffix}`, email: uniqueEmail("geschorst"), password: PASSWORD };
      await joinAsMember(page, member);
      const handle = await handleOf(member.email);
      const organiser = await createStaff("organiser", `Organisator leden ${suffix}`);
      const organiserPage = await (await browser.newContext({ javaScriptEnabled })).newPage();
      await logIn(organiserPage, organiser);

      await organiserPage.goto(`/moderation/members/${handle}`);
      await expect(organiserPage.getByRole("heading", { level: 1, name: `${member.name} modereren` })).toBeVisible();
      await expect(organiserPage.getByText(`${member.name} is niet geschorst.`)).toBeVisible();
      await checkA11y(organiserPage, js);

      // Without a reason and with a day in the past: said beside the fields, the typed date kept.
      const past = dayFromNow(-3);
      const suspendForm = organiserPage.locator("form").filter({ has: organiserPage.getByRole("button", { name: "Schorsen" }) });
      await suspendForm.getByLabel("Laatste dag van de schorsing").fill(past.field);
      // The browser's own check stops an empty required field; a single space passes it and
      // is refused by the server after cleaning.
      await suspendForm.getByLabel("Reden (het lid leest dit)").fill(" ");
      await suspendForm.getByRole("button", { name: "Schorsen" }).click();
      await expect(organiserPage.getByText("Vul dit veld in.")).toBeVisible();
      await expect(organiserPage.getByText("Kies een dag vanaf vandaag.")).toBeVisible();
      await expect(organiserPage.getByLabel("Laatste dag van de schorsing")).toHaveValue(past.field);
      await checkA11y(organiserPage, js);

      const end = dayFromNow(6);
      const reason = "Je plaatste drie keer reclame voor je eigen bureau.";
      await organiserPage.getByLabel("Reden (het lid leest dit)").first().fill(reason);
      await organiserPage.getByLabel("Laatste dag van de schorsing").fill(end.field);
      await organiserPage.getByRole("button", { name: "Schorsen" }).click();
      await expect(organiserPage.getByRole("status")).toContainText("Het lid is geschorst en krijgt bericht.");
      await expect(organiserPage.getByText(`${member.name} is geschorst tot en met ${end.written}.`)).toBeVisible();
      await checkA11y(organiserPage, js);

      // The member: a banner on every page, the reason on /standing, the bell, real mail.
      const told = await nextMailTo(member.email);
      expect(told.subject).toBe("Je bent tijdelijk geschorst");
      expect(told.text).toContain(reason);
      expect(told.text).toContain(end.written);
      expect(told.text).not.toContain(organiser.name);
      await page.goto("/");
      await expect(page.getByRole("status").filter({ hasText: "Je bent geschorst tot en met" })).toContainText(end.written);
      await page.getByRole("link", { name: "Lees waarom" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Jouw status in de kring" })).toBeVisible();
      await expect(page.getByText(reason).first()).toBeVisible();
      await checkA11y(page, js);
      await page.goto("/notifications");
      await expect(page.getByText("Een organisator heeft je tijdelijk geschorst. Lees waarom.")).toBeVisible();

      // Every write refused: no form to ask a question, and the address itself answers 403.
      expect((await page.goto("/dilemmas/new"))?.status()).toBe(403);
      await expect(page.getByRole("status").filter({ hasText: "Je bent geschorst tot en met" })).toBeVisible();

      // Lifted early: the member is told and may write again.
      await organiserPage.getByLabel("Toelichting (niet verplicht, het lid leest dit)").fill("We hebben het uitgepraat.");
      await organiserPage.getByRole("button", { name: "Schorsing opheffen" }).click();
      await expect(organiserPage.getByRole("status")).toContainText("De schorsing is opgeheven.");
      await expect(organiserPage.getByText(`${member.name} is niet geschorst.`)).toBeVisible();
      const lifted = await nextMailTo(member.email);
      expect(lifted.subject).toBe("Je schorsing is opgeheven");
      expect((await page.goto("/dilemmas/new"))?.status()).toBe(200);
      await expect(page.getByText("Je bent geschorst tot en met")).toHaveCount(0);

      // The trail has both; a member reaches no member's moderation page.
      await organiserPage.goto("/moderation/log");
      const rows = organiserPage.getByRole("row").filter({ hasText: organiser.name });
      await expect(rows.filter({ hasText: reason })).toContainText("Lid geschorst");
      await expect(rows.filter({ hasText: "We hebben het uitgepraat." })).toContainText("Schorsing opgeheven");
      expect((await page.goto(`/moderation/members/${handle}`))?.status()).toBe(403);
    });

    test("warn a member → recorded, mailed, on their standing page and in the log", async ({ browser, page }) => {
      const suffix = javaScriptEnabled ? "met script" : "zonder script";
      const member = { name: `Gewaarschuwd ${suffix}`, email: uniqueEmail("gewaarschuwd"), password: PASSWORD };
      await joinAsMember(page, member);
      const handle = await handleOf(member.email);
      const organiser = await createStaff("organiser", `Organisator waarschuwt ${suffix}`);
      const organiserPage = await (await browser.newContext({ javaScriptEnabled })).newPage();
      await logIn(organiserPage, organiser);
      await organiserPage.goto(`/moderation/members/${handle}`);
      const warning = "Houd je reacties kort en vriendelijk.";
      await organiserPage.getByLabel("Reden (het lid leest dit)").last().fill(warning);
      await organiserPage.getByRole("button", { name: "Waarschuwing versturen" }).click();
      await expect(organiserPage.getByRole("status")).toContainText("De waarschuwing is verstuurd.");
      const warned = await nextMailTo(member.email);
      expect(warned.subject).toBe("Een waarschuwing van de organisatoren");
      expect(warned.text).toContain(warning);
      await page.goto("/standing");
      await expect(page.getByText(warning)).toBeVisible();
      await expect(page.getByText("Je bent niet geschorst. Je kunt gewoon meedoen.")).toBeVisible();
      await page.goto("/notifications");
      await expect(page.getByText("Je hebt een waarschuwing van een organisator gekregen. Lees waarom.")).toBeVisible();
      await organiserPage.goto("/moderation/log");
      await expect(organiserPage.getByRole("row").filter({ hasText: organiser.name }).filter({ hasText: warning })).toContainText("Lid gewaarschuwd");
    });
  });
}
