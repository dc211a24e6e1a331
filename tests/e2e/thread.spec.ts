import type { Page } from "@playwright/test";
import { checkA11y, expect, markDocument, sameDocument, test, uniqueEmail, waitForHydration } from "./fixtures";
import { createAccount, joinAsMember, signIn } from "./staff";

// The dilemma page and its thread: replying, replying to a reply, the answer on top, editing
// with its revisions, permalinks — with JavaScript and without.

const PASSWORD = "een lange zin als wachtwoord";
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A demo dilemma by its seed position (1–5); the bare /dilemmas/:id redirects to its slug. */
async function openDemoDilemma(page: Page, id: number) {
  await page.goto(`/dilemmas/${id}`);
  await expect(page).toHaveURL(new RegExp(`/dilemmas/${id}/[a-z0-9-]+$`));
}

const replyWith = (page: Page, text: string) => page.locator("article.reply", { hasText: text });

test("a member replies, replies to the reply; an organiser marks the answer; the member edits", async ({ page, browser }) => {
  const word = unique();
  await joinAsMember(page, { name: "Rita Reageerder", email: uniqueEmail("thread"), password: PASSWORD });
  await openDemoDilemma(page, 2);
  await expect(page.getByRole("heading", { level: 1, name: "Wat doe je als een wijk zich de verkeerde kant op ontwikkelt?" })).toBeVisible();
  await expect(page.getByText(/Ingebracht op bijeenkomst/)).toBeVisible();
  await checkA11y(page);

  // Reply to the dilemma, with the live preview on the way (the scripts'), once the page is alive.
  await waitForHydration(page);
  const first = `Begin bij de mensen die nog wel meedoen ${word}.`;
  await page.getByRole("textbox", { name: "Je reactie" }).fill(`**Vet** ${first}`);
  await expect(page.getByRole("group", { name: "Zo ziet je reactie eruit" }).locator("strong")).toHaveText("Vet");
  await page.getByRole("button", { name: "Plaats reactie" }).click();
  await expect(page).toHaveURL(/#reply-\d+$/);
  const mine = replyWith(page, first);
  await expect(mine).toBeVisible();
  await expect(mine).toBeInViewport();
  // The page says it worked (a live region, read out) and the focus is on the new reply.
  await expect(page.getByRole("status").filter({ hasText: "Je reactie is geplaatst." })).toBeVisible();
  await expect(mine).toBeFocused();
  await expect(page.getByRole("textbox", { name: "Je reactie" })).toHaveValue("");
  await expect(page.getByRole("group", { name: "Zo ziet je reactie eruit" })).toHaveCount(0);
  const replyId = Number(new URL(page.url()).hash.replace("#reply-", ""));
  await checkA11y(page);

  // Reply to that reply: the form opens under it. With JavaScript the router follows the
  // thread's links and forms: the page is not loaded again.
  await markDocument(page);
  await mine.getByRole("link", { name: /Reageer op Rita Reageerder/ }).click();
  await expect(page).toHaveURL(/replyTo=\d+#reply-form$/);
  await expect(page.getByRole("heading", { name: "Reageer op Rita Reageerder" })).toBeVisible();
  expect(await sameDocument(page)).toBe(true);
  const second = `En vier elk klein succes ${word}.`;
  await page.getByRole("textbox", { name: "Je reactie" }).fill(second);
  await page.getByRole("button", { name: "Plaats reactie" }).click();
  const nested = replyWith(page, second);
  await expect(nested).toBeVisible();
  // Nested: the answer sits in a list inside the item of the reply it answers.
  await expect(page.locator(`li:has(> #reply-${replyId}) > ol.thread--nested`).locator("article", { hasText: second })).toBeVisible();
  await checkA11y(page);

  // An organiser (the demo askers cannot log in) marks the first reply as the answer and finds it helpful.
  // Made and signed in the quick way (the login form and `npm run user:create` have walks of
  // their own): this walk is long, and under load the console's start alone costs seconds.
  const staff = await createAccount("organiser", { email: uniqueEmail("organiser"), password: PASSWORD, name: "Olga Organisator" });
  const staffContext = await browser.newContext();
  const staffPage = await staffContext.newPage();
  await signIn(staffPage, staff);
  await staffPage.goto(`/replies/${replyId}`);
  const staffView = replyWith(staffPage, first);
  await markDocument(staffPage);
  await staffView.getByRole("button", { name: "Nuttig van Rita Reageerder" }).click();
  await expect(replyWith(staffPage, first).getByText("1 lid vond dit nuttig")).toBeVisible();
  await replyWith(staffPage, first).getByRole("button", { name: /Kies als antwoord/ }).click();
  const answer = staffPage.getByRole("region", { name: /Gekozen antwoord/ });
  await expect(answer).toContainText(first);
  expect(await sameDocument(staffPage)).toBe(true);
  await checkA11y(staffPage);
  await staffContext.close();

  // The member sees the answer on top, above the thread, and the dilemma answered.
  await page.reload();
  const top = page.getByRole("region", { name: /Gekozen antwoord/ });
  await expect(top).toContainText(first);
  await expect(page.locator(".dilemma-page > p.meta .status")).toHaveText(/Beantwoord/);
  const topBox = await top.boundingBox();
  const threadBox = await page.getByRole("region", { name: /^Reacties/ }).boundingBox();
  expect(topBox!.y).toBeLessThan(threadBox!.y);

  // Edit the reply; the earlier text is kept and readable.
  await replyWith(page, first).getByRole("link", { name: /Bewerk/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reactie bewerken" })).toBeVisible();
  await checkA11y(page);
  const edited = `Begin bij wie nog meedoet ${word}.`;
  await page.getByRole("textbox", { name: "Je reactie" }).fill(edited);
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page).toHaveURL(new RegExp(`#reply-${replyId}$`));
  const afterEdit = page.locator(`#reply-${replyId}`);
  await expect(afterEdit).toContainText(edited);
  await afterEdit.getByRole("link", { name: "bewerkt" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Eerdere versies van een reactie" })).toBeVisible();
  // The earlier version as it looked (rendered), not its Markdown source.
  await expect(page.locator(".revision__rendered strong", { hasText: "Vet" })).toBeVisible();
  await expect(page.getByText(`**Vet** ${first}`)).toHaveCount(0);
  await checkA11y(page);
});

test("a permalink opens the thread scrolled to the reply", async ({ page }) => {
  await openDemoDilemma(page, 1);
  const lastReply = page.locator("article.reply[id]").last();
  const id = (await lastReply.getAttribute("id"))!.replace("reply-", "");
  await page.setViewportSize({ width: 800, height: 400 });
  await page.goto(`/replies/${id}`);
  await expect(page).toHaveURL(new RegExp(`/dilemmas/1/[a-z0-9-]+#reply-${id}$`));
  await expect(page.locator(`#reply-${id}`)).toBeInViewport();
  await expect(page.getByRole("heading", { level: 1 })).not.toBeInViewport();
  await checkA11y(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a member previews, fixes and posts a reply to a reply", async ({ page }) => {
    const word = unique();
    await joinAsMember(page, { name: "Zonder Script", email: uniqueEmail("thread-nojs"), password: PASSWORD });
    await openDemoDilemma(page, 3);
    await checkA11y(page, { javaScript: false });

    // "Reageer" on a demo reply is a link: the page comes back with the form under that reply.
    const demoReply = page.locator("article.reply").first();
    const demoId = (await demoReply.getAttribute("id"))!;
    await demoReply.getByRole("link", { name: /^Reageer/ }).click();
    await expect(page).toHaveURL(/replyTo=\d+#reply-form$/);
    await expect(page.locator(`li:has(> #${demoId}) > #reply-form`)).toBeVisible();
    await checkA11y(page, { javaScript: false });

    // Empty: the message beside the field, status 400.
    const [empty] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Plaats reactie" }).click(),
    ]);
    expect(empty.status()).toBe(400);
    await expect(page.getByText("Vul dit veld in.")).toBeVisible();

    // Preview: the text comes back rendered, and kept in the field.
    const text = `Vraag wat *zij* nodig hebben ${word}.`;
    await page.getByRole("textbox", { name: "Je reactie" }).fill(text);
    await page.getByRole("button", { name: "Voorbeeld" }).click();
    await expect(page.getByRole("group", { name: "Zo ziet je reactie eruit" }).locator("em")).toHaveText("zij");
    await expect(page.getByRole("textbox", { name: "Je reactie" })).toHaveValue(text);
    await checkA11y(page, { javaScript: false });

    await page.getByRole("button", { name: "Plaats reactie" }).click();
    await expect(page).toHaveURL(/#reply-\d+$/);
    const posted = page.locator(`li:has(> #${demoId}) article`, { hasText: `${word}.` });
    await expect(posted).toBeVisible();
    await expect(posted.locator("em")).toHaveText("zij");
    // Without JavaScript the message is there after the redirect.
    await expect(page.getByRole("status").filter({ hasText: "Je reactie is geplaatst." })).toBeVisible();
    await checkA11y(page, { javaScript: false });

    // Helpful on someone else's reply works as a plain form too.
    await page.locator(`#${demoId}`).getByRole("button", { name: /^Nuttig/ }).click();
    await expect(page.locator(`#${demoId}`).getByText("1 lid vond dit nuttig")).toBeVisible();
  });
});
