import type { WorkspaceData } from './store/workspace-data.js';

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
  /** `--data FILE`: rows are loaded from it when it exists and saved to it (atomically) after each write batch. */
  data?: string;
  /** Initial rows when no data file exists; default: the demo seed for the demo schema, empty otherwise. */
  seed?: WorkspaceData;
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
  /** Stops accepting requests and resolves when the server is closed. Idempotent. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}
