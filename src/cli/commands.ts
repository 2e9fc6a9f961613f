import { SINGLE_METHODS } from '../engine/index.ts';
import type { Command } from './command.ts';

// The engine's default method comes first in its list.
const methods = SINGLE_METHODS.map((m, k) => (k === 0 ? `${m.name} (default)` : m.name));

const serveUsage = `Usage: corridor serve [--port N] [--host ADDRESS]

Start the web app (what \`npm start\` runs). It migrates the database named by DATABASE_URL,
seeds an empty one (first administrator and, unless CORRIDOR_DEMO=off, the Hexi Corridor demo;
generated passwords are printed once), then listens on PORT/HOST (default 127.0.0.1:3000).
--port and --host override PORT and HOST. Stop it with Ctrl-C (SIGINT) or SIGTERM.`;

const migrateUsage = `Usage: corridor migrate

Bring the schema of the database named by DATABASE_URL up to date with the migrations in drizzle/.
Safe to run any number of times; \`corridor serve\` does the same at start-up.`;

const seedUsage = `Usage: corridor seed

On a database without users (DATABASE_URL), create the first administrator "admin" and, unless
CORRIDOR_DEMO=off, the Hexi Corridor demo assessment with five evaluator accounts. The administrator's
password is CORRIDOR_ADMIN_PASSWORD, or generated; generated passwords are printed once, here.
A database that already has users is left as it is. \`corridor serve\` does the same at start-up.`;

// The rule is USERNAME_RULE of src/db/queries/users.ts, spelled out so `--help` does not load drizzle (a test pins it).
const userUsage = `Usage:
  corridor user add <username> [--admin] [--name "Display name"]
  corridor user list
  corridor user disable <username>
  corridor user passwd <username>

Manage accounts in the database named by DATABASE_URL. Usernames are case-insensitive
(1–64 letters, digits, ".", "_" or "-", starting with a letter or digit).
The password of \`add\` and \`passwd\` is asked twice without echo on a terminal, or read from
the first line of standard input otherwise (e.g. \`printf '%s\\n' "$PW" | corridor user add ann\`);
it is never taken from the command line. Disabling a user or changing a password ends that
user's sessions. Every change is written to the audit log.`;

const tokenUsage = `Usage: corridor token create <username> --name NAME

Create a personal API token for a user of the database named by DATABASE_URL. Scripts send it as
"Authorization: Bearer <token>" to /api/*, with that user's rights. The token is printed once, alone
on the last line of the output (\`corridor token create ann --name nightly | tail -n 1\`); only its hash
is stored. Its owner sees and revokes it on their account page. The creation is audited.`;

const importUsage = `Usage: corridor import ASSESSMENT FILE [--dry-run]

Import statistics (indicator values per city and year, with their source) into a stored assessment, given
by id or code, from a CSV file (UTF-8; comma, semicolon or tab separated) or an Excel workbook (.xlsx, first
sheet). The header names the columns city, indicator, year, value and source. Every row is checked first;
rows with problems are listed on standard error and nothing is written (exit status 1). Otherwise every row
is written in one transaction, a stored value for the same city, indicator and year replaced, and the import
is audited. --dry-run checks and writes nothing.`;

const evaluateUsage = `Usage: corridor evaluate FILE|- [--pretty]
       corridor evaluate data.csv --types benefit,cost,... [--method NAME [--methods LIST]] [--weights SPEC] [--pretty]

Evaluate a decision problem and print the result as JSON on standard output.

FILE is a Problem in JSON (see the engine contract), or "-" for standard input.
A CSV file (a name ending in .csv, or any input given with --types) is a decision matrix:
the header row holds the criterion ids, the first column the alternatives.

Options:
  --pretty          indent the JSON for people
  --types LIST      CSV only: benefit or cost for each criterion column, comma-separated
  --method NAME     CSV only: ${methods.join(', ')}, or compare with --methods
  --methods LIST    CSV only, with --method compare: the methods to compare, e.g. topsis,vikor,wsm
  --weights SPEC    CSV only: equal (default), entropy, critic, or direct weights such as 0.5,0.3,0.2

Bad input prints {"errors":[{"path","message"},...]} on standard error and exits with status 2.`;

const problemUsage = `Usage: corridor problem ASSESSMENT [--pretty]

Print the Problem (engine JSON) that the app evaluates for a stored assessment, given by id or code:
statistics (latest year per city), the panel's scores of the latest closed round (or of the open round
while none has closed), the newest weight set and the method settings. Pipe it into the engine:

  corridor problem hexi-corridor-2017 | corridor evaluate -

Options:
  --pretty   indent the JSON for people`;

const publishUsage = `Usage: corridor publish ASSESSMENT [--as USERNAME]

Publish the current results of a stored assessment (by id or code) as an immutable snapshot: its Problem,
the Result, the method comparison, the names, the recommendation rules, the weight-set version, the method
settings, the engine version and the SHA-256 of the Problem's text. The same as "Publish" on the results page.
It runs as USERNAME, an active administrator (default: the first one), and is audited. Prints the snapshot's
id alone on the last line. Re-run a snapshot's Problem with \`corridor evaluate\` to reproduce its Result.`;

const reportUsage = `Usage: corridor report ASSESSMENT [--snapshot ID] [--city CODE] --lang en|zh --out FILE.pdf

Write a published snapshot's assessment report (or, with --city, that city's two-page brief) as a PDF in
English or Chinese: the same document the web app serves. The snapshot is the newest one unless --snapshot
names another. Progress goes to standard error.`;

const backupUsage = `Usage: corridor backup FILE [--force]

Write a consistent copy of the database named by DATABASE_URL (a local file) to FILE, while the server runs
and takes writes (SQLite's VACUUM INTO: one read transaction). The copy is checked with PRAGMA
integrity_check before it gets its name, so a failed backup leaves no file. An existing FILE is refused
unless --force. Prints the file, its size and its schema version. Messages follow LANG (zh_* for Chinese).`;

const auditUsage = `Usage: corridor audit verify [--head HASH]

Check the audit log of the database named by DATABASE_URL against its hash chain: every entry stores the
SHA3-256 of its content and of the entry before it. Prints the number of entries and the chain head (the
last hash) and exits 0 when intact; exits 1 naming the first entry that was altered, removed, or added past
the chain. --head HASH also checks that a head recorded earlier (\`corridor backup\` prints one) is still in
the chain, so a truncated or rebuilt log is reported too. Messages follow LANG (zh_* for Chinese).`;

const restoreUsage = `Usage: corridor restore FILE

Put the backup FILE in place of the database named by DATABASE_URL (a local file). FILE is checked first:
PRAGMA integrity_check, that it is a Corridor database, and its schema version: a newer schema than this
build knows is refused, an older one gets the pending migrations. Refused while any \`corridor serve\`
uses the database (each holds a lock on DATABASE.lock; a killed server's lock goes with it). The replaced
database is kept beside it as DATABASE.before-restore-<time>.`;

/**
 * Every sub-command, in the order `corridor --help` lists them: names, summaries and usage here, each implementation
 * in its own module under src/cli/, imported only when that command runs.
 */
export const commands: readonly Command[] = [
  {
    name: 'serve',
    summary: 'start the web app (migrates and seeds first)',
    usage: serveUsage,
    load: async () => (await import('./serve.ts')).run,
  },
  {
    name: 'migrate',
    summary: 'apply pending database migrations',
    usage: migrateUsage,
    load: async () => (await import('./migrate.ts')).run,
  },
  {
    name: 'seed',
    summary: 'create the first administrator and the demo on an empty database',
    usage: seedUsage,
    load: async () => (await import('./seed.ts')).run,
  },
  {
    name: 'user',
    summary: 'add, list, disable users or change a password',
    usage: userUsage,
    load: async () => (await import('./user.ts')).run,
  },
  {
    name: 'token',
    summary: 'create a personal API token for a user',
    usage: tokenUsage,
    load: async () => (await import('./token.ts')).run,
  },
  {
    name: 'import',
    summary: 'import statistics from CSV or .xlsx into an assessment',
    usage: importUsage,
    load: async () => (await import('./import.ts')).run,
  },
  {
    name: 'evaluate',
    summary: 'evaluate a Problem (JSON or CSV matrix) and print the Result',
    usage: evaluateUsage,
    load: async () => (await import('./evaluate.ts')).run,
  },
  {
    name: 'problem',
    summary: 'print the Problem JSON of a stored assessment',
    usage: problemUsage,
    load: async () => (await import('./problem.ts')).run,
  },
  {
    name: 'publish',
    summary: 'publish the current results of an assessment as a snapshot',
    usage: publishUsage,
    load: async () => (await import('./publish.ts')).run,
  },
  {
    name: 'report',
    summary: 'write the PDF report or a city brief of a published snapshot',
    usage: reportUsage,
    load: async () => (await import('./report.ts')).run,
  },
  {
    name: 'backup',
    summary: 'write a consistent copy of the database, also while the server runs',
    usage: backupUsage,
    load: async () => (await import('./backup.ts')).run,
  },
  {
    name: 'audit',
    summary: 'verify the audit log against its hash chain',
    usage: auditUsage,
    load: async () => (await import('./audit.ts')).run,
  },
  {
    name: 'restore',
    summary: 'check a backup and put it in place of the database (no server running)',
    usage: restoreUsage,
    load: async () => (await import('./restore.ts')).run,
  },
];
