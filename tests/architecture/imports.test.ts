/**
 * The layers of docs/architecture.md, read from the source: which part may import which, and no cycle between
 * modules. A new import that runs back up (a template reaching into the web layer, the engine into the
 * database) fails here, with the file and the import named.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** Each part and the parts it may import (itself always). External packages are listed where they are limited. */
const RULES: Record<string, { parts: readonly string[]; packages?: readonly string[] }> = {
  engine: { parts: [], packages: ['zod'] },
  i18n: { parts: [], packages: ['hono/utils/accept'] },
  auth: { parts: [], packages: ['node:crypto', 'node:util'] },
  templates: { parts: ['i18n'], packages: ['hono/jsx', 'hono/html'] },
  db: { parts: ['i18n', 'auth'] },
  app: { parts: ['db', 'engine', 'i18n', 'auth', 'report'] },
  report: { parts: ['engine', 'i18n'] },
  web: { parts: ['app', 'db', 'engine', 'i18n', 'auth', 'templates', 'report'] },
  cli: { parts: ['app', 'db', 'engine', 'i18n', 'auth', 'server', 'report'] },
  server: { parts: ['app', 'db', 'web'] },
};

function partOf(file: string): string {
  const rel = relative(ROOT, file).split('/');
  if (rel[0] === 'templates') return 'templates';
  if (rel[0] !== 'src') throw new Error(`not a source file: ${file}`);
  if (rel[1] === 'server.ts') return 'server';
  if (rel[1] === 'cli.ts') return 'cli';
  return rel[1];
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Every `import … from` and `export … from` specifier, type-only ones included: a type import is an arrow too. */
const specifiers = (text: string): string[] =>
  [
    ...text.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+'([^']+)'/gms),
    ...text.matchAll(/import\(\s*'([^']+)'\s*\)/g),
  ].map((m) => m[1]);

const files = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'templates'))];
const graph = new Map<string, string[]>();
const external = new Map<string, string[]>();
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const internal: string[] = [];
  const outside: string[] = [];
  for (const spec of specifiers(text)) {
    if (spec.startsWith('.')) internal.push(resolve(dirname(file), spec));
    else outside.push(spec);
  }
  graph.set(file, internal);
  external.set(file, outside);
}

describe('layers', () => {
  it('every part imports only the parts below it', () => {
    const wrong: string[] = [];
    for (const [file, targets] of graph) {
      const from = partOf(file);
      const rule = RULES[from];
      expect(rule, `no layer rule for ${relative(ROOT, file)}`).toBeDefined();
      for (const target of targets) {
        const to = partOf(target);
        if (to !== from && !rule.parts.includes(to)) wrong.push(`${relative(ROOT, file)} → ${relative(ROOT, target)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the engine, i18n, auth and templates use only the packages listed for them', () => {
    const wrong: string[] = [];
    for (const [file, packages] of external) {
      const allowed = RULES[partOf(file)].packages;
      if (!allowed) continue;
      for (const name of packages) if (!allowed.includes(name)) wrong.push(`${relative(ROOT, file)} → ${name}`);
    }
    expect(wrong).toEqual([]);
  });

  it('only src/engine/index.ts is imported from outside the engine', () => {
    const engineIndex = join(ROOT, 'src/engine/index.ts');
    const wrong: string[] = [];
    for (const [file, targets] of graph) {
      if (partOf(file) === 'engine') continue;
      for (const target of targets) {
        if (partOf(target) === 'engine' && target !== engineIndex)
          wrong.push(`${relative(ROOT, file)} → ${relative(ROOT, target)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('no module imports itself through others (no cycles)', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'open');
      stack.push(file);
      for (const next of graph.get(file) ?? []) {
        if (!graph.has(next)) continue;
        if (state.get(next) === 'open') {
          cycles.push(
            stack
              .slice(stack.indexOf(next))
              .concat(next)
              .map((f) => relative(ROOT, f))
              .join(' → '),
          );
        } else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  it('reads the tree it checks', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(graph.get(join(ROOT, 'src/web/app.ts'))).toContain(join(ROOT, 'src/web/pages.ts'));
  });
});
