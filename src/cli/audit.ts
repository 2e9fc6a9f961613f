import { type ChainVerification, verifyAuditChain } from '../db/audit-chain.ts';
import type { Translate } from '../i18n/messages.ts';
import { parseCommandArgs } from './args.ts';
import { type Run, UsageError } from './command.ts';
import { withDatabase } from './database.ts';
import { cliTranslator } from './locale.ts';

/** The first entry that does not fit, in the reader's language. */
function brokenMessage(tr: Translate, outcome: Extract<ChainVerification, { kind: 'broken' }>): string {
  const id = String(outcome.id);
  const at = outcome.at?.toISOString() ?? '';
  const action = outcome.action ?? '';
  const line =
    outcome.problem === 'missing'
      ? tr('audit.missing', { id })
      : outcome.problem === 'changed'
        ? tr('audit.changed', { id, at, action })
        : outcome.problem === 'unchained'
          ? tr('audit.unchained', { id, at, action })
          : outcome.after === undefined
            ? tr('audit.predecessorFirst', { id, at, action })
            : tr('audit.predecessor', { id, at, action, after: String(outcome.after) });
  return `${line} (${tr('audit.checked', { count: String(outcome.checked) })})`;
}

/** `corridor audit verify [--head HASH]`: exit 0 when the chain is intact (and holds HASH), 1 otherwise. */
export const run: Run = async (args, io) => {
  const [action, ...rest] = args;
  if (action !== 'verify')
    throw new UsageError(action === undefined ? 'missing action: verify' : `unknown action "${action}": use verify`);
  const { values } = parseCommandArgs(rest, { head: { type: 'string' } }, []);
  const head = values.head?.trim().toLowerCase();
  if (head !== undefined && !/^[0-9a-f]{64}$/.test(head))
    throw new UsageError(`--head: "${values.head}" is not a chain head (64 hexadecimal digits)`);
  const tr = cliTranslator(io.env);
  return withDatabase(io, 'audit verify', async (db) => {
    const outcome = await verifyAuditChain(db.$client, head);
    if (outcome.kind === 'broken') {
      io.stderr.write(`corridor audit verify: ${brokenMessage(tr, outcome)}\n`);
      return 1;
    }
    io.stdout.write(
      `${outcome.head === null ? tr('audit.intactEmpty') : tr('audit.intact', { count: String(outcome.entries), head: outcome.head })}\n`,
    );
    if (head === undefined) return 0;
    if (!outcome.headFound) {
      io.stderr.write(`corridor audit verify: ${tr('audit.headMissing', { head })}\n`);
      return 1;
    }
    io.stdout.write(`${tr('audit.headFound', { head })}\n`);
    return 0;
  });
};
