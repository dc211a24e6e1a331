import type { Browser, Page } from "@playwright/test";
import { checkA11y, expect, holdScripts, test, uniqueEmail, waitForHydration } from "./fixtures";
import { joinAsMember } from "./staff";

// Issue 22's last parts for members (decision 038): deleting one's own dilemma, relative
// times, quoting a reply, drafts kept while typing and the Markdown toolbar; on a phone and a
// laptop, with JavaScript and without where the feature exists without it.

const PASSWORD = "een lange zin als wachtwoord";
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const PHONE = { width: 375, height: 667 };

/** Shares a dilemma through the form; answers its id. */
async function shareDilemma(page: Page, title: string, body = "Wat zou jij doen?") {
  await page.goto("/dilemmas/new");
  await page.getByLabel("Titel").fill(title);
  await page.getByRole("textbox", { name: "Je dilemma" }).fill(body);
  await page.getByLabel("Eigen kracht in kaart brengen").check();
  await page.getByRole("button", { name: "Dilemma plaatsen" }).click();
  await expect(page).toHaveURL(/\/dilemmas\/\d+\/[a-z0-9-]+/);
  return Number(new URL(page.url()).pathname.split("/")[2]);
}

/** Another member, in a browser context of their own, replies to the dilemma. */
async function replyAsOther(browser: Browser, id: number, name: string, text: string) {
  const context = await browser.newContext();
  const other = await context.newPage();
  await joinAsMember(other, { name, email: uniqueEmail("compose"), password: PASSWORD });
  await other.goto(`/dilemmas/${id}`);
  await other.getByRole("textbox", { name: "Je reactie" }).fill(text);
  await other.getByRole("button", { name: "Plaats reactie" }).click();
  await expect(other.locator("article.reply", { hasText: text.replace(/\*\*/g, "") })).toBeVisible();
  await context.close();
}

for (const javaScript of [true, false]) {
  test.describe(javaScript ? "with JavaScript, on a laptop" : "without JavaScript, on a phone", () => {
    test.use({ javaScriptEnabled: javaScript, viewport: javaScript ? { width: 1280, height: 800 } : PHONE });

    test("the asker deletes a dilemma others answered (a tombstone) and one nobody answered (gone)", async ({ page, browser }) => {
      test.slow(); // two members, two dilemmas, axe on each step
      const word = unique();
      await joinAsMember(page, { name: "Dirk Deler", email: uniqueEmail("compose"), password: PASSWORD });
      const answered = await shareDilemma(page, `Sleutel van het buurthuis ${word}`, `Niemand heeft de sleutel ${word}.`);
      await replyAsOther(browser, answered, "Hanna Helper", `Vraag het de beheerder ${word}.`);

      await page.goto(`/dilemmas/${answered}`);
      await page.getByText("Verwijder je dilemma").click();
      await expect(page.getByText(/Anderen hebben al gereageerd: de titel en hun reacties blijven staan/)).toBeVisible();
      await checkA11y(page, { javaScript });
      await page.getByRole("button", { name: "Ja, verwijder mijn dilemma" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Je dilemma is verwijderd." })).toBeVisible();
      await expect(page.getByRole("heading", { level: 1, name: `Sleutel van het buurthuis ${word}` })).toBeVisible();
      await expect(page.getByText("De vraagsteller heeft dit dilemma verwijderd.", { exact: false })).toBeVisible();
      await expect(page.getByText(`Niemand heeft de sleutel ${word}.`)).toHaveCount(0);
      await expect(page.locator("article.reply", { hasText: `Vraag het de beheerder ${word}.` })).toBeVisible();
      await expect(page.getByRole("textbox", { name: "Je reactie" })).toHaveCount(0);
      await checkA11y(page, { javaScript });

      const alone = await shareDilemma(page, `Alleen mijn vraag ${word}`);
      await page.getByText("Verwijder je dilemma").click();
      await expect(page.getByText(/Niemand anders heeft gereageerd/)).toBeVisible();
      await page.getByRole("button", { name: "Ja, verwijder mijn dilemma" }).click();
      await expect(page).toHaveURL(/\/dilemmas\?notice=dilemmaGone$/);
      await expect(page.getByRole("status").filter({ hasText: "Je dilemma is verwijderd." })).toBeVisible();
      await expect(page.getByRole("link", { name: `Alleen mijn vraag ${word}` })).toHaveCount(0);
      // The tombstone stays in the list, without its asker's name.
      const row = page.locator(".dilemma-list__item", { hasText: `Sleutel van het buurthuis ${word}` });
      await expect(row).toContainText("Verwijderd door de vraagsteller");
      await expect(row).not.toContainText("Dirk Deler");
      await checkA11y(page, { javaScript });
      const gone = await page.goto(`/dilemmas/${alone}`);
      expect(gone?.status()).toBe(404);
    });

    test("a member quotes a reply into their own; times read as how long ago, exact on hover", async ({ page, browser }) => {
      test.slow();
      const word = unique();
      await joinAsMember(page, { name: "Quinten Quote", email: uniqueEmail("compose"), password: PASSWORD });
      const id = await shareDilemma(page, `Wie regelt de buurtbarbecue ${word}`);
      await replyAsOther(browser, id, "Hanna Helper", `Vraag het **buurthuis** om tafels ${word}.`);
      await page.goto(`/dilemmas/${id}`);

      // A relative time, with the exact moment for the mouse and for screen readers.
      const time = page.locator("article.reply time").first();
      await expect(time.locator("[aria-hidden=true]")).toHaveText(/^(nu|1 minuut geleden|\d+ minuten geleden)$/);
      await expect(time).toHaveAttribute("title", /^\d{1,2} [a-z]+ 20\d\d om \d\d:\d\d$/);
      await expect(time.locator(".visually-hidden")).toHaveText(/^\d{1,2} [a-z]+ 20\d\d om \d\d:\d\d$/);

      const field = page.getByRole("textbox", { name: "Je reactie" });
      // Quoting into what was typed is the scripts' work: before they run, "Citeer" is a plain link.
      if (javaScript) await waitForHydration(page);
      if (javaScript) await field.fill(`Goed idee ${word}.`);
      await page.getByRole("link", { name: "Citeer de reactie van Hanna Helper" }).click();
      if (!javaScript) await expect(page).toHaveURL(/\?quote=\d+#reply-form$/);
      await expect(field).toHaveValue(new RegExp(`> \\[Hanna Helper schreef\\]\\(https?://[^)]+/replies/\\d+\\):\n>\n> Vraag het \\*\\*buurthuis\\*\\* om tafels ${word}\\.`));
      // With JavaScript the quote joins what was typed, and the cursor is in the field.
      if (javaScript) {
        await expect(field).toHaveValue(new RegExp(`^Goed idee ${word}\\.\n\n> `));
        await expect(field).toBeFocused();
        await field.press("End");
        await field.pressSequentially("Dat doe ik.");
      } else {
        await field.fill(`${await field.inputValue()}Dat doe ik.`);
      }
      await checkA11y(page, { javaScript });
      await page.getByRole("button", { name: "Plaats reactie" }).click();
      const mine = page.locator("article.reply", { hasText: "Dat doe ik." });
      await expect(mine.locator("blockquote strong")).toHaveText("buurthuis");
      await expect(mine.locator("blockquote a", { hasText: "Hanna Helper schreef" })).toHaveAttribute("href", /\/replies\/\d+$/);
    });
  });
}

test.describe("with JavaScript, on a phone: drafts and the toolbar", () => {
  test.use({ viewport: PHONE });

  test("the composers keep a draft across a reload until it is posted or deleted; the toolbar writes Markdown", async ({ page }) => {
    test.slow();
    const word = unique();
    await joinAsMember(page, { name: "Connie Concept", email: uniqueEmail("compose"), password: PASSWORD });
    await page.goto("/dilemmas/new");
    const title = page.getByLabel("Titel");
    const body = page.getByRole("textbox", { name: "Je dilemma" });
    const toolbar = page.getByRole("toolbar", { name: "Opmaak" });
    await expect(toolbar).toBeVisible();
    await title.fill(`Concept over de speeltuin ${word}`);
    await body.fill("wijk");
    await body.selectText();
    await toolbar.getByRole("button", { name: "Vet" }).click();
    await expect(body).toHaveValue("**wijk**");
    await expect(body).toBeFocused();
    await body.press("End");
    await body.press("Enter");
    await toolbar.getByRole("button", { name: "Lijst" }).click();
    await expect(body).toHaveValue("**wijk**\n- punt");
    await page.keyboard.type("schommel"); // the example word is selected: typing replaces it
    await expect(body).toHaveValue("**wijk**\n- schommel");
    await checkA11y(page);

    await page.reload();
    await expect(page.getByRole("status").filter({ hasText: "Je concept is teruggezet." })).toBeVisible();
    await expect(title).toHaveValue(`Concept over de speeltuin ${word}`);
    await expect(body).toHaveValue("**wijk**\n- schommel");
    await checkA11y(page);
    await page.getByRole("button", { name: "Verwijder concept" }).click();
    await expect(title).toHaveValue("");
    await expect(body).toHaveValue("");
    await page.reload();
    await expect(page.getByText("Je concept is teruggezet.")).toHaveCount(0);

    // Typed again and posted: the draft is gone.
    await title.fill(`Speeltuin ${word}`);
    await body.fill("Wie repareert de schommel?");
    await page.getByLabel("Eigen kracht in kaart brengen").check();
    await page.getByRole("button", { name: "Dilemma plaatsen" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Je dilemma staat online." })).toBeVisible();

    // The reply form keeps its own draft, per dilemma.
    const reply = page.getByRole("textbox", { name: "Je reactie" });
    await reply.fill(`Ik ken een timmerman ${word}.`);
    await page.reload();
    await expect(reply).toHaveValue(`Ik ken een timmerman ${word}.`);
    await page.getByRole("button", { name: "Plaats reactie" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Je reactie is geplaatst." })).toBeVisible();
    // The form after posting is a fresh one: the posted text does not come back as a draft.
    await expect(page.getByRole("textbox", { name: "Je reactie" })).toHaveValue("");
    await page.reload();
    await expect(page.getByRole("textbox", { name: "Je reactie" })).toHaveValue("");
    await expect(page.getByText("Je concept is teruggezet.")).toHaveCount(0);
    await page.goto("/dilemmas/new");
    await expect(title).toHaveValue("");
    await page.goBack();
    await expect(page.getByRole("textbox", { name: "Je reactie" })).toHaveValue("");
    await expect(page.getByText("Je concept is teruggezet.")).toHaveCount(0);
  });
});

test.describe("with JavaScript that arrives late, on a phone", () => {
  test.use({ viewport: PHONE });

  test("a reply posted before the page came alive does not come back as a draft", async ({ page }) => {
    const word = unique();
    await joinAsMember(page, { name: "Lotte Laat", email: uniqueEmail("compose"), password: PASSWORD });
    const id = await shareDilemma(page, `Trage telefoon ${word}`);
    const reply = page.getByRole("textbox", { name: "Je reactie" });
    await expect(page.getByRole("toolbar", { name: "Opmaak" }).last()).toBeVisible(); // alive: drafts are kept
    await reply.fill(`Eerst een concept ${word}.`);
    await expect.poll(() => page.evaluate((w) => Object.values(localStorage).some((v) => v.includes(w)), word)).toBe(true);

    // The next visit's scripts are slow: the member sends the form before they run.
    const release = await holdScripts(page);
    await page.goto(`/dilemmas/${id}`, { waitUntil: "commit" });
    await reply.fill(`Eerst een concept ${word}.`);
    await page.getByRole("button", { name: "Plaats reactie" }).click();
    await expect(page).toHaveURL(/notice=replied#reply-\d+$/);
    release();

    await expect(page.locator("article.reply", { hasText: `Eerst een concept ${word}.` })).toBeVisible();
    await expect(page.getByRole("toolbar", { name: "Opmaak" }).last()).toBeVisible();
    await expect.poll(() => page.evaluate((w) => Object.values(localStorage).some((v) => v.includes(w)), word)).toBe(false);
    await expect(reply).toHaveValue("");
    await expect(page.getByText("Je concept is teruggezet.")).toHaveCount(0);
  });
});

test.describe("with JavaScript that arrives late, on a phone: asking", () => {
  test.use({ viewport: PHONE });

  test("a dilemma shared before the page came alive does not come back as a draft", async ({ page }) => {
    const word = unique();
    await joinAsMember(page, { name: "Lars Laat", email: uniqueEmail("compose"), password: PASSWORD });
    await page.goto("/dilemmas/new");
    await expect(page.getByRole("toolbar", { name: "Opmaak" })).toBeVisible();
    await page.getByLabel("Titel").fill(`Bankje bij de flat ${word}`);
    await expect.poll(() => page.evaluate((w) => Object.values(localStorage).some((v) => v.includes(w)), word)).toBe(true);

    const release = await holdScripts(page);
    await page.goto("/dilemmas/new", { waitUntil: "commit" });
    await page.getByLabel("Titel").fill(`Bankje bij de flat ${word}`);
    await page.getByRole("textbox", { name: "Je dilemma" }).fill("Wie mag het bankje weghalen?");
    await page.getByLabel("Eigen kracht in kaart brengen").check();
    await page.getByRole("button", { name: "Dilemma plaatsen" }).click();
    await expect(page).toHaveURL(/notice=asked/);
    release();

    await expect(page.getByRole("status").filter({ hasText: "Je dilemma staat online." })).toBeVisible();
    await expect.poll(() => page.evaluate((w) => Object.values(localStorage).some((v) => v.includes(w)), word)).toBe(false);
    await page.unrouteAll();
    await page.goto("/dilemmas/new");
    await expect(page.getByRole("toolbar", { name: "Opmaak" })).toBeVisible();
    await expect(page.getByLabel("Titel")).toHaveValue("");
    await expect(page.getByText("Je concept is teruggezet.")).toHaveCount(0);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the composer is a plain text field: no toolbar, no draft note", async ({ page }) => {
    await joinAsMember(page, { name: "Paula Plain", email: uniqueEmail("compose"), password: PASSWORD });
    await page.goto("/dilemmas/new");
    await expect(page.getByRole("textbox", { name: "Je dilemma" })).toBeVisible();
    await expect(page.getByRole("toolbar")).toHaveCount(0);
    await expect(page.getByText("Je concept is teruggezet.")).toHaveCount(0);
    await checkA11y(page, { javaScript: false });
  });
});
