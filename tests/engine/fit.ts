import { expect } from 'vitest';

/**
 * Checks of the cost model's terms without timing (docs/engine.md §11): a term must have exactly the form stated, with
 * its calibrated coefficients free above a floor. Shared by the cost-terms tests and the methods' own.
 */

/** Least-squares coefficients of y over the basis functions at the points (normal equations, Gaussian elimination). */
export function leastSquares<P>(
  points: readonly P[],
  y: (p: P) => number,
  basis: readonly ((p: P) => number)[],
): number[] {
  const k = basis.length;
  const a = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
  for (const p of points) {
    const row = basis.map((f) => f(p));
    const v = y(p);
    for (let r = 0; r < k; r++) {
      for (let c = 0; c < k; c++) a[r]![c]! += row[r]! * row[c]!;
      a[r]![k]! += row[r]! * v;
    }
  }
  for (let c = 0; c < k; c++) {
    const pivot = a.slice(c).reduce((best, row, i) => (Math.abs(row[c]!) > Math.abs(a[best]![c]!) ? c + i : best), c);
    [a[c], a[pivot]] = [a[pivot]!, a[c]!];
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const factor = a[r]![c]! / a[c]![c]!;
      for (let j = c; j <= k; j++) a[r]![j]! -= factor * a[c]![j]!;
    }
  }
  return a.map((row, r) => row[k]! / row[r]!);
}

/**
 * y is exactly Σ c_i basis_i over the points, every c_i at least `least` (one floor, or one per term): nanoseconds of
 * real work are at least one per unit of the term, bytes at least 8 (every array held is of doubles or pointers).
 * Returns the coefficients by term.
 */
export function expectForm<P>(
  points: readonly P[],
  y: (p: P) => number,
  basis: Record<string, (p: P) => number>,
  least: number | Record<string, number>,
): Record<string, number> {
  const fs = Object.values(basis);
  const c = leastSquares(points, y, fs);
  for (const p of points) {
    const predicted = fs.reduce((s, f, i) => s + c[i]! * f(p), 0);
    expect(
      Math.abs(y(p) - predicted),
      `${JSON.stringify(p)}: off the form ${Object.keys(basis).join(' + ')}`,
    ).toBeLessThan(1e-9 * Math.max(1, Math.abs(y(p))));
  }
  const coefficients = Object.fromEntries(Object.keys(basis).map((term, i) => [term, c[i]!]));
  for (const [term, value] of Object.entries(coefficients)) {
    const floor = typeof least === 'number' ? least : least[term]!;
    // A coefficient fitted exactly at its floor comes back within rounding of it.
    expect(value, `coefficient of ${term}`).toBeGreaterThanOrEqual(floor * (1 - 1e-9));
  }
  return coefficients;
}
