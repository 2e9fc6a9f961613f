import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './command.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * node:util parseArgs in strict mode, with its errors (unknown option, missing value) turned into UsageError
 * so the dispatcher prints the command's usage and exits 2. `positionals` is the exact count expected.
 */
export function parseCommandArgs<O extends Options>(args: string[], options: O, positionals: readonly string[]) {
  const parsed = (() => {
    try {
      return parseArgs({ args, options, allowPositionals: true, strict: true });
    } catch (err) {
      // Node's own text for an unknown option goes on about positionals with an unbalanced quote: say it plainly.
      const unknown = err instanceof Error && /^Unknown option '([^']+)'/.exec(err.message);
      if (unknown) throw new UsageError(`unknown option "${unknown[1]}"`);
      throw new UsageError(err instanceof Error ? err.message.split('\n')[0] : String(err));
    }
  })();
  if (parsed.positionals.length < positionals.length) {
    throw new UsageError(
      `missing ${positionals
        .slice(parsed.positionals.length)
        .map((p) => `<${p}>`)
        .join(' ')}`,
    );
  }
  if (parsed.positionals.length > positionals.length) {
    throw new UsageError(`unexpected argument "${parsed.positionals[positionals.length]}"`);
  }
  return parsed;
}
