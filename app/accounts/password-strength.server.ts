import { createRequire } from "node:module";
import type * as ZxcvbnCore from "@zxcvbn-ts/core";
import type * as ZxcvbnCommon from "@zxcvbn-ts/language-common";
import type * as ZxcvbnEnglish from "@zxcvbn-ts/language-en";
import type * as ZxcvbnDutch from "@zxcvbn-ts/language-nl-be";

// Which passwords we refuse (decision 016): those a guesser tries early. zxcvbn-ts estimates how
// many guesses a password takes, knowing the passwords people really pick (common lists),
// Dutch and English words and names, keyboard rows, repeats, sequences and dates. We ask for
// its top score, 4: more than 10^10 guesses, out of reach even for someone who copied the
// password hashes (argon2id) and guesses offline. Passwords people pick on purpose ("mijn hond
// heet Max", "Zonnebloem#42", "koffie met melk") reach it; "Welkom2024!" does not.
// The estimate runs on the server only: its word lists (megabytes) stay out of the page.
//
// Loaded on the first password judged, not at start (decision 036): the word lists and the
// ranked dictionaries built from them are ≈ 24 MB of heap (≈ 45 MB resident) and ≈ 0.3–1 s of
// start-up, in every server process, while a forum judges a password a few times a week.
// require(), not import(): judging stays synchronous for its callers.
let estimator: typeof ZxcvbnCore.zxcvbn | undefined;

function zxcvbn(password: string, userInputs: string[]) {
  if (!estimator) {
    const require = createRequire(import.meta.url);
    const core = require("@zxcvbn-ts/core") as typeof ZxcvbnCore;
    const common = require("@zxcvbn-ts/language-common") as typeof ZxcvbnCommon;
    const english = require("@zxcvbn-ts/language-en") as typeof ZxcvbnEnglish;
    const dutch = require("@zxcvbn-ts/language-nl-be") as typeof ZxcvbnDutch;
    core.zxcvbnOptions.setOptions({
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...dutch.dictionary, ...english.dictionary },
    });
    estimator = core.zxcvbn;
  }
  return estimator(password, userInputs);
}

export const MIN_PASSWORD_SCORE = 4;
/** Longer passwords are judged on their first 100 characters: enough, and the estimate stays fast. */
const JUDGED_LENGTH = 100;
/** Words of the site itself, which people like to build a password from. */
const SITE_WORDS = ["kenniskring", "kennis", "kring", "wijkwerker", "wijkwerk", "buurtwerk"];

// zxcvbn's warning → why we refuse, as a message key (app/locales/accounts.ts, errors.weakPassword).
const reasons: Record<string, string> = {
  topTen: "common",
  topHundred: "common",
  common: "common",
  similarToCommon: "common",
  pwned: "common",
  simpleRepeat: "repeat",
  extendedRepeat: "repeat",
  sequences: "sequence",
  straightRow: "keyboard",
  keyPattern: "keyboard",
  dates: "date",
  recentYears: "date",
  namesByThemselves: "word",
  commonNames: "word",
  wordByItself: "word",
  userInputs: "personal",
};

/**
 * Null for a password that is hard enough to guess; otherwise the message key that says why
 * not and what works, e.g. "accounts.weakPassword.common". `personal`: the member's name and
 * address, which a password must not be built from.
 */
export function whyWeakPassword(password: string, personal: (string | null | undefined)[] = []): string | null {
  const inputs = [...SITE_WORDS];
  for (const value of personal) {
    if (!value) continue;
    const words = value.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3);
    inputs.push(value.toLowerCase(), words.join(""), ...words);
  }
  const result = zxcvbn(password.slice(0, JUDGED_LENGTH), inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const reason = (result.feedback.warning && reasons[result.feedback.warning]) || "guessable";
  return `accounts.weakPassword.${reason}`;
}
