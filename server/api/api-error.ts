import { WireError } from './wire-error.js';

/** Exception names the local server reports (the `exception` field of an error object). */
export type ApiException =
  | 'ValidationError'
  | 'ParseError'
  | 'DuplicateEntryError'
  | 'InvalidCredentialsError'
  | 'PermissionError'
  | 'ServerError';

/** HTTP status used for each exception in strict API mode. */
const STRICT_STATUS: Readonly<Record<string, number>> = {
  ValidationError: 400,
  ParseError: 400,
  DuplicateEntryError: 409,
  InvalidCredentialsError: 401,
  PermissionError: 403,
  UnknownActionError: 404,
};

/**
 * An error the server reports to the client as `{exception, content, error_code}`.
 *
 * @example
 * throw apiError('ValidationError', 'Task has no attribute "nmae".');
 */
export function apiError(exception: ApiException, content: string, errorCode: string | null = null): WireError {
  return new WireError(exception, content, errorCode, STRICT_STATUS[exception] ?? 500);
}

/** `Invalid action '<name>'` (status 404 in strict mode). */
export function unknownActionError(action: string): WireError {
  const content = `Invalid action '${action}': this server supports query_server_information, query_schemas, query, search, create, update, delete, reset_remote, get_widget_url, get_upload_metadata, complete_multipart_upload and encode_media.`;
  return new WireError('ServerError', content, 'invalid_action', 404);
}

/** A ValidationError naming an unknown attribute. */
export function unknownAttributeError(entityType: string, attribute: string): WireError {
  return apiError('ValidationError', `${entityType} has no attribute "${attribute}".`, 'unknown_attribute');
}

/** The wire error object for any thrown value (unexpected errors become `ServerError` 500). */
export function toErrorBody(error: unknown, operationIndex?: number): { status: number; body: ErrorObject } {
  const where = operationIndex === undefined ? '' : `Operation ${operationIndex} failed: `;
  if (error instanceof WireError) {
    return {
      status: error.status,
      body: { exception: error.exception, content: `${where}${error.content}`, error_code: error.errorCode },
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, body: { exception: 'ServerError', content: `${where}Internal server error: ${message}`, error_code: null } };
}

/** `{exception, content, error_code}` as sent on the wire. */
export interface ErrorObject {
  exception: string;
  content: string;
  error_code: string | null;
}
