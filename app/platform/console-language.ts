// The language of what the product says on a terminal (npm start, the command-line tools):
// Dutch first, English when the shell's language is English. KK_LANG wins; then the POSIX
// order LC_ALL, LC_MESSAGES, LANG. The C and POSIX locales of a bare server give Dutch.
export type ConsoleLocale = "nl" | "en";

export function consoleLocale(env: NodeJS.ProcessEnv = process.env): ConsoleLocale {
  const chosen = env.KK_LANG || env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return /^en/i.test(chosen) ? "en" : "nl";
}

/** One of two sentences, by the console's language. */
export function inConsoleLanguage(dutch: string, english: string, env: NodeJS.ProcessEnv = process.env): string {
  return consoleLocale(env) === "en" ? english : dutch;
}
