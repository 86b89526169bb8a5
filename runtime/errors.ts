/**
 * The one errors module of ftrack-codegen. Every error has a stable `code`
 * (safe to switch on) and a `cause` (the underlying error, or the context
 * object that explains it). Messages never contain the API key: every error
 * redacts the session's key (see `registerSecret`) from its message, fields
 * and cause when it is built.
 *
 * Codes are literal types (`FtrackErrorCode`, one table at the end maps each to
 * its class); `ServerError` is an answer of the ftrack server, `TransportError` the
 * absence of a readable one; every error carries a brand that another installed
 * copy of the package recognises (`instanceof`, `isFtrackError`).
 */

import { boundedText, redactText, safeCause } from './transport/redact.js';

/** Context carried by every error; `cause` is always set. */
export interface FtrackErrorOptions {
  cause?: unknown;
}

/** Codes of `ServerError` and its subclasses: the ftrack server answered with an error object. */
type ServerErrorCode =
  | 'SERVER_ERROR'
  | 'SERVER_VALIDATION'
  | 'SERVER_PERMISSION_DENIED'
  | 'INVALID_CREDENTIALS'
  | 'DUPLICATE_ENTRY'
  | 'SERVER_PARSE'
  | 'SERVER_ABORT'
  | 'COMMIT_REJECTED';

/** Codes of `TransportError` and its subclasses: no readable ftrack answer. */
type TransportErrorCode = 'TRANSPORT' | 'NETWORK' | 'TIMEOUT' | 'ABORTED' | 'HTTP_STATUS' | 'MALFORMED_RESPONSE' | 'RESPONSE_TOO_LARGE';

/**
 * Every `code` an ftrack-codegen error can have: a `switch (error.code)` over it can be exhaustive.
 * Each class declares its own code as a literal; a base class's `code` is the union of its own and
 * its subclasses' codes (a `ServerError` may be a `SERVER_VALIDATION`).
 */
export type FtrackErrorCode =
  | 'FTRACK_ERROR'
  | ServerErrorCode
  | TransportErrorCode
  | 'CONFIGURATION'
  | 'CONNECTION_CLOSED'
  | 'SCHEMA'
  | 'UNRECOGNISED_ENTITY_TYPE'
  | 'UNKNOWN_ATTRIBUTE'
  | 'NOT_LOADED'
  | 'INCORRECT_RESULT'
  | 'NO_RESULT_FOUND'
  | 'MULTIPLE_RESULTS_FOUND'
  | 'IMMUTABLE_ATTRIBUTE'
  | 'COLLECTION'
  | 'DUPLICATE_ITEM_IN_COLLECTION'
  | 'INVALID_STATE'
  | 'COMMIT_VALIDATION'
  | 'COMMIT_OUTCOME_UNKNOWN'
  | 'QUERY'
  | 'ARGUMENT'
  | 'FILE_ACCESS'
  | 'EVENT_HUB_CONNECTION'
  | 'EVENT_HUB_TIMEOUT'
  | 'FILE_TRANSFER'
  | 'JOB_FAILED'
  | 'LOCATION';

/** The brand of every ftrack-codegen error; the same symbol in every installed copy of the package. */
const BRAND = Symbol.for('ftrack-codegen.error');

/** Base class of every error thrown by ftrack-codegen. */
export class FtrackError extends Error {
  /** Stable machine-readable identifier, e.g. `SERVER_VALIDATION`. */
  readonly code: FtrackErrorCode = 'FTRACK_ERROR';

  constructor(message: string, options: FtrackErrorOptions = {}) {
    super(redactText(boundedText(message)), { cause: safeCause(options.cause ?? null) });
    this.name = new.target.name;
    // Non-enumerable: the codes this error answers to (its own, then its base classes'), read by `isFtrackError`.
    Object.defineProperty(this, BRAND, { value: codesOfClass(new.target) });
  }

  /**
   * `instanceof` also holds for an error built by another installed copy of ftrack-codegen whose
   * code is this class's code or a subclass's: `error instanceof ServerError` is true for a
   * `ServerValidationError` from either copy.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    const code = CODE_OF_CLASS.get(this);
    return code !== undefined && brandOf(value)?.includes(code) === true;
  }
}

// ---------------------------------------------------------------- server

/** Fields of a server error object `{exception, content, error_code}`. */
export interface ServerErrorDetails {
  /** The server's exception class name, e.g. `ValidationError`. */
  exception: string;
  /** The server's human message. */
  content: string;
  /** The server's error code, or null. */
  errorCode: string | null;
  /** HTTP status of the response, when known. */
  status?: number;
  /**
   * Index of the failing operation in the batch the caller sent, when known. The wire error object
   * has no such field: the response interpreter takes it from a leading `Operation <n> failed:` in
   * `content` (the local server's wording), or from the batch being a single operation.
   */
  operationIndex?: number;
  /** The failing operation's action, when known. */
  action?: string;
}

/**
 * The ftrack server answered with an error object `{exception, content, error_code}`: it refused the
 * request. Failures with no readable ftrack answer are `TransportError`s.
 */
export class ServerError extends FtrackError {
  override readonly code: ServerErrorCode = 'SERVER_ERROR';
  readonly exception: string;
  readonly content: string;
  readonly errorCode: string | null;
  readonly status: number | undefined;
  readonly operationIndex: number | undefined;
  readonly action: string | undefined;

  constructor(message: string, details: Partial<ServerErrorDetails> = {}, options: FtrackErrorOptions = {}) {
    super(message, { cause: options.cause ?? { ...details } });
    this.exception = redactText(details.exception ?? 'ServerError');
    this.content = redactText(boundedText(details.content ?? message));
    this.errorCode = details.errorCode === undefined || details.errorCode === null ? null : redactText(details.errorCode);
    this.status = details.status;
    this.operationIndex = details.operationIndex;
    this.action = details.action;
  }
}

/** The server rejected data (`ValidationError`). */
export class ServerValidationError extends ServerError {
  override readonly code = 'SERVER_VALIDATION' as const;
}

/** The server refused the operation (`PermissionError`, `FTAuthenticationError`). */
export class ServerPermissionDeniedError extends ServerError {
  override readonly code = 'SERVER_PERMISSION_DENIED' as const;
}

/** The API user or key was not accepted (`InvalidCredentialsError`). */
export class InvalidCredentialsError extends ServerError {
  override readonly code = 'INVALID_CREDENTIALS' as const;
}

/** A duplicate primary key or unique value (`DuplicateEntryError`). */
export class DuplicateEntryError extends ServerError {
  override readonly code = 'DUPLICATE_ENTRY' as const;
}

/** The server could not parse a query (`ParseError`). */
export class ServerParseError extends ServerError {
  override readonly code = 'SERVER_PARSE' as const;
}

/** The server aborted the operation (`AbortError`). */
export class ServerAbortError extends ServerError {
  override readonly code = 'SERVER_ABORT' as const;
}

type ServerErrorClass = new (
  message: string,
  details?: Partial<ServerErrorDetails>,
  options?: FtrackErrorOptions,
) => ServerError;

/** Server exception names mapped to error classes; anything else is a `ServerError`. */
export const SERVER_EXCEPTIONS: Readonly<Record<string, ServerErrorClass>> = Object.freeze({
  ValidationError: ServerValidationError,
  PermissionError: ServerPermissionDeniedError,
  FTAuthenticationError: ServerPermissionDeniedError,
  InvalidCredentialsError: InvalidCredentialsError,
  DuplicateEntryError: DuplicateEntryError,
  ParseError: ServerParseError,
  AbortError: ServerAbortError,
});

/** Builds the typed error for a server error body. */
export function serverErrorFromBody(details: ServerErrorDetails): ServerError {
  // Own keys only: an `exception` such as "constructor" or "__proto__" is just an unknown name.
  const ErrorClass = Object.hasOwn(SERVER_EXCEPTIONS, details.exception) ? SERVER_EXCEPTIONS[details.exception]! : ServerError;
  const where =
    details.operationIndex !== undefined
      ? ` (operation ${details.operationIndex}${details.action ? ` "${details.action}"` : ''})`
      : '';
  return new ErrorClass(`Server reported ${details.exception}${where}: ${details.content}`, details);
}

// ---------------------------------------------------------------- transport

/** What a `TransportError` knows about the exchange. */
export interface TransportErrorDetails {
  /** HTTP status of the response, when one arrived. */
  status?: number;
}

/**
 * The request got no readable ftrack answer: the server could not be reached, the request timed
 * out or was aborted, or what came back is not an ftrack reply (an HTTP error without an error
 * object, a body that is not JSON or not of the expected shape, a body too large to read). Never a
 * proof that the server refused anything: a commit failing with one has an unknown outcome.
 */
export class TransportError extends FtrackError {
  override readonly code: TransportErrorCode = 'TRANSPORT';
  /** HTTP status of the response, when one arrived. */
  readonly status: number | undefined;

  constructor(message: string, details: TransportErrorDetails = {}, options: FtrackErrorOptions = {}) {
    super(message, { cause: options.cause ?? { ...details } });
    this.status = details.status;
  }
}

/** The server could not be reached (DNS, refused connection, reset socket). */
export class NetworkError extends TransportError {
  override readonly code = 'NETWORK' as const;
}

/** The request took longer than `timeoutMs`. */
export class TimeoutError extends TransportError {
  override readonly code = 'TIMEOUT' as const;
}

/** The request was aborted through an `AbortSignal`. */
export class RequestAbortedError extends TransportError {
  override readonly code = 'ABORTED' as const;
}

/** The server answered with an HTTP error status and no ftrack error body. */
export class HttpStatusError extends TransportError {
  override readonly code = 'HTTP_STATUS' as const;
}

/** Where in a response a `MalformedResponseError` was found. */
export interface MalformedResponseDetails extends TransportErrorDetails {
  /** Index of the operation whose result is malformed, when known. */
  operationIndex?: number;
  /** That operation's action, when known. */
  action?: string;
}

/** The server answered with a body that is not JSON or not of the expected shape. */
export class MalformedResponseError extends TransportError {
  override readonly code = 'MALFORMED_RESPONSE' as const;
  readonly operationIndex: number | undefined;
  readonly action: string | undefined;

  constructor(message: string, details: MalformedResponseDetails = {}, options: FtrackErrorOptions = {}) {
    super(message, details, { cause: options.cause ?? { ...details } });
    this.operationIndex = details.operationIndex;
    this.action = details.action;
  }
}

/** The response body is larger than the session's `maxResponseBytes`; it was not read further. */
export class ResponseTooLargeError extends TransportError {
  override readonly code = 'RESPONSE_TOO_LARGE' as const;
}

// ---------------------------------------------------------------- client

/** A session option is missing or invalid. */
export class ConfigurationError extends FtrackError {
  override readonly code = 'CONFIGURATION' as const;
}

/** The session was closed; no further request is sent. */
export class ConnectionClosedError extends FtrackError {
  override readonly code = 'CONNECTION_CLOSED' as const;
}

/** A `query_schemas` answer (or generated metadata) is not a valid schema. */
export class SchemaError extends FtrackError {
  override readonly code = 'SCHEMA' as const;
  readonly entityType: string | undefined;
  readonly attribute: string | undefined;

  constructor(message: string, context: { entityType?: string; attribute?: string } = {}, options: FtrackErrorOptions = {}) {
    super(message, { cause: options.cause ?? context });
    this.entityType = context.entityType === undefined ? undefined : redactText(context.entityType);
    this.attribute = context.attribute === undefined ? undefined : redactText(context.attribute);
  }
}

/** An entity type that the schema does not know. */
export class UnrecognisedEntityTypeError extends FtrackError {
  override readonly code = 'UNRECOGNISED_ENTITY_TYPE' as const;
  readonly entityType: string;

  constructor(entityType: string, options: FtrackErrorOptions = {}) {
    super(`Unknown entity type "${entityType}": it is not in the server's schema.`, {
      cause: options.cause ?? { entityType },
    });
    this.entityType = redactText(entityType);
  }
}

/** An attribute that the entity type does not have. */
export class UnknownAttributeError extends FtrackError {
  override readonly code = 'UNKNOWN_ATTRIBUTE' as const;
  readonly entityType: string;
  readonly attribute: string;

  constructor(entityType: string, attribute: string, options: FtrackErrorOptions = {}) {
    super(`${entityType} has no attribute "${attribute}".`, { cause: options.cause ?? { entityType, attribute } });
    this.entityType = redactText(entityType);
    this.attribute = redactText(attribute);
  }
}

/** A synchronous read of an attribute that has not been loaded. */
export class NotLoadedError extends FtrackError {
  override readonly code = 'NOT_LOADED' as const;
  readonly entityType: string;
  readonly attribute: string;

  constructor(entityType: string, attribute: string, options: FtrackErrorOptions = {}) {
    super(
      `${entityType}.${attribute} is not loaded. Select it in the query ("select ${attribute} from ${entityType} ..."), ` +
        `or load it with \`await entity.$get('${attribute}')\` / \`await entity.$load('${attribute}')\`.`,
      { cause: options.cause ?? { entityType, attribute } },
    );
    this.entityType = redactText(entityType);
    this.attribute = redactText(attribute);
  }
}

/** Base of `NoResultFoundError` and `MultipleResultsFoundError`. */
export class IncorrectResultError extends FtrackError {
  override readonly code: 'INCORRECT_RESULT' | 'NO_RESULT_FOUND' | 'MULTIPLE_RESULTS_FOUND' = 'INCORRECT_RESULT';
}

/** `.one()` found nothing. */
export class NoResultFoundError extends IncorrectResultError {
  override readonly code = 'NO_RESULT_FOUND' as const;
}

/** `.one()` (or `ensure`) found more than one result. */
export class MultipleResultsFoundError extends IncorrectResultError {
  override readonly code = 'MULTIPLE_RESULTS_FOUND' as const;
}

/** An attribute that cannot be changed on a persisted entity. */
export class ImmutableAttributeError extends FtrackError {
  override readonly code = 'IMMUTABLE_ATTRIBUTE' as const;
  readonly entityType: string;
  readonly attribute: string;

  constructor(entityType: string, attribute: string, options: FtrackErrorOptions = {}) {
    super(`${entityType}.${attribute} is immutable and cannot be changed once the entity exists on the server.`, {
      cause: options.cause ?? { entityType, attribute },
    });
    this.entityType = redactText(entityType);
    this.attribute = redactText(attribute);
  }
}

/** A collection was used in a way it does not allow. */
export class CollectionError extends FtrackError {
  override readonly code: 'COLLECTION' | 'DUPLICATE_ITEM_IN_COLLECTION' = 'COLLECTION';
}

/** An entity appended to a collection that already holds it. */
export class DuplicateItemInCollectionError extends CollectionError {
  override readonly code = 'DUPLICATE_ITEM_IN_COLLECTION' as const;
}

/** An operation that is not valid in the entity's current state. */
export class InvalidStateError extends FtrackError {
  override readonly code = 'INVALID_STATE' as const;
}

/** One problem found while validating pending changes. */
export interface ValidationProblem {
  entityType: string;
  primaryKey: readonly string[];
  attribute?: string;
  message: string;
}

/** Pending changes failed validation before anything was sent; nothing was sent. */
export class CommitValidationError extends FtrackError {
  override readonly code = 'COMMIT_VALIDATION' as const;
  readonly problems: readonly ValidationProblem[];

  constructor(problems: readonly ValidationProblem[], options: FtrackErrorOptions = {}) {
    const lines = problems.map(
      (p) => `  - ${p.entityType}(${p.primaryKey.join(', ')})${p.attribute ? `.${p.attribute}` : ''}: ${p.message}`,
    );
    super(`Commit refused, nothing was sent (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`, {
      cause: options.cause ?? problems,
    });
    this.problems = problems;
  }
}

/** Where a rejected commit failed: the operation of the batch and the entity it was about. */
export interface CommitFailure {
  /** Index of the failing operation in the batch that was sent, when the server said which. */
  operationIndex: number | undefined;
  /** `create`, `update` or `delete`. */
  action: string | undefined;
  entityType: string | undefined;
  primaryKey: readonly string[] | undefined;
}

/**
 * The server rejected a commit. Nothing was lost: every pending change is still pending; fix the
 * problem and `commit()` again, or `rollback()`. `cause` is the server's typed error
 * (e.g. `ServerValidationError`); `exception` / `content` repeat its fields.
 */
export class CommitRejectedError extends ServerError {
  override readonly code = 'COMMIT_REJECTED' as const;
  readonly failure: CommitFailure;

  constructor(message: string, failure: CommitFailure, serverError: ServerError) {
    super(
      message,
      { exception: serverError.exception, content: serverError.content, errorCode: serverError.errorCode, status: serverError.status, operationIndex: failure.operationIndex, action: failure.action },
      { cause: serverError },
    );
    this.failure = failure;
  }
}

/**
 * A commit was sent but its outcome cannot be known: the request timed out, the connection failed or
 * the answer could not be read after the server may have applied it. Every change is still pending;
 * the next `commit()` first asks the server which of them already hold and sends only the rest, so
 * calling `commit()` again is always safe. `cause` is the transport or decoding error.
 */
export class CommitOutcomeUnknownError extends FtrackError {
  override readonly code = 'COMMIT_OUTCOME_UNKNOWN' as const;
  /** Operations of the batch whose outcome is unknown (create, update, delete), in order. */
  readonly operationCount: number;

  constructor(message: string, operationCount: number, options: FtrackErrorOptions = {}) {
    super(message, options);
    this.operationCount = operationCount;
  }
}

/** A query built or written incorrectly (bad value, bad path, bad option). */
export class QueryError extends FtrackError {
  override readonly code = 'QUERY' as const;
}

/** Wrong arguments passed to a public function. */
export class ArgumentError extends FtrackError {
  override readonly code = 'ARGUMENT' as const;
}

// ---------------------------------------------------------------- event hub

/**
 * The event hub could not connect or lost its connection: the handshake was refused (`status`
 * 401 for bad credentials) or failed, the server does not offer WebSocket sessions, the socket
 * closed, or the hub was disconnected while a call waited for it.
 */
export class EventHubConnectionError extends FtrackError {
  override readonly code = 'EVENT_HUB_CONNECTION' as const;
  /** HTTP status of the handshake answer, when one arrived. */
  readonly status: number | undefined;

  constructor(message: string, details: { status?: number } = {}, options: FtrackErrorOptions = {}) {
    super(message, { cause: options.cause ?? { ...details } });
    this.status = details.status;
  }
}

/** An event hub call waited longer than its timeout (connecting, or waiting for a reply). */
export class EventHubTimeoutError extends FtrackError {
  override readonly code = 'EVENT_HUB_TIMEOUT' as const;
  /** The timeout that expired, in ms. */
  readonly timeoutMs: number;

  constructor(message: string, timeoutMs: number, options: FtrackErrorOptions = {}) {
    super(message, { cause: options.cause ?? { timeoutMs } });
    this.timeoutMs = timeoutMs;
  }
}

// ---------------------------------------------------------------- files

/** What a `FileTransferError` knows about the failed transfer. */
export interface FileTransferDetails {
  /** The component whose data was being sent or read. */
  componentId?: string;
  /** HTTP status of the last answer, when one arrived. */
  status?: number;
  /** The part of a multi-part upload that failed (1-based). */
  partNumber?: number;
  /** Attempts made (1 = not retried). */
  attempts?: number;
}

/**
 * Sending or reading a component's data failed (an upload PUT, a part, a download): refused by the
 * storage, unreachable, or an answer without what it needs (a part without `ETag`). Messages name
 * the host and path only, never the signed URL or the API key.
 */
export class FileTransferError extends FtrackError {
  override readonly code = 'FILE_TRANSFER' as const;
  readonly componentId: string | undefined;
  readonly status: number | undefined;
  readonly partNumber: number | undefined;
  readonly attempts: number | undefined;

  constructor(message: string, details: FileTransferDetails = {}, options: FtrackErrorOptions = {}) {
    super(message, { cause: options.cause ?? { ...details } });
    this.componentId = details.componentId;
    this.status = details.status;
    this.partNumber = details.partNumber;
    this.attempts = details.attempts;
  }
}

/** A server `Job` (e.g. of `encodeMedia`) ended with status `failed`. */
export class JobFailedError extends FtrackError {
  override readonly code = 'JOB_FAILED' as const;
  /** The job's id. */
  readonly jobId: string;

  constructor(message: string, jobId: string, options: FtrackErrorOptions = {}) {
    super(message, { cause: options.cause ?? { jobId } });
    this.jobId = jobId;
  }
}

/** A location cannot hold or resolve a component (unknown location, no resource identifier, target exists). */
export class LocationError extends FtrackError {
  override readonly code = 'LOCATION' as const;
}

// ---------------------------------------------------------------- code generator

/** A file or folder the code generator could not read or write (schema file, output folder). */
export class FileAccessError extends FtrackError {
  override readonly code = 'FILE_ACCESS' as const;
  /** The path that failed. */
  readonly path: string;

  constructor(message: string, path: string, options: FtrackErrorOptions = {}) {
    super(message, { cause: options.cause ?? { path } });
    this.path = path;
  }
}

// ---------------------------------------------------------------- codes and brand

/** Each code and the class that carries it (a base class also stands for its subclasses' codes). */
const ERROR_CLASSES = {
  FTRACK_ERROR: FtrackError,
  SERVER_ERROR: ServerError,
  SERVER_VALIDATION: ServerValidationError,
  SERVER_PERMISSION_DENIED: ServerPermissionDeniedError,
  INVALID_CREDENTIALS: InvalidCredentialsError,
  DUPLICATE_ENTRY: DuplicateEntryError,
  SERVER_PARSE: ServerParseError,
  SERVER_ABORT: ServerAbortError,
  COMMIT_REJECTED: CommitRejectedError,
  TRANSPORT: TransportError,
  NETWORK: NetworkError,
  TIMEOUT: TimeoutError,
  ABORTED: RequestAbortedError,
  HTTP_STATUS: HttpStatusError,
  MALFORMED_RESPONSE: MalformedResponseError,
  RESPONSE_TOO_LARGE: ResponseTooLargeError,
  CONFIGURATION: ConfigurationError,
  CONNECTION_CLOSED: ConnectionClosedError,
  SCHEMA: SchemaError,
  UNRECOGNISED_ENTITY_TYPE: UnrecognisedEntityTypeError,
  UNKNOWN_ATTRIBUTE: UnknownAttributeError,
  NOT_LOADED: NotLoadedError,
  INCORRECT_RESULT: IncorrectResultError,
  NO_RESULT_FOUND: NoResultFoundError,
  MULTIPLE_RESULTS_FOUND: MultipleResultsFoundError,
  IMMUTABLE_ATTRIBUTE: ImmutableAttributeError,
  COLLECTION: CollectionError,
  DUPLICATE_ITEM_IN_COLLECTION: DuplicateItemInCollectionError,
  INVALID_STATE: InvalidStateError,
  COMMIT_VALIDATION: CommitValidationError,
  COMMIT_OUTCOME_UNKNOWN: CommitOutcomeUnknownError,
  QUERY: QueryError,
  ARGUMENT: ArgumentError,
  FILE_ACCESS: FileAccessError,
  EVENT_HUB_CONNECTION: EventHubConnectionError,
  EVENT_HUB_TIMEOUT: EventHubTimeoutError,
  FILE_TRANSFER: FileTransferError,
  JOB_FAILED: JobFailedError,
  LOCATION: LocationError,
} as const satisfies { readonly [C in FtrackErrorCode]: abstract new (...args: never[]) => FtrackError };

/** The error class of `code`: `FtrackErrorOf<'SERVER_ERROR'>` is `ServerError`. */
export type FtrackErrorOf<C extends FtrackErrorCode> = InstanceType<(typeof ERROR_CLASSES)[C]>;

/**
 * Every error class with its `code` narrowed to one literal: a `switch (error.code)` over an
 * `AnyFtrackError` narrows `error` in each case and can be checked exhaustive.
 *
 * @example
 * if (isFtrackError(error)) switch (error.code) { case 'COMMIT_REJECTED': error.failure; break; ... }
 */
export type AnyFtrackError = { [C in FtrackErrorCode]: FtrackErrorOf<C> & { readonly code: C } }[FtrackErrorCode];

const CODE_OF_CLASS: ReadonlyMap<unknown, FtrackErrorCode> = new Map(
  Object.entries(ERROR_CLASSES).map(([code, Class]) => [Class, code as FtrackErrorCode]),
);
const CODES_BY_CLASS = new WeakMap<object, readonly FtrackErrorCode[]>();

/** The codes an instance of `Class` answers to: its own class's, then its base classes' (cached). */
function codesOfClass(Class: object): readonly FtrackErrorCode[] {
  let codes = CODES_BY_CLASS.get(Class);
  if (codes === undefined) {
    const found: FtrackErrorCode[] = [];
    for (let c: object | null = Class; c !== null && c !== Error; c = Object.getPrototypeOf(c) as object | null) {
      const code = CODE_OF_CLASS.get(c);
      if (code !== undefined) found.push(code);
    }
    codes = Object.freeze(found);
    CODES_BY_CLASS.set(Class, codes);
  }
  return codes;
}

/** The brand of `value` (codes, as strings: another copy may know more), or undefined. */
function brandOf(value: unknown): readonly unknown[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const codes: unknown = (value as Record<symbol, unknown>)[BRAND];
  return Array.isArray(codes) ? codes : undefined;
}

/**
 * True when `value` is an error of ftrack-codegen — of this copy of the package or of another
 * installed copy (they share the brand `Symbol.for('ftrack-codegen.error')`). With `code`, only an
 * error of that code or of a subclass's code (`'SERVER_ERROR'` also matches a `ServerValidationError`).
 *
 * @example
 * catch (error) {
 *   if (isFtrackError(error, 'COMMIT_REJECTED')) console.log(error.failure.operationIndex);
 * }
 */
export function isFtrackError(value: unknown): value is AnyFtrackError;
export function isFtrackError<C extends FtrackErrorCode>(value: unknown, code: C): value is FtrackErrorOf<C>;
export function isFtrackError(value: unknown, code?: FtrackErrorCode): boolean {
  const codes = brandOf(value);
  return codes !== undefined && codes.length > 0 && (code === undefined || codes.includes(code));
}
