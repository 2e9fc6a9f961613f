import { randomBytes, randomInt, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * scrypt cost: one of the equivalent minimum settings of OWASP's Password Storage Cheat Sheet
 * (N=2^17,r=8,p=1 … N=2^14,r=8,p=5). The small-memory one is chosen: it needs 16 MiB per concurrent
 * login instead of 128 MiB. The parameters are stored in each hash, so they can be raised later.
 */
const N = 2 ** 14;
const R = 8;
const P = 5;
const KEY_LENGTH = 32;
const SALT_BYTES = 16;

function derive(password: string, salt: Buffer, n: number, r: number, p: number, keyLength: number): Promise<Buffer> {
  // Node refuses 128·N·r above maxmem (32 MiB by default); allow stored hashes with larger parameters.
  const options: ScryptOptions = { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 };
  return new Promise((resolvePromise, reject) =>
    scrypt(password.normalize('NFKC'), salt, keyLength, options, (err, key) =>
      err ? reject(err) : resolvePromise(key),
    ),
  );
}

/** `scrypt$N$r$p$saltB64$hashB64` */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, N, R, P, KEY_LENGTH);
  return ['scrypt', N, R, P, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** False for a wrong password and for anything that is not a hash we wrote (never throws on bad input). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  const valid = (x: number | undefined) => Number.isSafeInteger(x) && (x as number) > 0;
  if (!valid(n) || !valid(r) || !valid(p) || expected.length === 0 || salt.length === 0) return false;
  // A stored N that is not a power of two would make scrypt throw: treat it as a foreign hash.
  if (((n as number) & ((n as number) - 1)) !== 0) return false;
  const actual = await derive(password, salt, n as number, r as number, p as number, expected.length);
  return timingSafeEqual(actual, expected);
}

// No 0/O, 1/l/I: the password is read off a terminal and typed by hand.
const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 20 characters in groups of five (`abcde-fghij-…`): about 117 bits of entropy, easy to read aloud. */
export function generatePassword(): string {
  const groups = Array.from({ length: 4 }, () =>
    Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
  );
  return groups.join('-');
}

export const MIN_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 1024;

/**
 * What is wrong with a new password, or undefined when it is acceptable. Length is what matters most (NIST SP 800-63B).
 */
export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters long`;
  if (password.length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters long`;
  if (password.trim() !== password) return 'must not begin or end with spaces';
  return undefined;
}
