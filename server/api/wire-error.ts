/** Longest `content` the server sends; the middle of a longer one is cut (request values cannot make it huge). */
const MAX_CONTENT_LENGTH = 16_000;

/**
 * An error the local server answers with: the wire object `{exception, content, error_code}` and
 * the HTTP status it gets in strict API mode. The server's own type (the client's `ServerError` is
 * what a client makes of such an answer).
 *
 * @example
 * throw new WireError('ValidationError', 'Task has no attribute "nmae".', 'unknown_attribute', 400);
 * // → {"exception": "ValidationError", "content": "Task has no attribute \"nmae\".", "error_code": "unknown_attribute"}
 */
export class WireError extends Error {
  /** The exception class name, e.g. `ValidationError`. */
  readonly exception: string;
  /** The human message. */
  readonly content: string;
  /** The `error_code` field, or null. */
  readonly errorCode: string | null;
  /** HTTP status in strict API mode. */
  readonly status: number;

  constructor(exception: string, content: string, errorCode: string | null = null, status = 500) {
    const bounded = boundedContent(content);
    super(bounded);
    this.name = 'WireError';
    this.exception = exception;
    this.content = bounded;
    this.errorCode = errorCode;
    this.status = status;
  }
}

function boundedContent(text: string): string {
  if (text.length <= MAX_CONTENT_LENGTH) return text;
  const keep = MAX_CONTENT_LENGTH / 2;
  return `${text.slice(0, keep)} … (${text.length - 2 * keep} characters cut) … ${text.slice(-keep)}`;
}
