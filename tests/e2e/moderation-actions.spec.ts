import { checkA11y, expect, test, uniqueEmail } from "./fixtures";
import { nextMailTo } from "./mail";
import { createStaff, dilemmaBy, joinAsMember, logIn } from "./staff";

// Issue 25, decision 033, with and without JavaScript: from a member's dilemma an organiser
// opens its moderation page → locks it with a reason (a missing reason said beside the field)
// → removes a resident's name from the text with a reason → the asker is told both by real
// mail (the reason, not the organiser's name) and under the bell → the dilemma's history says
// an organiser changed it and why → the trail lists it. Axe on the new page and its states.

test.describe.configure({ timeout: 150_000 });
const PASSWORD = "een lange zin als wachtwoord";

for (const javaScriptEnabled of [true, false]) {
  const js = { javaScript: javaScriptEnabled };
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("lock with a reason → change the text with a reason → asker told → history and trail say who and why", async ({ browser, page }) => {
      const suffix = javaScriptEnabled ? "met script" : "zonder script";
      const asker = { name: `Vrager ${suffix}`, email: uniqueEmail("vrager"), password: PASSWORD };
      await joinAsMember(page, asker);
      const title = `Een buurvrouw die niet opendoet ${suffix} ${Date.now()}`;
      const id = await dilemmaBy(asker.email, title, "Mevrouw De Vries op nummer 14 doet al weken niet open.", { competence: true });
      const organiser = await createStaff("organiser", `Organisator acties ${suffix}`);
      const organiserPage = await (await browser.newContext({ javaScriptEnabled })).newPage();
      await logIn(organiserPage, organiser);

      await organiserPage.goto(`/dilemmas/${id}`);
      await organiserPage.getByRole("link", { name: "Sluiten met een reden, competenties of tekst aanpassen" }).click();
      await expect(organiserPage.getByRole("heading", { level: 1, name: "Dilemma modereren" })).toBeVisible();
      await checkA11y(organiserPage, js);

      // Lock: a reason of only a space is refused beside the field; then with a reason.
      const lockForm = organiserPage.locator("form").filter({ has: organiserPage.getByRole("button", { name: "Sluiten", exact: true }) });
      await lockForm.getByLabel("Reden voor de schrijver").fill(" ");
      await lockForm.getByRole("button", { name: "Sluiten", exact: true }).click();
      await expect(lockForm.getByText("Vul dit veld in.")).toBeVisible();
      await checkA11y(organiserPage, js);
      const lockReason = "Er is genoeg over gezegd; we sluiten het gesprek.";
      await lockForm.getByLabel("Reden voor de schrijver").fill(lockReason);
      await lockForm.getByRole("button", { name: "Sluiten", exact: true }).click();
      await expect(organiserPage.getByRole("status")).toContainText("Het dilemma is gesloten.");
      await expect(organiserPage.getByRole("button", { name: "Heropenen" })).toBeVisible();

      // Change the words: the reason is required too; what was typed stays when it is missing.
      const rewordForm = organiserPage.locator("form").filter({ has: organiserPage.getByRole("button", { name: "Opslaan en de schrijver laten weten" }) });
      const newBody = "Een buurvrouw doet al weken niet open.";
      await rewordForm.getByLabel("Tekst", { exact: true }).fill(newBody);
      await rewordForm.getByRole("button", { name: "Opslaan en de schrijver laten weten" }).click();
      await expect(rewordForm.getByText("Vul dit veld in.")).toBeVisible();
      await expect(rewordForm.getByLabel("Tekst", { exact: true })).toHaveValue(newBody);
      await checkA11y(organiserPage, js);
      const editReason = "Naam en huisnummer van de bewoner weggehaald.";
      await rewordForm.getByLabel("Reden voor de schrijver").fill(editReason);
      await rewordForm.getByRole("button", { name: "Opslaan en de schrijver laten weten" }).click();
      await expect(organiserPage.getByRole("status")).toContainText("Opgeslagen. De schrijver krijgt bericht met je reden.");
      await checkA11y(organiserPage, js);

      // The asker is told, by mail and under the bell, with the reasons; the organiser is not named there.
      const lockedMail = await nextMailTo(asker.email);
      expect(lockedMail.subject).toBe("Een organisator heeft je dilemma gesloten");
      expect(lockedMail.text).toContain(lockReason);
      const editedMail = await nextMailTo(asker.email);
      expect(editedMail.subject).toBe("Een organisator heeft je bericht aangepast");
      expect(editedMail.text).toContain(editReason);
      expect(editedMail.text).not.toContain(organiser.name);
      await page.goto("/notifications");
      await expect(page.getByRole("link", { name: new RegExp(`Een organisator heeft je bericht bij “${title}” aangepast`) })).toBeVisible();

      // The dilemma shows the new words; its history names the organiser and the reason.
      await page.goto(`/dilemmas/${id}`);
      await expect(page.getByText(newBody)).toBeVisible();
      await expect(page.locator("main")).not.toContainText("De Vries");
      await page.goto(`/dilemmas/${id}/revisions`);
      await expect(page.getByText("Een organisator paste dit aan. De reden:")).toBeVisible();
      await expect(page.getByText(editReason)).toBeVisible();
      await expect(page.locator("main")).toContainText(organiser.name);
      await checkA11y(page, js);

      // The trail: who, what, why.
      await organiserPage.goto("/moderation/log");
      await organiserPage.getByLabel("Wie").selectOption({ label: organiser.name });
      await organiserPage.getByLabel("Soort actie").selectOption({ label: "Dilemma aangepast door organisator" });
      await organiserPage.getByRole("button", { name: "Toon" }).click();
      const row = organiserPage.getByRole("row").filter({ hasText: editReason });
      await expect(row).toContainText(organiser.name);
      await expect(row).toContainText(`dilemma ${id}`);

      // A member cannot open the page.
      expect((await page.goto(`/moderation/posts/dilemma/${id}`))?.status()).toBe(403);
    });
  });
}
