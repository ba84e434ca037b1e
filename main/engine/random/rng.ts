/**
 * Seeded pseudo-random stream (xoshiro128**, seeded through splitmix32).
 * `Rng.derive(seed, ...keys)` gives an independent, reproducible stream per (seed, step, image, ...):
 * training resumes bit for bit, and no two recorruptions share a stream (docs/method.md §1).
 */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal: number | undefined;

  constructor(seed: number) {
    let h = seed >>> 0;
    const next = (): number => {
      h = (h + 0x9e3779b9) >>> 0;
      let z = h;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next() || 1;
  }

  static derive(seed: number, ...keys: number[]): Rng {
    let h = (seed ^ 0x5bd1e995) >>> 0;
    for (const key of keys) {
      h = Math.imul(h ^ (key >>> 0), 0x01000193) >>> 0;
      h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
      h = (h ^ (Math.floor(key / 4294967296) >>> 0)) >>> 0;
    }
    return new Rng(h);
  }

  /** A 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in (0, 1): never exactly 0, so logs are safe. */
  uniform(): number {
    return ((this.nextUint32() >>> 8) + 0.5) / 16777216;
  }

  /** A seed for another generator (for example tfjs ops that take one). */
  seed(): number {
    return this.nextUint32();
  }

  /** Standard normal, Marsaglia polar method. */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const v = this.spareNormal;
      this.spareNormal = undefined;
      return v;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * m;
    return u * m;
  }

  /**
   * A uniform used only to accept or reject a proposal: the same as `uniform` here; an antithetic stream hands it
   * back unmirrored, so a mirrored proposal meets the same test and the two draws stay paired.
   */
  acceptance(): number {
    return this.uniform();
  }

  /** Opens the draws for the next pixel: a no-op here; antithetic streams (antithetic.ts) keep pixels aligned by it. */
  mark(): void {}

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
