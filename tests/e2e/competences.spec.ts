import { checkA11y, expect, markDocument, sameDocument, test, uniqueEmail } from "./fixtures";
import { createStaff, joinAsMember, logIn } from "./staff";

// Competences and member profiles, as visitors, members and organisers use them.

const PASSWORD = "een lange zin als wachtwoord";
/** Names unique per run, so a rerun against the same server does not hit "name taken". */
const unique = () => String(Date.now()).slice(-6);

test("a visitor browses the competences and reads a competence's dilemmas", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Competenties" }).click();
  await expect(page).toHaveURL(/\/competences$/);
  await expect(page.getByRole("heading", { level: 1, name: "Competenties" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "In gebruik" })).toBeVisible();
  await checkA11y(page);

  const item = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Loslaten", exact: true }) });
  await expect(item).toContainText("2 dilemma's");
  await expect(item).toContainText("Op tijd een stap terug doen");
  await item.getByRole("link", { name: "Loslaten" }).click();

  await expect(page).toHaveURL(/\/competences\/loslaten$/);
  await expect(page.getByRole("heading", { level: 1, name: "Loslaten" })).toBeVisible();
  await expect(page.getByText("In het Engels: Letting go")).toBeVisible();
  const dilemmas = page.getByRole("region", { name: /Dilemma's over deze competentie/ });
  await expect(dilemmas.getByRole("heading", { level: 3 })).toHaveText([
    "Wat doe je als een wijk zich de verkeerde kant op ontwikkelt?",
    "Hoe houd je de eerste inzet van bewoners vast?",
  ]);
  await expect(dilemmas.getByRole("link", { name: "Hoe houd je de eerste inzet van bewoners vast?" })).toHaveAttribute(
    "href",
    /^\/dilemmas\/\d+\/hoe-houd-je-de-eerste-inzet-van-bewoners-vast$/,
  );
  // Visitors get no editing buttons.
  await expect(page.getByRole("link", { name: "Competentie bewerken" })).toHaveCount(0);
  await checkA11y(page);

  // A dilemma of the list, and from there a competence of the dilemma: the router follows
  // both links, without loading the page again.
  await markDocument(page);
  await dilemmas.getByRole("link", { name: "Hoe houd je de eerste inzet van bewoners vast?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Hoe houd je de eerste inzet van bewoners vast?" })).toBeVisible();
  await page.getByRole("list", { name: "Competenties" }).getByRole("link", { name: "Loslaten" }).click();
  await expect(page).toHaveURL(/\/competences\/loslaten$/);
  expect(await sameDocument(page)).toBe(true);
});

test("a member reads a demo member's profile without their e-mail address; a visitor logs in first", async ({ page }) => {
  await page.goto("/members/makelaar");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fmembers%2Fmakelaar$/);
  const account = await createStaff("member", "Lotte Lezer");
  await page.getByLabel("E-mailadres").fill(account.email);
  await page.getByLabel("Wachtwoord").fill(account.password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page).toHaveURL(/\/members\/makelaar$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sociaal makelaar (demo)" })).toBeVisible();
  await expect(page.getByText("Vrijwilligerswerk Demostad")).toBeVisible();
  await expect(page.getByText("E-mailadres")).toHaveCount(0);
  const replies = page.getByRole("region", { name: /Reacties/ });
  await expect(replies.getByRole("link", { name: /Lees de reactie/ }).first()).toHaveAttribute("href", /^\/replies\/\d+$/);
  await checkA11y(page);

  await page.goto("/members/bestaat-niet");
  await expect(page.getByRole("heading", { level: 1, name: "Pagina niet gevonden" })).toBeVisible();
});

test("an organiser creates, renames and retires a competence", async ({ page }) => {
  const staff = await createStaff("organiser", "Olga Organisator");
  await logIn(page, staff);
  const n = unique();

  await page.goto("/competences");
  await page.getByRole("link", { name: "Nieuwe competentie" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nieuwe competentie" })).toBeVisible();
  await checkA11y(page);

  // Nothing filled in: the messages appear beside the fields.
  await page.getByRole("button", { name: "Competentie maken" }).click();
  await expect(page.getByLabel("Naam in het Nederlands")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Vul dit veld in.").first()).toBeVisible();
  await checkA11y(page);

  await page.getByLabel("Naam in het Nederlands").fill(`Grenzen bewaken ${n}`);
  await page.getByLabel("Naam in het Engels").fill(`Guarding boundaries ${n}`);
  await page.getByLabel("Andere woorden").fill("nee zeggen, afbakenen");
  await page.getByLabel("Beschrijving").fill("Als je **meer** doet dan je rol vraagt.");
  await page.getByRole("button", { name: "Competentie maken" }).click();

  await expect(page).toHaveURL(new RegExp(`/competences/grenzen-bewaken-${n}\\?done=created$`));
  await expect(page.getByRole("status")).toHaveText("De competentie is gemaakt.");
  await expect(page.getByRole("heading", { level: 1, name: `Grenzen bewaken ${n}` })).toBeVisible();
  await expect(page.locator(".prose strong")).toHaveText("meer");
  await expect(page.getByText("nee zeggen, afbakenen")).toBeVisible();
  await checkA11y(page);

  // Rename, and move the address along: the old address redirects.
  await page.getByRole("link", { name: "Competentie bewerken" }).click();
  await checkA11y(page);
  await page.getByLabel("Naam in het Nederlands").fill(`Grenzen stellen ${n}`);
  await page.getByLabel("Pas ook het webadres aan de nieuwe naam aan").check();
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page).toHaveURL(new RegExp(`/competences/grenzen-stellen-${n}\\?done=saved$`));
  await expect(page.getByRole("heading", { level: 1, name: `Grenzen stellen ${n}` })).toBeVisible();
  await page.goto(`/competences/grenzen-bewaken-${n}`);
  await expect(page).toHaveURL(new RegExp(`/competences/grenzen-stellen-${n}$`));

  // Retire: still readable, marked, and listed apart.
  await page.getByRole("link", { name: "Competentie bewerken" }).click();
  await page.getByRole("button", { name: "Niet meer gebruiken" }).click();
  await expect(page.getByRole("status")).toHaveText("De competentie is niet meer in gebruik.");
  await expect(page.getByText("Deze competentie is niet meer in gebruik.")).toBeVisible();
  await checkA11y(page);
  await page.goto("/competences");
  const retired = page.getByRole("region", { name: "Niet meer in gebruik" });
  await expect(retired.getByRole("link", { name: `Grenzen stellen ${n}` })).toBeVisible();
  await expect(page.getByRole("region", { name: "In gebruik", exact: true }).getByRole("link", { name: `Grenzen stellen ${n}` })).toHaveCount(0);
  await checkA11y(page);
});

test("a member edits their expertise and sees it on their profile", async ({ page, browser }) => {
  const email = uniqueEmail("expert");
  await joinAsMember(page, { name: "Eva Expert", email, password: PASSWORD });
  await page.getByRole("link", { name: "Je profiel bewerken" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Je profiel" })).toBeVisible();
  await checkA11y(page);

  const expertise = page.getByRole("group", { name: "Waar ben je deskundig in?" });
  await expertise.getByLabel("Loslaten").check();
  await expertise.getByLabel("Vertrouwen in bewoners").check();
  await page.getByLabel("Organisatie").fill("Buurtteam Oost");
  await page.getByRole("button", { name: "Opslaan", exact: true }).click();

  await expect(page).toHaveURL(/\/members\/eva-expert(-\d+)?\?done=saved$/);
  await expect(page.getByRole("status")).toHaveText("Je profiel is opgeslagen.");
  await expect(page.getByRole("heading", { level: 1, name: "Eva Expert" })).toBeVisible();
  const tags = page.getByRole("list", { name: "Deskundig in" });
  await expect(tags.getByRole("link")).toHaveText(["Loslaten", "Vertrouwen in bewoners"]);
  await expect(page.getByText(email)).toBeVisible(); // their own address, for them only
  await checkA11y(page);
  const profileUrl = page.url().replace(/\?.*$/, "");

  await tags.getByRole("link", { name: "Loslaten" }).click();
  await expect(page).toHaveURL(/\/competences\/loslaten$/);

  // Another member sees the expertise, not the address.
  const other = await browser.newContext();
  const visitorPage = await other.newPage();
  await logIn(visitorPage, await createStaff("member", "Otto Ander"));
  await visitorPage.goto(profileUrl);
  await expect(visitorPage.getByRole("list", { name: "Deskundig in" }).getByRole("link")).toHaveText([
    "Loslaten",
    "Vertrouwen in bewoners",
  ]);
  await expect(visitorPage.getByText("Buurtteam Oost")).toBeVisible();
  await expect(visitorPage.getByText(email)).toHaveCount(0);
  await other.close();
});

test("an admin changes a member's role on their profile", async ({ page, browser }) => {
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await joinAsMember(memberPage, { name: "Rob Rolwissel", email: uniqueEmail("rol"), password: PASSWORD });
  await memberPage.getByRole("link", { name: "Bekijk je profiel" }).click();
  await expect(memberPage).toHaveURL(/\/members\/rob-rolwissel(-\d+)?$/);
  const profileUrl = memberPage.url();
  // A member sees no role form, on their own profile or anyone's.
  await expect(memberPage.getByRole("button", { name: "Rol wijzigen" })).toHaveCount(0);
  await memberContext.close();

  const admin = await createStaff("admin", "Ada Admin");
  await logIn(page, admin);
  await page.goto(profileUrl);
  await expect(page.getByText("Je ziet dit e-mailadres omdat je beheerder bent.")).toBeVisible();
  await page.getByLabel("Rol van Rob Rolwissel").selectOption({ label: "Organisator" });
  await page.getByRole("button", { name: "Rol wijzigen" }).click();
  await expect(page.getByRole("status")).toHaveText("De rol is gewijzigd.");
  await expect(page.locator("dl")).toContainText("Organisator");
  await checkA11y(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("browse competences, then fix a refused profile edit", async ({ page }) => {
    await page.goto("/competences");
    await checkA11y(page, { javaScript: false });
    await page.getByRole("link", { name: "Capaciteitsgericht werken" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Capaciteitsgericht werken" })).toBeVisible();
    await expect(page.getByRole("region", { name: /Dilemma's over deze competentie/ }).getByRole("heading", { level: 3 })).toHaveCount(2);
    await checkA11y(page, { javaScript: false });

    await joinAsMember(page, { name: "Zonder Script", email: uniqueEmail("noscript-profile"), password: PASSWORD });
    await page.goto("/account/profile");
    await page.getByLabel("Je naam").fill("Z");
    await page.getByRole("group", { name: "Waar ben je deskundig in?" }).getByLabel("Voorwaarden scheppen").check();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Opslaan", exact: true }).click(),
    ]);
    expect(response.status()).toBe(400);
    await expect(page.getByText("Je naam moet minstens 2 tekens hebben.")).toBeVisible();
    await expect(page.getByLabel("Je naam")).toHaveValue("Z");
    await expect(page.getByRole("group", { name: "Waar ben je deskundig in?" }).getByLabel("Voorwaarden scheppen")).toBeChecked();
    await checkA11y(page, { javaScript: false });

    await page.getByLabel("Je naam").fill("Zonder Script");
    await page.getByRole("button", { name: "Opslaan", exact: true }).click();
    await expect(page.getByRole("status")).toHaveText("Je profiel is opgeslagen.");
    await expect(page.getByRole("list", { name: "Deskundig in" }).getByRole("link")).toHaveText(["Voorwaarden scheppen"]);
    await checkA11y(page, { javaScript: false });
  });
});
