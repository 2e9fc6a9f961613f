import { buildProblem, findAssessment, ProblemBuildError } from '../app/problem.ts';
import { parseCommandArgs } from './args.ts';
import type { Run } from './command.ts';
import { CommandError, withDatabase } from './database.ts';

export const run: Run = async (args, io) => {
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
};
