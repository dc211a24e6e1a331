// Messages of the meetings and reports pages, Dutch first (B1) and English second. Same keys
// in both: TypeScript refuses an English catalogue that misses a Dutch key.
export const nl = {};

export const en: typeof nl = {};
