// The Snowball Dutch stemmer (Martin Porter's algorithm; `dutch_porter.sbl` in Snowball 3,
// plain `dutch` in Snowball 2 and so in PostgreSQL up to 17), transcribed step by step.
// https://snowballstem.org/algorithms/dutch/stemmer.html
//
// Input is one lowercased word. The prelude folds á/ä → a etc. itself, so accented input gives
// the same stem as the unaccented form. Pure and allocation-light: safe for hot loops.

const VOWELS = new Set(["a", "e", "i", "o", "u", "y", "è"]);

const ACCENT_FOLD: Record<string, string> = {
  ä: "a", á: "a",
  ë: "e", é: "e",
  ï: "i", í: "i",
  ö: "o", ó: "o",
  ü: "u", ú: "u",
};

/** v: vowels (I and Y, the consonantal i/y marked by the prelude, are not vowels). */
const isV = (c: string | undefined): boolean => c !== undefined && VOWELS.has(c);

export function stemDutch(input: string): string {
  // --- prelude -------------------------------------------------------------------------
  const chars: string[] = [];
  for (const c of input) chars.push(ACCENT_FOLD[c] ?? c);
  if (chars[0] === "y") chars[0] = "Y";
  // repeat ( gopast v  try ( ['i'] v → 'I'  or  ['y'] → 'Y' ) )
  for (let i = 0; i < chars.length; i++) {
    if (!isV(chars[i])) continue;
    const next = chars[i + 1];
    if (next === "i") {
      if (isV(chars[i + 2])) chars[i + 1] = "I";
    } else if (next === "y") {
      chars[i + 1] = "Y";
    }
  }
  let w = chars.join("");

  // --- mark_regions --------------------------------------------------------------------
  const n = w.length;
  let p1 = n;
  let p2 = n;
  if (n >= 3) {
    const afterVowelConsonant = (from: number): number => {
      let i = from;
      while (i < n && !isV(w[i])) i++; // gopast v
      if (i >= n) return -1;
      i++;
      while (i < n && isV(w[i])) i++; // gopast non-v
      if (i >= n) return -1;
      return i + 1;
    };
    const a = afterVowelConsonant(0);
    if (a >= 0) {
      p1 = Math.max(a, 3);
      const b = afterVowelConsonant(a);
      if (b >= 0) p2 = b;
    }
  }

  // --- standard_suffix (backward mode) -------------------------------------------------
  const ends = (s: string): boolean => w.endsWith(s);
  const R1 = (pos: number): boolean => p1 <= pos;
  const R2 = (pos: number): boolean => p2 <= pos;
  const cut = (len: number): void => {
    w = w.slice(0, w.length - len);
  };
  const undouble = (): void => {
    if (ends("kk") || ends("dd") || ends("tt")) cut(1);
  };
  let eFound = false;
  const eEnding = (): void => {
    eFound = false;
    if (!ends("e")) return;
    const pos = w.length - 1;
    if (!R1(pos)) return;
    const before = w[pos - 1];
    if (before === undefined || isV(before)) return;
    cut(1);
    eFound = true;
    undouble();
  };
  // Suffix of length `len` ends the word; delete it if in R1, preceded by a non-vowel, not by "gem".
  const enEnding = (len: number): boolean => {
    const pos = w.length - len;
    if (!R1(pos)) return false;
    const before = w[pos - 1];
    if (before === undefined || isV(before)) return false;
    if (w.slice(0, pos).endsWith("gem")) return false;
    cut(len);
    undouble();
    return true;
  };

  // Step 1
  if (ends("heden")) {
    if (R1(w.length - 5)) w = w.slice(0, -5) + "heid";
  } else if (ends("ene")) {
    enEnding(3);
  } else if (ends("en")) {
    enEnding(2);
  } else if (ends("se") || ends("s")) {
    const len = ends("se") ? 2 : 1;
    const pos = w.length - len;
    const before = w[pos - 1];
    if (R1(pos) && before !== undefined && !isV(before) && before !== "j") cut(len);
  }

  // Step 2
  eEnding();

  // Step 3a
  if (ends("heid")) {
    const pos = w.length - 4;
    if (R2(pos) && w[pos - 1] !== "c") {
      cut(4);
      if (ends("en")) enEnding(2);
    }
  }

  // Step 3b
  if (ends("end") || ends("ing")) {
    const pos = w.length - 3;
    if (R2(pos)) {
      cut(3);
      const igPos = w.length - 2;
      if (ends("ig") && R2(igPos) && w[igPos - 1] !== "e") cut(2);
      else undouble();
    }
  } else if (ends("ig")) {
    const pos = w.length - 2;
    if (R2(pos) && w[pos - 1] !== "e") cut(2);
  } else if (ends("lijk")) {
    if (R2(w.length - 4)) {
      cut(4);
      eEnding();
    }
  } else if (ends("baar")) {
    if (R2(w.length - 4)) cut(4);
  } else if (ends("bar")) {
    if (R2(w.length - 3) && eFound) cut(3);
  }

  // Step 4: undouble vowel — C VV D where D is a non-vowel other than I.
  const L = w.length;
  if (L >= 4) {
    const d = w[L - 1]!;
    const v1 = w[L - 3]!;
    const v2 = w[L - 2]!;
    const c = w[L - 4]!;
    if (!isV(d) && d !== "I" && v1 === v2 && "aeou".includes(v1) && !isV(c)) {
      w = w.slice(0, L - 2) + d;
    }
  }

  // --- postlude --------------------------------------------------------------------------
  return w.replace(/[IY]/g, (m) => m.toLowerCase());
}
