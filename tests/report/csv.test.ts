import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { neutralize, tableCsv } from '../../src/report/csv.ts';
import type { Table } from '../../src/report/tables.ts';

const table = (rows: Table['rows'], label = 'City'): Table => ({
  id: 'ranking',
  title: 'Ranking',
  columns: [
    { key: 'city', label, format: 'text' },
    { key: 'score', label: 'Score', format: 'decimal' },
  ],
  rows,
});

describe('tableCsv', () => {
  it('neutralizes every text cell a spreadsheet would run as a formula, header included', () => {
    const hostile = [
      '=HYPERLINK("http://evil","x")',
      '+cmd|calc',
      '-2+3',
      '@SUM(A1:A9)',
      '\tTAB',
      '\rCR',
      ' =1+1',
      '  @x',
    ];
    const csv = tableCsv(
      table(
        hostile.map((name) => [name, 0.5]),
        '=label',
      ),
    );
    const rows = parse(csv.slice(1), { relax_quotes: true }) as string[][];
    expect(rows[0]![0]).toBe("'=label");
    expect(rows.slice(1).map((r) => r[0])).toEqual(hostile.map((h) => `'${h}`));
  });

  it('keeps numbers as the engine gave them, negative ones too, and plain text as it is', () => {
    const csv = tableCsv(
      table([
        ['Wuwei', -0.123456789012],
        ['武威, "quoted"', 0.1 + 0.2],
        ['none', null],
      ]),
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('\r\n');
    const rows = parse(csv.slice(1)) as string[][];
    expect(rows).toEqual([
      ['City', 'Score'],
      ['Wuwei', '-0.123456789012'],
      ['武威, "quoted"', String(0.1 + 0.2)],
      ['none', ''],
    ]);
  });

  it('leaves text that starts any other way alone', () => {
    for (const text of ['Jiuquan', 'x =1', '0=1', '中文', '', ' Jiuquan']) expect(neutralize(text)).toBe(text);
  });
});
