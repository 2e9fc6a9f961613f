import { describe, expect, it } from 'vitest';
import { csvCell } from '../../src/app/audit.ts';

describe('csvCell', () => {
  it.each([
    ['=SUM(A1)', `"'=SUM(A1)"`],
    ['+1', `"'+1"`],
    ['-1+1', `"'-1+1"`],
    ['@cmd', `"'@cmd"`],
    ['\tx', `"'\tx"`],
    ['\rx', `"'\rx"`],
    [' =1+1', `"' =1+1"`],
    ['  @x', `"'  @x"`],
  ])('defuses %j, which a spreadsheet would run as a formula', (text, cell) => {
    expect(csvCell(text)).toBe(cell);
  });

  it('quotes every cell and doubles quotes; numbers, null and objects are written plainly', () => {
    expect(csvCell('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvCell('城市')).toBe('"城市"');
    expect(csvCell(3)).toBe('"3"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell({ value: 7 })).toBe('"{""value"":7}"');
  });
});
