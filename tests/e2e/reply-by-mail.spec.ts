import nodemailer from "nodemailer";
import { expect, test, uniqueEmail } from "./fixtures";
import { nextMailTo } from "./mail";
import { joinAsMember } from "./staff";

// Reply by e-mail (issue 20, decision 028), as members live it: Anna takes part in a thread,
// Bram answers her, the notification mail reaches Anna's mailbox, she answers it from her mail
// program (quoting it, signing it), and her words appear in the thread under Bram's reply,
// without the quote and the signature. A reply with a phone number in it is not posted: the
// mail back says why and links to the web form.

const PASSWORD = "een lange zin als wachtwoord";
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function answerByMail(from: string, to: string, text: string) {
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port: Number(process.env.E2E_INBOUND_PORT), secure: false, ignoreTLS: true });
  try {
    await transport.sendMail({ from, to, subject: "Re: melding", text });
  } finally {
    transport.close();
  }
}

test.describe("reply by e-mail", () => {
  test.use({ javaScriptEnabled: false });

  test("an answer to a notification mail appears in the thread under the reply it answers", async ({ page, browser }) => {
    test.slow(); // two members, a relay, two mails and a job: long on a shared 2-core machine
    const word = unique();
    const anna = { name: `Anna ${word}`, email: uniqueEmail("anna"), password: PASSWORD };
    await joinAsMember(page, anna);
    await page.goto("/dilemmas/2");
    await page.getByRole("textbox", { name: "Je reactie" }).fill(`Ik begin bij het netwerk van de bewoner ${word}.`);
    await page.getByRole("button", { name: "Plaats reactie" }).click();
    await expect(page).toHaveURL(/#reply-\d+$/);
    const threadUrl = page.url().replace(/#.*$/, "");

    const bramContext = await browser.newContext({ javaScriptEnabled: false });
    const bramPage = await bramContext.newPage();
    await joinAsMember(bramPage, { name: `Bram ${word}`, email: uniqueEmail("bram"), password: PASSWORD });
    await bramPage.goto(threadUrl);
    await bramPage.getByRole("textbox", { name: "Je reactie" }).fill(`Hoe begin je dat gesprek, ${word}?`);
    await bramPage.getByRole("button", { name: "Plaats reactie" }).click();
    await expect(bramPage).toHaveURL(/#reply-\d+$/);
    const bramReply = Number(new URL(bramPage.url()).hash.replace("#reply-", ""));
    await bramContext.close();

    const notification = await nextMailTo(anna.email, { timeoutMs: 30_000 });
    const replyTo = (notification.headers.get("reply-to") as { text: string }).text;
    expect(replyTo).toMatch(/^antwoord-[0-9a-z-]+@localhost$/);
    expect(notification.text).toContain("Je kunt ook reageren door op deze e-mail te antwoorden");

    const answer = `Ik bel eerst aan en vraag hoe het gaat ${word}.`;
    await answerByMail(
      anna.email,
      replyTo,
      `${answer}\n\nMet vriendelijke groet,\nAnna\nWijkteam Oost\n\nOp ma 7 dec. 2026 om 10:12 schreef Kenniskring <kenniskring@localhost>:\n> ${notification.text.split("\n").join("\n> ")}`,
    );

    // The job posts it within a few seconds: reload until it shows, nested under Bram's reply,
    // by Anna, without her signature or the quoted mail.
    const posted = page.locator(`li:has(> #reply-${bramReply}) > ol.thread--nested`).locator("article", { hasText: answer });
    await expect(async () => {
      await page.goto(threadUrl);
      await expect(posted).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(posted).toContainText(anna.name);
    await expect(page.getByText("Wijkteam Oost")).toHaveCount(0);
    await expect(page.getByText("schreef Kenniskring")).toHaveCount(0);

    // A phone number: not posted; the mail back says why and leads to the web form.
    await answerByMail(anna.email, replyTo, `Bel de bewoner op 06-12345678 ${word}.`);
    const refused = await nextMailTo(anna.email, { timeoutMs: 30_000 });
    expect(refused.subject).toContain("Je reactie is niet geplaatst");
    expect(refused.text).toContain("Per e-mail kun je niet kiezen voor ‘Toch plaatsen’");
    await page.goto(refused.link("/dilemmas/"));
    await expect(page.getByRole("textbox", { name: "Je reactie" })).toBeVisible();
    await expect(page.getByText(`06-12345678 ${word}`)).toHaveCount(0);
  });
});
