import { checkA11y, expect, test, uniqueEmail, waitForHydration } from "./fixtures";
import { createStaff, joinAsMember, logIn } from "./staff";

// @mentions (decision 029): with JavaScript, typing "@" and the start of a name offers the
// members the writer may see (keyboard: arrows and Enter); the posted "@handle" links to the
// profile and tells the member; without JavaScript the handle typed in full does the same.

const PASSWORD = "een lange zin als wachtwoord";
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`.replace(/\d/g, (d) => "abcdefghij"[Number(d)]!);

test("a member picks a colleague from the @ suggestions; the reply links to her and tells her", async ({ page, browser }) => {
  const word = unique();
  const colleague = await createStaff("member", `Nina ${word}`);
  await joinAsMember(page, { name: "Noemende Noor", email: uniqueEmail("mention"), password: PASSWORD });
  await page.goto("/dilemmas/5");
  await waitForHydration(page); // the suggestions are the scripts'
  const body = page.getByRole("textbox", { name: "Je reactie" });
  await body.click();
  await body.pressSequentially("Vraag het eens aan @nina", { delay: 10 });
  const list = page.getByRole("listbox", { name: "Leden die je kunt noemen" });
  await expect(list).toBeVisible();
  await expect(body).toHaveAttribute("aria-autocomplete", "list");
  await expect(body).toHaveAttribute("aria-controls", await list.getAttribute("id") ?? "");
  const option = list.getByRole("option", { name: new RegExp(`Nina ${word}`) });
  // Walk down to her with the arrows, as a keyboard user does.
  for (let i = 0; i < 8 && (await option.getAttribute("aria-selected")) !== "true"; i++) await body.press("ArrowDown");
  await expect(option).toHaveAttribute("aria-selected", "true");
  await expect(body).toHaveAttribute("aria-activedescendant", (await option.getAttribute("id"))!);
  await checkA11y(page);
  const handle = /@([a-z0-9-]+)/.exec((await option.textContent()) ?? "")![1]!;
  await body.press("Enter");
  await expect(list).toHaveCount(0);
  await expect(body).toHaveValue(`Vraag het eens aan @${handle} `);
  await expect(body).toBeFocused();
  await body.pressSequentially("wat zij zou doen.");
  await expect(page.getByRole("group", { name: "Zo ziet je reactie eruit" })).toContainText(`@${handle}`);
  await page.getByRole("button", { name: "Plaats reactie" }).click();
  await expect(page).toHaveURL(/#reply-\d+$/);
  const reply = page.locator(new URL(page.url()).hash);
  const link = reply.getByRole("link", { name: `@${handle}` });
  await expect(link).toHaveAttribute("href", `/members/${handle}`);
  await checkA11y(page);

  // She hears of it.
  const hers = await browser.newContext();
  const herPage = await hers.newPage();
  await logIn(herPage, colleague);
  await herPage.goto("/notifications");
  await expect(herPage.getByText("Noemende Noor noemde je bij", { exact: false })).toBeVisible();
  await hers.close();
});

test("without JavaScript a handle typed in full is linked too", async ({ browser }) => {
  const word = unique();
  await createStaff("member", `Bram ${word}`);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await joinAsMember(page, { name: "Typende Tom", email: uniqueEmail("mention-nojs"), password: PASSWORD });
  await page.goto("/members?q=" + encodeURIComponent(`Bram ${word}`));
  const profile = page.getByRole("link", { name: new RegExp(`Bram ${word}`) }).first();
  const handle = ((await profile.getAttribute("href")) ?? "").split("/").pop()!;
  await page.goto("/dilemmas/5");
  await page.getByRole("textbox", { name: "Je reactie" }).fill(`Zie ook @${handle} hierover.`);
  await page.getByRole("button", { name: "Plaats reactie" }).click();
  await expect(page.getByRole("link", { name: `@${handle}` })).toHaveAttribute("href", `/members/${handle}`);
  await checkA11y(page, { javaScript: false });
  await context.close();
});
