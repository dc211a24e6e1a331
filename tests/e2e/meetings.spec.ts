import type { Page } from "@playwright/test";
import { checkA11y, expect, test, uniqueEmail } from "./fixtures";
import { createAccount, createStaff, signIn } from "./staff";

// The meeting loop in a browser: an organiser writes, previews, links and publishes a report
// and members see it on both sides; members propose and vote on an agenda, and the organiser
// turns the meeting into its report. The agenda flow runs with and without JavaScript.
// Run with E2E_PORT=3105.

const PASSWORD = "een lang wachtwoord voor de test";
const suffix = () => Math.random().toString(36).slice(2, 7);

/**
 * A signed-in ordinary member, made as at the server's console (createAccount: the call of
 * scripts/user-create.ts) rather than through /signup: sign-ups are limited per IP address, and the whole browser suite runs
 * from 127.0.0.1 (the same way as tests/e2e/dilemmas.spec.ts).
 */
async function signedInMember(page: Page, name: string): Promise<void> {
  const account = await createAccount("member", { email: uniqueEmail("meetings"), password: PASSWORD, name });
  await signIn(page, account);
}

async function logOut(page: Page) {
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page.getByRole("link", { name: "Inloggen" })).toBeVisible();
}

function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test("organiser drafts a report, previews it, links dilemmas, publishes; a member sees the links on both pages", async ({ page }) => {
  test.slow(); // three people in turn, each made at the console and logged in
  const title = `Voorjaarsbijeenkomst ${suffix()}`;
  const organiser = await createStaff("organiser", "Olga Organisator");
  await signIn(page, organiser);

  await page.getByRole("link", { name: "Bijeenkomsten" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bijeenkomsten" })).toBeVisible();
  await checkA11y(page);
  await page.getByRole("link", { name: "Verslag schrijven" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Verslag schrijven" })).toBeVisible();
  await checkA11y(page);

  // An empty title and no date: messages beside the fields, nothing lost.
  await page.getByLabel("Samenvatting").fill("We spraken over **loslaten**.");
  await page.getByRole("button", { name: "Concept opslaan" }).click();
  await expect(page.getByText("Vul dit veld in.")).toBeVisible();
  await expect(page.getByLabel("Samenvatting")).toHaveValue("We spraken over **loslaten**.");

  await page.getByLabel("Titel").fill(title);
  // Issue 22: no report of a meeting still to come, and no link that would silently vanish.
  await page.getByLabel("Datum").fill(daysFromNow(3));
  await page.getByLabel("Samenvatting").fill("We spraken over **loslaten**. Zie [de dia's](dias.pdf).");
  await page.getByRole("button", { name: "Concept opslaan" }).first().click();
  await expect(page.getByText("Let op: de link ‘dias.pdf’ is niet compleet", { exact: false })).toBeVisible();
  await page.getByLabel("Samenvatting").fill("We spraken over **loslaten**.");
  await page.getByRole("button", { name: "Concept opslaan" }).first().click();
  await expect(page.getByText("Deze datum ligt in de toekomst.", { exact: false })).toBeVisible();
  await expect(page.getByLabel("Titel")).toHaveValue(title);
  // Older than the demo's meeting of 2009, so the home page's "latest meeting" stays the demo's
  // for the other browser tests that share this server.
  await page.getByLabel("Datum").fill("2008-03-12");
  await page.getByLabel("Plaats").fill("Buurthuis De Schakel");
  await page.getByLabel("Belangrijkste inzichten").fill("Hoe houd je vrijwilligers vast als het project klaar is?\nLoslaten werkt.");
  await page.getByLabel("Inbreng van (rollen)").fill("Een wijkcoach uit Noord");
  await page.getByRole("button", { name: "Bekijk een voorbeeld" }).click();
  const preview = page.getByRole("region", { name: "Voorbeeld: zo lezen leden het verslag" });
  await expect(preview.getByText("loslaten", { exact: true })).toBeVisible();
  await expect(preview.getByText("Een wijkcoach uit Noord")).toBeVisible();
  await checkA11y(page);

  await page.getByRole("button", { name: "Concept opslaan" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("Dit verslag is een concept.")).toBeVisible();
  const reportUrl = page.url();
  await checkA11y(page);

  // Link an existing (demo) dilemma as discussed, found by a word from its title (the linking
  // tools are folded away until opened).
  await page.locator("summary", { hasText: "Dilemma koppelen" }).click();
  await page.getByLabel("Zoek een dilemma").fill("talent");
  await page.getByRole("main").getByRole("button", { name: "Zoeken" }).click();
  await page.getByRole("button", { name: /^Koppel als besproken – Hoe voorkom je dat talent/ }).click();
  const discussed = page.getByRole("region", { name: "Besproken op deze bijeenkomst" });
  await expect(discussed.getByRole("link", { name: /Hoe voorkom je dat talent/ })).toBeVisible();

  // A question raised at the meeting becomes a dilemma, straight from a takeaway.
  await page.getByRole("link", { name: /^Maak hier een dilemma van – Hoe houd je vrijwilligers vast/ }).click();
  await expect(page.getByLabel("Titel")).toHaveValue("Hoe houd je vrijwilligers vast als het project klaar is?");
  await page.getByLabel("Loslaten").check();
  await page.getByRole("button", { name: "Plaats en koppel het dilemma" }).click();
  const raised = page.getByRole("region", { name: "Ingebracht op deze bijeenkomst" });
  await expect(raised.getByRole("link", { name: "Hoe houd je vrijwilligers vast als het project klaar is?" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Competenties in dit verslag" }).getByRole("link", { name: "Loslaten" })).toBeVisible();
  await checkA11y(page);

  // Raised and then discussed at the same meeting: one row that says both (issue 22).
  const raisedHref = (await raised.getByRole("link", { name: /Hoe houd je vrijwilligers vast/ }).getAttribute("href"))!;
  await page.locator("summary", { hasText: "Dilemma koppelen" }).click();
  await page.getByLabel("Nummer of link van het dilemma").fill(raisedHref);
  await page.getByRole("radio", { name: "Besproken op deze bijeenkomst" }).check();
  await page.getByRole("button", { name: "Koppel", exact: true }).click();
  await expect(raised.getByText("Ingebracht én besproken op deze bijeenkomst")).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: "Hoe houd je vrijwilligers vast als het project klaar is?", exact: true })).toHaveCount(1);
  await expect(discussed.getByRole("link", { name: /Hoe houd je vrijwilligers vast/ })).toHaveCount(0);
  await expect(raised.getByRole("button", { name: /^Ontkoppel als besproken/ })).toBeVisible();
  // The organisers' page stays short: the long forms are folded away again.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(height).toBeLessThan(3500);

  // Before publishing, a member does not even learn that the report exists.
  await logOut(page);
  await signedInMember(page, "Mia Lid");
  await page.goto(reportUrl);
  await expect(page.getByRole("heading", { level: 1, name: "Pagina niet gevonden" })).toBeVisible();
  await logOut(page);

  await signIn(page, organiser);
  await page.goto(reportUrl);
  await page.getByRole("button", { name: "Publiceer het verslag" }).click();
  await expect(page.getByText(/Verslag gepubliceerd op/)).toBeVisible();
  await expect(page.getByText("Dit verslag is een concept.")).toHaveCount(0);

  // Edited after publication: the page says so (the previous text is kept as a revision).
  await page.getByRole("link", { name: "Bewerk het verslag" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Verslag bewerken" })).toBeVisible();
  await checkA11y(page);
  await page.getByLabel("Samenvatting").fill("We spraken over **loslaten** en vertrouwen.");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByText("Dit verslag is na publicatie bewerkt.")).toBeVisible();
  await logOut(page);

  await signedInMember(page, "Max Lid");
  await page.goto("/meetings");
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Voor organisatoren" })).toHaveCount(0);
  await checkA11y(page);
  await page.getByRole("region", { name: "Besproken op deze bijeenkomst" }).getByRole("link", { name: /Hoe voorkom je dat talent/ }).click();
  await expect(page.getByRole("link", { name: title })).toHaveAttribute("href", new URL(reportUrl).pathname);
  await expect(page.getByText(`Besproken op bijeenkomst ${title}`)).toBeVisible();
  await checkA11y(page);
});

for (const javaScript of [true, false]) {
  test.describe(javaScript ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled: javaScript });

    test("an organiser plans a meeting, a member proposes and votes, the organiser turns it into its report", async ({ page }) => {
      test.slow(); // two people in turn, each made at the console and logged in
      const title = `Najaarsbijeenkomst ${suffix()}`;
      const organiser = await createStaff("organiser", "Otto Organisator");
      await signIn(page, organiser);
      await page.goto("/meetings/new");
      await checkA11y(page, { javaScript });
      await page.getByLabel("Titel").fill(title);
      await page.getByLabel("Datum").fill(daysFromNow(30));
      await page.getByLabel("Begintijd").fill("19:30");
      await page.getByLabel("Eindtijd").fill("21:30");
      await page.getByLabel("Plaats").fill("Buurthuis De Schakel");
      await page.getByLabel(/Open de agenda meteen/).check();
      await page.getByRole("button", { name: "Bijeenkomst opslaan" }).click();
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
      await expect(page.getByText("19:30 tot 21:30 uur")).toBeVisible();
      const meetingUrl = page.url();
      await checkA11y(page, { javaScript });
      await logOut(page);

      await signedInMember(page, "Noor Lid");
      await page.goto(meetingUrl);
      await expect(page.getByText("Er staat nog niets op de agenda.")).toBeVisible();
      // The picker searches with the search engine: a word only a reply has finds its open thread.
      await page.getByLabel("Zoek een dilemma").fill("schadelijk");
      await page.getByRole("main").getByRole("button", { name: "Zoeken" }).click();
      await expect(page.getByRole("button", { name: /^Zet op de agenda – Wat doe je als een wijk zich/ })).toBeVisible();
      await page.getByLabel("Zoek een dilemma").fill("gesprek");
      await page.getByRole("main").getByRole("button", { name: "Zoeken" }).click();
      await page.getByRole("button", { name: /^Zet op de agenda – Hoe breng je in één gesprek/ }).click();
      const agenda = page.getByRole("region", { name: "Agenda" });
      await expect(agenda.getByRole("link", { name: /Hoe breng je in één gesprek/ })).toBeVisible();
      await expect(agenda.getByText("0 stemmen")).toBeVisible();
      await agenda.getByRole("button", { name: /^Stem voor Hoe breng je in één gesprek/ }).click();
      await expect(agenda.getByText("1 stem", { exact: true })).toBeVisible();
      await expect(agenda.getByText("Je hebt gestemd.")).toBeVisible();
      await checkA11y(page, { javaScript });

      // A second proposal of the same dilemma: a message beside the field, not a second item.
      await page.getByLabel("Nummer of link van het dilemma").fill(
        (await agenda.getByRole("link", { name: /Hoe breng je in één gesprek/ }).getAttribute("href"))!,
      );
      await page.getByRole("button", { name: "Zet op de agenda", exact: true }).click();
      await expect(page.getByText("Dit dilemma staat al op de agenda.")).toBeVisible();
      await expect(agenda.locator("ol.agenda > li")).toHaveCount(1);
      await logOut(page);

      await signIn(page, organiser);
      await page.goto(meetingUrl);
      // Before its day there is no report to make (issue 22): the page says when.
      await expect(page.getByText(/kun je hier het verslag van deze bijeenkomst maken/)).toBeVisible();
      await expect(page.locator("summary", { hasText: "Maak er het verslag van" })).toHaveCount(0);
      // The meeting is moved to today (as if its day had come): now it can become its report.
      await page.getByRole("link", { name: "Bewerk de bijeenkomst" }).click();
      await page.getByLabel("Datum").fill(daysFromNow(0));
      await page.getByRole("button", { name: "Opslaan", exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
      await page.locator("summary", { hasText: "Maak er het verslag van" }).click();
      await page.getByRole("button", { name: "Ja, maak er het verslag van" }).click();
      await expect(page.getByText("Dit verslag is een concept.")).toBeVisible();
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
      await expect(
        page.getByRole("region", { name: "Besproken op deze bijeenkomst" }).getByRole("link", { name: /Hoe breng je in één gesprek/ }),
      ).toBeVisible();
      await checkA11y(page, { javaScript });
    });
  });
}

test("the seeded next meeting can be put in a calendar, alone or as a feed", async ({ page, request }) => {
  await page.goto("/meetings");
  const feed = await request.get("/meetings/calendar.ics");
  expect(feed.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  expect(await feed.text()).toContain("SUMMARY:Eigen kracht in de praktijk: wat werkt er in jouw wijk?");
  await page.getByRole("link", { name: "Eigen kracht in de praktijk: wat werkt er in jouw wijk?" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Eigen kracht in de praktijk: wat werkt er in jouw wijk?" })).toBeVisible();
  await expect(page.getByText("19:30 tot 21:30 uur")).toBeVisible();
  await checkA11y(page);
  const href = await page.getByRole("link", { name: /Zet deze bijeenkomst in je kalender/ }).getAttribute("href");
  const single = await request.get(href!);
  expect(single.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  expect(await single.text()).toMatch(/^BEGIN:VCALENDAR\r\n/);
});

test.describe("on a 320 px wide screen", () => {
  test.use({ viewport: { width: 320, height: 640 } });
  test("the list, an agenda and a report need no horizontal scrolling", async ({ page }) => {
    await page.goto("/meetings");
    const upcoming = await page.getByRole("link", { name: "Eigen kracht in de praktijk: wat werkt er in jouw wijk?" }).first().getAttribute("href");
    const report = await page.getByRole("link", { name: "Wijkontwikkeling vanuit eigen kracht" }).first().getAttribute("href");
    for (const path of ["/meetings", upcoming!, report!]) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await checkA11y(page);
  });
});
