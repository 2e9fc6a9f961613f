import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  generatePassword,
  hashPassword,
  MIN_PASSWORD_LENGTH,
  passwordProblem,
  verifyPassword,
} from '../../src/auth/password.ts';

const FORMAT = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

describe('password hashing', () => {
  it('stores scrypt parameters, a 16-byte salt and the key, and verifies only the right password', async () => {
    const stored = await hashPassword('correct horse battery staple');
    const [, n, r, p, salt, key] = FORMAT.exec(stored) ?? [];
    // OWASP Password Storage Cheat Sheet, scrypt: its equivalent minimum configurations at r=8 are
    // N=2^17 p=1, N=2^16 p=2, N=2^15 p=3, N=2^14 p=5, N=2^13 p=10.
    const owaspMinimumP = new Map([
      [2 ** 17, 1],
      [2 ** 16, 2],
      [2 ** 15, 3],
      [2 ** 14, 5],
      [2 ** 13, 10],
    ]);
    expect(Number(r)).toBeGreaterThanOrEqual(8);
    expect(Number(p)).toBeGreaterThanOrEqual(owaspMinimumP.get(Number(n)) ?? Number.POSITIVE_INFINITY);
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', stored)).toBe(false);
    expect(await verifyPassword('Correct horse battery staple', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash, so one password gives two different hashes', async () => {
    const [a, b] = await Promise.all([hashPassword('same password'), hashPassword('same password')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password', b)).toBe(true);
  });

  // RFC 7914 §12, the third scrypt test vector: P="pleaseletmein", S="SodiumChloride", N=16384, r=8, p=1, dkLen=64.
  // Verifying it proves the stored format is read as scrypt with the parameters it names.
  it('verifies the RFC 7914 scrypt test vector written in the stored format', async () => {
    const key =
      '7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887';
    const stored = [
      'scrypt',
      16384,
      8,
      1,
      Buffer.from('SodiumChloride').toString('base64'),
      Buffer.from(key, 'hex').toString('base64'),
    ].join('$');
    expect(await verifyPassword('pleaseletmein', stored)).toBe(true);
    expect(await verifyPassword('pleaseletmeout', stored)).toBe(false);
  });

  it.each([
    ['an empty string', ''],
    ['another scheme', '$2b$12$abcdefghijklmnopqrstuv'],
    ['a truncated hash', 'scrypt$16384$8$5$c2FsdA=='],
    ['a cost that is not a power of two', 'scrypt$1000$8$1$c2FsdA==$a2V5'],
    ['a non-numeric parameter', 'scrypt$abc$8$1$c2FsdA==$a2V5'],
  ])('answers false, without throwing, for %s', async (_what, stored) => {
    expect(await verifyPassword('anything', stored)).toBe(false);
  });

  it('round-trips arbitrary passwords, Unicode included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }), async (password) => {
        expect(await verifyPassword(password, await hashPassword(password))).toBe(true);
      }),
      { numRuns: 8 },
    );
  });
});

describe('generated passwords', () => {
  it('are long, unambiguous and acceptable as passwords', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const password = generatePassword();
      expect(password.length).toBeGreaterThanOrEqual(16);
      expect(password).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
      expect(password).not.toMatch(/[01OlI]/);
      expect(passwordProblem(password)).toBeUndefined();
      seen.add(password);
    }
    expect(seen.size).toBe(200);
  });
});

describe('password rules', () => {
  it('name the problem with a new password', () => {
    expect(passwordProblem('a'.repeat(MIN_PASSWORD_LENGTH - 1))).toMatch(/at least 10 characters/);
    expect(passwordProblem('a'.repeat(MIN_PASSWORD_LENGTH))).toBeUndefined();
    expect(passwordProblem(' leading space')).toMatch(/spaces/);
    expect(passwordProblem('x'.repeat(1025))).toMatch(/at most/);
  });
});
