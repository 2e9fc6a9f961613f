import { buildProblem, findAssessment, ProblemBuildError } from '../app/problem.ts';
import { parseCommandArgs } from './args.ts';
import type { Command } from './command.ts';
import { CommandError, withDatabase } from './database.ts';

const usage = `Usage: corridor problem ASSESSMENT [--pretty]

Print the Problem (engine JSON) that the app evaluates for a stored assessment, given by id or code:
statistics (latest year per city), the panel's scores of the latest closed round (or of the open round
while none has closed), the newest weight set and the method settings. Pipe it into the engine:

  corridor problem hexi-corridor-2017 | corridor evaluate -

Options:
  --pretty   indent the JSON for people`;

export const problemCommand: Command = {
  name: 'problem',
  summary: 'print the Problem JSON of a stored assessment',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { pretty: { type: 'boolean' } }, ['ASSESSMENT']);
    const key = positionals[0]!;
    return withDatabase(io, 'problem', async (db) => {
      const assessment = await findAssessment(db, key);
      if (!assessment) throw new CommandError(`no assessment with id or code "${key}"`);
      try {
        const problem = await buildProblem(db, assessment.id);
        io.stdout.write(`${JSON.stringify(problem, null, values.pretty ? 2 : undefined)}\n`);
        return 0;
      } catch (err) {
        if (err instanceof ProblemBuildError) throw new CommandError(err.message);
        throw err;
      }
    });
  },
};
