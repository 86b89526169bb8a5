import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { ConfigurationError } from '../runtime/errors.js';
import { computeSchemaHash } from '../runtime/schema/index.js';
import { executeBatch } from './api/execute-batch.js';
import { demoData, demoSchema } from './demo/index.js';
import { handleRequest } from './http/request-handler.js';
import type { ApiCredentials, ServerHandle, ServerOptions } from './server-options.js';
import { loadWorkspaceData, readDataFile, saveDataFile } from './store/persistence.js';
import { Workspace } from './store/workspace.js';

/** Default API user of a local server. */
export const DEFAULT_API_USER = 'admin';
const DEFAULT_BODY_LIMIT = 16 * 1024 * 1024;

/**
 * Starts a local ftrack-compatible server (demo workspace by default) on 127.0.0.1 and a free
 * port. Several servers can run in one process.
 *
 * @example
 * const server = await startServer();
 * const session = new Session(server.url, server.apiUser, server.apiKey, { autoConnectEventHub: false });
 * // … session.query('select name, status from Project') …
 * await server.close();
 * @throws ConfigurationError for an unreadable schema or data file, or a port in use.
 */
export async function startServer(options: ServerOptions = {}): Promise<ServerHandle> {
  const workspace = createWorkspace(options);
  const schemaHash = computeSchemaHash(workspace.schema);
  const apiUser = options.apiUser ?? DEFAULT_API_USER;
  const apiKey = options.apiKey ?? randomUUID();
  if (apiUser === '' || apiKey === '') throw new ConfigurationError('apiUser and apiKey must not be empty.');
  const readOnlyUsers = readOnlyUserMap(options.readOnlyUsers ?? [], apiUser);
  const dataFile = options.data;
  const server = createServer((request, response) =>
    handleRequest(
      {
        apiUser,
        apiKey,
        readOnlyUsers,
        bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
        path: '/api',
        run: (body, strict, denormalize, readOnly) => {
          const outcome = executeBatch(workspace, body, { strict, denormalize, readOnly }, schemaHash);
          if (outcome.ok && outcome.wrote && dataFile !== undefined) saveDataFile(dataFile, workspace);
          return outcome;
        },
      },
      request,
      response,
    ),
  );
  const host = options.host ?? '127.0.0.1';
  await listen(server, options.port ?? 0, host);
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  return new RunningServer(server, `http://${shownHost}:${port}`, port, apiUser, apiKey);
}

function createWorkspace(options: ServerOptions): Workspace {
  const isDemo = options.schema === undefined;
  const schema = typeof options.schema === 'string' ? readJson(options.schema, 'schema') : (options.schema ?? demoSchema);
  if (!Array.isArray(schema)) throw new ConfigurationError('The schema must be a query_schemas answer: a JSON array of entity schemas.');
  if (options.tasks !== undefined && !isDemo) throw new ConfigurationError('--tasks only applies to the demo workspace (without --schema).');
  const workspace = new Workspace(schema);
  const stored = options.data === undefined ? undefined : readDataFile(options.data);
  const initial = stored ?? options.seed ?? (isDemo ? demoData(options.tasks === undefined ? {} : { tasks: options.tasks }) : undefined);
  if (initial !== undefined) loadWorkspaceData(workspace, initial, stored !== undefined ? options.data : 'seed data');
  if (options.data !== undefined && stored === undefined) saveDataFile(options.data, workspace);
  return workspace;
}

/** Checks the read-only users (messages name users, never keys) and indexes them by user. */
function readOnlyUserMap(users: readonly ApiCredentials[], apiUser: string): Map<string, string> {
  if (!Array.isArray(users)) throw new ConfigurationError('readOnlyUsers must be an array of { apiUser, apiKey }.');
  const map = new Map<string, string>();
  for (const user of users) {
    if (typeof user?.apiUser !== 'string' || typeof user.apiKey !== 'string' || user.apiUser === '' || user.apiKey === '') {
      throw new ConfigurationError('Each read-only user needs a non-empty apiUser and apiKey.');
    }
    if (user.apiUser === apiUser) throw new ConfigurationError(`Read-only user "${user.apiUser}" is the main API user.`);
    if (map.has(user.apiUser)) throw new ConfigurationError(`Read-only user "${user.apiUser}" is given twice.`);
    map.set(user.apiUser, user.apiKey);
  }
  return map;
}

function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigurationError(`Cannot read the ${what} file ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(new ConfigurationError(`Cannot listen on ${host}:${port}: ${error.message}`, { cause: error }));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

class RunningServer implements ServerHandle {
  readonly #apiKey: string;
  #closing: Promise<void> | undefined;

  constructor(private readonly server: Server, readonly url: string, readonly port: number, readonly apiUser: string, apiKey: string) {
    this.#apiKey = apiKey;
    Object.defineProperty(this, 'server', { enumerable: false });
  }

  get apiKey(): string {
    return this.#apiKey;
  }

  close(): Promise<void> {
    this.#closing ??= new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    return this.#closing;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  [inspect.custom](): string {
    return `ServerHandle { url: '${this.url}', apiUser: '${this.apiUser}', apiKey: '[redacted]' }`;
  }

  toJSON(): Record<string, unknown> {
    return { url: this.url, port: this.port, apiUser: this.apiUser };
  }
}
