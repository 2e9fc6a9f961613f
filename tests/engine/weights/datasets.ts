/**
 * Published data sets used by more than one test.
 *
 * Diakoulaki, D., Mavrotas, G. & Papayannakis, L. (1995). Determining objective weights in multiple
 * criteria problems: the CRITIC method. Computers & Operations Research 22(7), 763–770 (three benefit
 * criteria, eight alternatives), as transcribed in scikit-criteria's tests.
 */
export const diakoulaki = [
  [61, 1.08, 4.33],
  [20.7, 0.26, 4.34],
  [16.3, 1.98, 2.53],
  [9.0, 3.29, 1.65],
  [5.4, 2.77, 2.33],
  [4.0, 4.12, 1.21],
  [-6.1, 3.52, 2.1],
  [-34.6, 3.31, 0.98],
];
