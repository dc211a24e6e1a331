import type { Page } from "@playwright/test";
import { checkA11y, expect, markDocument, sameDocument, test, uniqueEmail, waitForHydration } from "./fixtures";
import { photo } from "./photos";
import { joinAsMember } from "./staff";

// The live thread (decision 029): with JavaScript a new reply appears in an open dilemma page
// without reloading, in its place in the nested thread, announced politely for screen readers,
// while the reader keeps their focus and what they were typing. Without JavaScript the page is
// complete as served.

const PASSWORD = "een lange zin als wachtwoord";
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function openDemoDilemma(page: Page, id: number) {
  await page.goto(`/dilemmas/${id}`);
  await expect(page).toHaveURL(new RegExp(`/dilemmas/${id}/[a-z0-9-]+$`));
}

test("a reply posted in one browser appears, announced, in another that has the page open", async ({ page, browser }) => {
  const word = unique();
  await joinAsMember(page, { name: "Lezende Lies", email: uniqueEmail("live-reader"), password: PASSWORD });
  await openDemoDilemma(page, 4);
  await markDocument(page);
  // The reader is typing an answer of her own: that must survive what arrives.
  const ownDraft = page.getByRole("textbox", { name: "Je reactie" });
  await ownDraft.fill("Ik was zelf ook iets aan het schrijven");

  const writerContext = await browser.newContext();
  const writer = await writerContext.newPage();
  await joinAsMember(writer, { name: "Schrijvende Sam", email: uniqueEmail("live-writer"), password: PASSWORD });
  await openDemoDilemma(writer, 4);
  await waitForHydration(writer); // its preview is the scripts'
  const first = `Bel eerst de huismeester ${word}.`;
  await writer.getByRole("textbox", { name: "Je reactie" }).fill(first);
  await expect(writer.getByRole("group", { name: "Zo ziet je reactie eruit" })).toContainText(first); // the form is live
  await writer.getByRole("button", { name: "Plaats reactie" }).click();
  await expect(writer).toHaveURL(/#reply-\d+$/);
  const firstId = Number(new URL(writer.url()).hash.replace("#reply-", ""));

  // The reader's page: the reply is there, at the end of the thread, without a reload.
  const arrived = page.locator(`#reply-${firstId}`);
  await expect(arrived).toContainText(first);
  await expect(page.locator("ol.thread").first().locator(":scope > li").last()).toContainText(first);
  await expect(page.getByRole("status").filter({ hasText: "Nieuwe reactie van Schrijvende Sam" })).toBeAttached();
  expect(await sameDocument(page)).toBe(true);
  await expect(ownDraft).toHaveValue("Ik was zelf ook iets aan het schrijven");
  await expect(ownDraft).toBeFocused();

  // An answer to that reply lands nested under it, not at the end.
  const second = `En schrijf op wat hij zegt ${word}.`;
  await writer.locator(`#reply-${firstId}`).getByRole("link", { name: /Reageer op Schrijvende Sam/ }).click();
  await expect(writer.getByRole("heading", { name: "Reageer op Schrijvende Sam" })).toBeVisible();
  await writer.getByRole("textbox", { name: "Je reactie" }).fill(second);
  await expect(writer.getByRole("group", { name: "Zo ziet je reactie eruit" })).toContainText(second);
  await writer.getByRole("button", { name: "Plaats reactie" }).click();
  await expect(writer.locator("article.reply", { hasText: second })).toBeVisible();
  await expect(page.locator(`li:has(> #reply-${firstId}) > ol.thread--nested`).locator("article", { hasText: second })).toBeVisible();
  expect(await sameDocument(page)).toBe(true);
  await checkA11y(page);
  await writerContext.close();

  // Without JavaScript: the same page, whole, as served (both replies there after a load).
  const plainContext = await browser.newContext({ javaScriptEnabled: false });
  const plain = await plainContext.newPage();
  await openDemoDilemma(plain, 4);
  await expect(plain.locator("article.reply", { hasText: first })).toBeVisible();
  await expect(plain.locator("article.reply", { hasText: second })).toBeVisible();
  await checkA11y(plain, { javaScript: false });
  await plainContext.close();
});

test("a reply with a photo arrives in an open page with its photo, without a reload", async ({ page, browser }) => {
  const word = unique();
  await joinAsMember(page, { name: "Kijkende Kees", email: uniqueEmail("live-photo-reader"), password: PASSWORD });
  await openDemoDilemma(page, 4);
  await markDocument(page);

  const writerContext = await browser.newContext();
  const writer = await writerContext.newPage();
  await joinAsMember(writer, { name: "Fotograferende Fien", email: uniqueEmail("live-photo-writer"), password: PASSWORD });
  await openDemoDilemma(writer, 4);
  await waitForHydration(writer);
  const text = `Zo ziet het hek er nu uit ${word}.`;
  await writer.getByRole("textbox", { name: "Je reactie" }).fill(text);
  await expect(writer.getByRole("group", { name: "Zo ziet je reactie eruit" })).toContainText(text); // the form is live
  await writer.getByLabel("Kies een bestand").setInputFiles({ name: "hek.jpg", mimeType: "image/jpeg", buffer: await photo() });
  await writer.getByLabel("Wat is er op de foto te zien?").fill(`Een groen hek bij de speeltuin ${word}`);
  await writer.getByRole("button", { name: "Plaats reactie" }).click();
  await expect(writer).toHaveURL(/#reply-\d+$/);
  const id = Number(new URL(writer.url()).hash.replace("#reply-", ""));
  await writerContext.close();

  // The photo is stored just after the reply: the reader's page shows it all the same.
  const arrived = page.locator(`#reply-${id}`);
  await expect(arrived).toContainText(text);
  const image = arrived.getByRole("img", { name: `Een groen hek bij de speeltuin ${word}` });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(800);
  expect(await sameDocument(page)).toBe(true);
  await expect(page.getByRole("status").filter({ hasText: "Nieuwe reactie van Fotograferende Fien" })).toBeAttached();
  await checkA11y(page);
});
