import type { Page } from "@playwright/test";
import { checkA11y, expect, test, uniqueEmail } from "./fixtures";
import { nextMailTo } from "./mail";
import { joinAsMember } from "./staff";

// Never miss an answer (issue 20): a colleague names a member in a reply; the member sees the
// bell's count, opens the notification and lands on that exact reply; the mail arrives over
// real SMTP, its link leads to the reply, and its one-click unsubscribe works without logging
// in. Following a competence and the mail settings: plain forms, with JavaScript and without.

const PASSWORD = "een lange zin als wachtwoord";
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function openDemoDilemma(page: Page, id: number) {
  await page.goto(`/dilemmas/${id}`);
  await expect(page).toHaveURL(new RegExp(`/dilemmas/${id}/[a-z0-9-]+$`));
}

async function reply(page: Page, text: string) {
  await page.getByRole("textbox", { name: "Je reactie" }).fill(text);
  await page.getByRole("button", { name: "Plaats reactie" }).click();
  await expect(page).toHaveURL(/#reply-\d+$/);
  return Number(new URL(page.url()).hash.replace("#reply-", ""));
}

for (const javaScriptEnabled of [true, false]) {
  const js = { javaScript: javaScriptEnabled };
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("a mention reaches the bell, the notifications page and the mailbox; each leads to the exact reply", async ({ page, browser }) => {
      test.slow(); // two members, a relay, a mail and a fresh browser: long on a shared 2-core machine
      const word = unique();
      const annaEmail = uniqueEmail("anna");
      const anna = { name: `Anna ${word}`, email: annaEmail, password: PASSWORD };
      await joinAsMember(page, anna);
      const handle = `anna-${word}`.toLowerCase();
      // Anna takes part in a thread: she follows it from now on.
      await openDemoDilemma(page, 3);
      await reply(page, `Ik kijk eerst naar het netwerk van de bewoner ${word}.`);
      await expect(page.getByText("Je volgt dit dilemma: je krijgt een melding bij elke reactie.")).toBeVisible();

      // Bram names her in the same thread.
      const bramContext = await browser.newContext({ javaScriptEnabled });
      const bramPage = await bramContext.newPage();
      await joinAsMember(bramPage, { name: `Bram ${word}`, email: uniqueEmail("bram"), password: PASSWORD });
      await openDemoDilemma(bramPage, 3);
      const bramReply = await reply(bramPage, `Goed punt @${handle}, hoe begin je dat gesprek? ${word}`);
      await bramContext.close();

      // The bell counts it (the relay works after the commit: reload until it shows).
      await expect(async () => {
        await page.goto("/dilemmas");
        await expect(page.getByRole("link", { name: "Meldingen, 1 ongelezen" })).toBeVisible({ timeout: 1000 });
      }).toPass({ timeout: 20_000 });
      await page.getByRole("link", { name: "Meldingen, 1 ongelezen" }).click();
      await expect(page).toHaveURL(/\/notifications$/);
      await expect(page.getByRole("heading", { level: 1, name: "Meldingen" })).toBeVisible();
      await checkA11y(page, js);
      await page.getByRole("link", { name: new RegExp(`^Bram ${word} noemde je bij “`) }).click();
      await expect(page).toHaveURL(new RegExp(`/dilemmas/3/[a-z0-9-]+(\\?page=\\d+)?#reply-${bramReply}$`));
      await expect(page.locator(`#reply-${bramReply}`)).toContainText(`Goed punt @${handle}`);
      await expect(page.getByRole("link", { name: "Meldingen", exact: true })).toBeVisible(); // read: no count

      // The mail: the reply quoted, a link to it, one-click unsubscribe in its headers.
      const mail = await nextMailTo(annaEmail);
      expect(mail.subject).toMatch(new RegExp(`^Bram ${word} noemde je bij`));
      expect(mail.text).toContain(`Goed punt @${handle}`);
      expect(mail.raw).toMatch(/List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
      await page.goto(mail.link(`/replies/${bramReply}`));
      await expect(page.locator(`#reply-${bramReply}`)).toBeVisible();

      // Unsubscribing needs no login: a fresh browser, the link, one button.
      const stranger = await browser.newContext({ javaScriptEnabled });
      const strangerPage = await stranger.newPage();
      await strangerPage.goto(mail.link("/notifications/unsubscribe/"));
      await expect(strangerPage.getByRole("heading", { level: 1, name: "Afmelden voor e-mail" })).toBeVisible();
      await expect(strangerPage.getByText("Je meldt je af voor: Iemand noemt je met @")).toBeVisible();
      await checkA11y(strangerPage, js);
      await strangerPage.getByRole("button", { name: "Afmelden" }).click();
      await expect(strangerPage.getByRole("status")).toHaveText("Je bent afgemeld. Je krijgt hierover geen e-mail meer.");
      // What a mail provider's server does (RFC 8058): a POST from no page of ours, no cookie, no Origin.
      const oneClick = await strangerPage.request.post(mail.link("/notifications/unsubscribe/"), {
        form: { "List-Unsubscribe": "One-Click" },
      });
      expect(oneClick.status()).toBe(200);
      const forged = await strangerPage.request.post(mail.link("/notifications/unsubscribe/").replace(/.$/, (c) => (c === "a" ? "b" : "a")), {
        form: { "List-Unsubscribe": "One-Click" },
      });
      expect(forged.status()).toBe(404);
      await stranger.close();

      // Her settings page shows it off now.
      await page.goto("/notifications/settings");
      await expect(page.getByRole("group", { name: "Iemand noemt je met @" }).getByLabel("Geen e-mail")).toBeChecked();
      await checkA11y(page, js);
    });

    test("follow a competence with one button, and choose the mail per kind on one page", async ({ page }) => {
      const word = unique();
      await joinAsMember(page, { name: `Carla ${word}`, email: uniqueEmail("carla"), password: PASSWORD });
      await page.goto("/competences/loslaten");
      await expect(page.getByText("Je volgt deze competentie niet.")).toBeVisible();
      await page.getByRole("button", { name: "Volgen" }).click();
      await expect(page).toHaveURL(/\/competences\/loslaten$/);
      await expect(page.getByText("Je volgt deze competentie: je hoort van elk nieuw dilemma.")).toBeVisible();
      await checkA11y(page, js);
      await page.getByRole("button", { name: "Niet meer volgen" }).click();
      await expect(page.getByText("Je volgt deze competentie niet.")).toBeVisible();

      await page.goto("/notifications");
      await expect(page.getByText(/Je hebt nog geen meldingen/)).toBeVisible();
      await checkA11y(page, js);
      await page.getByRole("link", { name: "E-mail over meldingen instellen" }).click();
      const replies = page.getByRole("group", { name: /Reacties op jouw dilemma's/ });
      await expect(replies.getByLabel(/^Meteen/)).toBeChecked();
      await expect(page.getByRole("group", { name: /^Overzicht/ }).getByLabel("Eén keer per week, in een overzicht")).toBeChecked();
      await replies.getByLabel("Eén keer per dag, in een overzicht").check();
      await page.getByRole("button", { name: "Opslaan" }).click();
      await expect(page.getByRole("status")).toHaveText("Je keuzes zijn opgeslagen.");
      await expect(replies.getByLabel("Eén keer per dag, in een overzicht")).toBeChecked();
      await checkA11y(page, js);
    });
  });
}
