// How far V8 lets the old generation grow past what survived the last full collection before
// it collects again (decision 047). V8 scales that factor with the heap limit it gave itself:
// up to 4× where the machine has 16 GB or more (a 4 GB limit), so under a steady load the
// garbage that outlived two young collections piled up to ≈ 190 MB of old space before the
// first full collection (a process with 70 MB live held 390 MB resident under /healthz alone).
// Half again (×1.5) keeps a server process near its live heap on every machine, and on a small
// one is about what V8 chooses by itself.
//
// Set from the program rather than as a command-line flag: V8 reads the factor at every full
// collection, so it holds however the server is started (`npm start`, the service file, a bare
// `node build/server/start.js`, and each worker, which runs this same entry).
import v8 from "node:v8";

/** The default: the old generation may grow by half before the next full collection. */
export const HEAP_GROWTH_PERCENT = 50;

/**
 * HEAP_GROWTH_PERCENT=0 leaves V8's own factor (to measure against); 10–400 sets another.
 * Returns the percentage in effect (0: V8's own).
 */
export function limitHeapGrowth(value = process.env.HEAP_GROWTH_PERCENT): number {
  const asked = value === undefined || value.trim() === "" ? HEAP_GROWTH_PERCENT : Number(value);
  const percent = Number.isInteger(asked) && (asked === 0 || (asked >= 10 && asked <= 400)) ? asked : HEAP_GROWTH_PERCENT;
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
  return percent;
}
