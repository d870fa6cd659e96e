/**
 * Deterministic randomness for the differential tests (mulberry32): a seed printed with a failure
 * reproduces the same rules and facts.
 */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const chance = (p: number) => next() < p;
  const some = <T>(xs: readonly T[], min: number, max: number): T[] => Array.from({ length: min + int(max - min + 1) }, () => pick(xs));
  return { next, int, pick, chance, some };
}

export type SeededRandom = ReturnType<typeof seededRandom>;
