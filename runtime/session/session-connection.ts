import { ConfigurationError, ConnectionClosedError, SchemaError } from '../errors.js';
import type { QueryResultEnvelope, ServerInformation } from '../protocol/envelopes.js';
import type { Operation } from '../protocol/operations.js';
import { compileQuery } from '../query/compile-query.js';
import { defaultProjectionPaths } from '../query/default-projections.js';
import { queryNode } from '../query/node-factory.js';
import type { QueryNode } from '../query/nodes.js';
import type { SchemaModel } from '../schema/model.js';
import { parseSchemas } from '../schema/parse-schema.js';
import type { SchemaWarning, SchemaWarningHandler } from '../schema/schema-warnings.js';
import { getEntityType } from '../schema/schema-lookup.js';
import type { Transport } from '../transport/transport.js';
import { SharedAbort, abortError, throwIfAborted, untilAborted } from '../transport/abort.js';
import { excerpt, redactText, registerSecret } from '../transport/redact.js';
import { displayServerUrl } from '../transport/server-url.js';
import type { BaseEntity } from '../entity/base-entity.js';
import type { QueryPage } from '../loading/query-result.js';
import type { ResultGroup } from '../identity/result-group.js';
import { checkEnvelope, withOperation } from '../identity/session-results.js';
import { resolveCredentials, type DefaultTransportOptions, type ResolvedCredentials, type SessionLogger, type SessionOptions } from './session-options.js';
import type { DecodeRetention, Decoder } from '../identity/decoder.js';
import type { QueryEvent, QueryListener } from './query-event.js';
import type { SessionParts } from './session-parts.js';
import { valueQueries, valuesWarning } from './workspace-values-check.js';
import { RequestBatcher, type BatchDecode } from './request-batcher.js';
import type { WorkspaceValuesMetadata } from '../contract/entity-types.js';

/** Warnings go to `console.warn` where there is a console (a bare JavaScript context may have none). */
const CONSOLE_LOGGER: SessionLogger = { warn: (message) => (globalThis as { console?: { warn(message: string): void } }).console?.warn(message) };

const SERVER_INFORMATION: Operation = { action: 'query_server_information' };
const QUERY_SCHEMAS: Operation = { action: 'query_schemas' };
/** Default `autoBatch.maxOperations`. */
const MAX_BATCH_OPERATIONS = 100;

/**
 * The session's link to the server: transport, start-up (server information, schema, hash check)
 * and sending batches. Once the schema model is known, `createParts` builds the session's parts
 * from it (once); every request that needs them waits for them (`prepare`).
 */
export class SessionConnection {
  readonly serverUrl: string;
  readonly apiUser: string;
  readonly #transport: Transport;
  readonly #logger: SessionLogger;
  readonly #credentials: ResolvedCredentials;
  readonly #onWarning: SchemaWarningHandler;
  readonly #expectedHash: string | undefined;
  readonly #strictHash: boolean;
  /** Generated workspace values still to compare with the server's (undefined: none, or compared). */
  #values: { readonly metadata: WorkspaceValuesMetadata; readonly queries: readonly Operation[] } | undefined;
  readonly #createParts: (model: SchemaModel) => SessionParts;
  readonly #queryListeners = new Set<QueryListener>();
  /** The schema-dependent parts: undefined until the schema is known, then set once. */
  #parts: SessionParts | undefined;
  #serverInformation: ServerInformation | undefined;
  #informationPending = false;
  #ready: Promise<SessionParts> | undefined;
  #readyAbort: SharedAbort | undefined;
  readonly #releaseSecret: () => void;
  #fatal: Error | undefined;
  #closing: Promise<void> | undefined;
  /** Coalesces reads of the same tick (undefined with `autoBatch: false`). */
  readonly #batcher: RequestBatcher | undefined;

  /** The credentials resolved once at construction (the event hub and file URLs use these; never shown). */
  credentials(): ResolvedCredentials {
    return this.#credentials;
  }

  /** `options.logger`, or the console's `warn`. */
  get logger(): SessionLogger {
    return this.#logger;
  }

  /** `defaultTransport`: the entry point's transport (undici on Node, fetch in browsers), used without `options.transport`. */
  constructor(options: SessionOptions, createParts: (model: SchemaModel) => SessionParts, defaultTransport: (options: DefaultTransportOptions) => Transport) {
    this.#credentials = resolveCredentials(options);
    const { serverUrl, apiUser, apiKey } = this.#credentials;
    // Shown by inspect, JSON and messages: never with userinfo credentials.
    this.serverUrl = redactText(displayServerUrl(serverUrl), apiKey);
    this.apiUser = apiUser;
    this.#createParts = createParts;
    this.#logger = options.logger ?? CONSOLE_LOGGER;
    const debug = options.logger?.debug;
    if (typeof debug === 'function') this.onQuery((event) => debug.call(options.logger, `ftrack query: ${redactText(event.expression, apiKey)}`));
    const warn = options.onWarning ?? ((warning) => this.#logger.warn(`ftrack schema: ${warning.message}`));
    // Warnings quote schema values, which a server may have echoed the key into.
    this.#onWarning = (warning) => warn(redactWarning(warning, apiKey));
    this.#strictHash = options.strictSchemaHash === true;
    this.#transport =
      options.transport ??
      defaultTransport({
        serverUrl,
        apiUser,
        apiKey,
        dispatcher: options.dispatcher,
        timeoutMs: options.timeoutMs,
        maxResponseBytes: options.maxResponseBytes,
        strictApi: options.strictApi,
        headers: options.headers,
      });
    const maxOperations = batchLimit(options.autoBatch);
    this.#batcher = maxOperations === undefined ? undefined : new RequestBatcher((operations, signal) => this.exchange(operations, signal), { maxOperations });
    // Every error built while the session is open redacts the key (also with a custom transport).
    this.#releaseSecret = registerSecret(apiKey);
    if (options.schema !== undefined) {
      this.#expectedHash = options.schema.schemaHash;
      const values = options.schema.values;
      if (values !== undefined && values.lists.length > 0 && options.checkWorkspaceValues !== false) this.#values = { metadata: values, queries: valueQueries(values) };
      this.#useModel(parseSchemas(options.schema.schemas, options.onWarning !== undefined ? { onWarning: this.#onWarning } : {}));
    }
  }

  get closed(): boolean {
    return this.#closing !== undefined;
  }

  get model(): SchemaModel | undefined {
    return this.#parts?.model;
  }

  /** The schema-dependent parts, or undefined while the schema is not known. */
  get parts(): SessionParts | undefined {
    return this.#parts;
  }

  get serverInformation(): ServerInformation | undefined {
    return this.#serverInformation;
  }

  /**
   * Schema and server information known; sends them in one batch (once) when needed. The batch
   * is shared by concurrent callers: `signal` rejects this caller at once, and the request itself
   * is aborted only when every caller waiting for it has aborted. Resolves with the session's parts.
   */
  ready(signal?: AbortSignal): Promise<SessionParts> {
    if (this.closed) return Promise.reject(closedError());
    if (this.#fatal) return Promise.reject(this.#fatal);
    // An aborted signal rejects even when there is nothing left to do (as every async API).
    if (signal?.aborted) return Promise.reject(abortError(signal, 'session.ready()'));
    const parts = this.#parts;
    if (parts !== undefined && this.#serverInformation !== undefined) return Promise.resolve(parts);
    let ready = this.#ready;
    let shared = this.#readyAbort;
    if (ready === undefined || shared === undefined || shared.signal.aborted) {
      const abort = new SharedAbort();
      const started: Promise<SessionParts> = this.#bootstrap(abort.signal)
        .catch((error: unknown) => {
          if (this.#ready === started) this.#ready = undefined;
          throw error;
        })
        .finally(() => abort.release());
      started.catch(() => undefined); // callers get the error through their own promise
      this.#ready = ready = started;
      this.#readyAbort = shared = abort;
    }
    shared.join(signal);
    return untilAborted(ready, signal, 'session.ready()');
  }

  /** Waits for what a request needs — the schema, and in strict-hash mode the hash check — and resolves with the parts. */
  async prepare(signal?: AbortSignal): Promise<SessionParts> {
    this.assertOpen();
    if (this.#fatal) throw this.#fatal;
    throwIfAborted(signal, 'The request');
    const parts = this.#parts;
    if (parts !== undefined && !(this.#strictHash && this.#serverInformation === undefined)) return parts;
    return this.ready(signal);
  }

  /** Calls `listener` with each query this connection sends (`{ node, expression }`); returns its removal. */
  onQuery(listener: QueryListener): () => void {
    const entry: QueryListener = (event) => listener(event); // each subscription is its own entry
    this.#queryListeners.add(entry);
    return () => void this.#queryListeners.delete(entry);
  }

  /**
   * Sends a batch (the first one of a session with generated schema also asks for server
   * information, in front; a failing operation's index still counts the batch's own operations).
   */
  async exchange(operations: readonly Operation[], signal?: AbortSignal): Promise<unknown[]> {
    this.assertOpen();
    if (this.#serverInformation !== undefined || this.#informationPending) return this.#transport.send({ operations, signal });
    this.#informationPending = true;
    try {
      const valuesChecked = this.#checkValues(signal);
      const results = await this.#transport.send({ operations: [SERVER_INFORMATION, ...operations], signal, leadingOperations: 1 });
      this.#acceptInformation(results[0], 0);
      await valuesChecked;
      return results.slice(1);
    } finally {
      this.#informationPending = false;
    }
  }

  /**
   * Sends read operations and decodes their results with `decode`: coalesced with the other reads
   * of the same tick into one request (unless `autoBatch: false`); `immediate` for a group that is
   * already coalesced (it joins what is waiting and goes at once). Writes go through `exchange`.
   */
  read<T>(operations: readonly Operation[], signal: AbortSignal | undefined, decode: BatchDecode<T>, immediate = false): Promise<T> {
    if (this.#batcher === undefined) return this.exchange(operations, signal).then((results) => decode(results, false));
    if (this.closed) return Promise.reject(closedError());
    return this.#batcher.enqueue(operations, signal, decode, immediate);
  }

  /** A query without `select` (a raw `Task where …`) gets its type's default projections. */
  async resolve(query: QueryNode, signal?: AbortSignal): Promise<QueryNode> {
    if (query.projections.length > 0) return query;
    const { model } = await this.prepare(signal);
    return queryNode({ ...query, projections: defaultProjectionPaths(getEntityType(model, query.entityType)) });
  }

  /**
   * One query (sharing its request with the other reads of the same tick); its entities are merged
   * and join `group` (held by its lease when bounded).
   */
  async fetchPage(query: QueryNode, signal?: AbortSignal, group?: ResultGroup): Promise<QueryPage> {
    const { decoder, identity } = await this.prepare(signal);
    return this.read([this.#queryOperation(query)], signal, ([result], dropped) => {
      // A dropped (aborted) caller's entities are merged only for the results after it.
      const retention = dropped ? 'keep' : group?.retain === 'none' ? group.leaseFrom(identity.transient) : 'all';
      const { items, nextOffset } = this.#decodeQuery(decoder, result, 0, retention);
      if (!dropped) group?.add(items);
      return { items, nextOffset };
    });
  }

  /**
   * Several queries in one request (no paging; lazy loads, commit look-ups); their entities are
   * merged into the identity map without changing how existing entries are held (`'keep'`).
   */
  async runQueries(queries: readonly QueryNode[], signal?: AbortSignal): Promise<BaseEntity[][]> {
    const { decoder } = await this.prepare(signal);
    const operations = queries.map((query) => this.#queryOperation(query));
    return this.read(operations, signal, (results) => results.map((result, i) => this.#decodeQuery(decoder, result, i, 'keep').items), true);
  }

  close(): Promise<void> {
    this.#closing ??= this.#transport.close();
    this.#releaseSecret();
    return this.#closing;
  }

  assertOpen(): void {
    if (this.closed) throw closedError();
  }

  /** The `query` operation of `query`: compiled here (the one place queries become text), shown to the listeners. */
  #queryOperation(query: QueryNode): Operation {
    const expression = compileQuery(query);
    if (this.#queryListeners.size > 0) this.#emitQuery({ node: query, expression });
    return { action: 'query', expression };
  }

  /** A listener that throws does not stop the query: its error goes to the logger. */
  #emitQuery(event: QueryEvent): void {
    for (const listener of [...this.#queryListeners]) {
      try {
        listener(event);
      } catch (error) {
        this.#logger.warn(`A 'query' listener threw: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  #decodeQuery(decoder: Decoder, result: unknown, index: number, retention: DecodeRetention): { items: BaseEntity[]; nextOffset: number | null } {
    const envelope = checkEnvelope<QueryResultEnvelope>('query', index, result);
    try {
      return { items: decoder.entities(envelope.data, retention), nextOffset: envelope.metadata.next.offset };
    } catch (error) {
      throw withOperation(error, 'query', index);
    }
  }

  #useModel(model: SchemaModel): SessionParts {
    const parts = this.#createParts(model);
    this.#parts = parts;
    return parts;
  }

  async #bootstrap(signal: AbortSignal): Promise<SessionParts> {
    this.assertOpen();
    const known = this.#parts;
    if (known !== undefined) {
      const valuesChecked = this.#checkValues(signal);
      const [information] = await this.#transport.send({ operations: [SERVER_INFORMATION], signal });
      this.#acceptInformation(information, 0);
      await valuesChecked;
      return known;
    }
    const [information, schemas] = await this.#transport.send({ operations: [SERVER_INFORMATION, QUERY_SCHEMAS], signal });
    this.#acceptInformation(information, 0);
    try {
      return this.#useModel(parseSchemas(checkEnvelope('query_schemas', 1, schemas), { onWarning: this.#onWarning }));
    } catch (error) {
      throw withOperation(error, 'query_schemas', 1);
    }
  }

  /**
   * Compares the server's workspace values with the generated ones: their queries go in a request of
   * their own, in parallel with the first batch (in one batch, the server's deduplication would reduce
   * the entities the two share to bare references), once per session. A difference is one warning;
   * the check never fails a request: when its own request fails, the values stay uncompared.
   */
  #checkValues(signal: AbortSignal | undefined): Promise<void> {
    const values = this.#values;
    if (values === undefined) return Promise.resolve();
    this.#values = undefined;
    // sent after the first batch (a microtask later): request logs show it second
    return Promise.resolve()
      .then(() => this.#transport.send({ operations: values.queries, signal }))
      .then(
        (answers) => {
          const warning = valuesWarning(values.metadata, answers, this.serverUrl);
          if (warning !== undefined) this.#logger.warn(warning);
        },
        () => undefined,
      );
  }

  #acceptInformation(result: unknown, index: number): void {
    const information = checkEnvelope<ServerInformation>('query_server_information', index, result);
    this.#serverInformation = information;
    if (this.#expectedHash === undefined || information.schema_hash === undefined || information.schema_hash === this.#expectedHash) return;
    const actual = excerpt(information.schema_hash); // a server value: short and redacted
    const message =
      `Schema mismatch: the generated client was built from schema ${this.#expectedHash}, but ${this.serverUrl} reports ${actual}. ` +
      "Regenerate the client (ftrack-codegen --server …) to pick up the server's changes.";
    if (!this.#strictHash) return this.#logger.warn(message);
    this.#fatal = new SchemaError(message, {}, { cause: { expected: this.#expectedHash, actual } });
    throw this.#fatal;
  }
}

/** Operations per coalesced request, or undefined when `autoBatch` is off; a bad value is a `ConfigurationError`. */
function batchLimit(autoBatch: SessionOptions['autoBatch']): number | undefined {
  if (autoBatch === false) return undefined;
  if (autoBatch === undefined || autoBatch === true) return MAX_BATCH_OPERATIONS;
  const max = typeof autoBatch === 'object' && autoBatch !== null ? (autoBatch.maxOperations ?? MAX_BATCH_OPERATIONS) : Number.NaN;
  if (Number.isInteger(max) && max > 0) return max;
  throw new ConfigurationError(`autoBatch must be true, false or { maxOperations: <positive whole number> }, got ${describeAutoBatch(autoBatch)}.`, {
    cause: { autoBatch: describeAutoBatch(autoBatch) },
  });
}

function describeAutoBatch(value: unknown): string {
  if (typeof value !== 'object' || value === null) return String(value);
  const max = (value as { maxOperations?: unknown }).maxOperations;
  return `{ maxOperations: ${typeof max === 'string' ? JSON.stringify(max) : String(max)} }`;
}

/** The error of any use of a closed session. */
export function closedError(): ConnectionClosedError {
  return new ConnectionClosedError('The session is closed; nothing was sent. Create a new Session to talk to the server again.', {
    cause: { closed: true },
  });
}

/** A schema warning with the key (and every registered secret) taken out of its texts. */
function redactWarning(warning: SchemaWarning, apiKey: string): SchemaWarning {
  return { code: warning.code, message: redactText(warning.message, apiKey), places: warning.places.map((place) => redactText(place, apiKey)) };
}
