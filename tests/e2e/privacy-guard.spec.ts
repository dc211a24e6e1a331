import { checkA11y, expect, holdScripts, test, uniqueEmail } from "./fixtures";
import { joinAsMember } from "./staff";

// The privacy guard on the publishing forms (issue 21): with JavaScript the marks follow the
// typing and one click replaces a mark; without it the server lists them after sending; in
// both, "Toch plaatsen" publishes anyway. Phone width with JavaScript, laptop width without.

const PASSWORD = "een lange zin als wachtwoord";
const DEMO = "Hoe houd je de eerste inzet van bewoners vast?";

test.describe("with JavaScript, on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("marks appear while typing, a click replaces one, the writer's own name is left alone, and 'Toch plaatsen' publishes", async ({ page }) => {
    await joinAsMember(page, { name: "Ilse Verbeek", email: uniqueEmail("guard-js"), password: PASSWORD });
    await page.goto("/dilemmas/new");
    const title = `Buurvrouw hoort slecht ${Date.now().toString(36)}`;
    await page.getByLabel("Titel").fill(title);
    const body = page.getByRole("textbox", { name: "Je dilemma" });
    await body.fill("Mevrouw Hendriks van de Dorpsstraat 12 belt me elke dag.\n\nGroet, Ilse Verbeek");

    const marks = page.locator(`[id="${await body.getAttribute("id")}-privacy"]`);
    await expect(marks.locator("strong")).toHaveText("Er staan 2 dingen in je tekst die over een ander gaan.");
    await expect(marks.locator("mark")).toHaveText(["Mevrouw Hendriks", "Dorpsstraat 12"]);
    await expect(marks.locator("mark", { hasText: "Ilse" })).toHaveCount(0);
    // Screen readers hear the count once, politely.
    await expect(marks.getByRole("status")).toHaveText("Er staan 2 dingen in je tekst die over een ander gaan.");
    await checkA11y(page);

    // Keyboard: the replacement button is reached with Tab and pressed with Enter.
    const replaceAddress = marks.getByRole("button", { name: "Vervang door “[adres]”" });
    await replaceAddress.focus();
    await page.keyboard.press("Enter");
    await expect(body).toHaveValue("Mevrouw Hendriks van de [adres] belt me elke dag.\n\nGroet, Ilse Verbeek");
    await expect(marks.locator("mark")).toHaveText(["Mevrouw Hendriks"]);
    await expect(marks.getByRole("button", { name: "Vervang door “bewoner A”" })).toBeFocused();

    await page.getByRole("group", { name: "Competenties" }).getByRole("checkbox").first().check();
    await page.getByRole("button", { name: "Dilemma plaatsen" }).click();
    // The server checks again: the name is still there, so it asks first.
    const anyway = page.getByRole("button", { name: "Toch plaatsen" });
    await expect(anyway).toBeVisible();
    await expect(page).toHaveURL(/\/dilemmas\/new$/);
    await checkA11y(page);
    await anyway.click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByText("Mevrouw Hendriks van de [adres] belt me elke dag.")).toBeVisible();
  });
});

test.describe("with JavaScript that arrives late (a slow phone)", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("text typed before the page came alive is checked as soon as it does", async ({ page }) => {
    await joinAsMember(page, { name: "Noor Bakker", email: uniqueEmail("guard-late"), password: PASSWORD });
    // Hold the page's scripts until the text is typed, as a slow connection would.
    const release = await holdScripts(page);
    await page.goto("/dilemmas/new", { waitUntil: "commit" });
    const body = page.getByRole("textbox", { name: "Je dilemma" });
    await body.fill("Meneer De Vries van de Kerkstraat 4 wil niet dat we komen.");
    release();

    const marks = page.locator(`[id="${await body.getAttribute("id")}-privacy"]`);
    await expect(marks.locator("mark")).toHaveText(["Meneer De Vries", "Kerkstraat 4"]);
    await expect(body).toHaveValue("Meneer De Vries van de Kerkstraat 4 wil niet dat we komen.");
  });
});

test.describe("without JavaScript, on a laptop", () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });

  test("a reply comes back with the marks beside the text, kept; 'Toch plaatsen' posts it", async ({ page }) => {
    await joinAsMember(page, { name: "Jeroen Smit", email: uniqueEmail("guard-nojs"), password: PASSWORD });
    await page.goto("/dilemmas");
    await page.getByRole("link", { name: DEMO }).first().click();
    const text = `Bel zijn dochter Fatima op 06-12345678, zij weet ervan (${Date.now().toString(36)}).`;
    const field = page.getByRole("textbox", { name: "Je reactie" });
    await field.fill(text);
    await page.getByRole("button", { name: "Plaats reactie" }).click();

    await expect(page.getByRole("textbox", { name: "Je reactie" })).toHaveValue(text);
    const list = page.locator(".privacy-marks__list");
    await expect(list.locator("mark")).toHaveText(["Fatima", "06-12345678"]);
    await expect(list.getByText("Schrijf liever “[telefoonnummer]”.")).toBeVisible();
    await checkA11y(page, { javaScript: false });

    await page.getByRole("button", { name: "Toch plaatsen" }).click();
    await expect(page.getByText(text)).toBeVisible();
    await expect(page.getByRole("button", { name: "Toch plaatsen" })).toHaveCount(0);
  });
});
