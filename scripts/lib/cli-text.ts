// What the command-line tools say, in Dutch first and English second, like the product; the
// language follows the shell's (app/platform/console-language.ts). Log lines of the server and
// of Postgres stay as they are: they are for the log, not for a conversation.
import i18next from "i18next";
import { consoleLocale } from "~/platform/console-language";

const nl = {
  failed: "{{command}} is mislukt: {{reason}}",
  usage: "gebruik: {{line}}",
  backup: {
    summary:
      "{{rows}} rijen in {{tables}} tabellen, {{files}} geüploade bestanden, {{mb}} MB, gemaakt {{at}} van PostgreSQL {{postgres}} in {{seconds}} s",
    written: "Back-up gemaakt en gecontroleerd: {{path}} ({{summary}})",
    removed: "Oude back-up verwijderd: {{path}}",
    whole: "{{path}} is compleet: {{summary}}",
    notWhole: "{{path}} is niet compleet ({{count}} problemen hierboven)",
    keep: "--keep vraagt een heel getal van 1 of meer",
    restored: "{{path}} teruggezet: {{summary}}",
    restoresWhole: "{{path}} is volledig terug te zetten: {{summary}}",
  },
  migrate: { upToDate: "De database is bij: er zijn geen migraties om toe te passen.", applied: "Toegepast: {{name}}" },
  user: {
    usage: 'npm run user:create -- --email ADRES --role member|organiser|admin [--name "Naam"] [--password WACHTWOORD]',
    email: "--email moet een e-mailadres zijn",
    role: "--role moet member, organiser of admin zijn",
    name: "--name moet 2 tot 60 tekens hebben",
    password: "--password moet minstens 10 tekens hebben",
    organisation: "--organisation mag hoogstens 100 tekens hebben",
    created: "{{role}} @{{handle}} ({{email}}) is aangemaakt.",
    updated: "{{role}} @{{handle}} ({{email}}) is bijgewerkt.",
    password_shown: "Wachtwoord (je ziet het maar één keer): {{password}}",
    roles: { member: "Lid", organiser: "Organisator", admin: "Beheerder" },
  },
  reindex: {
    busy: "Een ander proces bouwt de zoekindex nu al opnieuw op; er is niets gedaan.",
    done: "{{documents}} documenten ({{words}} woorden) geïndexeerd in {{seconds}} s; de index is {{mb}} MB.",
    compacted: "De ruimte van de oude index is vrijgegeven.",
  },
  importing: {
    usage: "npm run content:import -- --file BESTAND.jsonl [--create-competences]",
    unreadable: "{{file}} is niet te lezen: {{reason}}",
    line: "regel {{line}}: {{message}}",
    nothing: "Er is niets geïmporteerd: {{count}} probleem/problemen in {{file}}.",
    privacy: "De privacywaarschuwing zou gaan bij {{count}} item(s): zie \"privacyWarning\".",
    done: "{{created}} nieuw(e) item(s) geïmporteerd; {{before}} waren al eerder geïmporteerd.",
  },
  digest: {
    usage: "npm run digest:now -- --period daily|weekly [--email ADRES]",
    period: "--period moet daily of weekly zijn",
    email: "--email moet een e-mailadres zijn",
    queuedAll: "Het {{period}} overzicht staat klaar om te versturen naar {{count}} leden.",
    queuedOne: "Het {{period}} overzicht staat klaar om te versturen naar {{email}}.",
    noMember: "Er is geen lid met het adres {{email}}.",
    nothing: "Niets te sturen aan {{email}} (niets nieuws, of deze {{span}} al gestuurd).",
    periods: { daily: "dagelijkse", weekly: "wekelijkse" },
    spans: { daily: "dag", weekly: "week" },
  },
};

const en: typeof nl = {
  failed: "{{command}} failed: {{reason}}",
  usage: "usage: {{line}}",
  backup: {
    summary:
      "{{rows}} rows in {{tables}} tables, {{files}} uploaded files, {{mb}} MB, taken {{at}} from PostgreSQL {{postgres}} in {{seconds}} s",
    written: "backup written and checked: {{path}} ({{summary}})",
    removed: "removed {{path}}",
    whole: "{{path}} is whole: {{summary}}",
    notWhole: "{{path}} is not whole ({{count}} problems above)",
    keep: "--keep takes a whole number of 1 or more",
    restored: "restored {{path}}: {{summary}}",
    restoresWhole: "{{path}} restores whole: {{summary}}",
  },
  migrate: { upToDate: "The database is up to date: no migrations to apply.", applied: "applied {{name}}" },
  user: {
    usage: 'npm run user:create -- --email ADDRESS --role member|organiser|admin [--name "Name"] [--password PW]',
    email: "--email must be an e-mail address",
    role: "--role must be member, organiser or admin",
    name: "--name must have 2 to 60 characters",
    password: "--password needs at least 10 characters",
    organisation: "--organisation may have at most 100 characters",
    created: "Created {{role}} @{{handle}} ({{email}}).",
    updated: "Updated {{role}} @{{handle}} ({{email}}).",
    password_shown: "Password (shown once): {{password}}",
    roles: { member: "member", organiser: "organiser", admin: "admin" },
  },
  reindex: {
    busy: "Another process is rebuilding the search index right now; nothing done.",
    done: "Indexed {{documents}} documents ({{words}} words) in {{seconds}} s; index size {{mb}} MB.",
    compacted: "The replaced index's space was given back.",
  },
  importing: {
    usage: "npm run content:import -- --file FILE.jsonl [--create-competences]",
    unreadable: "cannot read {{file}}: {{reason}}",
    line: "line {{line}}: {{message}}",
    nothing: "Nothing was imported: {{count}} problem(s) in {{file}}.",
    privacy: "The privacy guard would have warned about {{count}} item(s): see \"privacyWarning\".",
    done: "Imported {{created}} new item(s); {{before}} were imported before.",
  },
  digest: {
    usage: "npm run digest:now -- --period daily|weekly [--email ADDRESS]",
    period: "--period must be daily or weekly",
    email: "--email must be an e-mail address",
    queuedAll: "Queued the {{period}} digest for {{count}} members.",
    queuedOne: "Queued the {{period}} digest for {{email}}.",
    noMember: "No member with the address {{email}}.",
    nothing: "Nothing to send to {{email}} (nothing new, or already sent this {{span}}).",
    periods: { daily: "daily", weekly: "weekly" },
    spans: { daily: "day", weekly: "week" },
  },
};

const instance = i18next.createInstance();
void instance.init({
  lng: consoleLocale(),
  fallbackLng: "nl",
  resources: { nl: { translation: nl }, en: { translation: en } },
  initAsync: false,
  interpolation: { escapeValue: false }, // plain text on a terminal
});

/** A sentence for the terminal in the shell's language. */
export const say = instance.t.bind(instance);

/** "command failed: reason" on stderr, for a tool's last words. */
export function failure(command: string, error: unknown): string {
  return say("failed", { command, reason: error instanceof Error ? error.message : String(error) });
}

/** The figures of a backup's manifest, in words. */
export function backupSummary(manifest: {
  tables: { rows: number; bytes: number }[];
  uploads: { bytes: number }[];
  createdAt: string;
  postgres: string;
  seconds: number;
}): string {
  const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
  const bytes = [...manifest.tables, ...manifest.uploads].reduce((n, f) => n + f.bytes, 0);
  return say("backup.summary", {
    rows,
    tables: manifest.tables.length,
    files: manifest.uploads.length,
    mb: (bytes / 1e6).toFixed(1),
    at: manifest.createdAt,
    postgres: manifest.postgres,
    seconds: manifest.seconds,
  });
}
