import type { SchemaWarningHandler } from '../runtime/schema/index.js';
import type { StorageOption } from './files/blob-storage.js';
import type { JobTimings } from './files/encode-media.js';
import type { EventHubOptions, ServerEventHub } from './events/server-event-hub.js';
import type { DataFileSystem } from './store/data-files.js';
import type { WorkspaceData } from './store/workspace-data.js';
import type { BuiltinSeed } from './seed/builtin-seeds.js';

/**
 * Options of `startServer` (the same as `ftrack-codegen serve`); all optional.
 *
 * @example
 * const server = await startServer({ port: 0, tasks: 1000 });
 */
export interface ServerOptions {
  /** TCP port; 0 (default) picks a free port. */
  port?: number;
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
  /** A `query_schemas` JSON file, or the schema array itself; default: the demo workspace. */
  schema?: string | readonly unknown[];
  /**
   * Receives each warning of the schema reader (a shape read best-effort instead of refusing the
   * schema, see docs/real-workspaces.md); default: none (`serve` prints them on stderr).
   */
  onWarning?: SchemaWarningHandler;
  /**
   * `--data FILE`: rows are loaded from FILE (a snapshot) plus its journal `FILE.journal.<n>`
   * when FILE exists; every write batch is appended to the journal and flushed to disk before it
   * is answered, and the journal is compacted into FILE in the background (see docs/local-server.md).
   */
  data?: string;
  /** With `data`: compact once the journal holds this many bytes; default: FILE's size, at least 8 MiB. */
  journalLimit?: number;
  /**
   * With `data`: the file operations persistence uses (default `node:fs`); a seam for fault
   * injection, e.g. `{ ...fs, fdatasyncSync: () => { throw eio; } }`.
   */
  dataFileSystem?: DataFileSystem;
  /**
   * Initial rows when no data file exists: `WorkspaceData`, or `'small'` (`--seed small`) for a
   * small deterministic production built through the write path on any schema (projects,
   * sequences, shots, tasks, assets with versions and components, notes, custom attributes), or
   * `'custom-attributes'` for the same with configurations of every custom attribute type.
   * Default: the demo data for the demo schema, nothing otherwise.
   */
  seed?: WorkspaceData | BuiltinSeed;
  /**
   * `false` (`--no-bootstrap`) starts truly empty. Default `true`: the workspace also holds what
   * every new ftrack server holds (API user, built-in locations, object types, priorities,
   * states, statuses, types, default workflows and project schema), adding only what is missing.
   */
  bootstrap?: boolean;
  /** API user clients must send in `ftrack-user`; default `admin`. */
  apiUser?: string;
  /** API key clients must send in `ftrack-api-key`; default: a random key per server. */
  apiKey?: string;
  /** Number of demo tasks (deterministic); only with the demo schema. */
  tasks?: number;
  /** Maximum request body in bytes (HTTP 413 above it); default 16 MiB. */
  bodyLimit?: number;
  /**
   * Extra users that may read (`query_server_information`, `query_schemas`, `query`) but not write:
   * a batch with `create`, `update` or `delete` fails as a whole with `PermissionError`.
   * User names must be unique and differ from `apiUser`.
   *
   * @example
   * const server = await startServer({ readOnlyUsers: [{ apiUser: 'viewer', apiKey: 'viewer-key' }] });
   */
  readOnlyUsers?: readonly ApiCredentials[];
  /**
   * Where uploaded component data is kept (`--storage DIR`): a folder (created if needed, kept,
   * served again after a restart), `{ memory: true }` for tests (every byte in RAM), or by default
   * a temporary folder removed when the server closes or the process exits.
   *
   * @example
   * const server = await startServer({ storage: { memory: true } });
   */
  storage?: StorageOption;
  /** Event hub timings (`GET /socket.io/1/` and its WebSocket, same credentials as `/api`). */
  events?: EventHubOptions;
  /**
   * How an `encode_media` job progresses: `queuedMs` in status `queued`, then `runningMs` in
   * `running`, then `done` with its outputs registered (default 50 and 150 ms); both 0: done within the call.
   *
   * @example
   * const server = await startServer({ jobs: { queuedMs: 0, runningMs: 2000 } });
   */
  jobs?: Partial<JobTimings>;
}

/** One API user and key pair, e.g. `{ apiUser: 'viewer', apiKey: 'viewer-key' }`. */
export interface ApiCredentials {
  readonly apiUser: string;
  readonly apiKey: string;
}

/** A running server. `apiKey` is readable but never shown by `util.inspect` or JSON. */
export interface ServerHandle {
  /** Base URL to give clients, e.g. `http://127.0.0.1:41234` (the API is `POST <url>/api`). */
  readonly url: string;
  readonly port: number;
  readonly apiUser: string;
  readonly apiKey: string;
  /**
   * The event hub: publish an event as the server, list live subscriptions, drop connections.
   *
   * @example
   * server.events.publish({ topic: 'ftrack.action.discover', data: { selection: [] } });
   */
  readonly events: ServerEventHub;
  /** Stops accepting requests and resolves when the server is closed. Idempotent. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}
