import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localPath } from '../../src/web/local-path.ts';

const HOST = 'http://app.example';

describe('localPath', () => {
  it('keeps local paths with their query', () => {
    expect(localPath('/')).toBe('/');
    expect(localPath('/assessments/3?tab=scores#grid')).toBe('/assessments/3?tab=scores#grid');
  });

  it('falls back for anything that could leave the site', () => {
    for (const target of [
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      'javascript:alert(1)',
      '/\t/evil.example',
      '/.//evil.example',
      '/a/..//evil.example',
      'relative/path',
      '',
      undefined,
      42,
    ]) {
      expect(localPath(target), String(target)).toBe('/');
    }
  });

  it('whatever it is given, the result resolves to this site', () => {
    const anything = fc.oneof(
      fc.string(),
      fc.webUrl(),
      fc.webPath(),
      fc.string().map((s) => `/${s}`),
      fc.string().map((s) => `//${s}`),
    );
    fc.assert(
      fc.property(anything, (target) => {
        const result = localPath(target);
        expect(result.startsWith('/')).toBe(true);
        expect(result.startsWith('//')).toBe(false);
        expect(new URL(result, HOST).origin).toBe(HOST);
      }),
      { numRuns: 2000 },
    );
  });
});
