import { checkA11y, expect, test, uniqueEmail } from "./fixtures";
import { joinAsMember } from "./staff";

// Feeds (issue 20, decision 028) as a member finds them: the settings page makes personal
// feed addresses, shows them once, and a reset voids the old ones; a feed reader reads the
// feed at that address; the dilemma list names its feed for signed-in members. With and
// without JavaScript, axe on the page in both states.

const PASSWORD = "een lange zin als wachtwoord";

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("feed addresses are made, read by a feed reader, and reset", async ({ page, request }) => {
      const word = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
      await joinAsMember(page, { name: `Fenna ${word}`, email: uniqueEmail("fenna"), password: PASSWORD });

      // The list names its feed for a member.
      await page.goto("/dilemmas");
      await expect(page.locator('link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute("href", "/feeds/dilemmas");

      await page.goto("/notifications/settings");
      const feeds = page.getByRole("region", { name: "Feeds" });
      await expect(feeds.getByText("Je hebt nog geen feed-adressen.")).toBeVisible();
      await checkA11y(page, { javaScript: javaScriptEnabled });
      await feeds.getByRole("button", { name: "Maak feed-adressen" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Kopieer ze nu" })).toBeVisible();
      const first = (await page.getByRole("region", { name: "Feeds" }).locator("dd code").first().textContent())!;
      expect(first).toMatch(/\/feeds\/dilemmas\?key=[A-Za-z0-9_-]+$/);
      await checkA11y(page, { javaScript: javaScriptEnabled });

      // A feed reader (no session) reads it.
      const feed = await request.get(first, { headers: { Cookie: "" } });
      expect(feed.status()).toBe(200);
      expect(feed.headers()["content-type"]).toContain("application/atom+xml");
      expect(await feed.text()).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');

      // Later the page says they exist, without showing them; a reset makes new ones.
      await page.goto("/notifications/settings");
      await expect(page.getByRole("region", { name: "Feeds" }).getByText("Je hebt feed-adressen.")).toBeVisible();
      await page.getByRole("button", { name: "Maak nieuwe feed-adressen" }).click();
      const second = (await page.getByRole("region", { name: "Feeds" }).locator("dd code").first().textContent())!;
      expect(second).not.toBe(first);
      expect((await request.get(first, { headers: { Cookie: "" } })).status()).toBe(404);
      expect((await request.get(second, { headers: { Cookie: "" } })).status()).toBe(200);
    });
  });
}
