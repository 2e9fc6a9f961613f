import { PassThrough } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/auth/password.ts';
import { runCommand } from '../../src/cli/command.ts';
import { commands } from '../../src/cli/commands.ts';
import { closeDatabase, type Db, openDatabase } from '../../src/db/client.ts';
import { USERNAME_RULE } from '../../src/db/queries/users.ts';
import * as t from '../../src/db/schema.ts';
import { rowCounts, tempDir } from '../db/fixtures.ts';
import { corridor, FakeTerminal } from './io.ts';

let temp: ReturnType<typeof tempDir>;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  temp = tempDir();
  env = { DATABASE_URL: temp.url() };
});
afterEach(() => temp.cleanup());

/** A look at the database the commands wrote, through a connection of its own. */
async function inspect<T>(look: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDatabase({ url: env.DATABASE_URL! });
  try {
    return await look(db);
  } finally {
    closeDatabase(db);
  }
}
const userNamed = (username: string) =>
  inspect((db) => db.query.users.findFirst({ where: eq(t.users.username, username) }));

describe('corridor user add', () => {
  it('creates a user with the password from the first line of standard input, and audits it', async () => {
    const run = await corridor(
      ['user', 'add', 'Ann', '--name', 'Ann Evaluator'],
      env,
      'first-line-password\nsecond line\n',
    );
    expect(run).toEqual({ code: 0, stdout: 'Created user "ann" (Ann Evaluator).\n', stderr: '' });
    const ann = await userNamed('ann');
    expect(ann).toMatchObject({ displayName: 'Ann Evaluator', isAdmin: false, disabledAt: null });
    expect(await verifyPassword('first-line-password', ann!.passwordHash)).toBe(true);
    const audit = await inspect((db) => db.query.auditLog.findMany());
    expect(audit).toMatchObject([
      {
        action: 'user.create',
        entity: 'user',
        entityId: 'ann',
        userId: null,
        after: { username: 'ann', isAdmin: false },
      },
    ]);
  });

  it('creates an administrator with --admin, named after the username by default', async () => {
    const run = await corridor(['user', 'add', 'root2', '--admin'], env, 'an-admin-password\r\n');
    expect(run.code).toBe(0);
    expect(await userNamed('root2')).toMatchObject({ displayName: 'root2', isAdmin: true });
    expect(await verifyPassword('an-admin-password', (await userNamed('root2'))!.passwordHash)).toBe(true);
  });

  it('asks twice without echo on a terminal', async () => {
    const terminal = new FakeTerminal(['typed-password-1\r', 'typed-password-1\r']);
    const run = await corridor(['user', 'add', 'bob'], env, terminal);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('New password: \nRepeat the new password: \n');
    expect(run.stdout + run.stderr).not.toContain('typed-password-1');
    expect(terminal.rawModes).toEqual([true, false, true, false]);
    expect(await verifyPassword('typed-password-1', (await userNamed('bob'))!.passwordHash)).toBe(true);
  });

  it('refuses two different answers on a terminal and writes nothing', async () => {
    const run = await corridor(
      ['user', 'add', 'bob'],
      env,
      new FakeTerminal(['typed-password-1\r', 'typed-password-2\r']),
    );
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toContain('corridor user add: the two passwords differ');
    expect(await userNamed('bob')).toBeUndefined();
  });

  it.each([
    ['too short', 'short\n', /the password must be at least 10 characters long/],
    ['missing', '', /no password on standard input/],
  ])('refuses a password that is %s, writing nothing', async (_what, stdin, message) => {
    const run = await corridor(['user', 'add', 'carol'], env, stdin);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect((await inspect(rowCounts)).users).toBe(0);
    expect((await inspect(rowCounts)).audit_log).toBe(0);
  });

  it('refuses a username that is taken, in any case', async () => {
    await corridor(['user', 'add', 'dora'], env, 'dora-password-1\n');
    const run = await corridor(['user', 'add', 'DORA'], env, 'dora-password-2\n');
    expect(run).toMatchObject({ code: 1, stderr: 'corridor user add: user "dora" already exists\n' });
    expect(await verifyPassword('dora-password-1', (await userNamed('dora'))!.passwordHash)).toBe(true);
  });
});

describe('corridor user list, disable and passwd', () => {
  beforeEach(async () => {
    expect(
      (await corridor(['user', 'add', 'admin', '--admin', '--name', 'Administrator'], env, 'admin-password-1\n')).code,
    ).toBe(0);
    expect((await corridor(['user', 'add', 'eve', '--name', 'Eve Expert'], env, 'eve-password-1\n')).code).toBe(0);
  });

  it('lists users with their role and status', async () => {
    const run = await corridor(['user', 'list'], env);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^USERNAME\s+NAME\s+ROLE\s+STATUS\s+CREATED$/);
    expect(lines[1]).toMatch(/^admin\s+Administrator\s+admin\s+active\s+\d{4}-\d\d-\d\d$/);
    expect(lines[2]).toMatch(/^eve\s+Eve Expert\s+no panel\s+active\s+\d{4}-\d\d-\d\d$/);
  });

  it('names each panel seat as a role, evaluators included', async () => {
    await inspect(async (db) => {
      const [admin] = await db.select().from(t.users).where(eq(t.users.username, 'admin'));
      const eve = (await db.select().from(t.users).where(eq(t.users.username, 'eve')))[0]!;
      const [a] = await db
        .insert(t.assessments)
        .values({
          code: 'hexi',
          nameEn: 'Hexi',
          nameZh: '河西',
          regionEn: 'Gansu',
          regionZh: '甘肃',
          period: '2017',
          methodSettings: {},
          createdBy: admin!.id,
          createdAt: new Date(),
        })
        .returning();
      await db.insert(t.panelMembers).values([
        { assessmentId: a!.id, userId: eve.id, role: 'evaluator' },
        { assessmentId: a!.id, userId: admin!.id, role: 'chair' },
      ]);
    });
    const lines = (await corridor(['user', 'list'], env)).stdout.trimEnd().split('\n');
    expect(lines[1]).toMatch(/^admin\s+Administrator\s+admin, chair \(hexi\)\s+active/);
    expect(lines[2]).toMatch(/^eve\s+Eve Expert\s+evaluator \(hexi\)\s+active/);
  });

  it('disables a user, ends their sessions and audits the change', async () => {
    const eve = (await userNamed('eve'))!;
    await inspect((db) =>
      db.insert(t.sessions).values({
        id: 'a'.repeat(64) as never,
        userId: eve.id,
        createdAt: new Date(),
        lastSeenAt: new Date(),
        expiresAt: new Date(Date.now() + 3600_000),
      }),
    );
    const run = await corridor(['user', 'disable', 'EVE'], env);
    expect(run).toEqual({ code: 0, stdout: 'Disabled "eve" and ended their sessions.\n', stderr: '' });
    expect((await userNamed('eve'))!.disabledAt).toBeInstanceOf(Date);
    expect((await inspect(rowCounts)).sessions).toBe(0);
    expect((await corridor(['user', 'list'], env)).stdout).toMatch(
      /^eve\s+Eve Expert\s+no panel\s+disabled \d{4}-\d\d-\d\d/m,
    );
    const audit = await inspect((db) => db.query.auditLog.findFirst({ where: eq(t.auditLog.action, 'user.disable') }));
    expect(audit).toMatchObject({ entityId: 'eve', before: { disabledAt: null }, after: { username: 'eve' } });
    expect((audit!.after as { disabledAt: string }).disabledAt).toMatch(/^\d{4}-/);
    expect(await corridor(['user', 'disable', 'eve'], env)).toMatchObject({
      code: 0,
      stdout: 'User "eve" was already disabled.\n',
    });
  });

  it('will not disable the last active administrator', async () => {
    const run = await corridor(['user', 'disable', 'admin'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/last active administrator/);
    expect((await userNamed('admin'))!.disabledAt).toBeNull();
  });

  it('changes a password from standard input, ends sessions and audits without the hash', async () => {
    const run = await corridor(['user', 'passwd', 'eve'], env, 'eve-new-password\n');
    expect(run).toEqual({ code: 0, stdout: 'Changed the password of "eve" and ended their sessions.\n', stderr: '' });
    const eve = (await userNamed('eve'))!;
    expect(await verifyPassword('eve-new-password', eve.passwordHash)).toBe(true);
    expect(await verifyPassword('eve-password-1', eve.passwordHash)).toBe(false);
    const audit = await inspect((db) => db.query.auditLog.findFirst({ where: eq(t.auditLog.action, 'user.password') }));
    expect(audit).toMatchObject({ entityId: 'eve', before: null, after: null });
  });

  it('reports an unknown user with exit status 1', async () => {
    for (const action of ['disable', 'passwd']) {
      const run = await corridor(['user', action, 'nobody'], env, 'some-password-1\n');
      expect(run).toMatchObject({ code: 1, stdout: '' });
      expect(run.stderr).toContain('there is no user "nobody"');
    }
  });
});

describe('wrong arguments', () => {
  it.each([
    [['user'], /missing action/],
    [['user', 'frobnicate'], /unknown action "frobnicate"/],
    [['user', 'add'], /missing <username>/],
    [['user', 'add', 'a', 'b'], /unexpected argument "b"/],
    [['user', 'add', 'ann', '--password', 'secret123456'], /unknown option "--password"\n/],
    [['user', 'add', 'ann', '--name'], /--name/],
    [['user', 'add', 'Bad Name!'], /"Bad Name!" is not a valid username/],
    [['user', 'list', 'extra'], /unexpected argument "extra"/],
    [['migrate', '--force'], /unknown option "--force"\n/],
    [['seed', 'now'], /unexpected argument "now"/],
    [['serve', '--port', 'eighty'], /--port must be a whole number from 0 to 65535/],
  ])('corridor %j prints usage on stderr and exits 2', async (argv, message) => {
    const run = await corridor(argv, env, 'never-read-password\n');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/Usage:/);
  });

  it.each(commands.map((c) => [c.name]))('corridor %s --help prints usage on stdout and exits 0', async (name) => {
    const run = await corridor([name, '--help'], env);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(new RegExp(`^Usage:[\\s\\S]*corridor ${name}`));
  });

  it('lists every command in the general help', async () => {
    const run = await corridor(['--help'], env);
    for (const { name } of commands) expect(run.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
  });

  it('spells out the username rule in `corridor user --help` as the queries define it', () => {
    expect(commands.find((c) => c.name === 'user')!.usage).toContain(`(${USERNAME_RULE})`);
  });

  it('prints a command’s usage without importing its implementation', async () => {
    const unloadable = { ...commands[0]!, load: () => Promise.reject(new Error('imported the implementation')) };
    const stdout = new PassThrough();
    const io = { stdin: new PassThrough(), stdout, stderr: new PassThrough(), env };
    expect(await runCommand(unloadable, ['--help'], io)).toBe(0);
    expect(String(stdout.read())).toBe(`${unloadable.usage}\n`);
  });
});
