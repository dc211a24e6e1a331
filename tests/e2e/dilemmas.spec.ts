import type { Page } from "@playwright/test";
import { checkA11y, expect, test, uniqueEmail, waitForHydration } from "./fixtures";
import { createAccount, signIn } from "./staff";

// Asking a dilemma (with JavaScript: similar dilemmas and the preview follow the typing;
// without: the "Voorbeeld bekijken" button does both), the list with its filters, and editing
// with the revision history.

const PASSWORD = "een lange zin als wachtwoord";
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const DEMO_NEAR = "Hoe houd je de eerste inzet van bewoners vast?";

/**
 * A signed-in ordinary member, made as at the server's console (createAccount: the call of
 * scripts/user-create.ts) rather than through /signup: sign-ups are limited per IP address (10 an hour), and the whole
 * browser suite, all from 127.0.0.1, needs that budget for the tests of signing up itself.
 */
async function signedInMember(page: Page, name: string): Promise<void> {
  const account = await createAccount("member", { email: uniqueEmail("dilemmas"), password: PASSWORD, name });
  await signIn(page, account);
}

const similarBox = (page: Page) =>
  page.locator(".similar-dilemmas").filter({ has: page.getByRole("heading", { name: "Lijkt je vraag op een van deze dilemma's?" }) });
const preview = (page: Page) => page.getByRole("region", { name: "Voorbeeld" });

test.describe("with JavaScript", () => {
  test("the home page invites a visitor to ask, via the login page", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("link", { name: DEMO_NEAR }).first()).toHaveAttribute("href", /^\/dilemmas\/\d+\/hoe-houd-je-de-eerste-inzet-van-bewoners-vast$/);
    await page.getByRole("link", { name: "Deel een dilemma" }).click();
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fdilemmas%2Fnew$/);
    await checkA11y(page);
  });

  test("a visitor on a dilemma is offered to log in or sign up, each coming back to it", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: DEMO_NEAR }).first().click();
    await expect(page).toHaveURL(/\/dilemmas\/\d+\//);
    const path = new URL(page.url()).pathname;
    const invite = page.locator(".reply-login");
    await expect(invite.getByRole("link", { name: "Log in" })).toHaveAttribute("href", `/login?redirectTo=${encodeURIComponent(path)}`);
    await invite.getByRole("link", { name: "maak een account" }).click();
    await expect(page).toHaveURL(`/signup?redirectTo=${encodeURIComponent(path)}`);
  });

  test("a member asks: similar dilemmas while typing the title, a live preview, then the dilemma page", async ({ page }) => {
    const word = unique();
    await signedInMember(page, "Vera Vrager");
    await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Dilemma's" }).click();
    await page.getByRole("link", { name: "Deel een dilemma" }).click();
    await expect(page).toHaveURL(/\/dilemmas\/new$/);
    await expect(page.getByRole("heading", { level: 1, name: "Deel een dilemma" })).toBeVisible();
    await expect(page.getByText("Houd het anoniem.")).toBeVisible();
    await checkA11y(page);

    await waitForHydration(page); // similar dilemmas and the preview follow the typing with the scripts
    await page.getByLabel("Titel").pressSequentially("eerste enthousiasme van bewoners vasthouden", { delay: 15 });
    const suggestion = similarBox(page).getByRole("link", { name: DEMO_NEAR });
    await expect(suggestion).toBeVisible();
    await expect(suggestion).toHaveAttribute("target", "_blank");
    await expect(page.locator(".similar-dilemmas")).toHaveAttribute("aria-live", "polite");
    // The box is fed while typing: the title field keeps the focus.
    await expect(page.getByLabel("Titel")).toBeFocused();

    // Without a preview button: the preview follows the text.
    await expect(page.getByRole("button", { name: "Voorbeeld bekijken" })).toHaveCount(0);
    await page.getByRole("button", { name: "Gebruik het sjabloon" }).click();
    const body = page.getByRole("textbox", { name: "Je dilemma" });
    await expect(body).toHaveValue("**Situatie:** \n\n**Wat ik probeerde:** \n\n**Mijn vraag:** ");
    await body.fill(`**Situatie:** na een *mooi* begin haken mensen af ${word}.\n\n**Mijn vraag:** hoe hou je ze vast?`);
    await expect(preview(page).locator("strong").first()).toHaveText("Situatie:");
    await expect(preview(page).locator("em")).toHaveText("mooi");
    await checkA11y(page);

    // Publishing without a competence: the message beside the group, nothing lost.
    await page.getByRole("button", { name: "Dilemma plaatsen" }).click();
    await expect(page.getByText("Kies minstens 1 competentie.")).toBeVisible();
    await expect(body).toHaveValue(new RegExp(word));
    await page.getByRole("group", { name: "Competenties" }).getByLabel("Proactief werken (erop uit)").check();
    await page.getByRole("button", { name: "Dilemma plaatsen" }).click();

    await expect(page).toHaveURL(/\/dilemmas\/\d+\/eerste-enthousiasme-van-bewoners-vasthouden\?notice=asked$/);
    await expect(page.getByRole("status").filter({ hasText: "Je dilemma staat online." })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: "eerste enthousiasme van bewoners vasthouden" })).toBeVisible();
    await expect(page.getByText(`na een mooi begin haken mensen af ${word}.`)).toBeVisible();
    await checkA11y(page);
  });

  test("the list filters by competence, status and unanswered, in the URL", async ({ page }) => {
    await page.goto("/dilemmas");
    await expect(page.getByRole("heading", { level: 1, name: "Dilemma's" })).toBeVisible();
    await checkA11y(page);
    const titles = page.locator(".dilemma-list__title");

    await page.getByRole("group", { name: "Competenties" }).getByLabel("Loslaten").check();
    await page.getByRole("button", { name: "Filters toepassen" }).click();
    await expect(page).toHaveURL(/[?&]competence=loslaten/);
    await expect(page.getByRole("heading", { level: 2, name: "Gevonden dilemma's" })).toBeVisible();
    // Both, in either order: the list is by last activity, and other tests reply to demo dilemmas.
    await expect
      .poll(async () => (await titles.allTextContents()).map((t) => t.replace(/\s+/g, " ").trim()).sort())
      .toEqual(["Hoe houd je de eerste inzet van bewoners vast?", "Wat doe je als een wijk zich de verkeerde kant op ontwikkelt?"]);
    await expect(page.getByRole("group", { name: "Competenties" }).getByLabel("Loslaten")).toBeChecked();

    await page.getByLabel("Status").selectOption({ label: "Beantwoord" });
    await page.getByRole("button", { name: "Filters toepassen" }).click();
    await expect(page).toHaveURL(/status=answered/);
    await expect(titles).toHaveText([DEMO_NEAR]);
    await expect(page.locator(".dilemma-list__item").getByText("Beantwoord", { exact: true })).toBeVisible();
    await checkA11y(page);

    await page.getByLabel("Status").selectOption({ label: "Open" });
    await page.getByLabel("Alleen dilemma's zonder reacties").check();
    await page.getByRole("button", { name: "Filters toepassen" }).click();
    await expect(page.getByText("Geen dilemma's gevonden met deze filters.")).toBeVisible();
    await page.getByRole("link", { name: "wis de filters" }).click();
    await expect(page).toHaveURL(/\/dilemmas$/);
    await expect(titles.filter({ hasText: "Hoe voorkom je dat talent van bewoners blijft hangen in de eigen wijk?" })).toHaveCount(1);
  });

  test("the asker edits; the earlier version is in the history; another member may not edit", async ({ page, browser }) => {
    const word = unique();
    await signedInMember(page, "Eva Editor");
    await page.goto("/dilemmas/new");
    await page.getByLabel("Titel").fill(`Buurtkamer openhouden ${word}`);
    await page.getByRole("textbox", { name: "Je dilemma" }).fill("De vrijwilligers stoppen.\n\nWat nu?");
    await page.getByLabel("Eigen kracht in kaart brengen").check();
    await page.getByRole("button", { name: "Dilemma plaatsen" }).click();
    await expect(page).toHaveURL(/\/dilemmas\/\d+\/buurtkamer-openhouden-/);
    const id = Number(new URL(page.url()).pathname.split("/")[2]);

    await page.goto(`/dilemmas/${id}/edit`);
    await expect(page.getByRole("heading", { level: 1, name: "Dilemma bewerken" })).toBeVisible();
    await expect(page.getByLabel("Titel")).toHaveValue(`Buurtkamer openhouden ${word}`);
    await expect(preview(page)).toContainText("De vrijwilligers stoppen.");
    await checkA11y(page);
    await page.getByLabel("Titel").fill(`Hoe houd je de buurtkamer open ${word}?`);
    await page.getByRole("textbox", { name: "Je dilemma" }).fill("De vrijwilligers stoppen na de zomer.\n\nWat nu?");
    await page.getByRole("button", { name: "Wijzigingen opslaan" }).click();
    await expect(page).toHaveURL(new RegExp(`/dilemmas/${id}/hoe-houd-je-de-buurtkamer-open-${word}\\?notice=saved$`));
    await expect(page.getByRole("status").filter({ hasText: "Je wijzigingen zijn opgeslagen." })).toBeVisible();
    await expect(page.getByText("De vrijwilligers stoppen na de zomer.")).toBeVisible();

    await page.goto(`/dilemmas/${id}/revisions`);
    await expect(page.getByRole("heading", { level: 1, name: "Eerdere versies" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: /^Wijziging van / })).toHaveCount(1);
    await expect(page.getByText("Gewijzigd door Eva Editor")).toBeVisible();
    await expect(page.locator("del", { hasText: `Buurtkamer openhouden ${word}` })).toBeVisible();
    await expect(page.locator(".diff__line--removed")).toHaveText(/De vrijwilligers stoppen\.$/);
    await expect(page.locator(".diff__line--added")).toHaveText(/De vrijwilligers stoppen na de zomer\.$/);
    await checkA11y(page);

    // Someone else, changing the id in the address: refused.
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signedInMember(otherPage, "Olaf Ander");
    const refused = await otherPage.goto(`/dilemmas/${id}/edit`);
    expect(refused?.status()).toBe(403);
    await expect(otherPage.getByRole("heading", { level: 1, name: "Geen toegang" })).toBeVisible();
    // The history is open to everyone who can read the dilemma.
    await otherPage.goto(`/dilemmas/${id}/revisions`);
    await expect(otherPage.getByText("Gewijzigd door Eva Editor")).toBeVisible();
    await other.close();
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a member asks: preview and similar dilemmas by button, errors beside the fields with text kept", async ({ page }) => {
    const word = unique();
    await signedInMember(page, "Nina Noscript");
    await page.goto("/dilemmas/new");
    await checkA11y(page, { javaScript: false });

    const title = page.getByLabel("Titel");
    const body = page.getByRole("textbox", { name: "Je dilemma" });
    await title.fill("eerste enthousiasme van bewoners vasthouden");
    await body.fill(`Een **vette** zin ${word}.`);
    await page.getByRole("button", { name: "Voorbeeld bekijken" }).click();
    await expect(preview(page).locator("strong")).toHaveText("vette");
    await expect(similarBox(page).getByRole("link", { name: DEMO_NEAR })).toBeVisible();
    await expect(title).toHaveValue("eerste enthousiasme van bewoners vasthouden");
    await expect(body).toHaveValue(`Een **vette** zin ${word}.`);
    await checkA11y(page, { javaScript: false });

    await page.getByRole("button", { name: "Gebruik het sjabloon" }).click();
    await expect(body).toHaveValue(`Een **vette** zin ${word}.\n\n**Situatie:** \n\n**Wat ik probeerde:** \n\n**Mijn vraag:** `);

    // Publish with a title too short and no competence: 400, messages beside the fields.
    await title.fill("Kort");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Dilemma plaatsen" }).click(),
    ]);
    expect(response.status()).toBe(400);
    await expect(page.getByText("Je titel moet minstens 5 tekens hebben.")).toBeVisible();
    await expect(page.getByText("Kies minstens 1 competentie.")).toBeVisible();
    await expect(title).toHaveValue("Kort");
    await expect(title).toHaveAttribute("aria-invalid", "true");
    await expect(body).toHaveValue(new RegExp(`Een \\*\\*vette\\*\\* zin ${word}\\.`));
    await checkA11y(page, { javaScript: false });

    const fields = {
      intent: "publish",
      title: `Enthousiasme vasthouden zonder script ${word}`,
      body: await body.inputValue(),
      competences: "vertrouwen-in-bewoners",
      submissionId: await page.locator('input[name="submissionId"]').inputValue(),
    };
    await title.fill(fields.title);
    await page.getByLabel("Vertrouwen in bewoners").check();
    await page.getByRole("button", { name: "Dilemma plaatsen" }).click();
    await expect(page).toHaveURL(new RegExp(`/dilemmas/\\d+/enthousiasme-vasthouden-zonder-script-${word}\\?notice=asked$`));
    // Without JavaScript the message is there after the redirect.
    await expect(page.getByRole("status").filter({ hasText: "Je dilemma staat online." })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: fields.title })).toBeVisible();

    // The same form sent once more (a double click on a slow line): the same dilemma, not a second.
    const again = await page.request.post("/dilemmas/new", {
      form: fields,
      headers: { Origin: new URL(page.url()).origin },
    });
    expect(again.url()).toBe(page.url());
    await page.goto("/dilemmas?competence=vertrouwen-in-bewoners");
    await expect(page.locator(".dilemma-list__title", { hasText: word })).toHaveCount(1);
    await checkA11y(page, { javaScript: false });
  });
});
