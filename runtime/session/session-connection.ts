import { ConnectionClosedError, SchemaError } from '../errors.js';
import type { QueryResultEnvelope, ServerInformation } from '../protocol/envelopes.js';
import type { Operation } from '../protocol/operations.js';
import { pathSegment } from '../query/quote.js';
import type { SchemaModel } from '../schema/model.js';
import { parseSchemas } from '../schema/parse-schema.js';
import type { SchemaWarning, SchemaWarningHandler } from '../schema/schema-warnings.js';
import { getEntityType } from '../schema/schema-lookup.js';
import type { Transport } from '../transport/transport.js';
import { UndiciTransport } from '../transport/undici-transport.js';
import { SharedAbort, throwIfAborted, untilAborted } from '../transport/abort.js';
import { excerpt, redactText, registerSecret } from '../transport/redact.js';
import { displayServerUrl } from '../transport/server-url.js';
import type { BaseEntity } from '../entity/base-entity.js';
import { hasSelect, leadingTypeName } from '../loading/expression.js';
import type { QueryPage } from '../loading/query-result.js';
import type { ResultGroup } from '../identity/result-group.js';
import { checkEnvelope, withOperation } from '../identity/session-results.js';
import { resolveCredentials, type SessionLogger, type SessionOptions } from './session-options.js';
import type { DecodeRetention, Decoder } from '../identity/decoder.js';

const SERVER_INFORMATION: Operation = { action: 'query_server_information' };
const QUERY_SCHEMAS: Operation = { action: 'query_schemas' };

/** Receives where a batch's own operations start in the request actually sent. */
export interface BatchOffset {
  value: number;
}

/**
 * The session's link to the server: transport, start-up (server information, schema, hash check)
 * and sending batches. `install` is called once the schema model is known.
 */
export class SessionConnection {
  readonly serverUrl: string;
  readonly apiUser: string;
  readonly #transport: Transport;
  readonly #logger: SessionLogger;
  readonly #onWarning: SchemaWarningHandler;
  readonly #expectedHash: string | undefined;
  readonly #strictHash: boolean;
  readonly #install: (model: SchemaModel) => Decoder;
  #model: SchemaModel | undefined;
  #decoder: Decoder | undefined;
  #serverInformation: ServerInformation | undefined;
  #informationPending = false;
  #ready: Promise<void> | undefined;
  #readyAbort: SharedAbort | undefined;
  readonly #releaseSecret: () => void;
  #fatal: Error | undefined;
  #closing: Promise<void> | undefined;

  constructor(options: SessionOptions, install: (model: SchemaModel) => Decoder) {
    const { serverUrl, apiUser, apiKey } = resolveCredentials(options);
    // Shown by inspect, JSON and messages: never with userinfo credentials.
    this.serverUrl = redactText(displayServerUrl(serverUrl), apiKey);
    this.apiUser = apiUser;
    this.#install = install;
    this.#logger = options.logger ?? console;
    const warn = options.onWarning ?? ((warning) => this.#logger.warn(`ftrack schema: ${warning.message}`));
    // Warnings quote schema values, which a server may have echoed the key into.
    this.#onWarning = (warning) => warn(redactWarning(warning, apiKey));
    this.#strictHash = options.strictSchemaHash === true;
    this.#transport =
      options.transport ??
      new UndiciTransport({
        serverUrl,
        apiUser,
        apiKey,
        dispatcher: options.dispatcher,
        timeoutMs: options.timeoutMs,
        maxResponseBytes: options.maxResponseBytes,
        strictApi: options.strictApi,
        headers: options.headers,
      });
    // Every error built while the session is open redacts the key (also with a custom transport).
    this.#releaseSecret = registerSecret(apiKey);
    if (options.schema !== undefined) {
      this.#expectedHash = options.schema.schemaHash;
      this.#useModel(parseSchemas(options.schema.schemas, options.onWarning !== undefined ? { onWarning: this.#onWarning } : {}));
    }
  }

  get closed(): boolean {
    return this.#closing !== undefined;
  }

  get model(): SchemaModel | undefined {
    return this.#model;
  }

  get decoder(): Decoder | undefined {
    return this.#decoder;
  }

  get serverInformation(): ServerInformation | undefined {
    return this.#serverInformation;
  }

  /**
   * Schema and server information known; sends them in one batch (once) when needed. The batch
   * is shared by concurrent callers: `signal` rejects this caller at once, and the request itself
   * is aborted only when every caller waiting for it has aborted.
   */
  ready(signal?: AbortSignal): Promise<void> {
    if (this.closed) return Promise.reject(closedError());
    if (this.#fatal) return Promise.reject(this.#fatal);
    // An aborted signal rejects even when there is nothing left to do (as every async API).
    if (signal?.aborted) return untilAborted(Promise.resolve(), signal, 'session.ready()');
    if (this.#model !== undefined && this.#serverInformation !== undefined) return Promise.resolve();
    if (this.#ready === undefined || this.#readyAbort?.signal.aborted === true) {
      const shared = new SharedAbort();
      const ready: Promise<void> = this.#bootstrap(shared.signal)
        .catch((error: unknown) => {
          if (this.#ready === ready) this.#ready = undefined;
          throw error;
        })
        .finally(() => shared.release());
      ready.catch(() => undefined); // callers get the error through their own promise
      this.#ready = ready;
      this.#readyAbort = shared;
    }
    this.#readyAbort!.join(signal);
    return untilAborted(this.#ready, signal, 'session.ready()');
  }

  /** Waits for what a request needs: the schema, and in strict-hash mode the hash check. */
  async prepare(signal?: AbortSignal): Promise<void> {
    this.assertOpen();
    if (this.#fatal) throw this.#fatal;
    throwIfAborted(signal, 'The request');
    if (this.#model === undefined || (this.#strictHash && this.#serverInformation === undefined)) await this.ready(signal);
  }

  /**
   * Sends a batch (the first one of a session with generated schema also asks for server
   * information; `offset.value` then says where the batch's own operations start).
   */
  async exchange(operations: readonly Operation[], signal?: AbortSignal, offset?: BatchOffset): Promise<unknown[]> {
    this.assertOpen();
    if (offset) offset.value = 0;
    if (this.#serverInformation !== undefined || this.#informationPending) return this.#transport.send({ operations, signal });
    this.#informationPending = true;
    if (offset) offset.value = 1;
    try {
      const failingOperation = operations.length === 1 ? { index: 0, action: operations[0]!.action } : undefined;
      const results = await this.#transport.send({ operations: [SERVER_INFORMATION, ...operations], signal, failingOperation });
      this.#acceptInformation(results[0], 0);
      return results.slice(1);
    } finally {
      this.#informationPending = false;
    }
  }

  /** An expression without `select` gets its type's default projections. */
  async resolve(expression: string, signal?: AbortSignal): Promise<string> {
    const trimmed = expression.trim();
    if (hasSelect(trimmed)) return trimmed;
    await this.prepare(signal);
    const type = getEntityType(this.#model!, leadingTypeName(trimmed));
    return `select ${type.defaultProjections.map(pathSegment).join(', ')} from ${trimmed}`;
  }

  /** One query, one request; its entities are merged and join `group` (held by its lease when bounded). */
  async fetchPage(expression: string, signal?: AbortSignal, group?: ResultGroup): Promise<QueryPage> {
    await this.prepare(signal);
    const [result] = await this.exchange([{ action: 'query', expression }], signal);
    const { items, nextOffset } = this.#decodeQuery(result, 0, group?.retain === 'none' ? group.leaseFrom(this.#decoder!.identityMap.transient) : 'all');
    group?.add(items);
    return { items, nextOffset };
  }

  /**
   * Several queries in one request (no paging; lazy loads, commit look-ups); their entities are
   * merged into the identity map without changing how existing entries are held (`'keep'`).
   */
  async runQueries(expressions: readonly string[], signal?: AbortSignal): Promise<BaseEntity[][]> {
    await this.prepare(signal);
    const results = await this.exchange(expressions.map((expression) => ({ action: 'query', expression })), signal);
    return results.map((result, i) => this.#decodeQuery(result, i, 'keep').items);
  }

  close(): Promise<void> {
    this.#closing ??= this.#transport.close();
    this.#releaseSecret();
    return this.#closing;
  }

  assertOpen(): void {
    if (this.closed) throw closedError();
  }

  #decodeQuery(result: unknown, index: number, retention: DecodeRetention): { items: BaseEntity[]; nextOffset: number | null } {
    const envelope = checkEnvelope<QueryResultEnvelope>('query', index, result);
    try {
      return { items: this.#decoder!.entities(envelope.data, retention), nextOffset: envelope.metadata.next.offset };
    } catch (error) {
      throw withOperation(error, 'query', index);
    }
  }

  #useModel(model: SchemaModel): void {
    this.#model = model;
    this.#decoder = this.#install(model);
  }

  async #bootstrap(signal: AbortSignal): Promise<void> {
    this.assertOpen();
    if (this.#model !== undefined) {
      const [information] = await this.#transport.send({ operations: [SERVER_INFORMATION], signal });
      this.#acceptInformation(information, 0);
      return;
    }
    const [information, schemas] = await this.#transport.send({ operations: [SERVER_INFORMATION, QUERY_SCHEMAS], signal });
    this.#acceptInformation(information, 0);
    try {
      this.#useModel(parseSchemas(checkEnvelope('query_schemas', 1, schemas), { onWarning: this.#onWarning }));
    } catch (error) {
      throw withOperation(error, 'query_schemas', 1);
    }
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
