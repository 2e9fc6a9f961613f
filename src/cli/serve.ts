import { ConfigError } from '../db/config.ts';
import { parsePort, PORT_RULE, serverSettingsFromEnv, startServer } from '../server.ts';
import { parseCommandArgs } from './args.ts';
import { UsageError, type Command } from './command.ts';

const usage = `Usage: corridor serve [--port N] [--host ADDRESS]

Start the web app (what \`npm start\` runs). It migrates the database named by DATABASE_URL,
seeds an empty one (first administrator and, unless CORRIDOR_DEMO=off, the Hexi Corridor demo;
generated passwords are printed once), then listens on PORT/HOST (default 127.0.0.1:3000).
--port and --host override PORT and HOST. Stop it with Ctrl-C (SIGINT) or SIGTERM.`;

const untilSignal = (): Promise<NodeJS.Signals> =>
  new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

export const serveCommand: Command = {
  name: 'serve',
  summary: 'start the web app (migrates and seeds first)',
  usage,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { port: { type: 'string' }, host: { type: 'string' } }, []);
    if (values.port !== undefined && parsePort(values.port) === undefined) throw new UsageError(`--port must be ${PORT_RULE}`);
    if (values.host !== undefined && values.host.trim() === '') throw new UsageError('--host must not be empty');
    const log = (line: string) => io.stdout.write(`${line}\n`);
    let server;
    try {
      server = await startServer(serverSettingsFromEnv({ ...io.env, PORT: values.port ?? io.env.PORT, HOST: values.host ?? io.env.HOST }), log);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      io.stderr.write(`corridor serve: ${err.message}\n`);
      return 1;
    }
    const signal = await untilSignal();
    log(`Received ${signal}: shutting down.`);
    await server.close();
    return 0;
  },
};
