import { readFile } from 'node:fs/promises';
import { evaluate, type Issue, ProblemError, readJson } from '../engine/index.ts';
import { parseCommandArgs } from './args.ts';
import { type CliIo, type Run, UsageError } from './command.ts';
import { csvProblem } from './csv.ts';

const options = {
  pretty: { type: 'boolean' },
  types: { type: 'string' },
  method: { type: 'string' },
  methods: { type: 'string' },
  weights: { type: 'string' },
} as const;

export const run: Run = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, options, ['FILE']);
  const file = positionals[0]!;
  const csv = file.toLowerCase().endsWith('.csv') || values.types !== undefined;
  if (!csv && (values.method !== undefined || values.methods !== undefined || values.weights !== undefined)) {
    throw new UsageError('--method and --weights are for CSV input; a JSON problem names its own method and weights');
  }
  if ((values.method === 'compare') !== (values.methods !== undefined)) {
    throw new UsageError('--method compare takes the methods to compare as --methods, e.g. --methods topsis,vikor,wsm');
  }
  if (csv && values.types === undefined)
    throw new UsageError('a CSV matrix needs --types: benefit or cost for each criterion column');
  const indent = values.pretty ? 2 : undefined;
  const errors = (issues: readonly Issue[]): number => {
    io.stderr.write(`${JSON.stringify({ errors: issues }, null, indent)}\n`);
    return 2;
  };

  let text: string;
  try {
    text = file === '-' ? await readAll(io.stdin) : await readFile(file, 'utf8');
  } catch (err) {
    return errors([
      {
        path: file,
        message: `cannot read the file: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
      },
    ]);
  }

  let locate = (issues: readonly Issue[]): readonly Issue[] => issues;
  try {
    let problem: unknown;
    if (csv) {
      const name = file === '-' ? 'stdin' : file;
      ({ problem, locate } = csvProblem(text, name, {
        types: values.types!.split(',').map((t) => t.trim()),
        method: values.method,
        methods: values.methods?.split(',').map((m) => m.trim()),
        weights: values.weights,
      }));
    } else {
      problem = readJson(text);
    }
    io.stdout.write(`${JSON.stringify(evaluate(problem), null, indent)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof ProblemError) return errors(locate(err.issues));
    throw err;
  }
};

async function readAll(stream: CliIo['stdin']): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
