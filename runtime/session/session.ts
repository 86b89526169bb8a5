import { ArgumentError, ConfigurationError, InvalidStateError } from '../errors.js';
import { INSPECT } from '../contract/inspect-symbol.js';
import { FetchTransport } from '../transport/fetch-transport.js';
import type { Transport } from '../transport/transport.js';
import type { Operation, OperationResults } from '../protocol/operations.js';
import type { ServerInformation } from '../protocol/envelopes.js';
import type { EntityTypeModel, SchemaModel } from '../schema/model.js';
import { isEntity, type BaseEntity } from '../entity/base-entity.js';
import { BatchingLoader } from '../loading/batching-loader.js';
import { pendingChanges, runCommit, type CommitResult, type PendingChanges } from '../unit-of-work/commit.js';
import { createEntity } from '../identity/create-entity.js';
import { encodeValue } from '../unit-of-work/encode.js';
import { ensureEntity } from '../unit-of-work/ensure.js';
import type { AnyEntity, Entity, QueryLike, UntypedWorkspace, WorkspaceShape } from '../contract/entity-types.js';
import { RUNTIME } from '../entity/entity-internals.js';
import type { IdentityMap } from '../identity/identity-map.js';
import type { EntityLoader } from '../loading/loader.js';
import { primaryKeyCondition, primaryKeyValues, type PrimaryKeyInput } from '../loading/primary-key.js';
import { QueryResult, type QueryOptions, type QuerySource } from '../loading/query-result.js';
import { SessionConnection, closedError } from './session-connection.js';
import { onlyReads } from './request-batcher.js';
import { SessionEntityContext } from './session-context.js';
import type { DefaultTransportOptions, SessionOptions } from './session-options.js';
import { createSessionParts, type SessionParts } from './session-parts.js';
import type { QueryListener } from './query-event.js';
import { defaultProjectionPaths } from '../query/default-projections.js';
import { queryNode } from '../query/node-factory.js';
import type { QueryNode } from '../query/nodes.js';
import { parseQuery } from '../query/parse-query.js';
import { QueryBuilder } from '../query/query-builder.js';
import { decodeResult } from '../identity/session-results.js';
import type { UnitOfWork } from '../unit-of-work/unit-of-work.js';
import type { SignalOptions } from '../contract/signal-options.js';
import { FILES_HOST, type FilesHost } from './files-hook.js';
import type { EventHub } from '../events/event-hub.js';
import type { WebSocketConstructor } from '../events/hub-socket.js';
import { eventHubFactory, type EventHubFactory } from '../events/hub-factory.js';
import { componentMembers } from '../files/component-members.js';

/**
 * A connection to an ftrack server with an identity map and a unit of work: every entity the
 * server returns is one JavaScript object per type + primary key for the life of the session;
 * changes are recorded on those objects and sent by `commit()` as one batch.
 *
 * @example
 * await using session = new Session(); // FTRACK_SERVER, FTRACK_API_USER, FTRACK_API_KEY
 * const projects = await session.query('Project where status is active').all();
 * // select context_type, id, name from Project where status is active limit 500
 */
export class Session<W extends WorkspaceShape = UntypedWorkspace> implements AsyncDisposable {
  /** The server URL as configured. */
  readonly serverUrl: string;
  /** The API user. */
  readonly apiUser: string;
  readonly #commitChunkSize: number | undefined;
  readonly #context: SessionEntityContext;
  readonly #connection: SessionConnection;
  readonly #source: QuerySource;
  readonly #options: SessionOptions;
  readonly #createEventHub: () => EventHub<W['entities']>;
  #eventHub: EventHub<W['entities']> | undefined;
  #filesHost: FilesHost | undefined;

  /**
   * The transport of a session created without `transport`: `FetchTransport` (the standard
   * `fetch`; the browser entry's default). The Node entry's `Session` uses `UndiciTransport`.
   */
  protected static createTransport(options: DefaultTransportOptions): Transport {
    if (options.dispatcher !== undefined) {
      throw new ConfigurationError(
        '`dispatcher` is an undici option of the Node entry point; this Session sends with `fetch`. Pass `transport: new FetchTransport({ ..., fetch })` to change how requests are sent.',
        {},
      );
    }
    return new FetchTransport(options);
  }

  /** The WebSocket class of the event hub without `eventHub.WebSocket`: `globalThis.WebSocket` (the Node entry's `Session` uses undici's). */
  protected static eventHubWebSocket(): WebSocketConstructor | undefined {
    return (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  }

  /** Builds `session.eventHub`: here the one `enableEventHub()` registered (apps without events carry no hub code); the Node entry's `Session` always has it. */
  protected static eventHubFactory(): EventHubFactory {
    return eventHubFactory();
  }

  constructor(options: SessionOptions = {}) {
    const createTransport = (transportOptions: DefaultTransportOptions) => (new.target as typeof Session).createTransport(transportOptions);
    const context = new SessionEntityContext();
    context.customAttributes = options.schema?.customAttributes;
    context.runQueries = (queries, signal) => connection.runQueries(queries, signal);
    // Components (by the schema) get `$url` / `$locations` (runtime/files/component-members.ts).
    context.typeMembers = (type, schema) => componentMembers(type, schema, () => this[FILES_HOST]());
    const connection: SessionConnection = new SessionConnection(options, (model) =>
      createSessionParts(model, context, () =>
        new BatchingLoader(model, (expressions, signal, queries) => connection.runQueries(queries ?? expressions.map((e) => parseQuery(e)), signal), {
          crossResult: options.crossResultBatching !== false,
          chunkSize: options.loadChunkSize,
        }),
      ),
      createTransport,
    );
    this.#commitChunkSize = options.commitChunkSize;
    this.#options = options;
    this.#context = context;
    this.#connection = connection;
    this.serverUrl = connection.serverUrl;
    this.apiUser = connection.apiUser;
    this.#source = { resolve: (q, s) => connection.resolve(q, s), fetchPage: (q, s, g) => connection.fetchPage(q, s, g) };
    const SessionClass = new.target as typeof Session;
    this.#createEventHub = () => {
      const factory = SessionClass.eventHubFactory();
      const hubOptions = options.eventHub ?? {};
      const WebSocket = hubOptions.WebSocket ?? SessionClass.eventHubWebSocket();
      const warn = (message: string) => connection.logger.warn(message);
      return factory(connection.credentials(), WebSocket === undefined ? hubOptions : { ...hubOptions, WebSocket }, warn, () => connection.model) as EventHub<W['entities']>;
    };
  }

  /**
   * The session's event hub, created on first use; it connects on the first `subscribe` or
   * `publish` (or `await session.eventHub.connect()`) with the session's credentials, and
   * `session.close()` disconnects it.
   * @example session.eventHub.subscribe(on.topic('ftrack.update'), (e) => console.log(e.data.entities))
   * // ftrack.meta.subscribe {"subscription": "topic=ftrack.update", …}
   */
  get eventHub(): EventHub<W['entities']> {
    if (this.closed) throw closedError();
    this.#eventHub ??= this.#createEventHub();
    return this.#eventHub;
  }

  /** True once `close()` was called. */
  get closed(): boolean {
    return this.#connection.closed;
  }

  /** The server's `query_server_information` answer; undefined until the first request. */
  get serverInformation(): ServerInformation | undefined {
    return this.#connection.serverInformation;
  }

  /** The schema model. Without generated `schema`, available after `await session.ready()`. */
  get schema(): SchemaModel {
    const model = this.#connection.model;
    if (model === undefined) {
      throw new InvalidStateError('The schema is not loaded yet: `await session.ready()` (or run any query) first, or pass generated `schema` metadata.');
    }
    return model;
  }

  /** The workspace's entity types by name, each with its attributes (see `schema`). */
  get types(): ReadonlyMap<string, EntityTypeModel> {
    return this.schema.types;
  }

  /** The identity map (advanced: inspection and the unit of work). */
  get identityMap(): IdentityMap {
    const parts = this.#connection.parts;
    if (parts === undefined) {
      throw new InvalidStateError('The identity map exists once the schema is known: `await session.ready()` first.');
    }
    return parts.identity;
  }

  /** The strategy behind `$get` / `$load` / `populate` (default: the batching loader). */
  get loader(): EntityLoader | undefined {
    return this.#context.loader;
  }

  set loader(loader: EntityLoader) {
    this.#context.loader = loader;
  }

  /**
   * Resolves when the schema and server information are known: without generated `schema`
   * it sends `query_server_information` and `query_schemas` in one batch (once).
   * `signal` rejects this call with `RequestAbortedError`; the shared request is aborted only
   * when every caller waiting for it has aborted.
   * @example await session.ready({ signal: AbortSignal.timeout(5000) })
   */
  async ready(options: SignalOptions = {}): Promise<this> {
    await this.#connection.ready(options.signal);
    return this;
  }

  /**
   * Sends `operations` as one batch and resolves with their results in order, typed per operation
   * (`query` → rows and next offset, `create` / `update` → the entity, `delete` → `data: true`,
   * `query_schemas` → the schema list, `query_server_information` → the server information, any
   * other action → `unknown`). Entities in the results are merged into the identity map; dayjs /
   * Date / entity values are encoded. A batch made only of reads shares its request with the other
   * reads of the same tick (`autoBatch`); the server runs the batch as a whole: one failing
   * operation fails the call (its error's `operationIndex` counts this call's operations).
   * @example const [page, info] = await session.call([
   *   { action: 'query', expression: 'select name from Project limit 1' },
   *   { action: 'query_server_information' },
   * ]); // page.data: AnyEntity[], info.version: string
   */
  async call<const O extends readonly Operation[]>(operations: O, options: SignalOptions = {}): Promise<OperationResults<O, W['entities'], AnyEntity>> {
    this.#connection.assertOpen();
    if (!Array.isArray(operations) || operations.some((op) => typeof op?.action !== 'string')) {
      throw new ArgumentError('session.call() takes an array of operations, each with a string "action".', { cause: { operations } });
    }
    const { decoder } = await this.#connection.prepare(options.signal);
    const encoded = operations.map((operation) => encodeValue(operation) as Operation);
    const decode = (results: unknown[]) => results.map((result, i) => decodeResult(decoder, encoded[i]!.action, i, result));
    const decoded = onlyReads(encoded)
      ? await this.#connection.read(encoded, options.signal, decode)
      : decode(await this.#connection.exchange(encoded, options.signal));
    return decoded as OperationResults<O, W['entities'], AnyEntity>;
  }

  /**
   * Subscribes to the queries the session sends (reads, pages, `get`, lazy loads, `populate`,
   * `ensure`, commit look-ups; not the raw operations of `call()`): `listener` gets each one as
   * `{ node, expression }` — the query as data and the text sent — just before it is sent. Returns
   * the function that unsubscribes. A listener that throws does not stop the query (its error goes
   * to `logger.warn`).
   * @example const off = session.on('query', ({ expression }) => console.debug(expression));
   * // select context_type, id, name from Project where status is "active" limit 500
   */
  on(event: 'query', listener: QueryListener): () => void {
    if (event !== 'query') throw new ArgumentError(`session.on() knows the event 'query', got ${JSON.stringify(event)}.`, { cause: { event } });
    if (typeof listener !== 'function') throw new ArgumentError("session.on('query', listener) needs a function.", { cause: { listener: typeof listener } });
    return this.#connection.onQuery(listener);
  }

  /**
   * A lazy query: a string expression (entities of any type), or a typed builder. A string is
   * parsed here, once, into the builder's query nodes (`QueryError` with the position for bad
   * syntax); an expression without `select` gets the type's default projections.
   * @example session.query('Task where status.name is "In progress"', { pageSize: 100 })
   * // select context_type, id, name from Task where status.name is "In progress" limit 100
   */
  query(expression: string, options?: QueryOptions): QueryResult<AnyEntity>;
  query<R>(query: QueryLike<R>, options?: QueryOptions): QueryResult<R>;
  query(expression: string | QueryLike<unknown>, options: QueryOptions = {}): QueryResult<unknown> {
    if (expression instanceof QueryBuilder) return new QueryResult(this.#source, expression.node, options);
    const text = String(expression);
    return new QueryResult(this.#source, parseQuery(text), options, text);
  }

  /**
   * The entity with this primary key: from the identity map when cached, else one query.
   * Resolves to undefined when the server has none. `signal` aborts the query (`RequestAbortedError`).
   * @example await session.get('Project', id) // select context_type, id, name from Project where id is "…" limit 1
   */
  async get<T extends keyof W['entities'] & string>(type: T, primaryKey: PrimaryKeyInput, options: SignalOptions = {}): Promise<W['entities'][T] | undefined> {
    const { identity, runtime } = await this.#runtime(type, options.signal);
    const values = primaryKeyValues(runtime, primaryKey);
    const cached = identity.find(type, values);
    if (cached !== undefined) return cached as W['entities'][T];
    const query = queryNode({
      entityType: type,
      projections: defaultProjectionPaths(runtime.model),
      defaultProjections: true,
      where: primaryKeyCondition(runtime, values),
      orderBy: [],
      offset: undefined,
      limit: undefined,
    });
    return new QueryResult<W['entities'][T]>(this.#source, query, { signal: options.signal }).first();
  }

  /**
   * Loads (or reloads) attribute paths for many entities at once: one query per type and chunk,
   * all in one request. Created entities are skipped; local (unsaved) values are kept.
   * `signal` aborts it (`RequestAbortedError`; nothing is merged when the request is aborted).
   * @example await session.populate(tasks, 'status.name, parent') // select status.name, parent.… from Task where id in (…)
   */
  async populate<E extends Entity<string>>(entities: readonly E[], paths: string | readonly string[], options: SignalOptions = {}): Promise<E[]> {
    this.#connection.assertOpen();
    const list = (typeof paths === 'string' ? paths.split(',') : [...paths]).map((path) => path.trim()).filter((path) => path !== '');
    if (list.length === 0) throw new ArgumentError('populate() needs at least one attribute path, e.g. "status.name, parent".');
    const own = entities.map((entity) => this.#own(entity, 'populate'));
    if (own.length > 0) await this.#context.load(own, list, { refresh: true, expand: false, signal: options.signal });
    return [...entities];
  }

  /**
   * A new entity, in the identity map at once (state `created`): schema defaults applied
   * (`{uid}` ids generated here, literal defaults, the subtype's `object_type_id`), `data` set.
   * Nothing is sent until `commit()`.
   * @example const seq = session.create('Sequence', { name: 'Starlord Reveal', parent: project });
   * // on commit: {"action": "create", "entity_type": "Sequence", "entity_data": {"id": "…", "name": "Starlord Reveal", …}}
   */
  create<T extends keyof W['create'] & keyof W['entities'] & string>(type: T, data: W['create'][T]): W['entities'][T] {
    return createEntity(this.identityMap, this.#unitOfWork(), type, data) as W['entities'][T];
  }

  /**
   * Marks an entity for deletion (sent by `commit()`); a created entity is simply dropped.
   * @example session.delete(task) // on commit: {"action": "delete", "entity_type": "Task", "entity_key": ["…"]}
   */
  delete(entity: Entity<string>): void {
    this.#parts().unitOfWork.delete(this.#own(entity, 'delete'));
  }

  /**
   * Finds the entity whose identifying keys (default: all of `data`) match, or creates it, then
   * updates the other values of `data`; commits when something was created or changed.
   * `signal` aborts it: an abort before the commit leaves the session as it was (nothing created
   * or changed); an abort during the commit is the commit's own outcome.
   * @example await session.ensure('Sequence', { name: 'sq010', parent: project }, ['name', 'parent'])
   * // select id, name, parent.… from Sequence where name is "sq010" and parent.id is "…" limit 2
   */
  async ensure<T extends keyof W['create'] & keyof W['entities'] & string>(
    type: T,
    data: W['create'][T],
    identifyingKeys?: readonly (keyof W['create'][T] & string)[],
    options: SignalOptions = {},
  ): Promise<W['entities'][T]> {
    const { identity } = await this.#runtime(type, options.signal);
    const host = {
      identityMap: identity,
      findTwo: async (query: QueryNode) => (await this.#connection.fetchPage(queryNode({ ...query, limit: 2 }), options.signal)).items as BaseEntity[],
      create: (name: string, values: Record<string, unknown>) => createEntity(identity, this.#unitOfWork(), name, values),
      discard: (entity: BaseEntity) => this.#unitOfWork().delete(entity),
      commit: () => this.commit({ signal: options.signal }),
    };
    return (await ensureEntity(host, type, data as Record<string, unknown>, identifyingKeys, options.signal)) as W['entities'][T];
  }

  /**
   * What `commit()` would send now (operations in order), by state, and the problems its
   * validation would report; `inFlight` (the operations of a commit awaiting its answer — then
   * `operations` is what is left once it succeeds) and `outcomeUnknown` (entities the next commit
   * first checks on the server). Nothing is sent.
   */
  get pending(): PendingChanges {
    const uow = this.#connection.parts?.unitOfWork;
    if (uow === undefined) return { operations: [], created: [], modified: [], deleted: [], problems: [], inFlight: [], outcomeUnknown: [] };
    return pendingChanges(uow);
  }

  /**
   * Sends every pending change as one batch — dependency-ordered, compacted, validated first —
   * and merges the server's results into the same objects. Only what was sent is marked saved:
   * changes made while the commit is in flight stay pending. One commit runs at a time; a call
   * made meanwhile waits, then sends what is still pending. Outcomes: the server refused
   * (`CommitRejectedError`: nothing applied, everything pending; fix and commit again), or the
   * outcome is unknown (`CommitOutcomeUnknownError`: timeout, lost connection, unreadable answer,
   * abort after sending; everything pending — the next `commit()` first asks the server, in one
   * request, which changes already hold and sends only the rest, so calling it again is safe).
   * `signal` aborts it: before anything is sent → `RequestAbortedError`, nothing sent.
   * @example await session.commit() // [{"action": "create", …}, {"action": "update", …}] in one request
   * @example await session.commit({ signal: AbortSignal.timeout(10_000) })
   * A create without a client-side primary key cannot be looked up after an unknown outcome: it
   * is a validation problem until `commit({ resendUnchecked: true })` (or `rollback()`).
   */
  async commit(options: SignalOptions & { readonly resendUnchecked?: boolean } = {}): Promise<CommitResult> {
    const connection = this.#connection;
    const { decoder, identity } = await connection.prepare(options.signal);
    const channel = { exchange: connection.exchange.bind(connection), runQueries: connection.runQueries.bind(connection), decoder };
    try {
      return await runCommit(this.#unitOfWork(), channel, { chunk: this.#commitChunkSize, signal: options.signal, resendUnchecked: options.resendUnchecked });
    } finally {
      identity.transient.sweep(); // rows of bounded reads that were pending leave the map once saved
    }
  }

  /**
   * Discards every pending change: local values are dropped, created entities leave the identity
   * map, inverse collections get their members back in their order. No request. Throws
   * `InvalidStateError` while a commit is in flight (await it first). After an unknown outcome the
   * server may hold the discarded changes: query again to see what it has.
   */
  rollback(): void {
    const parts = this.#connection.parts;
    parts?.unitOfWork.rollback();
    parts?.identity.transient.sweep();
  }

  /** For the files API (runtime/files: `sessionFiles(session)`, the Node `Session`'s file methods); not public. */
  [FILES_HOST](): FilesHost {
    this.#filesHost ??= this.#createFilesHost();
    return this.#filesHost;
  }

  #createFilesHost(): FilesHost {
    const { serverUrl, apiUser, apiKey } = this.#connection.credentials();
    return {
      serverUrl,
      apiUser,
      apiKey,
      dispatcher: this.#options.dispatcher,
      call: async (operations, signal) => (await this.call(operations, { signal })) as readonly unknown[],
      schema: async (signal) => (await this.ready({ signal })).schema,
      own: (entity, what) => this.#own(entity, what),
      componentAdded: (componentId, locationId) => {
        // As ftrack's JS client: only on a connected hub (no connection is opened for it); a failed publish goes to the hub's onError.
        this.#eventHub?.notify({ topic: 'ftrack.location.component-added', data: { component_id: componentId, location_id: locationId } });
      },
    };
  }

  /** Releases the connection pool and forgets cached entities; idempotent. */
  async close(): Promise<void> {
    this.#eventHub?.disconnect();
    if (!this.closed) this.#connection.parts?.identity.clear();
    await this.#connection.close();
  }

  /** `await using session = new Session()` closes the session at the end of the block. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  [INSPECT](): string {
    const model = this.#connection.model;
    const types = model ? `${model.types.size} types` : 'not loaded';
    return `Session { serverUrl: '${this.serverUrl}', apiUser: '${this.apiUser}', schema: ${types}, closed: ${this.closed} }`;
  }

  async #runtime(type: string, signal?: AbortSignal) {
    const { identity } = await this.#connection.prepare(signal);
    return { identity, runtime: identity.runtime(type) };
  }

  /** The parts, for work that needs the schema now (no request). */
  #parts(): SessionParts {
    if (this.closed) throw closedError();
    const parts = this.#connection.parts;
    if (parts === undefined) throw new InvalidStateError('The schema is not loaded yet: `await session.ready()` first, or pass generated `schema` metadata.');
    return parts;
  }

  #unitOfWork(): UnitOfWork {
    return this.#parts().unitOfWork;
  }

  #own(entity: unknown, what: string): BaseEntity {
    if (!isEntity(entity) || entity[RUNTIME].context !== this.#context) {
      throw new ArgumentError(`session.${what}() takes entities of this session.`, { cause: { entity: typeof entity } });
    }
    return entity;
  }
}
