// A thread for the few reads that return a large share of the file (a round's scores): run here on a connection of
// its own, they no longer hold the event loop while SQLite steps through them (src/db/reader.ts). Plain JavaScript
// so that the sources and dist/ load the same file, with no TypeScript loader in the thread.
import Database from 'libsql';

/** @type {Map<string, { db: import('libsql').Database, statements: Map<string, import('libsql').Statement> }>} */
const connections = new Map();

/**
 * The rows of `sql` with `params`, each as an array of its columns (what drizzle's proxy driver maps).
 * @param {{ path: string, timeoutMs: number, sql: string, params: unknown[] }} task
 */
export default function read({ path, timeoutMs, sql, params }) {
  let connection = connections.get(path);
  if (!connection) {
    const db = new Database(path, { timeout: timeoutMs });
    // Reads only: SQLite itself refuses anything else on this connection, `insert … returning` included.
    db.exec('pragma query_only = 1');
    connection = { db, statements: new Map() };
    connections.set(path, connection);
  }
  try {
    let statement = connection.statements.get(sql);
    if (!statement) {
      statement = connection.db.prepare(sql);
      connection.statements.set(sql, statement);
    }
    return statement.raw(true).all(params);
  } catch (err) {
    // A connection that met a fault may stay unusable (src/db/faults.ts): the next read opens a fresh one.
    connections.delete(path);
    connection.db.close();
    throw err;
  }
}
