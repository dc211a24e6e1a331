import { checkA11y, expect, signUp, test, uniqueEmail } from "./fixtures";

test("sign up → log out → log in → log out everywhere", async ({ page, browser }) => {
  const email = uniqueEmail("anna");
  const password = "een lange zin als wachtwoord";
  await page.goto("/signup");
  await checkA11y(page);
  await signUp(page, { name: "Anna Testlid", email, password });
  await expect(page.getByRole("status")).toContainText("Welkom");
  await expect(page.getByText("Je bent ingelogd als Anna Testlid.")).toBeVisible();
  await checkA11y(page);

  await page.getByRole("button", { name: "Uitloggen", exact: true }).click();
  await expect(page).toHaveURL(/\/login\?loggedOut=1/);
  await expect(page.getByRole("status")).toHaveText("Je bent uitgelogd.");
  await checkA11y(page);

  // Wrong password: one generic message, e-mail kept, password not.
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill("niet het goede wachtwoord");
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("alert")).toContainText("Het e-mailadres of het wachtwoord klopt niet.");
  await expect(page.getByLabel("E-mailadres")).toHaveValue(email);
  await checkA11y(page);

  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("link", { name: "Mijn account" })).toBeVisible();

  // A second device logs in too; "log out everywhere" on the first ends both.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto("/login");
  await otherPage.getByLabel("E-mailadres").fill(email);
  await otherPage.getByLabel("Wachtwoord").fill(password);
  await otherPage.getByRole("button", { name: "Inloggen" }).click();
  await expect(otherPage.getByRole("link", { name: "Mijn account" })).toBeVisible();
  await otherPage.goto("/account");
  await expect(otherPage.getByText("Je bent nu op 2 apparaten ingelogd.")).toBeVisible();

  await page.goto("/account");
  await page.getByRole("button", { name: "Overal uitloggen" }).click();
  await expect(page).toHaveURL(/loggedOut=everywhere/);
  await expect(page.getByRole("status")).toHaveText("Je bent op alle apparaten uitgelogd.");

  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL(/\/login\?redirectTo=%2Faccount|\/login\?redirectTo=\/account/);
  await other.close();
});

test("sign-up errors appear beside the fields and keep what was typed", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Je naam").fill("B");
  await page.getByLabel("E-mailadres").fill("geen-adres");
  await page.getByLabel("Wachtwoord").fill("kort");
  await page.getByRole("button", { name: "Account maken" }).click();
  // Validated in the browser (JavaScript on): the messages sit beside each field.
  await expect(page.getByLabel("Je naam")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Je naam moet minstens 2 tekens hebben.")).toBeVisible();
  await expect(page.getByText("Dit is geen geldig e-mailadres.", { exact: false })).toBeVisible();
  await expect(page.getByText("Je wachtwoord moet minstens 10 tekens hebben.")).toBeVisible();
  await expect(page.getByText("Je kunt pas een account maken als je akkoord gaat", { exact: false })).toBeVisible();
  await expect(page.getByLabel("E-mailadres")).toHaveValue("geen-adres");
  await checkA11y(page);
});
