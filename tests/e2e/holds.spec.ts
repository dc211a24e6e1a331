import type { Page } from "@playwright/test";
import { checkA11y, expect, test, uniqueEmail } from "./fixtures";
import { nextMailTo } from "./mail";
import { createStaff, dilemmaBy, joinAsMember, logIn } from "./staff";

// Issue 25, decision 037, with and without JavaScript: an admin opens the circle and holds a
// new member's first post → a new member replies and sees "Wacht op goedkeuring" → the asker
// does not see it and is not told → an organiser approves it from the queue (counted in the
// header) → the asker sees it and is told under the bell; the new member gets the mail. Axe on
// the settings page, the thread and the queue in each state. The circle is put back after.

test.describe.configure({ timeout: 150_000 });
const PASSWORD = "een lange zin als wachtwoord";

/** The circle's settings as an admin sets them on /circle/settings. */
async function setCircle(page: Page, joinMode: RegExp, holds: string) {
  await page.goto("/circle/settings");
  await page.getByLabel(joinMode).check();
  await page.getByRole("button", { name: "Opslaan", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Opgeslagen.");
  await page.getByLabel("Aantal eerste berichten dat een organisator eerst goedkeurt").fill(holds);
  await page.getByRole("button", { name: "Aantal bewaren" }).click();
  await expect(page.getByRole("status")).toContainText("Opgeslagen.");
}

for (const javaScriptEnabled of [true, false]) {
  const js = { javaScript: javaScriptEnabled };
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("admin holds first posts → new member's reply waits, unseen → organiser approves → the asker sees it and is told", async ({ browser, page }) => {
      const suffix = javaScriptEnabled ? "met script" : "zonder script";
      const admin = await createStaff("admin", `Beheerder wachten ${suffix}`);
      const adminPage = await (await browser.newContext({ javaScriptEnabled })).newPage();
      await logIn(adminPage, admin);
      try {
        // The admin's setting: a wrong number is said beside the field, the typed value kept.
        await adminPage.goto("/circle/settings");
        await adminPage.getByLabel("Iedereen kan een account maken").check();
        await adminPage.getByRole("button", { name: "Opslaan", exact: true }).click();
        await expect(adminPage.getByRole("status")).toContainText("Opgeslagen.");
        const number = adminPage.getByLabel("Aantal eerste berichten dat een organisator eerst goedkeurt");
        await number.fill("25");
        await adminPage.getByRole("button", { name: "Aantal bewaren" }).click();
        await expect(adminPage.getByText("Vul een heel getal in van 0 tot en met 20.")).toBeVisible();
        await expect(number).toHaveValue("25");
        await checkA11y(adminPage, js);
        await number.fill("1");
        await adminPage.getByRole("button", { name: "Aantal bewaren" }).click();
        await expect(adminPage.getByRole("status")).toContainText("Het eerste bericht van een nieuw lid wacht op goedkeuring.");
        await checkA11y(adminPage, js);

        // The asker's dilemma; a new member replies to it.
        const asker = { name: `Vrager wachten ${suffix}`, email: uniqueEmail("vrager"), password: PASSWORD };
        const askerPage = await (await browser.newContext({ javaScriptEnabled })).newPage();
        await joinAsMember(askerPage, asker);
        const title = `Een buurtfeest dat uit de hand loopt ${suffix} ${Date.now()}`;
        const id = await dilemmaBy(asker.email, title, "Hoe ga je om met een buurtfeest dat uit de hand loopt?", { competence: true });

        const newcomer = { name: `Nieuw lid ${suffix}`, email: uniqueEmail("nieuw"), password: PASSWORD };
        await joinAsMember(page, newcomer);
        await page.goto(`/dilemmas/${id}`);
        const words = `Maak vooraf afspraken met de buren over de eindtijd ${suffix}.`;
        await page.getByRole("textbox", { name: "Je reactie" }).fill(words);
        await page.getByRole("button", { name: "Plaats reactie" }).click();
        await expect(page.getByRole("status").filter({ hasText: "Een organisator kijkt er eerst naar." })).toBeVisible();
        const mine = page.locator("article, li").filter({ hasText: words }).last();
        await expect(mine).toContainText("Wacht op goedkeuring door een organisator");
        await checkA11y(page, js);

        // The asker does not see it, and is not told.
        await askerPage.goto(`/dilemmas/${id}`);
        await expect(askerPage.getByRole("heading", { level: 1, name: title })).toBeVisible();
        await expect(askerPage.getByText(words)).toHaveCount(0);
        await askerPage.goto("/notifications");
        await expect(askerPage.getByText(title)).toHaveCount(0);

        // The organiser sees it counted in the header, in the queue, and approves it.
        const organiser = await createStaff("organiser", `Organisator wachten ${suffix}`);
        const organiserPage = await (await browser.newContext({ javaScriptEnabled })).newPage();
        await logIn(organiserPage, organiser);
        const navLink = organiserPage.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: /^Moderatie/ });
        await expect(navLink).toHaveAccessibleName(/^Moderatie \(\d+ wacht(en)?\)$/);
        await navLink.click();
        const entry = organiserPage.getByRole("listitem").filter({ has: organiserPage.getByRole("link", { name: title }) });
        await expect(entry).toContainText("Nieuw lid");
        await expect(entry).toContainText(words);
        await checkA11y(organiserPage, js);
        await entry.getByRole("button", { name: `Keur reactie bij “${title}” goed` }).click();
        await expect(organiserPage.getByRole("status").filter({ hasText: "Goedgekeurd." })).toBeVisible();
        await expect(organiserPage.getByRole("link", { name: title })).toHaveCount(0);
        await checkA11y(organiserPage, js);

        // Now the asker sees it and is told; the new member gets the mail and the note is gone.
        await askerPage.goto(`/dilemmas/${id}`);
        await expect(askerPage.getByText(words)).toBeVisible();
        await askerPage.goto("/notifications");
        await expect(askerPage.getByRole("link", { name: new RegExp(`${newcomer.name} reageerde bij “${title}”`) })).toBeVisible();
        await checkA11y(askerPage, js);
        const told = await nextMailTo(newcomer.email);
        expect(told.subject).toBe("Je bericht is goedgekeurd");
        await page.goto(`/dilemmas/${id}`);
        await expect(page.getByText(words)).toBeVisible();
        await expect(page.getByText("Wacht op goedkeuring door een organisator")).toHaveCount(0);

        // Approved once: the next reply goes online at once.
        const more = `En zorg voor een aanspreekpunt op de avond zelf ${suffix}.`;
        await page.getByRole("textbox", { name: "Je reactie" }).fill(more);
        await page.getByRole("button", { name: "Plaats reactie" }).click();
        await expect(page.getByRole("status").filter({ hasText: "Je reactie is geplaatst." })).toBeVisible();
        await askerPage.context().close();
        await organiserPage.context().close();
      } finally {
        await setCircle(adminPage, /een organisator keurt goed/, "2");
        await adminPage.context().close();
      }
    });
  });
}
