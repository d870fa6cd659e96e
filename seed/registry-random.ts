/** Seeded randomness for the demo registry generator: same seed, same companies. */
/* ───────────────────────── random numbers ───────────────────────── */

/** mulberry32: tiny and fast; plenty for demo data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** Roughly standard normal (sum of three uniforms): cheap, and tails don't matter here. */
  normal(): number {
    return (this.next() + this.next() + this.next() - 1.5) * 2;
  }
  logUniform(lo: number, hi: number): number {
    return lo * Math.pow(hi / lo, this.next());
  }
}

/** Weighted choice by binary search over cumulative weights. */
export class Weighted<T> {
  private cum: number[] = [];
  private total = 0;
  constructor(readonly items: T[], weight: (item: T) => number) {
    for (const item of items) {
      this.total += Math.max(0, weight(item));
      this.cum.push(this.total);
    }
  }
  pick(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo];
  }
}
