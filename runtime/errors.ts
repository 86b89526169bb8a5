/**
 * The one errors module of ftrack-codegen. Every error has a stable `code`
 * (safe to switch on) and a `cause` (the underlying error, or the context
 * object that explains it). Messages never contain the API key: every error
 * redacts the session's key (see `registerSecret`) from its message, fields
 * and cause when it is built.
 */

import { boundedText, redactText, safeCause } from './transport/redact.js';

/** Context carried by every error; `cause` is always set. */
export interface FtrackErrorOptions {
  cause?: unknown;
}

/** Base class of every error thrown by ftrack-codegen. */
export class FtrackError extends Error {
  /** Stable machine-readable identifier, e.g. `SERVER_VALIDATION`. */
  readonly code: string = 'FTRACK_ERROR';

  constructor(message: string, options: FtrackErrorOptions = {}) {
    super(redactText(boundedText(message)), { cause: safeCause(options.cause ?? null) });
    this.name = new.target.name;
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
  /** Index of the failing operation in the batch, when known. */
  operationIndex?: number;
  /** The failing operation's action, when known. */
  action?: string;
}

/** An error reported by (or while talking to) the ftrack server. */
export class ServerError extends FtrackError {
  override readonly code: string = 'SERVER_ERROR';
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
  override readonly code: string = 'SERVER_VALIDATION';
}

/** The server refused the operation (`PermissionError`, `FTAuthenticationError`). */
export class ServerPermissionDeniedError extends ServerError {
  override readonly code: string = 'SERVER_PERMISSION_DENIED';
}

/** The API user or key was not accepted (`InvalidCredentialsError`). */
export class InvalidCredentialsError extends ServerError {
  override readonly code: string = 'INVALID_CREDENTIALS';
}

/** A duplicate primary key or unique value (`DuplicateEntryError`). */
export class DuplicateEntryError extends ServerError {
  override readonly code: string = 'DUPLICATE_ENTRY';
}

/** The server could not parse a query (`ParseError`). */
export class ServerParseError extends ServerError {
  override readonly code: string = 'SERVER_PARSE';
}

/** The server does not know the requested action, or is too old. */
export class ServerCompatibilityError extends ServerError {
  override readonly code: string = 'SERVER_COMPATIBILITY';
}

/** The server aborted the operation (`AbortError`). */
export class ServerAbortError extends ServerError {
  override readonly code: string = 'SERVER_ABORT';
}

/** The server could not be reached (DNS, refused connection, reset socket). */
export class NetworkError extends ServerError {
  override readonly code: string = 'NETWORK';
}

/** The request took longer than `timeoutMs`. */
export class TimeoutError extends ServerError {
  override readonly code: string = 'TIMEOUT';
}

/** The request was aborted through an `AbortSignal`. */
export class RequestAbortedError extends ServerError {
  override readonly code: string = 'ABORTED';
}

/** The server answered with an HTTP error status and no ftrack error body. */
export class HttpStatusError extends ServerError {
  override readonly code: string = 'HTTP_STATUS';
}

/** The server answered with a body that is not JSON or not of the expected shape. */
export class MalformedResponseError extends ServerError {
  override readonly code: string = 'MALFORMED_RESPONSE';
}

/** The response body is larger than the session's `maxResponseBytes`; it was not read further. */
export class ResponseTooLargeError extends ServerError {
  override readonly code: string = 'RESPONSE_TOO_LARGE';
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

// ---------------------------------------------------------------- client

/** A session option is missing or invalid. */
export class ConfigurationError extends FtrackError {
  override readonly code: string = 'CONFIGURATION';
}

/** The session was closed; no further request is sent. */
export class ConnectionClosedError extends FtrackError {
  override readonly code: string = 'CONNECTION_CLOSED';
}

/** A `query_schemas` answer (or generated metadata) is not a valid schema. */
export class SchemaError extends FtrackError {
  override readonly code: string = 'SCHEMA';
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
  override readonly code: string = 'UNRECOGNISED_ENTITY_TYPE';
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
  override readonly code: string = 'UNKNOWN_ATTRIBUTE';
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
  override readonly code: string = 'NOT_LOADED';
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
  override readonly code: string = 'INCORRECT_RESULT';
}

/** `.one()` found nothing. */
export class NoResultFoundError extends IncorrectResultError {
  override readonly code: string = 'NO_RESULT_FOUND';
}

/** `.one()` (or `ensure`) found more than one result. */
export class MultipleResultsFoundError extends IncorrectResultError {
  override readonly code: string = 'MULTIPLE_RESULTS_FOUND';
}

/** An attribute that cannot be changed on a persisted entity. */
export class ImmutableAttributeError extends FtrackError {
  override readonly code: string = 'IMMUTABLE_ATTRIBUTE';
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
  override readonly code: string = 'COLLECTION';
}

/** An entity appended to a collection that already holds it. */
export class DuplicateItemInCollectionError extends CollectionError {
  override readonly code: string = 'DUPLICATE_ITEM_IN_COLLECTION';
}

/** An operation that is not valid in the entity's current state. */
export class InvalidStateError extends FtrackError {
  override readonly code: string = 'INVALID_STATE';
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
  override readonly code: string = 'COMMIT_VALIDATION';
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
  override readonly code: string = 'COMMIT_REJECTED';
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
  override readonly code: string = 'COMMIT_OUTCOME_UNKNOWN';
  /** Operations of the batch whose outcome is unknown (create, update, delete), in order. */
  readonly operationCount: number;

  constructor(message: string, operationCount: number, options: FtrackErrorOptions = {}) {
    super(message, options);
    this.operationCount = operationCount;
  }
}

/** A query built or written incorrectly (bad value, bad path, bad option). */
export class QueryError extends FtrackError {
  override readonly code: string = 'QUERY';
}

/** Wrong arguments passed to a public function. */
export class ArgumentError extends FtrackError {
  override readonly code: string = 'ARGUMENT';
}

// ---------------------------------------------------------------- code generator

/** A file or folder the code generator could not read or write (schema file, output folder). */
export class FileAccessError extends FtrackError {
  override readonly code: string = 'FILE_ACCESS';
  /** The path that failed. */
  readonly path: string;

  constructor(message: string, path: string, options: FtrackErrorOptions = {}) {
    super(message, { cause: options.cause ?? { path } });
    this.path = path;
  }
}
