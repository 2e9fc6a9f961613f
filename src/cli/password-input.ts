/**
 * New passwords for the `corridor user` commands. They never come from argv (it shows in `ps` and the shell
 * history): a terminal gets a prompt without echo, asked twice; a pipe gives its first line.
 */
import type { CliIo } from './command.ts';
import { CommandError } from './database.ts';

type TtyInput = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };

const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const BACKSPACE = new Set(['\u007f', '\b']);

function promptHidden(io: CliIo, question: string): Promise<string> {
  const input = io.stdin as TtyInput;
  io.stderr.write(question);
  input.setRawMode?.(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      input.off('data', onData);
      input.setRawMode?.(false);
      input.pause();
      io.stderr.write('\n');
    };
    function onData(chunk: string | Buffer) {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n') {
          finish();
          return resolve(value);
        }
        if (ch === CTRL_C || (ch === CTRL_D && value === '')) {
          finish();
          return reject(new CommandError('cancelled'));
        }
        if (BACKSPACE.has(ch)) value = Array.from(value).slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    }
    input.on('data', onData);
  });
}

async function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  stream.setEncoding('utf8');
  let buffered = '';
  for await (const chunk of stream) {
    buffered += String(chunk);
    const end = buffered.indexOf('\n');
    if (end >= 0) return buffered.slice(0, end).replace(/\r$/, '');
  }
  return buffered;
}

/** The new password, checked by `problem` (a message naming what is wrong, or undefined when fine). */
export async function readNewPassword(io: CliIo, problem: (password: string) => string | undefined): Promise<string> {
  const acceptable = (password: string): string => {
    const issue = problem(password);
    if (issue) throw new CommandError(`the password ${issue}`);
    return password;
  };
  if (!(io.stdin as TtyInput).isTTY) {
    const password = await firstLine(io.stdin);
    if (password === '') throw new CommandError('no password on standard input (the first line is read)');
    return acceptable(password);
  }
  // Checked before the second prompt, so a too-short password is not typed twice for nothing.
  const password = acceptable(await promptHidden(io, 'New password: '));
  if ((await promptHidden(io, 'Repeat the new password: ')) !== password)
    throw new CommandError('the two passwords differ');
  return password;
}
