import { type Db, readerOf } from './client.ts';
import type { Reader } from './reader.ts';

/**
 * Reads a hot path runs on every request, built once per database rather than per call: drizzle builds a
 * query's SQL text from its objects each time it runs, and that was a fifth of a signed-in request's CPU
 * (README, Performance). They run on the database's reader (src/db/reader.ts), where a local file's statements
 * are also prepared only once. `prepared((reader) => reader.select()…prepare())` builds on first use; `on`
 * names another reader (`offThreadReaderOf` for the few large reads).
 */
export function prepared<T>(build: (reader: Reader) => T, on: (db: Db) => Reader = readerOf): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let statements = built.get(db);
    if (statements === undefined) {
      statements = build(on(db));
      built.set(db, statements);
    }
    return statements;
  };
}
