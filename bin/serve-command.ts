import { InvalidArgumentError, type Command } from 'commander';
import type { ServerOptions } from '../server/index.js';
import { ConfigurationError } from '../runtime/errors.js';
import type { CliState } from './cli-state.js';

interface ServeFlags {
  port?: number;
  host?: string;
  schema?: string;
  data?: string;
  journalLimit?: number;
  storage?: string;
  apiUser?: string;
  apiKey?: string;
  tasks?: number;
  readOnlyUser: string[];
  seed?: string;
  bootstrap: boolean;
}

/** Registers `serve`: starts the local server and runs until SIGINT/SIGTERM. */
export function registerServeCommand(program: Command, state: CliState): void {
  program
    .command('serve')
    .description('Start a local ftrack-compatible server (demo workspace by default).')
    .option('--port <n>', 'TCP port (0 = a free port)', integer('--port'), 0)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--schema <file>', 'serve this query_schemas JSON instead of the demo workspace')
    .option('--data <file>', 'load rows from this file (plus its journal) and journal every write batch, flushed before it is answered')
    .option('--journal-limit <bytes>', 'with --data: compact the journal into the file once it holds this many bytes (default: the file size, at least 8 MiB)', integer('--journal-limit'))
    .option('--storage <dir>', 'keep uploaded component data in this folder (default: a temporary folder removed at exit)')
    .option('--api-user <user>', 'API user clients must send (default: admin)')
    .option('--api-key <key>', 'API key clients must send (default: random)')
    .option('--tasks <n>', 'number of demo tasks to generate (deterministic)', integer('--tasks'))
    .option('--read-only-user <user:key>', 'an extra user that may query but not write (repeatable)', collect, [])
    .option('--seed <name>', 'start from a built-in seed when no data file exists: "small" or "custom-attributes" (any schema)')
    .option('--no-bootstrap', 'start truly empty: no API user, locations, object types, statuses, …')
    .action(async (flags: ServeFlags) => {
      state.exitCode = await serve(flags);
    });
}

async function serve(flags: ServeFlags): Promise<number> {
  const options: ServerOptions = { port: flags.port, host: flags.host };
  // shapes of the schema read best-effort
  options.onWarning = (warning) => process.stderr.write(`ftrack-codegen serve: warning: ${warning.message}\n`);
  if (flags.schema !== undefined) options.schema = flags.schema;
  if (flags.data !== undefined) options.data = flags.data;
  if (flags.journalLimit !== undefined) options.journalLimit = flags.journalLimit;
  if (flags.storage !== undefined) options.storage = flags.storage;
  if (flags.apiUser !== undefined) options.apiUser = flags.apiUser;
  if (flags.apiKey !== undefined) options.apiKey = flags.apiKey;
  if (flags.tasks !== undefined) options.tasks = flags.tasks;
  if (flags.seed !== undefined) options.seed = flags.seed as ServerOptions['seed'] & string;
  if (!flags.bootstrap) options.bootstrap = false;
  let server;
  try {
    if (flags.readOnlyUser.length > 0) options.readOnlyUsers = flags.readOnlyUser.map(readOnlyUser);
    // loaded on use: `generate` and `--help` never pay for the server's modules
    const { startServer } = await import('../server/index.js');
    server = await startServer(options);
  } catch (error) {
    process.stderr.write(`ftrack-codegen serve: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  process.stdout.write(
    [
      `ftrack-compatible server listening on ${server.url}`,
      `  FTRACK_SERVER=${server.url}`,
      `  FTRACK_API_USER=${server.apiUser}`,
      `  FTRACK_API_KEY=${server.apiKey}`,
      ...(options.readOnlyUsers === undefined ? [] : [`  read-only users: ${options.readOnlyUsers.map((user) => user.apiUser).join(', ')}`]),
      options.data === undefined ? '  data: in memory (lost on exit)' : `  data: ${options.data}`,
      typeof options.storage === 'string' ? `  files: ${options.storage}` : '  files: a temporary folder (removed on exit)',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  const running = server;
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.stdout.write(`Received ${signal}, stopping.\n`);
      void running.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}

// Values are collected raw and checked later: commander would echo a bad value (a key) in its error.
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function readOnlyUser(value: string): { apiUser: string; apiKey: string } {
  const colon = value.indexOf(':');
  if (colon <= 0 || colon === value.length - 1) throw new ConfigurationError('--read-only-user needs USER:KEY (both non-empty).');
  return { apiUser: value.slice(0, colon), apiKey: value.slice(colon + 1) };
}

function integer(flag: string): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed)) throw new InvalidArgumentError(`${flag} needs a non-negative integer.`);
    return parsed;
  };
}
