/** Published data sets used by more than one method's tests; the expected numbers stay beside each test. */

/**
 * Triantaphyllou, E. (2000). Multi-Criteria Decision Making Methods: A Comparative Study. Kluwer, §2.2–2.3
 * (reproduced on Wikipedia, "Weighted sum model" and "Weighted product model"): three alternatives, four
 * benefit criteria in the same unit.
 */
export const TRIANTAPHYLLOU = {
  rows: [
    [25, 20, 15, 30],
    [10, 30, 20, 30],
    [30, 10, 30, 10],
  ],
  types: ['benefit', 'benefit', 'benefit', 'benefit'],
  weights: [0.2, 0.15, 0.4, 0.25],
} as const;

/**
 * Opricovic, S. & Tzeng, G.-H. (2004). Compromise solution by MCDM methods: A comparative analysis of VIKOR
 * and TOPSIS. European Journal of Operational Research 156(2), 445–455, §4: risk (cost) and altitude
 * (benefit) of three alternatives, equal weights.
 */
export const OPRICOVIC_TZENG_2004 = {
  rows: [
    [1, 3000],
    [2, 3750],
    [5, 4500],
  ],
  types: ['cost', 'benefit'],
  weights: [0.5, 0.5],
} as const;

/**
 * Tzeng, G.-H. & Huang, J.-J. (2011). Multiple Attribute Decision Making: Methods and Applications. CRC
 * Press: four alternatives, three benefit criteria (durability, capacity, reliability), used for both TOPSIS
 * and VIKOR (and in scikit-criteria's tests/agg/test_topsis.py and test_vikor.py).
 */
export const TZENG_HUANG_2011 = {
  rows: [
    [5, 8, 4],
    [7, 6, 8],
    [8, 8, 6],
    [7, 4, 6],
  ],
  types: ['benefit', 'benefit', 'benefit'],
  weights: [0.3, 0.4, 0.3],
} as const;

/**
 * Opricovic, S. & Tzeng, G.-H. (2007). Extended VIKOR method in comparison with outranking methods. European
 * Journal of Operational Research 178(2), 514–529: six hydropower plans, eight criteria, S, R and Q published
 * to three decimals for four weight sets, with the two conditions and the compromise set (the same figures
 * scikit-criteria's tests/agg/test_vikor.py asserts).
 */
export const OPRICOVIC_TZENG_2007 = {
  rows: [
    [4184.3, 2914.0, 407.2, 251.0, 195, 244, 15, 2.41],
    [5211.9, 3630.0, 501.7, 308.3, 282, 346, 21, 1.41],
    [5021.3, 3920.5, 504.0, 278.6, 12, 56, 3, 4.42],
    [5566.1, 3957.9, 559.5, 335.3, 167, 268, 16, 3.36],
    [5060.5, 3293.5, 514.1, 284.2, 69, 90, 7, 4.04],
    [4317.9, 2925.9, 432.8, 239.3, 12, 55, 3, 4.36],
  ],
  types: ['benefit', 'cost', 'benefit', 'benefit', 'cost', 'cost', 'cost', 'benefit'],
} as const;
