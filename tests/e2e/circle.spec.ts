import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { startServer } from "../support/server-process";
import { checkA11y, expect, test, uniqueEmail } from "./fixtures";
import { nextMailTo } from "./mail";
import { createStaff, joinAsMember, logIn } from "./staff";

// Running the circle: invitations, join requests, how people join, the mail the site sent,
// role changes, and the first admin's set-up link. Every link followed is the one in the mail.

const PASSWORD = "een lange zin als wachtwoord";
// Each test reads several mails and makes accounts at the console: more than the default 30 s
// when the machine is busy.
test.describe.configure({ timeout: 90_000 });

async function invite(page: Page, addresses: string, message: string) {
  await page.goto("/circle/invitations");
  await page.getByLabel("E-mailadressen").fill(addresses);
  await page.getByLabel("Persoonlijk bericht (mag leeg blijven)").fill(message);
  await page.getByRole("button", { name: "Uitnodigingen versturen" }).click();
}

for (const javaScriptEnabled of [true, false]) {
  const js = { javaScript: javaScriptEnabled };
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("an organiser invites several people with a message; one accepts, one is sent again, one withdrawn", async ({ page, browser }) => {
      test.setTimeout(180_000); // eight mails and as many pages, axe on six of them
      const organiser = await createStaff("organiser", "Ingrid Inviter");
      const member = uniqueEmail("al-lid");
      await joinAsMember(await (await browser.newContext()).newPage(), { name: "Al Lid", email: member, password: PASSWORD });
      await logIn(page, organiser);
      await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Kring beheren" }).click();
      await checkA11y(page, js);
      await page.getByRole("link", { name: "Uitnodigingen" }).click();
      await checkA11y(page, js);

      // Not an address: refused beside the field, the text kept.
      await invite(page, "geen-adres, ook@niet", "Doe mee!");
      await expect(page.getByText("Dit zijn geen e-mailadressen: geen-adres, ook@niet.", { exact: false })).toBeVisible();
      await expect(page.getByLabel("E-mailadressen")).toHaveValue("geen-adres, ook@niet");
      await expect(page.getByLabel("Persoonlijk bericht (mag leeg blijven)")).toHaveValue("Doe mee!");

      const [anna, bert, carla] = [uniqueEmail("anna"), uniqueEmail("bert"), uniqueEmail("carla")];
      await invite(page, `Anna <${anna}>\n${bert}; ${carla}, ${member}`, "Hoi! Kom je ook?\nWe zien je graag.");
      await expect(page.getByRole("status")).toContainText("3 uitnodigingen verstuurd.");
      await expect(page.getByRole("status")).toContainText("1 adres is al van een lid");
      const table = page.getByRole("table");
      for (const address of [anna, bert, carla]) await expect(table.getByRole("cell", { name: address, exact: true })).toBeVisible();
      await checkA11y(page, js);

      // Bert's is sent again (his first link stops working); Carla's is withdrawn.
      const bertFirst = await nextMailTo(bert);
      await page.getByRole("button", { name: `Stuur de uitnodiging voor ${bert} opnieuw` }).click();
      await expect(page.getByRole("status")).toContainText("opnieuw verstuurd");
      const bertSecond = await nextMailTo(bert);
      expect(bertSecond.link("/invitations/")).not.toBe(bertFirst.link("/invitations/"));
      await page.getByRole("button", { name: `Trek de uitnodiging voor ${carla} in` }).click();
      await expect(page.getByRole("status")).toContainText("ingetrokken");
      await expect(table.getByRole("cell", { name: carla, exact: true })).toHaveCount(0);

      // Anna reads her invitation and accepts it.
      const annaMail = await nextMailTo(anna);
      expect(annaMail.subject).toBe("Ingrid Inviter nodigt je uit voor de Kenniskring");
      expect(annaMail.text).toContain("> Hoi! Kom je ook?\n> We zien je graag.");
      expect(annaMail.text).not.toContain(bert); // nobody else's address
      const guest = await (await browser.newContext({ javaScriptEnabled })).newPage();
      await guest.goto(annaMail.link("/invitations/"));
      await expect(guest.getByRole("heading", { level: 1 })).toHaveText("Je bent uitgenodigd voor de Kenniskring");
      await expect(guest.getByText("Hoi! Kom je ook?")).toBeVisible();
      await checkA11y(guest, js);
      await guest.getByLabel("Je naam").fill("Anna Aangenomen");
      await guest.getByLabel("Wachtwoord").fill("asdfghjkl;");
      await guest.getByLabel(/privacyverklaring/).check();
      await guest.getByRole("button", { name: "Lid worden" }).click();
      await expect(guest.getByText("Toetsen die naast elkaar liggen", { exact: false })).toBeVisible();
      await expect(guest.getByLabel("Je naam")).toHaveValue("Anna Aangenomen");
      await guest.getByLabel("Wachtwoord").fill(PASSWORD);
      await guest.getByRole("button", { name: "Lid worden" }).click();
      await expect(guest).toHaveURL(/\/account\?welcome=1$/);
      await expect(guest.getByText(anna)).toBeVisible();
      await expect(guest.getByText("Je aanmelding wacht op goedkeuring")).toHaveCount(0); // invited: a member at once
      await guest.getByRole("button", { name: "Uitloggen", exact: true }).click();
      await expect(guest.getByRole("status")).toHaveText("Je bent uitgelogd.");

      // Used, replaced and withdrawn links each say so.
      for (const used of [annaMail.link("/invitations/"), bertFirst.link("/invitations/"), (await nextMailTo(carla)).link("/invitations/")]) {
        await guest.goto(used);
        await expect(guest.getByRole("heading", { level: 1 })).toHaveText("Deze uitnodiging werkt niet (meer)");
      }
      await checkA11y(guest, js);
      await guest.context().close();
      await page.reload();
      await expect(table.getByRole("cell", { name: anna, exact: true })).toHaveCount(0);
    });

    test("an organiser declines a request with a reason; the person gets it by mail and is gone", async ({ page, browser }) => {
      const organiser = await createStaff("organiser", "Dirk Besluit");
      const email = uniqueEmail("afgewezen");
      const applicant = await (await browser.newContext({ javaScriptEnabled })).newPage();
      await applicant.goto("/signup");
      await applicant.getByLabel("Je naam").fill("Xander Onbekend");
      await applicant.getByLabel("E-mailadres").fill(email);
      await applicant.getByLabel("Wachtwoord").fill(PASSWORD);
      await applicant.getByLabel(/privacyverklaring/).check();
      await applicant.getByRole("button", { name: "Account maken" }).click();
      await applicant.goto((await nextMailTo(email)).link("/signup/confirm/"));
      await applicant.getByRole("button", { name: "Bevestig mijn e-mailadres" }).click();
      await expect(applicant.getByText("Je aanmelding wacht op goedkeuring")).toBeVisible();

      await logIn(page, organiser);
      await page.goto("/circle/requests");
      const request = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Xander Onbekend" }) });
      await request.getByText("Afwijzen").first().click(); // opens the details
      await request.getByLabel("Reden (mag leeg blijven)").fill("We kennen je niet uit het werkveld.");
      await checkA11y(page, js);
      await request.getByRole("button", { name: "Wijs de aanmelding van Xander Onbekend af" }).click();
      await expect(page.getByRole("status")).toContainText("De aanmelding is afgewezen");
      await expect(page.getByRole("heading", { name: "Xander Onbekend" })).toHaveCount(0);

      const mail = await nextMailTo(email);
      expect(mail.subject).toBe("Je aanmelding bij de Kenniskring");
      expect(mail.text).toContain("> We kennen je niet uit het werkveld.");
      await applicant.goto(mail.link("/"));
      await expect(applicant.getByRole("link", { name: "Inloggen" })).toBeVisible(); // the session went with the account
      await applicant.context().close();
    });
  });
}

test("an admin closes the circle to invitations only; the sign-up page says how to join", async ({ page, browser }) => {
  const admin = await createStaff("admin", "Bram Beheer");
  await logIn(page, admin);
  await page.goto("/circle/settings");
  await expect(page.getByLabel(/een organisator keurt goed/)).toBeChecked();
  await checkA11y(page);
  await page.getByLabel("Alleen met een uitnodiging").check();
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByRole("status")).toContainText("Alleen met een uitnodiging");
  try {
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto("/signup");
    await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("Lid worden gaat met een uitnodiging");
    await expect(visitor.getByRole("button", { name: "Account maken" })).toHaveCount(0);
    await checkA11y(visitor);
    await visitor.context().close();
  } finally {
    await page.getByLabel(/een organisator keurt goed/).check();
    await page.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByRole("status")).toContainText("een organisator keurt goed");
  }
});

test("an admin reads the mail the site sent", async ({ page }) => {
  const admin = await createStaff("admin", "Mila Mail");
  const member = uniqueEmail("vergeetachtig");
  await joinAsMember(page, { name: "Vera Vergeetachtig", email: member, password: PASSWORD });
  await page.getByRole("button", { name: "Uitloggen", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Je bent uitgelogd.");
  await page.goto("/password/forgot");
  await page.getByLabel("E-mailadres").fill(member);
  await page.getByRole("button", { name: "Stuur mij een link" }).click();
  await nextMailTo(member);

  await logIn(page, admin);
  await page.goto("/circle");
  await page.getByRole("link", { name: "Verstuurde e-mail" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Verstuurde e-mail");
  const row = page.getByRole("row").filter({ hasText: member });
  await expect(row).toContainText("Kies een nieuw wachtwoord voor de Kenniskring");
  await expect(row).toContainText("Verstuurd");
  await checkA11y(page);
  await row.getByRole("link").click();
  // Delivered: the text is the recipient's; the log keeps no live link.
  await expect(page.getByText("De inhoud is niet bewaard")).toBeVisible();
  await checkA11y(page);
});

test("an admin's role change is mailed to the member", async ({ page, browser }) => {
  const email = uniqueEmail("rolmail");
  const memberPage = await (await browser.newContext()).newPage();
  await joinAsMember(memberPage, { name: "Roos Rolmail", email, password: PASSWORD });
  await memberPage.getByRole("link", { name: "Bekijk je profiel" }).click();
  await expect(memberPage).toHaveURL(/\/members\/roos-rolmail(-\d+)?$/);
  const profileUrl = memberPage.url();
  const admin = await createStaff("admin", "Rik Rollen");
  await logIn(page, admin);
  await page.goto(profileUrl);
  await page.getByLabel("Rol van Roos Rolmail").selectOption({ label: "Organisator" });
  await page.getByRole("button", { name: "Rol wijzigen" }).click();
  await expect(page.getByRole("status")).toHaveText("De rol is gewijzigd.");
  const mail = await nextMailTo(email);
  expect(mail.subject).toBe("Je rol in de Kenniskring is gewijzigd");
  expect(mail.text).toContain("Je bent nu: Organisator.");
  await memberPage.goto(mail.link("/account"));
  await expect(memberPage.getByRole("link", { name: "Kring beheren" })).toBeVisible();
  await memberPage.context().close();
});

test("a fresh `npm start` prints a one-time set-up link that makes the first admin", async ({ page }) => {
  test.setTimeout(120_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kk-setup-"));
  const server = await startServer({ KK_DATA_DIR: dataDir, SEED_DEMO: "1" });
  try {
    const line = server.output().split("\n").find((l) => l.startsWith("Nog geen beheerder: open "));
    expect(line, server.output()).toMatch(/^Nog geen beheerder: open http:\/\/localhost:\d+\/setup\/[a-z2-7]{32} om het eerste beheerdersaccount te maken/);
    const link = line!.split(" ")[4]!.replace("localhost", "127.0.0.1");
    await page.goto(link);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("De Kenniskring instellen");
    await checkA11y(page);
    await page.getByLabel("Je naam").fill("Eerste Beheerder");
    await page.getByLabel("E-mailadres").fill("beheer@voorbeeld.nl");
    await page.getByLabel("Wachtwoord").fill(PASSWORD);
    await page.getByLabel(/privacyverklaring/).check();
    await page.getByRole("button", { name: "Beheerdersaccount maken" }).click();
    await expect(page).toHaveURL(/\/circle\/settings\?done=setup$/);
    await expect(page.getByRole("status")).toHaveText("Je bent beheerder van de Kenniskring. Kies hieronder hoe mensen lid worden.");
    await expect(page.getByLabel(/een organisator keurt goed/)).toBeChecked();

    // Used once: the link now says so, for anyone.
    await page.context().clearCookies();
    await page.goto(link);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Deze link werkt niet meer");
    await checkA11y(page);
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
