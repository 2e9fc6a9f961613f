/**
 * Seeded randomness for the sensitivity analysis (docs/engine.md §8): the same seed must give the same answer on every
 * machine, so nothing here touches Math.random.
 *
 * Generator: xoshiro128** 1.1 (Blackman & Vigna, https://prng.di.unimi.it/xoshiro128starstar.c; 1.1 scrambles s[1],
 * 1.0 scrambled s[0] and gives other numbers), chosen
 * because it needs only 32-bit integer arithmetic, which JavaScript does exactly with Math.imul and `>>> 0`.
 * Its 128-bit state is filled from the seed by SplitMix64 (https://prng.di.unimi.it/splitmix64.c), the
 * seeding the xoshiro authors recommend: two SplitMix64 outputs, low word first, give the four state words.
 */

const MASK64 = (1n << 64n) - 1n;

/** The SplitMix64 sequence for a seed (the seed is taken modulo 2^64, so negative seeds work too). */
export function splitmix64(seed: number | bigint): () => bigint {
  let state = BigInt.asUintN(64, BigInt(seed));
  return () => {
    state = (state + 0x9e3779b97f4a7c15n) & MASK64;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
    return z ^ (z >> 31n);
  };
}

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

/** 2^-53: turns a 53-bit integer into a double in [0, 1) with every bit of the mantissa random. */
const TWO_POW_MINUS_53 = 1 / 9007199254740992;

export class Random {
  private readonly s: Uint32Array;
  /** Marsaglia's polar method yields normals in pairs; the second waits here. */
  private spare = 0;
  private hasSpare = false;

  /** `state` is the raw xoshiro state (four words, not all zero); use `Random.fromSeed` for integer seeds. */
  constructor(state: ArrayLike<number>) {
    this.s = Uint32Array.from(state);
    if (this.s.length !== 4 || this.s.every((w) => w === 0))
      throw new Error('xoshiro128** needs four state words, not all zero');
  }

  static fromSeed(seed: number): Random {
    const next = splitmix64(seed);
    const a = next();
    const b = next();
    const lo = (x: bigint) => Number(x & 0xffffffffn);
    const hi = (x: bigint) => Number(x >> 32n);
    return new Random([lo(a), hi(a), lo(b), hi(b)]);
  }

  /** Next 32-bit output of xoshiro128**, as an unsigned integer. */
  nextUint32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  /** Uniform on [0, 1) with 53 random bits (two outputs: the high 27 and 26 bits, as in Vigna's notes). */
  uniform(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) * TWO_POW_MINUS_53;
  }

  /** Standard normal by Marsaglia's polar method. */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number;
    let v: number;
    let q: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      q = u * u + v * v;
    } while (q >= 1 || q === 0);
    const f = Math.sqrt((-2 * Math.log(q)) / q);
    this.spare = v * f;
    this.hasSpare = true;
    return u * f;
  }

  /**
   * ln of a Gamma(shape, 1) draw. Marsaglia & Tsang (2000), "A simple method for generating gamma variables",
   * ACM TOMS 26(3); for shape < 1 their boost Gamma(a) = Gamma(a + 1) · U^(1/a). Working in logs keeps tiny
   * shapes (a Dirichlet parameter of 200 · 0.001) from underflowing to 0, which would break the normalization.
   */
  logGamma(shape: number): number {
    if (!(shape > 0)) throw new Error(`gamma shape must be > 0, got ${shape}`);
    const boosted = shape < 1;
    const a = boosted ? shape + 1 : shape;
    const d = a - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    let logDraw: number;
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      // 1 − uniform() lies in (0, 1], so its log is finite.
      const u = 1 - this.uniform();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
        logDraw = Math.log(d * v);
        break;
      }
    }
    return boosted ? logDraw + Math.log(1 - this.uniform()) / shape : logDraw;
  }

  gamma(shape: number): number {
    return Math.exp(this.logGamma(shape));
  }

  /**
   * One Dirichlet(alpha) draw into `out` (same length as alpha). A zero parameter gives a zero component, so
   * a criterion weighted 0 stays at 0. At least one parameter must be positive.
   */
  dirichlet(alpha: ArrayLike<number>, out: Float64Array): Float64Array {
    const n = alpha.length;
    let max = -Infinity;
    for (let j = 0; j < n; j++) {
      const a = alpha[j];
      if (a > 0) {
        const l = this.logGamma(a);
        out[j] = l;
        if (l > max) max = l;
      } else {
        out[j] = -Infinity;
      }
    }
    if (max === -Infinity) throw new Error('a Dirichlet distribution needs at least one positive parameter');
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const v = Math.exp(out[j] - max);
      out[j] = v;
      sum += v;
    }
    for (let j = 0; j < n; j++) out[j] /= sum;
    return out;
  }
}
