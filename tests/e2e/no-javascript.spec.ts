import { checkA11y, expect, test, uniqueEmail } from "./fixtures";
import { nextMailTo } from "./mail";

test.use({ javaScriptEnabled: false });

test("sign up without JavaScript: server-side errors, values kept, then success", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Je naam").fill("Zonder Script");
  await page.getByLabel("E-mailadres").fill("zonder-script");
  await page.getByLabel("Wachtwoord").fill("kort");
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.getByRole("button", { name: "Account maken" }).click(),
  ]);
  expect(response.status()).toBe(400);
  await expect(page.getByText("Dit is geen geldig e-mailadres.", { exact: false })).toBeVisible();
  await expect(page.getByText("Je wachtwoord moet minstens 10 tekens hebben.")).toBeVisible();
  await expect(page.getByLabel("Je naam")).toHaveValue("Zonder Script");
  await expect(page.getByLabel("E-mailadres")).toHaveValue("zonder-script");
  await expect(page.getByLabel("Wachtwoord")).toHaveValue("");
  await checkA11y(page, { javaScript: false });

  const email = uniqueEmail("noscript");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill("zonder javascript gaat het ook");
  await page.getByLabel(/privacyverklaring/).check();
  await page.getByRole("button", { name: "Account maken" }).click();
  await expect(page).toHaveURL(/\/signup\/sent$/);
  await page.goto((await nextMailTo(email)).link("/signup/confirm/"));
  await page.getByRole("button", { name: "Bevestig mijn e-mailadres" }).click();
  await expect(page.getByText("Je bent ingelogd als Zonder Script.")).toBeVisible();

  await page.getByRole("button", { name: "Uitloggen", exact: true }).click();
  await expect(page.getByText("Je bent uitgelogd.")).toBeVisible();
});
