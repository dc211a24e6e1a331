import { PDFDocument } from "@cantoo/pdf-lib";
import pg from "pg";
import { checkA11y, expect, test, uniqueEmail, waitForHydration } from "./fixtures";
import { photo } from "./photos";
import { createStaff, e2eDatabaseUrl, joinAsMember, logIn } from "./staff";

// Photos and PDFs in posts (decision 045) and drafts kept in edit forms: a member puts a photo
// in a dilemma and sees it in the thread with its description; an organiser attaches a PDF to
// a report and it downloads; with and without JavaScript, on a phone and a laptop, axe on each.

const PASSWORD = "een lange zin als wachtwoord";
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const PHONE = { width: 375, height: 667 };
const LAPTOP = { width: 1280, height: 800 };

/** A published report, straight into the database (the report form is tested in meetings.spec.ts). */
async function publishedReport(title: string): Promise<number> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO "Meeting" (title, "heldOn", status, "summaryMd", "summaryHtml", "publishedAt")
       VALUES ($1, '2026-10-01', 'published', 'We spraken over de speeltuin.', '<p>We spraken over de speeltuin.</p>', now()) RETURNING id`,
      [title],
    );
    return rows[0]!.id;
  } finally {
    await client.end();
  }
}

for (const javaScript of [true, false]) {
  test.describe(javaScript ? "with JavaScript, on a laptop" : "without JavaScript, on a phone", () => {
    test.use({ javaScriptEnabled: javaScript, viewport: javaScript ? LAPTOP : PHONE });

    test("a member puts a photo in a dilemma and sees it in the thread with its description", async ({ page, request }) => {
      const word = unique();
      await joinAsMember(page, { name: "Fatima Foto", email: uniqueEmail("attach"), password: PASSWORD });
      await page.goto("/dilemmas/new");
      await page.getByLabel("Titel").fill(`De kapotte schommel ${word}`);
      await page.getByRole("textbox", { name: "Je dilemma" }).fill("De schommel in de speeltuin is al weken kapot.");
      await page.getByLabel("Eigen kracht in kaart brengen").check();
      await expect(page.getByText(/Voeg de foto alleen toe als zij daar toestemming voor gaven/)).toBeVisible();
      await checkA11y(page, { javaScript });

      // Without a description the photo is refused, and what was typed stays.
      await page.getByLabel("Kies een bestand").setInputFiles({ name: "schommel.jpg", mimeType: "image/jpeg", buffer: await photo() });
      await page.getByRole("button", { name: "Dilemma plaatsen" }).click();
      await expect(page.getByText("Schrijf in een paar woorden wat er op de foto te zien is.")).toBeVisible();
      await expect(page.getByLabel("Titel")).toHaveValue(`De kapotte schommel ${word}`);
      await checkA11y(page, { javaScript });

      await page.getByLabel("Kies een bestand").setInputFiles({ name: "schommel.jpg", mimeType: "image/jpeg", buffer: await photo() });
      await page.getByLabel("Wat is er op de foto te zien?").fill(`Een schommel met een gebroken ketting ${word}`);
      await page.getByRole("button", { name: "Dilemma plaatsen" }).click();
      await expect(page).toHaveURL(/\/dilemmas\/\d+\/[a-z0-9-]+/);
      const image = page.getByRole("img", { name: `Een schommel met een gebroken ketting ${word}` });
      await expect(image).toBeVisible();
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(800);
      await checkA11y(page, { javaScript });

      // A visitor may read the dilemma, so they see the photo too: a WebP without the EXIF.
      const src = (await image.getAttribute("src"))!;
      const answer = await request.get(src);
      expect(answer.status()).toBe(200);
      expect(answer.headers()["content-type"]).toBe("image/webp");
      expect(answer.headers()["x-content-type-options"]).toMatch(/^nosniff/);
      expect(answer.headers()["content-security-policy"]).toContain("sandbox");
      expect((await answer.body()).includes("Fatima de Vries")).toBe(false);
    });

    test("a member replies with a photo: refused without a description (text kept), then shown under the reply", async ({ page }) => {
      const word = unique();
      await joinAsMember(page, { name: "Ruben Reactie", email: uniqueEmail("attach"), password: PASSWORD });
      await page.goto("/dilemmas/new");
      await page.getByLabel("Titel").fill(`Een bankje dat wiebelt ${word}`);
      await page.getByRole("textbox", { name: "Je dilemma" }).fill("Het bankje bij de bushalte wiebelt. Wie kan het vastzetten?");
      await page.getByLabel("Eigen kracht in kaart brengen").check();
      await page.getByRole("button", { name: "Dilemma plaatsen" }).click();
      await expect(page).toHaveURL(/\/dilemmas\/\d+\/[a-z0-9-]+/);
      // The thread may be a new document: with JavaScript the reply below is the scripts' to send.
      if (javaScript) await waitForHydration(page);

      const reply = page.getByRole("textbox", { name: "Je reactie" });
      const text = `Wij hebben het zelf vastgezet met twee bouten ${word}.`;
      await reply.fill(text);
      await page.getByLabel("Kies een bestand").setInputFiles({ name: "bankje.jpg", mimeType: "image/jpeg", buffer: await photo() });
      await page.getByRole("button", { name: "Plaats reactie" }).click();
      await expect(page.getByText("Schrijf in een paar woorden wat er op de foto te zien is.")).toBeVisible();
      await expect(reply).toHaveValue(text);
      await checkA11y(page, { javaScript });

      if (!javaScript) await page.getByLabel("Kies een bestand").setInputFiles({ name: "bankje.jpg", mimeType: "image/jpeg", buffer: await photo() });
      await page.getByLabel("Wat is er op de foto te zien?").fill(`Een bankje met twee nieuwe bouten ${word}`);
      await page.getByRole("button", { name: "Plaats reactie" }).click();
      await expect(page).toHaveURL(/#reply-\d+$/);
      const posted = page.locator(".reply", { hasText: text });
      const image = posted.getByRole("img", { name: `Een bankje met twee nieuwe bouten ${word}` });
      await expect(image).toBeVisible();
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(800);
      // The form is empty again, file and description included, ready for the next reply.
      await expect(reply).toHaveValue("");
      await expect(page.getByLabel("Wat is er op de foto te zien?")).toHaveValue("");
      await checkA11y(page, { javaScript });
    });

    test("an organiser attaches a PDF to a report, and it downloads with its name", async ({ page }) => {
      const word = unique();
      const organiser = await createStaff("organiser", "Olga Organisator");
      const id = await publishedReport(`Kringbijeenkomst speeltuinen ${word}`);
      await logIn(page, organiser);
      await page.goto(`/meetings/${id}/edit`);
      const pdf = await PDFDocument.create();
      pdf.addPage([300, 300]).drawText("Verslag");
      pdf.setAuthor("Olga Organisator");
      await page.getByLabel("Kies een bestand").setInputFiles({ name: "verslag.pdf", mimeType: "application/pdf", buffer: Buffer.from(await pdf.save()) });
      await checkA11y(page, { javaScript });
      await page.getByRole("button", { name: "Opslaan", exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`/meetings/${id}(\\?|$)`));
      const link = page.getByRole("link", { name: "verslag.pdf" });
      await expect(link).toBeVisible();
      await expect(page.getByText(/\(PDF, \d+ kB\)/)).toBeVisible();
      await checkA11y(page, { javaScript });
      const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
      expect(download.suggestedFilename()).toBe("verslag.pdf");
    });
  });
}

test.describe("drafts in edit forms (with JavaScript)", () => {
  for (const viewport of [PHONE, LAPTOP]) {
    test(`editing a dilemma keeps a draft after a reload, cleared on save (${viewport.width} px)`, async ({ page }) => {
      await page.setViewportSize(viewport);
      const word = unique();
      await joinAsMember(page, { name: "Dora Draft", email: uniqueEmail("attach"), password: PASSWORD });
      await page.goto("/dilemmas/new");
      await page.getByLabel("Titel").fill(`Een concept bij bewerken ${word}`);
      await page.getByRole("textbox", { name: "Je dilemma" }).fill("Eerste versie van mijn vraag.");
      await page.getByLabel("Eigen kracht in kaart brengen").check();
      await page.getByRole("button", { name: "Dilemma plaatsen" }).click();
      await expect(page).toHaveURL(/\/dilemmas\/\d+\/[a-z0-9-]+/);
      const id = Number(new URL(page.url()).pathname.split("/")[2]);

      await page.goto(`/dilemmas/${id}/edit`);
      const body = page.getByRole("textbox", { name: "Je dilemma" });
      await expect(body).toHaveValue("Eerste versie van mijn vraag.");
      // The toolbar comes with hydration, and so does the draft keeper: type after it.
      await expect(page.getByRole("toolbar", { name: "Opmaak" })).toBeVisible();
      await body.fill(`Tweede versie, nog niet bewaard ${word}.`);
      await expect
        .poll(() => page.evaluate((w) => Object.values(localStorage).some((v) => v.includes(w)), word))
        .toBe(true);
      await page.reload();
      await expect(body).toHaveValue(`Tweede versie, nog niet bewaard ${word}.`);
      await expect(page.getByText("Je concept is teruggezet.", { exact: false })).toBeVisible();
      await checkA11y(page);

      await page.getByRole("button", { name: "Wijzigingen opslaan" }).click();
      await expect(page).toHaveURL(/\/dilemmas\/\d+\/[a-z0-9-]+\?notice=saved/);
      await expect(page.getByText(`Tweede versie, nog niet bewaard ${word}.`)).toBeVisible();
      await page.goto(`/dilemmas/${id}/edit`);
      await expect(body).toHaveValue(`Tweede versie, nog niet bewaard ${word}.`);
      await expect(page.locator(".draft-note")).toHaveCount(0);
    });
  }
});
