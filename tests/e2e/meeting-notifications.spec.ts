import type { Browser, Page } from "@playwright/test";
import { checkA11y, expect, test, uniqueEmail } from "./fixtures";
import { nextMailTo } from "./mail";
import { createStaff, joinAsMember, logIn } from "./staff";

// Never miss an answer (issue 20), the triggers notification-triggers.spec.ts leaves out, read
// from the real mailbox: a meeting changed, a meeting cancelled, a report published, my
// dilemma linked to a meeting, and (to organisers) a join request waiting. A member hears of a
// meeting at most once per 10 minutes by mail (one thread), so each mail is read by a member
// who joined after the news before it; the bell has every one.

const PASSWORD = "een lange zin als wachtwoord";
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
// A meeting's news goes to every member of the test circle at once: the mail queue needs longer
// than for one person's mail.
const FAN_OUT = { timeoutMs: 60_000 };
const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function member(browser: Browser, name: string) {
  const page = await (await browser.newContext()).newPage();
  const account = { name, email: uniqueEmail(name.split(" ")[0]!.toLowerCase()), password: PASSWORD };
  await joinAsMember(page, account);
  return { ...account, page };
}

/** The member's notifications page, reloaded until a link named `name` is listed (the relay works after the commit). */
async function expectNotification(page: Page, name: RegExp) {
  await expect(async () => {
    await page.goto("/notifications");
    await expect(page.getByRole("link", { name })).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
}

test("a meeting changed or cancelled, a report published and my dilemma linked reach me by mail and under the bell", async ({ browser }) => {
  test.slow(); // four people, the relay and six mails on a shared machine
  const word = unique();
  const meeting = `Buurtavond ${word}`;

  // Mia asks a dilemma; Olga, an organiser, plans a meeting: Mia hears of it (the thread's first mail).
  const mia = await member(browser, `Mia ${word}`);
  await mia.page.goto("/dilemmas/new");
  const question = `Wie nodig je uit voor een buurtavond ${word}`;
  await mia.page.getByLabel("Titel").fill(question);
  await mia.page.getByRole("textbox", { name: "Je dilemma" }).fill(`De vaste groep komt altijd, de rest nooit. ${word}`);
  await mia.page.getByRole("group", { name: "Competenties" }).getByLabel("Loslaten").check();
  await mia.page.getByRole("button", { name: "Dilemma plaatsen" }).click();
  await expect(mia.page).toHaveURL(/\?notice=asked$/);
  const dilemmaId = /\/dilemmas\/(\d+)/.exec(mia.page.url())![1]!;

  const organiser = await createStaff("organiser", `Olga ${word}`);
  const olga = await (await browser.newContext()).newPage();
  await logIn(olga, organiser);
  await olga.goto("/meetings/new");
  await olga.getByLabel("Titel").fill(meeting);
  await olga.getByLabel("Datum").fill(daysFromNow(40));
  await olga.getByLabel("Plaats").fill("Buurthuis De Schakel");
  await olga.getByRole("button", { name: "Bijeenkomst opslaan" }).click();
  await expect(olga.getByRole("heading", { level: 1, name: meeting })).toBeVisible();
  const meetingPath = new URL(olga.url()).pathname;
  expect((await nextMailTo(mia.email, FAN_OUT)).subject).toBe(`Nieuwe bijeenkomst gepland: “${meeting}”`);

  // Changed: Ben, who joined after it was planned, gets the mail; Mia's bell has it too.
  const ben = await member(browser, `Ben ${word}`);
  await olga.getByRole("link", { name: "Bewerk de bijeenkomst" }).click();
  await olga.getByLabel("Plaats").fill("Wijkcentrum De Brug");
  await olga.getByRole("button", { name: "Opslaan", exact: true }).click();
  await expect(olga.getByRole("heading", { level: 1, name: meeting })).toBeVisible();
  const changed = await nextMailTo(ben.email, FAN_OUT);
  expect(changed.subject).toBe(`De bijeenkomst “${meeting}” is gewijzigd`);
  expect(changed.link(meetingPath)).toBeTruthy();
  expect(changed.raw).toMatch(/List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
  await expectNotification(mia.page, new RegExp(`^De bijeenkomst “${meeting}” is gewijzigd`));
  await checkA11y(mia.page);

  // Cancelled: Cora, who joined after the change, gets the mail, with the meeting's title and
  // date (the meeting itself is gone); under Ben's bell it leads to the meetings page.
  const cora = await member(browser, `Cora ${word}`);
  await olga.locator("summary", { hasText: "Verwijder deze bijeenkomst" }).click();
  await olga.getByRole("button", { name: "Ja, verwijder de bijeenkomst" }).click();
  await expect(olga).toHaveURL(/\/meetings(\?|$)/);
  const cancelled = await nextMailTo(cora.email, FAN_OUT);
  expect(cancelled.subject).toMatch(new RegExp(`^De bijeenkomst ${meeting} \\(.+\\) gaat niet door$`));
  await expectNotification(ben.page, new RegExp(`^De bijeenkomst ${meeting} .* gaat niet door`));
  await ben.page.getByRole("link", { name: new RegExp(`^De bijeenkomst ${meeting} .* gaat niet door`) }).click();
  await expect(ben.page).toHaveURL(/\/meetings$/);

  // A report, drafted with Mia's dilemma linked as discussed: nobody hears of it until it is
  // published; then Mia gets both mails, each linking to the report.
  const report = `Verslag buurtavond ${word}`;
  await olga.goto("/meetings");
  await olga.getByRole("link", { name: "Verslag schrijven" }).click();
  await olga.getByLabel("Titel").fill(report);
  await olga.getByLabel("Datum").fill(daysFromNow(-2));
  await olga.getByLabel("Samenvatting").fill("We spraken over wie er **niet** komt en waarom.");
  await olga.getByRole("button", { name: "Concept opslaan" }).first().click();
  await expect(olga.getByRole("heading", { level: 1, name: report })).toBeVisible();
  const reportPath = new URL(olga.url()).pathname;
  await olga.locator("summary", { hasText: "Dilemma koppelen" }).click();
  await olga.getByLabel("Nummer of link van het dilemma").fill(dilemmaId);
  await olga.getByRole("radio", { name: "Besproken op deze bijeenkomst" }).check();
  await olga.getByRole("button", { name: "Koppel", exact: true }).click();
  await expect(olga.getByRole("region", { name: "Besproken op deze bijeenkomst" }).getByRole("link", { name: question })).toBeVisible();
  await mia.page.goto("/notifications");
  await expect(mia.page.getByRole("link", { name: /is gekoppeld aan een bijeenkomst/ })).toHaveCount(0);

  await olga.getByRole("button", { name: "Publiceer het verslag" }).click();
  await expect(olga.getByText(/Verslag gepubliceerd op/)).toBeVisible();
  const toMia = [await nextMailTo(mia.email, FAN_OUT), await nextMailTo(mia.email, FAN_OUT)];
  const linked = toMia.find((m) => m.subject === `Je dilemma “${question}” is gekoppeld aan een bijeenkomst`);
  const published = toMia.find((m) => m.subject === `Het verslag van “${report}” staat online`);
  expect(linked, toMia.map((m) => m.subject).join(" | ")).toBeTruthy();
  expect(published, toMia.map((m) => m.subject).join(" | ")).toBeTruthy();
  expect(linked!.link(reportPath)).toBeTruthy();
  expect(published!.link(reportPath)).toBeTruthy();
  expect((await nextMailTo(cora.email, FAN_OUT)).subject).toBe(`Het verslag van “${report}” staat online`);
  await expectNotification(mia.page, new RegExp(`^Je dilemma “${question}” is gekoppeld aan een bijeenkomst`));
  await mia.page.getByRole("link", { name: new RegExp(`^Het verslag van “${report}” staat online`) }).click();
  await expect(mia.page.getByRole("heading", { level: 1, name: report })).toBeVisible();
});

test("an organiser hears of a join request waiting, under the bell and by mail", async ({ browser }) => {
  const word = unique();
  const organiser = await createStaff("organiser", `Otto ${word}`);
  const applicant = await (await browser.newContext()).newPage();
  const email = uniqueEmail("aanvraag");
  await applicant.goto("/signup");
  await applicant.getByLabel("Je naam").fill(`Aafke ${word}`);
  await applicant.getByLabel("E-mailadres").fill(email);
  await applicant.getByLabel("Wachtwoord", { exact: true }).fill(PASSWORD);
  await applicant.getByLabel(/privacyverklaring/).check();
  await applicant.getByRole("button", { name: "Account maken" }).click();
  await applicant.goto((await nextMailTo(email)).link("/signup/confirm/"));
  await applicant.getByRole("button", { name: "Bevestig mijn e-mailadres" }).click();
  await expect(applicant.getByText("Je aanmelding wacht op goedkeuring")).toBeVisible();

  const mail = await nextMailTo(organiser.email);
  expect(mail.subject).toBe("Nieuwe aanmelding voor de Kenniskring");
  expect(mail.text).toContain(`Aafke ${word} wil lid worden`);
  const otto = await (await browser.newContext()).newPage();
  await logIn(otto, organiser);
  await expect(otto.locator("header a.notification-bell")).toHaveAttribute("aria-label", /^Meldingen, \d+ ongelezen$/);
  await expectNotification(otto, new RegExp(`^Aafke ${word} wil lid worden van de kring`));
  await checkA11y(otto);
  await otto.getByRole("link", { name: new RegExp(`^Aafke ${word} wil lid worden van de kring`) }).click();
  await expect(otto).toHaveURL(/\/circle\/requests$/);
  await expect(otto.getByRole("heading", { name: `Aafke ${word}` })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a reply reaches the bell and /notifications, marking it read works, and the settings change a kind's mail", async ({ browser }) => {
    const word = unique();
    const anna = await member(browser, `Anna ${word}`);
    const bram = await member(browser, `Bram ${word}`);
    const title = `Een buurman die alles regelt ${word}`;
    await anna.page.goto("/dilemmas/new");
    await anna.page.getByLabel("Titel").fill(title);
    await anna.page.getByRole("textbox", { name: "Je dilemma" }).fill(`Hij doet alles zelf en de rest haakt af. ${word}`);
    await anna.page.getByRole("group", { name: "Competenties" }).getByLabel("Loslaten").check();
    await anna.page.getByRole("button", { name: "Dilemma plaatsen" }).click();
    await expect(anna.page).toHaveURL(/\?notice=asked$/);
    const dilemmaUrl = anna.page.url().replace(/\?.*$/, "");

    await bram.page.goto(dilemmaUrl);
    await bram.page.getByRole("textbox", { name: "Je reactie" }).fill(`Vraag hem één taak over te dragen ${word}.`);
    await bram.page.getByRole("button", { name: "Plaats reactie" }).click();
    await expect(bram.page).toHaveURL(/#reply-\d+$/);
    const replyId = new URL(bram.page.url()).hash.replace("#reply-", "");

    // The bell and the page, as plain HTML; the mail at once is the default.
    const notice = new RegExp(`^Bram ${word} reageerde bij “${title}”`);
    await expectNotification(anna.page, notice);
    await expect(anna.page.locator("header a.notification-bell")).toHaveAttribute("aria-label", "Meldingen, 1 ongelezen");
    await expect(anna.page.getByRole("status")).toHaveText("1 ongelezen melding");
    await checkA11y(anna.page, { javaScript: false });
    expect((await nextMailTo(anna.email)).link(`/replies/${replyId}`)).toBeTruthy();

    await anna.page.getByRole("button", { name: /^Markeer als gelezen: Bram/ }).click();
    await expect(anna.page.getByRole("status")).toHaveText("Alle meldingen zijn gelezen.");
    await expect(anna.page.locator("header a.notification-bell")).toHaveAttribute("aria-label", "Meldingen");
    await expect(anna.page.getByRole("link", { name: notice })).toHaveAttribute("href", /^\/notifications\/\d+$/);

    // Mail about replies: daily from now on; the form keeps the choice.
    await anna.page.goto("/notifications/settings");
    const replies = anna.page.getByRole("group", { name: /^Reacties op jouw dilemma's/ });
    await replies.getByLabel("Eén keer per dag, in een overzicht").check();
    await anna.page.getByRole("button", { name: "Opslaan" }).click();
    await expect(anna.page.getByRole("status")).toHaveText("Je keuzes zijn opgeslagen.");
    await checkA11y(anna.page, { javaScript: false });
    await anna.page.goto("/notifications/settings");
    await expect(replies.getByLabel("Eén keer per dag, in een overzicht")).toBeChecked();

    // The link in the list leads to the reply itself.
    await anna.page.goto("/notifications");
    await anna.page.getByRole("link", { name: notice }).click();
    await expect(anna.page).toHaveURL(new RegExp(`#reply-${replyId}$`));
  });
});
