import { inspect } from 'node:util';
import { ArgumentError, ConnectionClosedError, InvalidStateError, SchemaError } from '../errors.js';
import type { Operation } from '../protocol/operations.js';
import type { QueryResultEnvelope, ServerInformation } from '../protocol/envelopes.js';
import type { EntityTypeModel, SchemaModel } from '../schema/model.js';
import { parseSchemas } from '../schema/parse-schema.js';
import { getEntityType } from '../schema/schema-lookup.js';
import { UndiciTransport } from '../transport/undici-transport.js';
import type { Transport } from '../transport/transport.js';
import { Decoder } from './decoder.js';
import { encodeValue } from './encode.js';
import type { AnyEntity, QueryLike, UntypedWorkspace, WorkspaceShape } from './entity-types.js';
import { hasSelect, leadingTypeName } from './expression.js';
import { IdentityMap } from './identity-map.js';
import { SimpleLoader, type EntityLoader } from './loader.js';
import { primaryKeyCondition, primaryKeyValues, type PrimaryKeyInput } from './primary-key.js';
import { QueryResult, type QueryOptions, type QueryPage, type QuerySource } from './query-result.js';
import { SessionEntityContext } from './session-context.js';
import { checkEnvelope, decodeResult, withOperation } from './session-results.js';
import { resolveCredentials, type SessionLogger, type SessionOptions } from './session-options.js';

const SERVER_INFORMATION: Operation = { action: 'query_server_information' };
const QUERY_SCHEMAS: Operation = { action: 'query_schemas' };

/**
 * A connection to an ftrack server with an identity map: every entity the server returns is
 * one JavaScript object per type + primary key for the life of the session.
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
  readonly #transport: Transport;
  readonly #logger: SessionLogger;
  readonly #expectedHash: string | undefined;
  readonly #strictHash: boolean;
  readonly #context = new SessionEntityContext();
  readonly #source: QuerySource = { resolve: (e) => this.#resolve(e), fetchPage: (e, s) => this.#fetchPage(e, s) };
  #model: SchemaModel | undefined;
  #identity: IdentityMap | undefined;
  #decoder: Decoder | undefined;
  #serverInformation: ServerInformation | undefined;
  #informationPending = false;
  #ready: Promise<this> | undefined;
  #fatal: Error | undefined;
  #closing: Promise<void> | undefined;

  constructor(options: SessionOptions = {}) {
    const { serverUrl, apiUser, apiKey } = resolveCredentials(options);
    this.serverUrl = serverUrl;
    this.apiUser = apiUser;
    this.#logger = options.logger ?? console;
    this.#strictHash = options.strictSchemaHash === true;
    this.#transport =
      options.transport ??
      new UndiciTransport({ serverUrl, apiUser, apiKey, dispatcher: options.dispatcher, timeoutMs: options.timeoutMs, strictApi: options.strictApi, headers: options.headers });
    if (options.schema !== undefined) {
      this.#expectedHash = options.schema.schemaHash;
      this.#install(parseSchemas(options.schema.schemas));
    }
  }

  /** True once `close()` was called. */
  get closed(): boolean {
    return this.#closing !== undefined;
  }

  /** The server's `query_server_information` answer; undefined until the first request. */
  get serverInformation(): ServerInformation | undefined {
    return this.#serverInformation;
  }

  /** The schema model. Without generated `schema`, available after `await session.ready()`. */
  get schema(): SchemaModel {
    if (this.#model === undefined) {
      throw new InvalidStateError('The schema is not loaded yet: `await session.ready()` (or run any query) first, or pass generated `schema` metadata.');
    }
    return this.#model;
  }

  /** The workspace's entity types by name, each with its attributes (see `schema`). */
  get types(): ReadonlyMap<string, EntityTypeModel> {
    return this.schema.types;
  }

  /** The identity map (advanced: inspection and the unit of work). */
  get identityMap(): IdentityMap {
    if (this.#identity === undefined) {
      throw new InvalidStateError('The identity map exists once the schema is known: `await session.ready()` first.');
    }
    return this.#identity;
  }

  /** The strategy behind `$get` / `$load`; replaceable (issue 6 installs a batching loader). */
  get loader(): EntityLoader | undefined {
    return this.#context.loader;
  }

  set loader(loader: EntityLoader) {
    this.#context.loader = loader;
  }

  /**
   * Resolves when the schema and server information are known: without generated `schema`
   * it sends `query_server_information` and `query_schemas` in one batch (once).
   */
  ready(): Promise<this> {
    if (this.closed) return Promise.reject(closedError());
    if (this.#fatal) return Promise.reject(this.#fatal);
    if (this.#model !== undefined && this.#serverInformation !== undefined) return Promise.resolve(this);
    this.#ready ??= this.#bootstrap().then(
      () => this,
      (error: unknown) => {
        this.#ready = undefined;
        throw error;
      },
    );
    return this.#ready;
  }

  /**
   * Sends `operations` as one batch and resolves with their results in order; entities in the
   * results are merged into the identity map; dayjs / Date / entity values are encoded.
   * @example await session.call([{ action: 'query', expression: 'select name from Project limit 1' }])
   */
  async call(operations: readonly Operation[], options: { signal?: AbortSignal } = {}): Promise<unknown[]> {
    this.#assertOpen();
    if (!Array.isArray(operations) || operations.some((op) => typeof op?.action !== 'string')) {
      throw new ArgumentError('session.call() takes an array of operations, each with a string "action".', { cause: { operations } });
    }
    await this.#prepare();
    const encoded = operations.map((operation) => encodeValue(operation) as Operation);
    const results = await this.#exchange(encoded, options.signal);
    return results.map((result, i) => decodeResult(this.#decoder!, encoded[i]!.action, i, result));
  }

  /**
   * A lazy query: a string expression (entities of any type), or a typed builder.
   * An expression without `select` gets the type's default projections.
   * @example session.query('Task where status.name is "In progress"', { pageSize: 100 })
   * // select context_type, id, name from Task where status.name is "In progress" limit 100
   */
  query(expression: string, options?: QueryOptions): QueryResult<AnyEntity>;
  query<R>(query: QueryLike<R>, options?: QueryOptions): QueryResult<R>;
  query(expression: string | QueryLike<unknown>, options: QueryOptions = {}): QueryResult<unknown> {
    return new QueryResult(this.#source, String(expression), options);
  }

  /**
   * The entity with this primary key: from the identity map when cached, else one query.
   * Resolves to undefined when the server has none.
   * @example await session.get('Project', id) // select context_type, id, name from Project where id is "…" limit 1
   */
  async get<T extends keyof W['entities'] & string>(type: T, primaryKey: PrimaryKeyInput): Promise<W['entities'][T] | undefined> {
    this.#assertOpen();
    await this.#prepare();
    const runtime = this.#identity!.runtime(type);
    const values = primaryKeyValues(runtime, primaryKey);
    const cached = this.#identity!.find(type, values);
    if (cached !== undefined) return cached as W['entities'][T];
    const projections = runtime.model.defaultProjections.join(', ');
    const result = new QueryResult<W['entities'][T]>(this.#source, `select ${projections} from ${type} where ${primaryKeyCondition(runtime, values)}`);
    return result.first();
  }

  /** Releases the connection pool and forgets cached entities; idempotent. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#identity?.clear();
      await this.#transport.close();
    })();
    return this.#closing;
  }

  /** `await using session = new Session()` closes the session at the end of the block. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  [inspect.custom](): string {
    const types = this.#model ? `${this.#model.types.size} types` : 'not loaded';
    return `Session { serverUrl: '${this.serverUrl}', apiUser: '${this.apiUser}', schema: ${types}, closed: ${this.closed} }`;
  }

  #install(model: SchemaModel): void {
    this.#model = model;
    this.#identity = new IdentityMap(model, this.#context);
    this.#decoder = new Decoder(this.#identity);
    this.#context.loader ??= new SimpleLoader(model, (expression) => this.#fetchPage(expression).then((page) => page.items as never));
  }

  async #bootstrap(): Promise<void> {
    this.#assertOpen();
    if (this.#model !== undefined) {
      const [information] = await this.#transport.send({ operations: [SERVER_INFORMATION] });
      this.#acceptInformation(information, 0);
      return;
    }
    const [information, schemas] = await this.#transport.send({ operations: [SERVER_INFORMATION, QUERY_SCHEMAS] });
    this.#acceptInformation(information, 0);
    this.#install(parseSchemas(checkEnvelope('query_schemas', 1, schemas)));
  }

  /** Waits for what a request needs: the schema, and in strict-hash mode the hash check. */
  async #prepare(): Promise<void> {
    if (this.#fatal) throw this.#fatal;
    if (this.#model === undefined || (this.#strictHash && this.#serverInformation === undefined)) await this.ready();
  }

  /** Sends a batch; the first one of a session with generated schema also asks for server information. */
  async #exchange(operations: readonly Operation[], signal?: AbortSignal): Promise<unknown[]> {
    this.#assertOpen();
    if (this.#serverInformation !== undefined || this.#informationPending) return this.#transport.send({ operations, signal });
    this.#informationPending = true;
    try {
      const failingOperation = operations.length === 1 ? { index: 0, action: operations[0]!.action } : undefined;
      const results = await this.#transport.send({ operations: [SERVER_INFORMATION, ...operations], signal, failingOperation });
      this.#acceptInformation(results[0], 0);
      return results.slice(1);
    } finally {
      this.#informationPending = false;
    }
  }

  #acceptInformation(result: unknown, index: number): void {
    const information = checkEnvelope<ServerInformation>('query_server_information', index, result);
    this.#serverInformation = information;
    const actual = information.schema_hash;
    if (this.#expectedHash === undefined || actual === undefined || actual === this.#expectedHash) return;
    const message =
      `Schema mismatch: the generated client was built from schema ${this.#expectedHash}, but ${this.serverUrl} reports ${actual}. ` +
      'Regenerate the client (ftrack-codegen --server …) to pick up the server\'s changes.';
    if (!this.#strictHash) return this.#logger.warn(message);
    this.#fatal = new SchemaError(message, {}, { cause: { expected: this.#expectedHash, actual } });
    throw this.#fatal;
  }

  async #resolve(expression: string): Promise<string> {
    const trimmed = expression.trim();
    if (hasSelect(trimmed)) return trimmed;
    this.#assertOpen();
    await this.#prepare();
    const type = getEntityType(this.#model!, leadingTypeName(trimmed));
    return `select ${type.defaultProjections.join(', ')} from ${trimmed}`;
  }

  async #fetchPage(expression: string, signal?: AbortSignal): Promise<QueryPage> {
    this.#assertOpen();
    await this.#prepare();
    const [result] = await this.#exchange([{ action: 'query', expression }], signal);
    const envelope = checkEnvelope<QueryResultEnvelope>('query', 0, result);
    try {
      return { items: this.#decoder!.entities(envelope.data), nextOffset: envelope.metadata.next.offset };
    } catch (error) {
      throw withOperation(error, 'query', 0);
    }
  }

  #assertOpen(): void {
    if (this.closed) throw closedError();
  }
}

function closedError(): ConnectionClosedError {
  return new ConnectionClosedError('The session is closed; nothing was sent. Create a new Session to talk to the server again.', {
    cause: { closed: true },
  });
}
