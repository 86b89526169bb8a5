import { ConfigurationError } from '../errors.js';
import type { SchemaWarningHandler } from '../schema/schema-warnings.js';
import type { Transport } from '../transport/transport.js';
import type { HttpDispatcher } from '../transport/http-dispatcher.js';
import type { HttpTransportOptions } from '../transport/http-endpoint.js';
import type { SchemaMetadata } from '../contract/entity-types.js';
import type { EventHubOptions } from '../events/event-hub.js';

/** Where schema-hash warnings go; with `debug`, also each query sent. */
export interface SessionLogger {
  warn(message: string): void;
  /**
   * When the logger given has it: receives each query the session sends (through
   * `session.on('query', …)`), as `ftrack query: <expression>`. The default logger (`console`)
   * is used for warnings only.
   * @example new Session({ logger: { warn: console.warn, debug: console.debug } });
   * // ftrack query: select context_type, id, name from Project limit 500
   */
  debug?(message: string): void;
}

/**
 * Options of `new Session(options)`. `serverUrl`, `apiUser` and `apiKey` default to the
 * environment variables `FTRACK_SERVER`, `FTRACK_API_USER` and `FTRACK_API_KEY`.
 */
export interface SessionOptions {
  /** e.g. `https://studio.ftrackapp.com`; default `FTRACK_SERVER`. */
  serverUrl?: string;
  /** API user name; default `FTRACK_API_USER`. */
  apiUser?: string;
  /** API key; default `FTRACK_API_KEY` (legacy `FTRACK_APIKEY`). Never logged or shown. */
  apiKey?: string;
  /**
   * Generated schema metadata. With it, `session.types` is available at once and no
   * `query_schemas` is sent; without it, the first use fetches `query_server_information`
   * and `query_schemas` in one batch (`await session.ready()` waits for that).
   */
  schema?: SchemaMetadata;
  /** With `schema`: throw `SchemaError` (instead of warning) when the server's schema_hash differs. */
  strictSchemaHash?: boolean;
  /**
   * With `schema` generated from a workspace (literal status, type, priority… names): alongside
   * its first request the session reads the server's names once, in one request of its own sent in
   * parallel (`select name from Status`, `select name from Type`, …), and warns once through
   * `logger.warn` when they differ from the generated ones; a failure of that request is ignored.
   * Default true; `false` sends nothing extra.
   */
  checkWorkspaceValues?: boolean;
  /** Receives warnings (schema-hash mismatch, workspace values that differ; schema warnings without `onWarning`) and, with `debug`, each query sent; default `console` (warnings only). */
  logger?: SessionLogger;
  /**
   * Receives each warning of the schema reader: a shape of the server's schema read best-effort
   * instead of refusing the schema (docs/real-workspaces.md). Without it, warnings of a schema
   * fetched at start-up go to `logger.warn`; those of generated `schema` metadata are not repeated
   * (the generator printed them).
   *
   * @example
   * new Session({ onWarning: (w) => console.warn(`[${w.code}] ${w.message}`) });
   */
  onWarning?: SchemaWarningHandler;
  /**
   * Node only: an undici dispatcher for every request (`Agent`, `ProxyAgent`, a `MockAgent` in
   * tests); not closed by `close()`. The browser entry (`fetch`) refuses it with a `ConfigurationError`.
   */
  dispatcher?: HttpDispatcher;
  /**
   * Whole-request timeout in ms, from sending to the last byte of the answer; default 60 000.
   * `0` means no timeout at all (undici's own 300 s header/body timeouts are disabled as well);
   * a negative or non-finite value is a `ConfigurationError`.
   */
  timeoutMs?: number;
  /**
   * Largest response body accepted, in bytes; default 512 MiB. A larger answer rejects with
   * `ResponseTooLargeError` without being read further (a `content-length` above it is refused
   * before reading).
   */
  maxResponseBytes?: number;
  /** Sends `ftrack-strict-api: true` (errors as HTTP statuses; needed for `group by`). */
  strictApi?: boolean;
  /** Extra request headers (they cannot replace the authentication headers). */
  headers?: Record<string, string>;
  /** A custom transport instead of undici (then `dispatcher`, `timeoutMs`, `maxResponseBytes`, `strictApi`, `headers` are ignored). */
  transport?: Transport;
  /**
   * Cross-result batching (default true): a lazy load for an entity that came from a query result
   * also loads the attribute for the other entities of that result that miss it, in the same
   * request. `false` loads only what was asked for (still coalescing loads of the same tick).
   */
  crossResultBatching?: boolean;
  /** Primary keys per lazy-load query (longer id lists become several queries of one request); default 500. */
  loadChunkSize?: number;
  /** Operations per commit request; a larger commit is split into several requests (not atomic). Default 5000. */
  commitChunkSize?: number;
  /**
   * Requests in the same tick share one round trip (default true): queries (`all()`, `first()`,
   * pages, `get()`) and `call()`s made only of reads (`query`, `search`, `query_schemas`,
   * `query_server_information`) issued in the same tick go out as one batch, and each caller gets
   * its own result or its own error. Writes (`commit()`, `call()` with any other action) are never
   * coalesced. `false` sends each on its own; `{ maxOperations }` caps the operations of one
   * coalesced request (default 100; a caller's own batch is never split).
   * @example new Session({ autoBatch: false })
   * @example new Session({ autoBatch: { maxOperations: 20 } })
   */
  autoBatch?: boolean | { readonly maxOperations?: number };
  /**
   * Options of `session.eventHub` (WebSocket class, `onError`, timeouts, reconnect back-off).
   * @example new Session({ eventHub: { onError: (error, { phase }) => console.error(phase, error) } })
   */
  eventHub?: EventHubOptions;
}

/** Credentials after applying the environment defaults. */
export interface ResolvedCredentials {
  readonly serverUrl: string;
  readonly apiUser: string;
  readonly apiKey: string;
}

/** What a session passes to its entry point's default transport (undici on Node, fetch in browsers). */
export interface DefaultTransportOptions extends HttpTransportOptions {
  readonly dispatcher?: HttpDispatcher | undefined;
}

/** Environment variables, as `process.env`. */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Applies the environment defaults; a missing value is a `ConfigurationError` naming option and
 * variable. The environment (`process.env` where there is a `process`) is read only for a value
 * not passed: credentials passed explicitly never touch it.
 */
export function resolveCredentials(options: SessionOptions, env: () => Environment = processEnv): ResolvedCredentials {
  const serverUrl = pick('serverUrl', options.serverUrl, 'FTRACK_SERVER', () => env().FTRACK_SERVER);
  const apiUser = pick('apiUser', options.apiUser, 'FTRACK_API_USER', () => env().FTRACK_API_USER);
  const apiKey = pick('apiKey', options.apiKey, 'FTRACK_API_KEY', () => env().FTRACK_API_KEY ?? env().FTRACK_APIKEY);
  return { serverUrl, apiUser, apiKey };
}

/** `process.env`, or nothing where there is no `process` (browsers). */
function processEnv(): Environment {
  const env = (globalThis as { process?: { env?: Environment } }).process?.env;
  return typeof env === 'object' && env !== null ? env : {};
}

function pick(option: string, given: string | undefined, variable: string, fromEnv: () => string | undefined): string {
  const value = given ?? fromEnv();
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  throw new ConfigurationError(
    `Missing ${option}: set the environment variable ${variable}, or pass \`${option}\` in the session options: createSession({ ${option} }) or new Session({ ${option} }).`,
    { cause: { option, variable } },
  );
}
