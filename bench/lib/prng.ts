// Seeded PRNG (mulberry32): the generator must be byte-for-byte reproducible from --seed,
// so nothing in bench/ may call Math.random.
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }
  /** uniform in [0, 1) */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** integer in [lo, hi] */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  /** float in [lo, hi) */
  range(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** exponential with the given mean: inter-arrival times of independent requests */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }
  /** a request duration in ms, rendered by the access line with 2 decimals */
  ms(lo: number, hi: number): number {
    return Math.round(this.range(lo, hi) * 100) / 100;
  }
}

/** Accepts a number or any string (hashed), so `--seed incident` works too. */
export function seedFrom(v: string | number): number {
  if (typeof v === 'number') return v >>> 0;
  if (/^\d+$/.test(v)) return Number(v) >>> 0;
  let h = 2166136261;
  for (let i = 0; i < v.length; i++) h = Math.imul(h ^ v.charCodeAt(i), 16777619);
  return h >>> 0;
}
