import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { ConfigurationError } from '../runtime/errors.js';
import { computeSchemaHash, parseSchemas, type SchemaModel } from '../runtime/schema/index.js';
import { executeBatch, type BatchServices } from './api/execute-batch.js';
import { bootstrapWorkspace } from './bootstrap/bootstrap.js';
import { demoData, demoSchema } from './demo/index.js';
import { EventHub } from './events/event-hub.js';
import { FileService } from './files/file-service.js';
import type { ServerEventHub } from './events/server-event-hub.js';
import { updateEvent, type UpdateActor } from './events/update-event.js';
import { headerText } from './http/api-options.js';
import { credentialAccess, handleRequest } from './http/request-handler.js';
import type { ApiCredentials, ServerHandle, ServerOptions } from './server-options.js';
import { DataJournal } from './store/journal.js';
import type { StoreChange } from './store/store.js';
import { loadWorkspaceData, readDataFile } from './store/persistence.js';
import { Workspace } from './store/workspace.js';
import { BUILTIN_SEEDS, runBuiltinSeed } from './seed/builtin-seeds.js';

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
  const apiUser = options.apiUser ?? DEFAULT_API_USER;
  const credentials = { apiKey: options.apiKey ?? randomUUID() };
  if (apiUser === '' || credentials.apiKey === '') throw new ConfigurationError('apiUser and apiKey must not be empty.');
  const readOnlyUsers = readOnlyUserMap(options.readOnlyUsers ?? [], apiUser);
  const workspace = createWorkspace(options, [apiUser, ...readOnlyUsers.keys()]);
  const schemaHash = workspace.schema === demoSchema ? parsedDemo().hash : computeSchemaHash(workspace.schema);
  const services: { -readonly [K in keyof BatchServices]: BatchServices[K] } = {
    apiUser,
    // reset_remote: a new key for the user; the main and read-only users must use it from then on.
    resetApiKey: (username) => {
      const key = randomUUID();
      if (username === apiUser) credentials.apiKey = key;
      else if (username !== undefined && readOnlyUsers.has(username)) readOnlyUsers.set(username, key);
      return key;
    },
  };
  const users = {
    apiUser,
    get apiKey() {
      return credentials.apiKey;
    },
    readOnlyUsers,
  };
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  // Component data (uploads, downloads, thumbnails, encode_media): --storage DIR, memory, or a temporary folder.
  const files = openFiles(workspace, () => {
    const service = new FileService({
      storage: options.storage,
      workspace,
      baseUrl: () => services.url ?? '',
      authenticate: (user, key) => credentialAccess(users, user, key) !== undefined,
      jobs: options.jobs,
      apply: (operations) => applyOwnBatch(operations),
    });
    services.files = service;
    return service;
  });
  // The event hub shares the /api credentials; every committed write batch becomes one ftrack.update.
  const hub = new EventHub({ ...options.events, maxPayload: bodyLimit, authenticate: (user, key) => credentialAccess(users, user, key) !== undefined });
  // A write the server makes by itself (an encode_media job moving on): one batch as the API user, published as ftrack.update.
  // Returns the refusal reason, or undefined when the batch was applied.
  const applyOwnBatch = (operations: Record<string, unknown>[]): string | undefined => {
    const outcome = executeBatch(workspace, operations, { strict: false, denormalize: false, collectChanges: hub.hasSubscribers }, schemaHash, services);
    if (!outcome.ok) return String(outcome.error.content);
    publishUpdate(outcome.changes, { apiUser });
    return undefined;
  };
  // A committed batch's ftrack.update; publishing never fails the batch (it is committed and answered).
  const publishUpdate = (changes: readonly StoreChange[], actor: UpdateActor): void => {
    if (!hub.hasSubscribers) return;
    try {
      const event = updateEvent(workspace, changes, actor, hub.id);
      if (event !== undefined) hub.publish(event);
    } catch (error) {
      // A failure here only loses the ftrack.update.
      process.emitWarning(`ftrack.update not published: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const server = createServer((request, response) => {
    if (hub.handleHttp(request, response)) return;
    if (files.handleHttp(request, response)) return;
    handleRequest(
      {
        ...users,
        apiKey: credentials.apiKey,
        bodyLimit,
        path: '/api',
        // With --data, the store journals each committed batch before executeBatch returns.
        // The change log (with old values) is collected only while someone may want its ftrack.update.
        run: (body, strict, denormalize, readOnly) => executeBatch(workspace, body, { strict, denormalize, readOnly, collectChanges: hub.hasSubscribers }, schemaHash, services),
        committed: (changes, request) => {
          if (!hub.hasSubscribers) return;
          publishUpdate(changes, {
            apiUser: headerText(request.headers['ftrack-user']),
            clientToken: optionalHeader(request.headers['ftrack-clienttoken']),
            pushToken: optionalHeader(request.headers['ftrack-pushtoken']),
          });
        },
      },
      request,
      response,
    );
  });
  server.on('upgrade', (request, socket, head: Buffer) => hub.handleUpgrade(request, socket, head));
  const host = options.host ?? '127.0.0.1';
  try {
    await listen(server, options.port ?? 0, host);
  } catch (error) {
    files.close();
    hub.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  services.url = `http://${shownHost}:${port}`;
  return new RunningServer(server, hub, services.url, port, apiUser, credentials, () => {
    files.close();
    return DataJournal.of(workspace)?.close();
  });
}

/** The file service; when its storage is unusable, the data journal opened for the workspace is closed first. */
function openFiles(workspace: Workspace, open: () => FileService): FileService {
  try {
    return open();
  } catch (error) {
    void DataJournal.of(workspace)?.close();
    throw error;
  }
}

/** The demo schema (deep-frozen) parsed and hashed once per process: most servers started in one process use it. */
let demo: { readonly model: SchemaModel; readonly hash: string } | undefined;
const parsedDemo = () => (demo ??= { model: parseSchemas(demoSchema), hash: computeSchemaHash(demoSchema) });

function optionalHeader(value: string | string[] | undefined): string | undefined {
  const text = headerText(value);
  return text === '' ? undefined : text;
}

/**
 * The workspace a server starts with: the data file's rows when it exists, else the seed (the
 * demo data for the demo schema); then, unless `bootstrap: false`, what every new ftrack server
 * holds (only what is missing); then a built-in seed (`'small'`, `'custom-attributes'`) through the write path.
 */
function createWorkspace(options: ServerOptions, apiUsers: readonly string[]): Workspace {
  const isDemo = options.schema === undefined;
  const schema = typeof options.schema === 'string' ? readJson(options.schema, 'schema') : (options.schema ?? demoSchema);
  if (!Array.isArray(schema)) throw new ConfigurationError('The schema must be a query_schemas answer: a JSON array of entity schemas.');
  if (options.tasks !== undefined && !isDemo) throw new ConfigurationError('--tasks only applies to the demo workspace (without --schema).');
  if (typeof options.seed === 'string' && !BUILTIN_SEEDS.includes(options.seed)) {
    throw new ConfigurationError(`Unknown seed "${String(options.seed)}": the built-in seeds are ${BUILTIN_SEEDS.map((name) => `"${name}"`).join(', ')} (or pass WorkspaceData).`);
  }
  if (typeof options.seed === 'string' && options.bootstrap === false) throw new ConfigurationError(`seed "${options.seed}" needs the bootstrap rows: drop bootstrap: false (--no-bootstrap).`);
  const workspace = new Workspace(schema, schema === demoSchema ? parsedDemo().model : undefined);
  if (options.onWarning !== undefined) for (const warning of workspace.model.warnings) options.onWarning(warning);
  const stored = options.data === undefined ? undefined : readDataFile(options.data);
  const rows = typeof options.seed === 'object' ? options.seed : undefined;
  const initial = stored ?? rows ?? (isDemo && options.seed === undefined ? demoData(options.tasks === undefined ? {} : { tasks: options.tasks }) : undefined);
  if (initial !== undefined) loadWorkspaceData(workspace, initial, stored !== undefined ? options.data : 'seed data');
  // --data: an existing file replays its journal first (the bootstrap check below is then one
  // journaled batch); a new file starts as a snapshot of everything, bootstrap rows included.
  const journal = (data: string) =>
    DataJournal.open(data, workspace, stored, { limit: options.journalLimit, files: options.dataFileSystem, onWarning: (message) => process.emitWarning(message) });
  if (options.data !== undefined && stored !== undefined) journal(options.data);
  workspace.store.transaction(() => {
    if (options.bootstrap !== false) bootstrapWorkspace(workspace, { apiUsers });
    if (stored === undefined && typeof options.seed === 'string') runBuiltinSeed(options.seed, workspace, apiUsers[0]!);
  });
  if (options.data !== undefined && stored === undefined) journal(options.data);
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
  readonly #credentials: { apiKey: string };
  #closing: Promise<void> | undefined;

  readonly #onClose: () => Promise<void> | undefined;

  constructor(
    private readonly server: Server,
    private readonly hub: EventHub,
    readonly url: string,
    readonly port: number,
    readonly apiUser: string,
    credentials: { apiKey: string },
    onClose: () => Promise<void> | undefined = () => undefined,
  ) {
    this.#credentials = credentials;
    this.#onClose = onClose;
    Object.defineProperty(this, 'server', { enumerable: false });
    Object.defineProperty(this, 'hub', { enumerable: false });
  }

  /** The event hub (test hooks: publish as the server, list subscriptions, drop connections). */
  get events(): ServerEventHub {
    return this.hub;
  }

  /** The current key (`reset_remote` on the API user replaces it). */
  get apiKey(): string {
    return this.#credentials.apiKey;
  }

  close(): Promise<void> {
    this.#closing ??= new Promise<void>((resolve) => {
      this.hub.close();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    }).then(() => this.#onClose());
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
