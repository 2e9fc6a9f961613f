import { ConfigError } from '../db/config.ts';
import { PORT_RULE, parsePort, serverSettingsFromEnv, startServer } from '../server.ts';
import { parseCommandArgs } from './args.ts';
import { type Run, UsageError } from './command.ts';

/**
 * Listens from before the server starts: a supervisor (or a test) may send SIGTERM the moment it reads the
 * URL, and a signal that arrives before a listener exists kills the process without the orderly shutdown.
 */
const untilSignal = (): { signal: Promise<NodeJS.Signals>; cancel: () => void } => {
  let cancel = () => {};
  const signal = new Promise<NodeJS.Signals>((resolve) => {
    const stop = (received: NodeJS.Signals) => {
      cancel();
      resolve(received);
    };
    cancel = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return { signal, cancel };
};

/**
 * The log's lines (one per request) written once per turn of the event loop instead of one write each: standard
 * output to a pipe or a file is a blocking system call per write, which a busy server pays per request.
 */
function batchedLines(write: (text: string) => void): { log: (line: string) => void; flush: () => void } {
  let pending = '';
  const flush = () => {
    if (pending === '') return;
    const text = pending;
    pending = '';
    write(text);
  };
  return {
    log: (line) => {
      if (pending === '') setImmediate(flush);
      pending += `${line}\n`;
    },
    flush,
  };
}

export const run: Run = async (args, io) => {
  const { values } = parseCommandArgs(args, { port: { type: 'string' }, host: { type: 'string' } }, []);
  if (values.port !== undefined && parsePort(values.port) === undefined)
    throw new UsageError(`--port must be ${PORT_RULE}`);
  if (values.host !== undefined && values.host.trim() === '') throw new UsageError('--host must not be empty');
  const { log, flush } = batchedLines((text) => io.stdout.write(text));
  // A crash still gets the lines of its last turn out.
  process.once('exit', flush);
  const stopping = untilSignal();
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(
      serverSettingsFromEnv({ ...io.env, PORT: values.port ?? io.env.PORT, HOST: values.host ?? io.env.HOST }),
      log,
    );
  } catch (err) {
    stopping.cancel();
    flush();
    process.off('exit', flush);
    if (!(err instanceof ConfigError)) throw err;
    io.stderr.write(`corridor serve: ${err.message}\n`);
    return 1;
  }
  const signal = await stopping.signal;
  log(`Received ${signal}: shutting down.`);
  await server.close();
  flush();
  process.off('exit', flush);
  return 0;
};
