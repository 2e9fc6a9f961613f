import { readFile } from 'node:fs/promises';
import { evaluate, type Issue, ProblemError, readJson, SINGLE_METHODS } from '../engine/index.ts';
import { parseCommandArgs } from './args.ts';
import { type CliIo, type Command, UsageError } from './command.ts';
import { csvProblem } from './csv.ts';

// The engine's default method comes first in its list.
const methods = SINGLE_METHODS.map((m, k) => (k === 0 ? `${m.name} (default)` : m.name));

const usage = `Usage: corridor evaluate FILE|- [--pretty]
       corridor evaluate data.csv --types benefit,cost,... [--method NAME] [--weights SPEC] [--pretty]

Evaluate a decision problem and print the result as JSON on standard output.

FILE is a Problem in JSON (see the engine contract), or "-" for standard input.
A CSV file (a name ending in .csv, or any input given with --types) is a decision matrix:
the header row holds the criterion ids, the first column the alternatives.

Options:
  --pretty          indent the JSON for people
  --types LIST      CSV only: benefit or cost for each criterion column, comma-separated
  --method NAME     CSV only: ${methods.slice(0, -1).join(', ')} or ${methods.at(-1)}
  --weights SPEC    CSV only: equal (default), entropy, critic, or direct weights such as 0.5,0.3,0.2

Bad input prints {"errors":[{"path","message"},...]} on standard error and exits with status 2.`;

const options = {
  pretty: { type: 'boolean' },
  types: { type: 'string' },
  method: { type: 'string' },
  weights: { type: 'string' },
} as const;

export const evaluateCommand: Command = {
  name: 'evaluate',
  summary: 'evaluate a Problem (JSON or CSV matrix) and print the Result',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, options, ['FILE']);
    const file = positionals[0]!;
    const csv = file.toLowerCase().endsWith('.csv') || values.types !== undefined;
    if (!csv && (values.method !== undefined || values.weights !== undefined)) {
      throw new UsageError('--method and --weights are for CSV input; a JSON problem names its own method and weights');
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
  },
};

async function readAll(stream: CliIo['stdin']): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
