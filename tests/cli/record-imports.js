// `node --import ./record-imports.js …` appends the URL of every module the process loads to the file named by
// $RECORD_IMPORTS. The same file is the hooks module: registered from the main thread, run in the hooks thread.
import { appendFileSync } from 'node:fs';
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) register(import.meta.url);

export async function load(url, context, next) {
  appendFileSync(process.env.RECORD_IMPORTS, `${url}\n`);
  return next(url, context);
}
