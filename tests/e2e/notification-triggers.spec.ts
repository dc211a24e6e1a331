import type { Browser, Page } from "@playwright/test";
import { expect, test, uniqueEmail } from "./fixtures";
import { hasUnreadMailTo, nextMailTo } from "./mail";
import { createStaff, joinAsMember, logIn, sendDigestNow } from "./staff";

// Never miss an answer (issue 20), the triggers and the delivery settings, read from the real
// mailbox: a reply to my dilemma and to my reply (mail at once), my reply chosen as the answer
// and found helpful (the bell: the thread's next mail waits its 10 minutes), a new dilemma in
// a competence I follow (the daily digest), mail about replies turned off (the bell only), the
// weekly digest, and a meeting planned. The mention, unsubscribe, reply
// by mail and the live thread have their own specs.

const PASSWORD = "een lange zin als wachtwoord";
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function member(browser: Browser, name: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const account = { name, email: uniqueEmail(name.split(" ")[0]!.toLowerCase()), password: PASSWORD };
  await joinAsMember(page, account);
  return { ...account, page };
}

async function reply(page: Page, text: string) {
  await page.getByRole("textbox", { name: "Je reactie" }).fill(text);
  await page.getByRole("button", { name: "Plaats reactie" }).click();
  await expect(page).toHaveURL(/#reply-\d+$/);
  return Number(new URL(page.url()).hash.replace("#reply-", ""));
}

/** The member's notifications page, reloaded until `name` is listed (the relay works after the commit). */
async function expectNotification(page: Page, name: RegExp, count = 1) {
  await expect(async () => {
    await page.goto("/notifications");
    await expect(page.getByRole("link", { name })).toHaveCount(count, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
}

test("each trigger reaches the member it is about, by mail at once, in a digest, or only under the bell", async ({ browser }) => {
  test.slow(); // four people, a relay, mail and two digests on a shared machine
  const word = unique();
  const title = `Loslaten of vasthouden ${word}`;

  // Carla follows the competence; new dilemmas reach her in the daily digest (the default).
  const carla = await member(browser, `Carla ${word}`);
  await carla.page.goto("/competences/loslaten");
  await carla.page.getByRole("button", { name: "Volgen" }).click();
  await expect(carla.page.getByText("Je volgt deze competentie: je hoort van elk nieuw dilemma.")).toBeVisible();

  // Anna asks in that competence.
  const anna = await member(browser, `Anna ${word}`);
  await anna.page.goto("/dilemmas/new");
  await anna.page.getByLabel("Titel").fill(title);
  await anna.page.getByRole("textbox", { name: "Je dilemma" }).fill(`Een bewoner wil alles zelf doen, maar het lukt niet. ${word}`);
  await anna.page.getByRole("group", { name: "Competenties" }).getByLabel("Loslaten").check();
  await anna.page.getByRole("button", { name: "Dilemma plaatsen" }).click();
  await expect(anna.page).toHaveURL(/\?notice=asked$/);
  const dilemmaUrl = anna.page.url().replace(/\?.*$/, "");

  // A reply to my dilemma: mailed at once, with a link to the reply.
  const bram = await member(browser, `Bram ${word}`);
  await bram.page.goto(dilemmaUrl);
  const bramReply = await reply(bram.page, `Laat hem beginnen met één klus ${word}.`);
  const toAnna = await nextMailTo(anna.email);
  expect(toAnna.subject).toBe(`Bram ${word} reageerde bij “${title}”`);
  expect(toAnna.text).toContain(`Laat hem beginnen met één klus ${word}.`);
  expect(toAnna.link(`/replies/${bramReply}`)).toBeTruthy();

  // A reply to my reply: mailed at once to Bram.
  await anna.page.goto(dilemmaUrl);
  await anna.page.getByRole("link", { name: `Reageer op Bram ${word}` }).click();
  await expect(anna.page.getByRole("heading", { name: `Reageer op Bram ${word}` })).toBeVisible();
  await reply(anna.page, `Goed idee, dat probeer ik ${word}.`);
  const toBram = await nextMailTo(bram.email);
  expect(toBram.subject).toBe(`Anna ${word} reageerde bij “${title}”`);
  expect(toBram.text).toContain(`Goed idee, dat probeer ik ${word}.`);

  // My reply chosen as the answer and found helpful: under Bram's bell at once.
  await anna.page.goto(dilemmaUrl);
  const bramsArticle = anna.page.locator(`#reply-${bramReply}`);
  await bramsArticle.getByRole("button", { name: /Kies als antwoord/ }).click();
  await expect(anna.page.getByRole("region", { name: /Gekozen antwoord/ })).toBeVisible();
  await anna.page.locator(`#reply-${bramReply}`).getByRole("button", { name: `Nuttig van Bram ${word}` }).click();
  await expect(anna.page.locator(`#reply-${bramReply}`).getByText("1 lid vond dit nuttig")).toBeVisible();
  await expectNotification(bram.page, new RegExp(`^Anna ${word} koos jouw reactie als antwoord bij`));
  await expectNotification(bram.page, new RegExp(`^Anna ${word} vond jouw reactie nuttig bij`));

  // The daily digest: Carla reads the new dilemma in her competence (her summary is weekly).
  expect(await sendDigestNow(carla.email, "daily")).toMatch(/^Het (dagelijkse|wekelijkse) overzicht staat klaar/);
  const daily = await nextMailTo(carla.email);
  expect(daily.subject).toBe("Je dagelijkse overzicht van de kring");
  expect(daily.text).toContain("Je meldingen");
  expect(daily.text).toContain(`Nieuw dilemma in een competentie die je volgt: “${title}”`);
  expect(daily.raw).toMatch(/List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
  expect(daily.link("/notifications/settings")).toBeTruthy();
  // Asked twice the same day: nothing twice.
  expect(await sendDigestNow(carla.email, "daily")).toMatch(/^Niets te sturen/);

  // Anna turns mail about replies off: a new reply reaches her bell, not her mailbox.
  await anna.page.goto("/notifications/settings");
  await anna.page.getByRole("group", { name: /^Reacties op jouw dilemma's/ }).getByLabel("Geen e-mail").check();
  await anna.page.getByRole("button", { name: "Opslaan" }).click();
  await expect(anna.page.getByRole("status")).toHaveText("Je keuzes zijn opgeslagen.");
  await bram.page.goto(dilemmaUrl);
  await reply(bram.page, `Nog een gedachte: vraag zijn buurman erbij ${word}.`);
  await expectNotification(anna.page, new RegExp(`^Bram ${word} reageerde bij`), 2); // the first reply's, and this one's
  // The weekly digest (the summary's default) comes next in her mailbox: no reply mail before it.
  expect(await sendDigestNow(anna.email, "weekly")).toMatch(/^Het (dagelijkse|wekelijkse) overzicht staat klaar/);
  const weekly = await nextMailTo(anna.email);
  expect(weekly.subject).toBe("Je wekelijkse overzicht van de kring");
  expect(weekly.text).not.toContain("vraag zijn buurman erbij");
  expect(hasUnreadMailTo(anna.email)).toBe(false);

  // A meeting planned: every member hears of it, by mail at once (changed and cancelled:
  // tests/integration/notifications.test.ts).
  const organiser = await createStaff("organiser", `Olga ${word}`);
  const olga = await (await browser.newContext()).newPage();
  await logIn(olga, organiser);
  const meeting = `Buurtavond ${word}`;
  await olga.goto("/meetings/new");
  await olga.getByLabel("Titel").fill(meeting);
  await olga.getByLabel("Datum").fill(new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10));
  await olga.getByLabel("Plaats").fill("Buurthuis De Schakel");
  await olga.getByRole("button", { name: "Bijeenkomst opslaan" }).click();
  await expect(olga.getByRole("heading", { level: 1, name: meeting })).toBeVisible();
  await expectNotification(carla.page, new RegExp(`^Nieuwe bijeenkomst gepland: “${meeting}”`));
  const planned = await nextMailTo(carla.email);
  expect(planned.text).toContain(meeting);
});
