import type { Browser, Page } from "@playwright/test";
import { checkA11y, expect, test, uniqueEmail } from "./fixtures";
import { hasUnreadMailTo, nextMailTo } from "./mail";
import { createStaff, joinAsMember, logIn, type StaffAccount } from "./staff";

// Accounts by e-mail, as a new person meets them: every link is the one in the real mail
// (the e2e server sends over SMTP to a receiver the tests read). Each flow runs with and
// without JavaScript. A new installation's join mode is approval; tests that need another
// set it as an admin would and put it back.

const PASSWORD = "een lange zin als wachtwoord";
// Each test reads several mails and makes accounts at the console: more than the default 30 s
// when the machine is busy.
test.describe.configure({ timeout: 90_000 });

async function fillSignUp(page: Page, opts: { name: string; email: string; password: string; motivation?: string }) {
  await page.getByLabel("Je naam").fill(opts.name);
  await page.getByLabel("E-mailadres").fill(opts.email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(opts.password);
  if (opts.motivation) await page.getByLabel(/Wie ben je en waarom/).fill(opts.motivation);
  await page.getByLabel(/privacyverklaring/).check();
  await page.getByRole("button", { name: "Account maken" }).click();
}

/** Opens the link of the next mail to `email` whose path starts with `prefix`; returns the mail. */
async function followMail(page: Page, email: string, prefix: string) {
  const mail = await nextMailTo(email);
  await page.goto(mail.link(prefix));
  return mail;
}

async function asAdmin(browser: Browser, admin: StaffAccount, work: (page: Page) => Promise<void>) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await logIn(page, admin);
    await work(page);
  } finally {
    await context.close();
  }
}

async function setJoinMode(browser: Browser, admin: StaffAccount, label: RegExp) {
  await asAdmin(browser, admin, async (page) => {
    await page.goto("/circle/settings");
    await page.getByLabel(label).check();
    await page.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByRole("status")).toContainText("Opgeslagen.");
  });
}

for (const javaScriptEnabled of [true, false]) {
  const js = { javaScript: javaScriptEnabled };
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("sign up from a page, confirm by mail, wait for approval, then take part back on that page", async ({ page, browser }) => {
      const organiser = await createStaff("organiser", "Otto Organisator");
      await page.goto("/meetings");
      await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Account maken" }).click();
      await expect(page).toHaveURL(/\/signup\?redirectTo=%2Fmeetings$/);
      await checkA11y(page, js);
      const email = uniqueEmail("aanmelder");
      await fillSignUp(page, { name: "Aafke Aanmelder", email, password: PASSWORD, motivation: "Opbouwwerker in Oost." });
      await expect(page).toHaveURL(/\/signup\/sent$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kijk in je e-mail");
      await checkA11y(page, js);

      const mail = await followMail(page, email, "/signup/confirm/");
      expect(mail.subject).toBe("Bevestig je e-mailadres voor de Kenniskring");
      expect(mail.html).toContain("Bevestig mijn e-mailadres");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bevestig je e-mailadres");
      await checkA11y(page, js);
      await page.getByRole("button", { name: "Bevestig mijn e-mailadres" }).click();
      await expect(page).toHaveURL(/\/account\?welcome=pending$/);
      await expect(page.getByText("Je aanmelding wacht op goedkeuring van een organisator.")).toBeVisible();
      await checkA11y(page, js);
      // Pending: reads, may not write; says why on every page.
      await page.goto("/dilemmas/new");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Geen toegang");
      await expect(page.getByText("Je aanmelding wacht op goedkeuring")).toBeVisible();

      // The organiser hears of it, and approves.
      const organiserPage = await (await browser.newContext({ javaScriptEnabled })).newPage();
      const notice = await nextMailTo(organiser.email);
      expect(notice.text).toContain("Aafke Aanmelder wil lid worden");
      await logIn(organiserPage, organiser);
      await organiserPage.goto(notice.link("/circle/requests"));
      await expect(organiserPage.getByText("Opbouwwerker in Oost.")).toBeVisible();
      await checkA11y(organiserPage, js);
      await organiserPage.getByRole("button", { name: "Keur de aanmelding van Aafke Aanmelder goed" }).click();
      await expect(organiserPage.getByRole("status")).toHaveText("Aafke Aanmelder is nu lid. We hebben een e-mail gestuurd.");
      await organiserPage.context().close();

      const welcome = await nextMailTo(email);
      expect(welcome.subject).toBe("Welkom bij de Kenniskring");
      await page.goto(welcome.link("/"));
      await expect(page.getByText("Je aanmelding wacht op goedkeuring")).toHaveCount(0);
      await page.goto("/dilemmas/new");
      await expect(page.getByRole("heading", { level: 1, name: "Deel een dilemma" })).toBeVisible();
    });

    test("an address that has an account: the same answer, and its owner gets a mail", async ({ page }) => {
      const email = uniqueEmail("bestaand");
      await joinAsMember(page, { name: "Bea Bestaand", email, password: PASSWORD });
      await page.getByRole("button", { name: "Uitloggen", exact: true }).click();
      await expect(page.getByRole("status")).toHaveText("Je bent uitgelogd.");
      await page.goto("/signup");
      await fillSignUp(page, { name: "Iemand Anders", email: email.toUpperCase(), password: "een ander lang wachtwoord" });
      await expect(page).toHaveURL(/\/signup\/sent$/);
      const mail = await followMail(page, email, "/login");
      expect(mail.subject).toBe("Je hebt al een account bij de Kenniskring");
      expect(mail.text).toContain("Hallo Bea Bestaand,");
      await expect(page.getByRole("heading", { level: 1, name: "Inloggen" })).toBeVisible();
    });

    test("forgotten password: a link by mail, a new password, every other session ended", async ({ page, browser }) => {
      const email = uniqueEmail("vergeten");
      await joinAsMember(page, { name: "Vera Vergeten", email, password: PASSWORD });
      const elsewhere = await browser.newContext();
      const otherPage = await elsewhere.newPage();
      await logIn(otherPage, { email, password: PASSWORD });
      await page.getByRole("button", { name: "Uitloggen", exact: true }).click();
      await expect(page.getByRole("status")).toHaveText("Je bent uitgelogd.");

      await page.getByRole("link", { name: "Wachtwoord vergeten?" }).click();
      await checkA11y(page, js);
      await page.getByLabel("E-mailadres").fill(email);
      await page.getByRole("button", { name: "Stuur mij een link" }).click();
      await expect(page.getByRole("status")).toContainText("Als er een account is met dit adres");
      await checkA11y(page, js);

      const mail = await followMail(page, email, "/password/reset/");
      expect(mail.subject).toBe("Kies een nieuw wachtwoord voor de Kenniskring");
      await checkA11y(page, js);
      const resetUrl = page.url();
      await page.getByLabel("Nieuw wachtwoord").fill("1234567890");
      await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
      await expect(page.getByText("Dit wachtwoord gebruiken heel veel mensen.", { exact: false })).toBeVisible();
      await page.getByLabel("Nieuw wachtwoord").fill("mijn nieuwe zin is beter");
      await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
      await expect(page).toHaveURL(/\/account\?done=password-reset$/);
      await expect(page.getByRole("status")).toContainText("Je nieuwe wachtwoord is opgeslagen.");

      await otherPage.goto("/account");
      await expect(otherPage).toHaveURL(/\/login/);
      await elsewhere.close();
      expect((await nextMailTo(email)).subject).toBe("Je wachtwoord voor de Kenniskring is gewijzigd");

      // The link worked once.
      await page.goto(resetUrl);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Deze link werkt niet (meer)");
      await checkA11y(page, js);
    });

    test("a member changes their address (confirmed by mail, the old one told) and their password", async ({ page }) => {
      const email = uniqueEmail("verhuizer");
      const newEmail = uniqueEmail("nieuw-adres").replace("@", "+kring@");
      await joinAsMember(page, { name: "Victor Verhuizer", email, password: PASSWORD });
      await page.getByRole("link", { name: "E-mailadres wijzigen" }).click();
      await checkA11y(page, js);
      await page.getByLabel("Nieuw e-mailadres").fill("geen adres");
      await page.getByLabel("Je wachtwoord").fill(PASSWORD);
      await page.getByRole("button", { name: "Stuur een link naar het nieuwe adres" }).click();
      await expect(page.getByText("Dit is geen geldig e-mailadres.", { exact: false })).toBeVisible();
      await expect(page.getByLabel("Nieuw e-mailadres")).toHaveValue("geen adres");
      await page.getByLabel("Nieuw e-mailadres").fill(newEmail);
      await page.getByLabel("Je wachtwoord").fill(PASSWORD);
      await page.getByRole("button", { name: "Stuur een link naar het nieuwe adres" }).click();
      await expect(page.getByRole("status")).toContainText(`We hebben een link gestuurd naar ${newEmail}.`);

      await followMail(page, newEmail, "/account/email/confirm/");
      await checkA11y(page, js);
      await page.getByRole("button", { name: "Bevestig mijn nieuwe adres" }).click();
      await expect(page).toHaveURL(/\/account\?done=email$/);
      await expect(page.getByText(newEmail)).toBeVisible();
      const told = await nextMailTo(email);
      expect(told.subject).toBe("Je e-mailadres voor de Kenniskring is gewijzigd");
      expect(told.text).toContain(newEmail);

      await page.getByRole("link", { name: "Wachtwoord wijzigen" }).click();
      await checkA11y(page, js);
      await page.getByLabel("Je huidige wachtwoord").fill("niet het goede");
      await page.getByLabel("Nieuw wachtwoord").fill("een nieuwe zin voor later");
      await page.getByRole("button", { name: "Wachtwoord wijzigen" }).click();
      await expect(page.getByText("Dit wachtwoord klopt niet.")).toBeVisible();
      await page.getByLabel("Je huidige wachtwoord").fill(PASSWORD);
      await page.getByLabel("Nieuw wachtwoord").fill("een nieuwe zin voor later");
      await page.getByRole("button", { name: "Wachtwoord wijzigen" }).click();
      await expect(page.getByRole("status")).toContainText("Je wachtwoord is gewijzigd.");
      // The notice links to the reset page, for a member who did not make this change.
      const notice = await followMail(page, newEmail, "/password/forgot");
      expect(notice.subject).toBe("Je wachtwoord voor de Kenniskring is gewijzigd");
    });

    test("sign-up refuses what is not an address or too easy a password, beside the field, text kept", async ({ page }) => {
      await page.goto("/signup");
      await page.getByLabel("Je naam").fill("Bert Fout");
      await page.getByLabel("E-mailadres").fill("bert@@voorbeeld.nl");
      await page.getByLabel("Wachtwoord", { exact: true }).fill("wachtwoord");
      await page.getByLabel(/privacyverklaring/).check();
      await page.getByRole("button", { name: "Account maken" }).click();
      await expect(page.getByText("Dit is geen geldig e-mailadres.", { exact: false })).toBeVisible();
      await expect(page.getByLabel("E-mailadres")).toHaveValue("bert@@voorbeeld.nl");
      await expect(page.getByLabel("Je naam")).toHaveValue("Bert Fout");
      // A valid international address: accepted; the weak password is refused with the reason.
      await page.getByLabel("E-mailadres").fill("bert+kring@bücher.example");
      await page.getByLabel("Wachtwoord", { exact: true }).fill("wachtwoord");
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST"),
        page.getByRole("button", { name: "Account maken" }).click(),
      ]);
      expect(response.status()).toBe(400);
      await expect(page.getByText("Dit wachtwoord gebruiken heel veel mensen.", { exact: false })).toBeVisible();
      await expect(page.getByLabel("Wachtwoord", { exact: true })).toHaveAttribute("aria-invalid", "true");
      // The browser's e-mail field may show the domain in its ASCII form (IDNA): the same address.
      await expect(page.getByLabel("E-mailadres")).toHaveValue(/^bert\+kring@(bücher|xn--bcher-kva)\.example$/);
      // A page from the server never carries a password back (with JavaScript the field keeps what was typed).
      if (!javaScriptEnabled) await expect(page.getByLabel("Wachtwoord", { exact: true })).toHaveValue("");
      await checkA11y(page, js);
    });
  });
}

test("logging in from a page returns to it; a wrong password keeps the address", async ({ page }) => {
  const email = uniqueEmail("terug");
  await joinAsMember(page, { name: "Teun Terug", email, password: PASSWORD });
  await page.getByRole("button", { name: "Uitloggen", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Je bent uitgelogd.");
  await page.goto("/competences");
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Inloggen" }).click();
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fcompetences$/);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill("niet het goede wachtwoord");
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("alert")).toContainText("Het e-mailadres of het wachtwoord klopt niet.");
  await expect(page.getByLabel("E-mailadres")).toHaveValue(email);
  await page.getByLabel("Wachtwoord").fill(PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page).toHaveURL(/\/competences$/);
  await expect(page.getByRole("link", { name: "Mijn account" })).toBeVisible();
});

test("log out everywhere ends the sessions on every device", async ({ page, browser }) => {
  const email = uniqueEmail("overal");
  await joinAsMember(page, { name: "Olaf Overal", email, password: PASSWORD });
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await logIn(otherPage, { email, password: PASSWORD });
  await otherPage.goto("/account");
  await expect(otherPage.getByText("Je bent nu op 2 apparaten ingelogd.")).toBeVisible();
  await page.getByRole("button", { name: "Overal uitloggen" }).click();
  await expect(page).toHaveURL(/loggedOut=everywhere/);
  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL(/\/login\?redirectTo=%2Faccount|\/login\?redirectTo=\/account/);
  await other.close();
});

test("in an open circle a confirmed member takes part at once, back on the page they came from", async ({ page, browser }) => {
  const admin = await createStaff("admin", "Anne Beheer");
  await setJoinMode(browser, admin, /Iedereen kan een account maken/);
  try {
    await page.goto("/competences");
    await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Account maken" }).click();
    await expect(page.getByLabel(/Wie ben je en waarom/)).toHaveCount(0);
    const email = uniqueEmail("open");
    await fillSignUp(page, { name: "Olga Open", email, password: PASSWORD });
    await followMail(page, email, "/signup/confirm/");
    await page.getByRole("button", { name: "Bevestig mijn e-mailadres" }).click();
    await expect(page).toHaveURL(/\/competences$/);
    await expect(page.getByRole("link", { name: "Mijn account" })).toBeVisible();
    await expect(page.getByText("Je aanmelding wacht op goedkeuring")).toHaveCount(0);
    expect(hasUnreadMailTo(admin.email)).toBe(false); // nothing to approve
  } finally {
    await setJoinMode(browser, admin, /een organisator keurt goed/);
  }
});
