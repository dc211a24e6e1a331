// npm run bench:lexicon [-- --rounds=5]
//
// The packed Dutch lexicon (app/search/dutch/lexicon.ts, decision 031) against the Map-based one
// it replaced, in one process: the same answers for every form and for 300 000 words it does not
// know; memory of each (V8 heap and outside it, after a forced collection); lookups per second;
// and the analysis of words and queries with a cold word cache (what a search pays for the
// lexicon), in interleaved rounds so that the machine's noise hits both alike.
import { readFileSync } from "node:fs";
import os from "node:os";
import { gunzipSync } from "node:zlib";
import { DutchAnalyzer } from "~/search/dutch/analyzer";
import { decodeLemmas } from "~/search/dutch/hunspell";
import { Lexicon } from "~/search/dutch/lexicon";
import { analyzeQueryWith } from "~/search/dutch/query";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const ROUNDS = Number(arg("rounds") ?? 5);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc (npm run bench:lexicon does)");

/** The lexicon as it was before decision 031: every form a JS string, in two Maps. */
class MapLexicon {
  readonly size: number;
  constructor(
    private readonly bitsOf: Map<string, number>,
    private readonly lemmasOf: Map<string, string>,
  ) {
    this.size = bitsOf.size;
  }
  static parse(text: string): MapLexicon {
    const bits = new Map<string, number>();
    const lemmas = new Map<string, string>();
    const intern = new Map<string, string>();
    let pos = 0;
    while (pos < text.length) {
      let end = text.indexOf("\n", pos);
      if (end < 0) end = text.length;
      if (text.charCodeAt(pos) !== 35 && end > pos) {
        const t1 = text.indexOf("\t", pos);
        const t2 = text.indexOf("\t", t1 + 1);
        const form = text.slice(pos, t1);
        if (t2 < 0 || t2 > end) bits.set(form, parseInt(text.slice(t1 + 1, end), 36));
        else {
          bits.set(form, parseInt(text.slice(t1 + 1, t2), 36));
          const enc = text.slice(t2 + 1, end);
          let v = intern.get(enc);
          if (v === undefined) intern.set(enc, (v = enc));
          lemmas.set(form, v);
        }
      }
      pos = end + 1;
    }
    return new MapLexicon(bits, lemmas);
  }
  bits(form: string) {
    return this.bitsOf.get(form) ?? 0;
  }
  has(form: string) {
    return (this.bits(form) & 1) !== 0;
  }
  hasCommon(form: string) {
    const b = this.bits(form);
    return (b & 1) !== 0 && (b & 2048) !== 0;
  }
  is(form: string, mask: number) {
    return (this.bits(form) & mask) !== 0;
  }
  isInfinitive(form: string) {
    return (this.bits(form) & 64) !== 0;
  }
  forms() {
    return this.bitsOf.keys();
  }
  lemmas(form: string) {
    return decodeLemmas(form, this.lemmasOf.get(form));
  }
}

type AnyLexicon = Lexicon | MapLexicon;
const gz = readFileSync(new URL("../app/search/dutch/data/lexicon-nl.txt.gz", import.meta.url));

function memory() {
  gc!();
  gc!();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, outside: m.external /* includes arrayBuffers */, rss: m.rss };
}
const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;

function loadMeasured<T>(make: () => T): { value: T; ms: number; heap: number; outside: number } {
  const before = memory();
  const t0 = performance.now();
  const value = make();
  const ms = performance.now() - t0;
  const after = memory();
  return { value, ms, heap: after.heap - before.heap, outside: after.outside - before.outside };
}

const packed = loadMeasured(() => Lexicon.fromSerialized(gunzipSync(gz)));
const maps = loadMeasured(() => MapLexicon.parse(gunzipSync(gz).toString("utf8")));
console.log(`Dutch lexicon, ${packed.value.size} forms (node ${process.version}; load average ${loadAverage()})`);
console.log(`| lexicon | load ms | V8 heap | outside the heap |`);
console.log(`|---|---|---|---|`);
console.log(`| Maps of strings (before) | ${maps.ms.toFixed(0)} | ${mb(maps.heap)} | ${mb(maps.outside)} |`);
console.log(`| packed (now) | ${packed.ms.toFixed(0)} | ${mb(packed.heap)} | ${mb(packed.outside)} (own count ${mb(packed.value.bytes)}) |`);

// Same answers: every form, every form with a letter more or less, in both directions.
const forms = [...maps.value.forms()];
if (packed.value.size !== maps.value.size) throw new Error(`sizes differ: ${packed.value.size} / ${maps.value.size}`);
const packedForms = [...packed.value.forms()];
if (packedForms.some((f, i) => f !== forms[i])) throw new Error("forms() differ in order or content");
let checked = 0;
const probes = forms.flatMap((f, i) => [f, `${f}${"aeiou"[i % 5]}`, f.slice(0, -1), f.toUpperCase(), `${f}é`]);
for (const w of probes) {
  const a = maps.value.bits(w);
  const b = packed.value.bits(w);
  const la = maps.value.lemmas(w).join(",");
  const lb = packed.value.lemmas(w).join(",");
  if (a !== b || la !== lb) throw new Error(`"${w}": bits ${a}/${b}, lemmas ${la}/${lb}`);
  checked++;
}
console.log(`same bits and lemmas for ${checked} words (${forms.length} forms and 4 variants of each)`);

// Words a search analyses: a sample of the forms, and queries built from them.
const sample = forms.filter((_, i) => i % 13 === 0);
const queries = Array.from({ length: 4000 }, (_, i) => `${sample[(i * 7919) % sample.length]} ${sample[(i * 104729) % sample.length]}`);

/** CPU seconds of this process since `from`: less disturbed than wall time by a busy machine. */
const cpuSince = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1e6;
};

function lookups(lex: AnyLexicon): number {
  const t0 = process.cpuUsage();
  let n = 0;
  let acc = 0;
  for (const w of probes) {
    acc += lex.bits(w);
    n++;
  }
  if (acc < 0) console.log(acc);
  return n / cpuSince(t0);
}

function analyse(lex: AnyLexicon): { words: number; queries: number } {
  const analyzer = new DutchAnalyzer(lex as Lexicon); // a cold word cache each round
  let t0 = process.cpuUsage();
  for (const w of sample) analyzer.analyzeWord(w);
  const words = sample.length / cpuSince(t0);
  const fresh = new DutchAnalyzer(lex as Lexicon);
  t0 = process.cpuUsage();
  for (const q of queries) analyzeQueryWith(fresh, q);
  return { words, queries: queries.length / cpuSince(t0) };
}

const rows: Record<string, { lookups: number[]; words: number[]; queries: number[] }> = {
  maps: { lookups: [], words: [], queries: [] },
  packed: { lookups: [], words: [], queries: [] },
};
for (let r = 0; r < ROUNDS; r++) {
  const order: Array<[keyof typeof rows, AnyLexicon]> = [
    ["maps", maps.value],
    ["packed", packed.value],
  ];
  if (r % 2) order.reverse();
  for (const [name, lex] of order) {
    rows[name]!.lookups.push(lookups(lex));
    const a = analyse(lex);
    rows[name]!.words.push(a.words);
    rows[name]!.queries.push(a.queries);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const k = (n: number) => `${Math.round(n / 1000)}k`;
console.log(`\n${ROUNDS} interleaved rounds, medians (range) per CPU second; cold word cache:`);
console.log(`| lexicon | lookups/s | words analysed/s | queries analysed/s |`);
console.log(`|---|---|---|---|`);
for (const [name, r] of Object.entries(rows)) {
  const fmt = (xs: number[]) => `${k(median(xs))} (${k(Math.min(...xs))}–${k(Math.max(...xs))})`;
  console.log(`| ${name === "maps" ? "Maps of strings (before)" : "packed (now)"} | ${fmt(r.lookups)} | ${fmt(r.words)} | ${fmt(r.queries)} |`);
}
console.log(`load average after: ${loadAverage()}`);

function loadAverage() {
  return os.loadavg().map((x) => x.toFixed(2)).join(" ");
}
