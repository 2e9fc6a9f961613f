import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, readJson } from '../../src/engine/index.ts';
import { tempDir } from '../db/fixtures.ts';
import { errorCases, tzengHuang } from '../engine/evaluate-cases.ts';
import { corridor } from './io.ts';

let temp: ReturnType<typeof tempDir>;
beforeAll(() => {
  temp = tempDir('corridor-evaluate-');
});
afterAll(() => temp.cleanup());

const file = (name: string, text: string): string => {
  const path = join(temp.dir, name);
  writeFileSync(path, text);
  return path;
};

const tzengHuangCsv = 'city,durability,capacity,reliability\nA1,5,8,4\nA2,7,6,8\nA3,8,8,6\nA4,7,4,6\n';

describe('corridor evaluate FILE|-', () => {
  it('prints exactly what evaluate() returns, from a file and from standard input', async () => {
    const text = JSON.stringify(tzengHuang);
    const expected = `${JSON.stringify(evaluate(tzengHuang))}\n`;
    const fromFile = await corridor(['evaluate', file('problem.json', text)], {});
    expect(fromFile).toEqual({ code: 0, stdout: expected, stderr: '' });
    const fromStdin = await corridor(['evaluate', '-'], {}, text);
    expect(fromStdin).toEqual({ code: 0, stdout: expected, stderr: '' });
    const scores = JSON.parse(fromStdin.stdout).scores as number[];
    expect(scores.map((s) => Number(s.toFixed(4)))).toEqual([0.5037, 0.6581, 0.7482, 0.334]);
  });

  it('indents with --pretty', async () => {
    const run = await corridor(['evaluate', '-', '--pretty'], {}, JSON.stringify(tzengHuang));
    expect(run.stdout).toBe(`${JSON.stringify(evaluate(tzengHuang), null, 2)}\n`);
  });

  it.each(errorCases)('$name: the engine’s error list on stderr, exit 2', async ({ text, errors }) => {
    const run = await corridor(['evaluate', '-'], {}, text);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(JSON.parse(run.stderr)).toEqual({ errors });
  });

  it('says where malformed JSON breaks, exit 2', async () => {
    const run = await corridor(['evaluate', '-'], {}, '{"alternatives": ["a"],\n "criteria": }');
    expect(run.code).toBe(2);
    const { errors } = JSON.parse(run.stderr);
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toBe('');
    // V8 names the token and quotes the text around it (with "at position N" in some cases, turned into a line and
    // column).
    expect(errors[0].message).toMatch(/^malformed JSON: Unexpected token '}'/);
  });

  it('names a file it cannot read', async () => {
    const missing = join(temp.dir, 'nope.json');
    const run = await corridor(['evaluate', missing], {});
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stderr)).toEqual({
      errors: [{ path: missing, message: 'cannot read the file: no such file' }],
    });
  });

  it('refuses CSV options for a JSON problem, and a CSV matrix without --types', async () => {
    const json = await corridor(['evaluate', '-', '--method', 'topsis'], {}, '{}');
    expect(json.code).toBe(2);
    expect(json.stderr).toMatch(/^corridor evaluate: --method and --weights are for CSV input/);
    const csv = await corridor(['evaluate', file('m.csv', tzengHuangCsv)], {});
    expect(csv.code).toBe(2);
    expect(csv.stderr).toMatch(/^corridor evaluate: a CSV matrix needs --types/);
  });
});

describe('corridor evaluate data.csv', () => {
  const types = ['--types', 'benefit,benefit,benefit'];

  it('reads the header as criterion ids and the first column as alternatives (Tzeng & Huang 2011)', async () => {
    const run = await corridor(
      ['evaluate', file('th.csv', tzengHuangCsv), ...types, '--method', 'topsis', '--weights', '0.3,0.4,0.3'],
      {},
    );
    expect(run).toEqual({ code: 0, stdout: `${JSON.stringify(evaluate(tzengHuang))}\n`, stderr: '' });
  });

  it('takes a weighting method by name and CSV from standard input with --types', async () => {
    const run = await corridor(['evaluate', '-', ...types, '--weights', 'entropy'], {}, tzengHuangCsv);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(
      evaluate({ ...tzengHuang, weights: { method: 'entropy' }, method: { name: 'wsm' } }),
    );
  });

  it('reports cells that are not numbers by row and column, all at once', async () => {
    const csv = 'city,durability,capacity,reliability\nA1,5,8,4\n\nA2,7,,8\nA3,8,eight,6\n';
    const run = await corridor(['evaluate', file('bad.csv', csv), ...types], {});
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stderr)).toEqual({
      errors: [
        {
          path: `${join(temp.dir, 'bad.csv')} row 4, column 3`,
          message: 'expected a finite number for "capacity", got an empty cell',
        },
        {
          path: `${join(temp.dir, 'bad.csv')} row 5, column 3`,
          message: 'expected a finite number for "capacity", got "eight"',
        },
      ],
    });
  });

  it('reports a short row and a cell that is not a number together, each where it is', async () => {
    const csv = 'city,durability,capacity,reliability\nA1,5,8\nA2,7,x,8\n';
    const run = await corridor(['evaluate', '-', ...types], {}, csv);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stderr).errors).toEqual([
      { path: 'stdin row 3, column 3', message: 'expected a finite number for "capacity", got "x"' },
      { path: 'stdin row 2', message: 'expected 3 values (one per criterion), got 2' },
    ]);
  });

  it('compares methods with --method compare --methods, and says when one goes without the other', async () => {
    const run = await corridor(
      ['evaluate', '-', ...types, '--method', 'compare', '--methods', 'topsis, vikor'],
      {},
      tzengHuangCsv,
    );
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.method).toBe('compare');
    expect(result.details.results.map((r: { name: string }) => r.name)).toEqual(['topsis', 'vikor']);
    const bare = await corridor(['evaluate', '-', ...types, '--method', 'compare'], {}, tzengHuangCsv);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/--method compare takes the methods to compare as --methods/);
    const stray = await corridor(['evaluate', '-', ...types, '--methods', 'topsis'], {}, tzengHuangCsv);
    expect(stray.code).toBe(2);
    const unknown = await corridor(
      ['evaluate', '-', ...types, '--method', 'compare', '--methods', 'topsis,electre'],
      {},
      tzengHuangCsv,
    );
    expect(JSON.parse(unknown.stderr).errors[0]).toMatchObject({ path: '--methods' });
    const help = await corridor(['evaluate', '--help'], {});
    expect(help.stdout).toMatch(/--methods LIST/);
  });

  it('points the engine’s errors at the file and the options', async () => {
    const csv = 'city,a,b\nX,1,2\nX,3\n';
    const run = await corridor(['evaluate', '-', '--types', 'benefit,gain', '--method', 'electre'], {}, csv);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stderr)).toEqual({
      errors: [
        { path: '--types item 2', message: 'expected one of "benefit", "cost", got "gain"' },
        {
          path: '--method',
          message: 'unknown method "electre"; expected one of wsm, wpm, topsis, vikor, promethee2, compare',
        },
      ],
    });
    const shape = await corridor(['evaluate', '-', '--types', 'benefit,cost'], {}, csv);
    expect(JSON.parse(shape.stderr)).toEqual({
      errors: [
        { path: 'stdin row 3, column 1', message: 'duplicate alternative "X" (also alternatives[0])' },
        { path: 'stdin row 3', message: 'expected 2 values (one per criterion), got 1' },
      ],
    });
  });

  it('counts --types against the header', async () => {
    const run = await corridor(['evaluate', '-', '--types', 'benefit'], {}, tzengHuangCsv);
    expect(JSON.parse(run.stderr)).toEqual({
      errors: [
        {
          path: '--types',
          message: 'expected 3 types (one per criterion column: durability, capacity, reliability), got 1',
        },
      ],
    });
  });

  it('says where the CSV itself is broken', async () => {
    const run = await corridor(['evaluate', '-', '--types', 'benefit'], {}, 'city,a\n"X,1\n');
    expect(run.code).toBe(2);
    const { errors } = JSON.parse(run.stderr);
    expect(errors).toEqual([
      { path: 'stdin line 2', message: expect.stringMatching(/^not valid CSV: Quote Not Closed/) },
    ]);
  });
});

describe('corridor problem | corridor evaluate -', () => {
  it('evaluates the demo assessment from the database', async () => {
    const env = { DATABASE_URL: temp.url('demo.db'), CORRIDOR_ADMIN_PASSWORD: 'demo-admin-password-1' };
    expect((await corridor(['seed'], env)).code).toBe(0);
    const problem = await corridor(['problem', 'hexi-corridor-2017'], env);
    expect(problem.code).toBe(0);
    expect(problem.stderr).toBe('');
    const run = await corridor(['evaluate', '-'], env, problem.stdout);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.alternatives).toEqual(['wuwei', 'jinchang', 'zhangye', 'jiayuguan', 'jiuquan']);
    expect([...result.ranks].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(result).toEqual(evaluate(readJson(problem.stdout)));
  });

  it('names an assessment that does not exist', async () => {
    const env = { DATABASE_URL: temp.url('demo.db') };
    expect(await corridor(['problem', 'atlantis'], env)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'corridor problem: no assessment with id or code "atlantis"\n',
    });
  });
});

describe('bin/corridor.js evaluate, as a separate process', () => {
  const evaluateProcess = (input: string, env: NodeJS.ProcessEnv = {}, nodeOptions: string[] = []) =>
    spawnSync(process.execPath, [...nodeOptions, 'bin/corridor.js', 'evaluate', '-'], {
      input,
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });

  it('exits 0 with the result on stdout, and 2 with the errors on stderr', () => {
    const good = evaluateProcess(JSON.stringify(tzengHuang));
    expect(good.status).toBe(0);
    expect(good.stdout).toBe(`${JSON.stringify(evaluate(tzengHuang))}\n`);
    const [bad] = errorCases;
    const failed = evaluateProcess(bad!.text);
    expect(failed.status).toBe(2);
    expect(failed.stdout).toBe('');
    expect(JSON.parse(failed.stderr)).toEqual({ errors: bad!.errors });
  });

  it('loads neither the web app, nor the database, nor their packages', () => {
    const log = join(temp.dir, 'imports.txt');
    const run = evaluateProcess(JSON.stringify(tzengHuang), { RECORD_IMPORTS: log }, [
      '--import',
      './tests/cli/record-imports.js',
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const loaded = readFileSync(log, 'utf8').trim().split('\n');
    const dist = pathToFileURL(join(process.cwd(), 'dist/')).href;
    const { outputs } = JSON.parse(readFileSync('dist/meta.json', 'utf8')) as {
      outputs: Record<string, { inputs: Record<string, unknown> }>;
    };
    const sources = loaded
      .filter((url) => url.startsWith(dist))
      .flatMap((url) => Object.keys(outputs[`dist/${url.slice(dist.length)}`]?.inputs ?? {}));
    expect(sources).toContain('src/engine/evaluate.ts');
    expect(sources.filter((source) => /^(src\/(db|web|auth|server\.ts)|templates)\b/.test(source))).toEqual([]);
    expect(
      loaded.filter((url) => /\/node_modules\/(hono|@hono|drizzle-orm|@libsql|libsql|pdfmake)\//.test(url)),
    ).toEqual([]);
  });
});
