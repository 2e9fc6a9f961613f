import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random, splitmix64 } from '../../src/engine/random.ts';

describe('xoshiro128**', () => {
  it('matches the reference implementation (version 1.1) from state [0, 1, 2, 3]', () => {
    // gnabgib/gnablib-ts, tst/prng/xoshiro128ss.test.ts: "test vectors … sourced from the CPP reference impl".
    // (rand_xoshiro's vectors for [1, 2, 3, 4] are from version 1.0, whose scrambler read s[0] instead of s[1].)
    const rng = new Random([0, 1, 2, 3]);
    const expected = [
      5760, 17280, 2966400, 32451840, 2604340873, 3891234569, 1254043636, 216095511, 3291724652, 2070429911,
    ];
    expect(expected.map(() => rng.nextUint32())).toEqual(expected);
  });

  it('matches the reference implementation from a random state', () => {
    // edorfaus/xoshiro-6502, test-rom/testdata.asm: seed bytes 0C 4A 4D 96 … as little-endian words, first four
    // xoshiro128** outputs of the C reference (third column of VerifyValuesXoshiro128).
    const rng = new Random([0x964d4a0c, 0xd40ab895, 0xad7fdecb, 0x3006f0f0]);
    expect([rng.nextUint32(), rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]).toEqual([
      0xf1391922, 0x6fe53806, 0xa5be2840, 0xf510ee70,
    ]);
  });

  it('refuses an all-zero state, from which it would only ever return 0', () => {
    expect(() => new Random([0, 0, 0, 0])).toThrow(/not all zero/);
  });

  it('refuses a state of other than four words', () => {
    expect(() => new Random([1, 2, 3])).toThrow(/four state words/);
    expect(() => new Random([1, 2, 3, 4, 5])).toThrow(/four state words/);
  });
});

describe('splitmix64 seeding', () => {
  it('matches the published sequence for seed 1234567', () => {
    // Rosetta Code, "Pseudo-random numbers/Splitmix64": the first five outputs for seed 1234567.
    const next = splitmix64(1234567);
    expect([next(), next(), next(), next(), next()]).toEqual([
      6457827717110365317n,
      3203168211198807973n,
      9817491932198370423n,
      4593380528125082431n,
      16408922859458223821n,
    ]);
  });

  it('fills the xoshiro state low word first', () => {
    // 6457827717110365317 = 0x599ED017_FB08FC85 and 3203168211198807973 = 0x2C73F084_58540FA5 (Rosetta Code).
    const fromSeed = Random.fromSeed(1234567);
    const explicit = new Random([0xfb08fc85, 0x599ed017, 0x58540fa5, 0x2c73f084]);
    for (let i = 0; i < 5; i++) expect(fromSeed.nextUint32()).toBe(explicit.nextUint32());
  });

  it('gives the same stream for the same seed and different streams for different seeds', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (a, b) => {
        const x = Random.fromSeed(a);
        const y = Random.fromSeed(a);
        const z = Random.fromSeed(b);
        const xs = Array.from({ length: 4 }, () => x.nextUint32());
        expect(Array.from({ length: 4 }, () => y.nextUint32())).toEqual(xs);
        if (a !== b) expect(Array.from({ length: 4 }, () => z.nextUint32())).not.toEqual(xs);
      }),
    );
  });
});

/**
 * Marsaglia's polar method as published (Marsaglia & Bray 1964): the first pair (u, v) strictly inside the unit
 * disk, its centre excluded, scaled by f = √(−2 ln q / q).
 */
function polarPair(rng: Random): [number, number] {
  for (;;) {
    const u = 2 * rng.uniform() - 1;
    const v = 2 * rng.uniform() - 1;
    const q = u * u + v * v;
    if (q > 0 && q < 1) {
      const f = Math.sqrt((-2 * Math.log(q)) / q);
      return [u * f, v * f];
    }
  }
}

describe('uniform and normal', () => {
  it('builds a uniform from the high 27 bits of one output and the high 26 of the next', () => {
    // The reference outputs 5760 and 17280 from state [0, 1, 2, 3] (above).
    expect(new Random([0, 1, 2, 3]).uniform()).toBe(((5760 >>> 5) * 2 ** 26 + (17280 >>> 6)) / 2 ** 53);
  });

  it('returns both normals of each polar pair, in order (property)', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const rng = Random.fromSeed(seed);
        const twin = Random.fromSeed(seed);
        const expected = [...polarPair(twin), ...polarPair(twin)];
        expect([rng.normal(), rng.normal(), rng.normal(), rng.normal()]).toEqual(expected);
      }),
    );
  });

  it('skips a pair on the unit circle or at its centre', () => {
    // States solved for their first outputs (xoshiro128** is linear over GF(2) in its state): the first uniforms
    // are 0 and 1/2, a pair (−1, 0) with q = 1, where f would be 0; then 1/2 and 1/2, the pair (0, 0), where f is
    // infinite.
    const cases: [state: number[], firstUniforms: number[]][] = [
      [
        [0xcd19a000, 0, 0xcd19a000, 0x19a000],
        [0, 0.5],
      ],
      [
        [0, 0xcd000000, 0xcd000000, 0xcd000000],
        [0.5, 0.5],
      ],
    ];
    for (const [state, firstUniforms] of cases) {
      const probe = new Random(state);
      expect([probe.uniform(), probe.uniform()]).toEqual(firstUniforms);
      const expected = polarPair(new Random(state));
      expect(expected.every((z) => Number.isFinite(z) && z !== 0)).toBe(true);
      const rng = new Random(state);
      expect([rng.normal(), rng.normal()]).toEqual(expected);
    }
  });

  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = Random.fromSeed(7);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      s += u;
      s2 += u * u;
    }
    const mean = s / n;
    // Standard error of the mean is sqrt(1/12 / n) ≈ 6.5e-4; allow 5 of them.
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(s2 / n - mean * mean - 1 / 12)).toBeLessThan(2e-3);
  });

  it('draws standard normals with mean 0, variance 1 and 95% inside ±1.96', () => {
    const rng = Random.fromSeed(11);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    let inside = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      s += z;
      s2 += z * z;
      if (Math.abs(z) < 1.959963984540054) inside++;
    }
    expect(Math.abs(s / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(inside / n - 0.95)).toBeLessThan(5 * Math.sqrt((0.95 * 0.05) / n));
  });
});

/**
 * ln of one Gamma(shape) draw as Marsaglia & Tsang (2000) print their method, with its strict inequalities, and
 * their boost Gamma(a + 1) · U^(1/a) for a < 1.
 */
function marsagliaTsang(rng: Random, shape: number): number {
  const a = shape < 1 ? shape + 1 : shape;
  const d = a - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = rng.normal();
    if (1 + c * x <= 0) continue;
    const v = (1 + c * x) ** 3;
    const u = 1 - rng.uniform();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
      return shape < 1 ? Math.log(d * v) + Math.log(1 - rng.uniform()) / shape : Math.log(d * v);
    }
  }
}

describe('gamma (Marsaglia–Tsang)', () => {
  // Gamma(a, 1) has mean a and variance a; check both, including shapes below 1 that use the boost.
  it.each([0.05, 0.3, 1, 2.5, 40])('has mean and variance equal to the shape %s', (shape) => {
    const rng = Random.fromSeed(2024);
    const n = 100_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const g = rng.gamma(shape);
      expect(g).toBeGreaterThanOrEqual(0);
      s += g;
      s2 += g * g;
    }
    const mean = s / n;
    const variance = s2 / n - mean * mean;
    // sd of the sample mean is sqrt(a/n); the sample variance has sd sqrt((μ4 − a²)/n) with μ4 = 3a² + 6a.
    expect(Math.abs(mean - shape)).toBeLessThan(5 * Math.sqrt(shape / n));
    expect(Math.abs(variance - shape)).toBeLessThan(5 * Math.sqrt((2 * shape * shape + 6 * shape) / n));
  });

  it('draws as Marsaglia and Tsang print it, with the boost below shape 1 (property)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom(0.05, 0.3, 1, 2.5, 40), (seed, shape) => {
        const rng = Random.fromSeed(seed);
        const twin = Random.fromSeed(seed);
        for (let i = 0; i < 20; i++) expect(rng.logGamma(shape)).toBeCloseTo(marsagliaTsang(twin, shape), 12);
      }),
    );
  });

  it('rejects a candidate on the boundary of acceptance, x = 0 with U = 1', () => {
    // A state solved for its outputs (as in the polar test): the first normal is 0, then 1 − uniform() is 1, so both
    // strict tests fail (1 < 1, ln 1 < 0) and the spare normal is the next candidate.
    const state = [0x6e0ffb07, 0xcd000000, 0xa30ffb07, 0xff704084];
    const probe = new Random(state);
    expect([probe.normal(), probe.uniform()]).toEqual([0, 0]);
    for (const shape of [1, 2.5, 40]) {
      const expected = marsagliaTsang(new Random(state), shape);
      expect(expected).not.toBe(Math.log(shape - 1 / 3));
      expect(new Random(state).logGamma(shape)).toBeCloseTo(expected, 12);
    }
  });

  it('rejects a non-positive shape', () => {
    expect(() => Random.fromSeed(1).gamma(0)).toThrow(/shape/);
  });
});

describe('dirichlet', () => {
  const weights = fc
    .array(fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1, noNaN: true })), { minLength: 1, maxLength: 40 })
    .filter((w) => w.some((x) => x > 0));

  it('draws points of the simplex, with zero parameters giving zero components', () => {
    fc.assert(
      fc.property(weights, fc.integer(), fc.double({ min: 0.01, max: 1e4, noNaN: true }), (w, seed, concentration) => {
        const rng = Random.fromSeed(seed);
        const alpha = w.map((x) => x * concentration);
        const out = new Float64Array(w.length);
        for (let k = 0; k < 5; k++) {
          rng.dirichlet(alpha, out);
          let sum = 0;
          out.forEach((x, j) => {
            expect(Number.isFinite(x) && x >= 0).toBe(true);
            if (alpha[j] === 0) expect(x).toBe(0);
            sum += x;
          });
          expect(sum).toBeCloseTo(1, 12);
        }
      }),
    );
  });

  it('is centred on alpha / Σ alpha with the Dirichlet variance', () => {
    const alpha = [200 * 0.5, 200 * 0.3, 200 * 0.15, 200 * 0.05];
    const a0 = 200;
    const rng = Random.fromSeed(3);
    const n = 50_000;
    const sum = new Float64Array(4);
    const sum2 = new Float64Array(4);
    const out = new Float64Array(4);
    for (let i = 0; i < n; i++) {
      rng.dirichlet(alpha, out);
      for (let j = 0; j < 4; j++) {
        sum[j] += out[j];
        sum2[j] += out[j] * out[j];
      }
    }
    for (let j = 0; j < 4; j++) {
      const p = alpha[j] / a0;
      const variance = (p * (1 - p)) / (a0 + 1);
      const mean = sum[j] / n;
      expect(Math.abs(mean - p)).toBeLessThan(5 * Math.sqrt(variance / n));
      expect(sum2[j] / n - mean * mean).toBeCloseTo(variance, 4);
    }
  });

  it('does not underflow when every parameter is tiny', () => {
    const out = Random.fromSeed(5).dirichlet([1e-3, 2e-3, 1e-3], new Float64Array(3));
    expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('needs one positive parameter', () => {
    expect(() => Random.fromSeed(5).dirichlet([0, 0], new Float64Array(2))).toThrow(/positive/);
  });
});
