// What the circle's pages share with the browser: the mail log's filters.
export const mailFilters = ["all", "failed", "kept"] as const;
export type MailFilter = (typeof mailFilters)[number];
