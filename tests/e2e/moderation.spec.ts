import { checkA11y, expect, test, uniqueEmail } from "./fixtures";
import { nextMailTo } from "./mail";
import { createStaff, dilemmaBy, joinAsMember, logIn } from "./staff";

// Issue 25's walk, with and without JavaScript: a member flags a dilemma → it waits in the
// organisers' queue (a count in the header) → an organiser hides it with a reason → the author
// is told by mail (the reason, never who flagged) and on the post → the flagger sees the
// outcome → the audit log shows the entry, filtered, and as CSV. Axe on every new page.

test.describe.configure({ timeout: 150_000 });
const PASSWORD = "een lange zin als wachtwoord";

for (const javaScriptEnabled of [true, false]) {
  const js = { javaScript: javaScriptEnabled };
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("flag → queue → hide with a reason → author told → flagger sees it → audit entry", async ({ browser, page }) => {
      const suffix = javaScriptEnabled ? "met script" : "zonder script";
      const author = { name: `Auteur ${suffix}`, email: uniqueEmail("auteur"), password: PASSWORD };
      const flagger = { name: `Melder ${suffix}`, email: uniqueEmail("melder"), password: PASSWORD };
      const authorPage = await (await browser.newContext({ javaScriptEnabled })).newPage();
      await joinAsMember(authorPage, author);
      await joinAsMember(page, flagger);
      const title = `Een lastige buurman ${suffix} ${Date.now()}`;
      const id = await dilemmaBy(author.email, title, "Wat doe je als de buurman niet opendoet?");

      // The member flags it: the reason is required, "Iets anders" needs words.
      await page.goto(`/dilemmas/${id}`);
      await page.getByRole("link", { name: /^Melden/ }).click();
      await expect(page.getByRole("heading", { name: "Melden aan de organisatoren" })).toBeVisible();
      await checkA11y(page, js);
      await page.getByRole("button", { name: "Melding versturen" }).click();
      await expect(page.getByText("Kies wat er aan de hand is.")).toBeVisible();
      await page.getByLabel("Iets anders").check();
      await page.getByRole("button", { name: "Melding versturen" }).click();
      await expect(page.getByText("Schrijf kort wat er aan de hand is.")).toBeVisible();
      await page.getByLabel("Onvriendelijk").check();
      await page.getByLabel("Toelichting").fill("Dit is kwetsend voor de buurman.");
      await page.getByRole("button", { name: "Melding versturen" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Je melding is ontvangen" })).toBeVisible();
      await checkA11y(page, js);
      await page.getByRole("link", { name: "Mijn meldingen" }).click();
      await expect(page.getByRole("listitem").filter({ hasText: title })).toContainText("Ontvangen, nog niet bekeken");
      await checkA11y(page, js);

      // The organiser sees it in the queue, counted in the header.
      const organiser = await createStaff("organiser", `Organisator ${suffix}`);
      const organiserPage = await (await browser.newContext({ javaScriptEnabled })).newPage();
      await logIn(organiserPage, organiser);
      const navLink = organiserPage.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: /^Moderatie/ });
      await expect(navLink).toHaveAccessibleName(/^Moderatie \(\d+ wacht(en)?\)$/);
      await navLink.click();
      await expect(organiserPage.getByRole("heading", { name: "Moderatie", level: 1 })).toBeVisible();
      const entry = organiserPage.getByRole("listitem").filter({ has: organiserPage.getByRole("link", { name: title }) });
      await expect(entry).toContainText("Onvriendelijk");
      await expect(entry).toContainText("Dit is kwetsend voor de buurman.");
      await expect(entry).not.toContainText(flagger.name); // what, not who
      await checkA11y(organiserPage, js);

      const reason = "Je schrijft hier onaardig over de buurman. Pas het aan, dan zetten we het terug.";
      await entry.getByLabel("Reden voor de schrijver").fill(reason);
      await entry.getByRole("button", { name: `Verberg dilemma bij “${title}”` }).click();
      await expect(organiserPage.getByRole("status").filter({ hasText: "Het bericht is verborgen" })).toBeVisible();
      await expect(organiserPage.getByRole("link", { name: title })).toHaveCount(0);

      // The author is told: by mail in their language, and on the post; nobody says who flagged.
      const told = await nextMailTo(author.email);
      expect(told.subject).toBe("Een organisator heeft je bericht verborgen");
      expect(told.text).toContain(reason);
      expect(told.text).not.toContain(flagger.name);
      await authorPage.goto(told.link(`/dilemmas/${id}`));
      await expect(authorPage.getByText(reason)).toBeVisible();
      // … and under the bell in the forum (decision 027), leading to the post.
      await authorPage.goto("/notifications");
      await authorPage.getByRole("link", { name: new RegExp(`Een organisator heeft je bericht bij “${title}” verborgen`) }).click();
      await expect(authorPage.getByText(reason)).toBeVisible();
      await expect(authorPage.locator("main")).not.toContainText(flagger.name);

      // The flagger sees what was decided.
      await page.reload();
      await expect(page.getByRole("listitem").filter({ hasText: title })).toContainText("Bekeken: het bericht is verborgen");

      // The audit log: filtered by who and what, and the same as CSV.
      await organiserPage.getByRole("link", { name: "Logboek van alle acties" }).click();
      await organiserPage.getByLabel("Wie").selectOption({ label: organiser.name });
      await organiserPage.getByLabel("Soort actie").selectOption({ label: "Dilemma verborgen" });
      await organiserPage.getByRole("button", { name: "Toon" }).click();
      const row = organiserPage.getByRole("row").filter({ hasText: reason });
      await expect(row).toContainText(organiser.name);
      await expect(row).toContainText(`dilemma ${id}`);
      await expect(organiserPage.getByRole("row")).toHaveCount(2); // the header and this one
      await checkA11y(organiserPage, js);
      const csvHref = await organiserPage.getByRole("link", { name: "Download als CSV" }).getAttribute("href");
      const csv = await organiserPage.request.get(csvHref!);
      expect(csv.headers()["content-type"]).toContain("text/csv");
      const lines = (await csv.text()).trim().split("\r\n");
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(`dilemma.hidden,dilemma,${id},"${reason}"`) // quoted: the reason has a comma;

      // Members see neither the queue nor the log.
      expect((await page.goto("/moderation"))?.status()).toBe(403);
      expect((await page.goto("/moderation/log"))?.status()).toBe(403);
    });
  });
}
