import type { IncomingMessage, ServerResponse } from 'node:http';

/** CORS headers of every `/component/*` answer: browsers PUT from any origin and read `ETag` (spec 4.5). */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Content-Length, Content-Disposition',
};

/** Answers a CORS preflight for `methods`. */
export function sendPreflight(response: ServerResponse, methods: string): void {
  response.writeHead(204, {
    ...CORS_HEADERS,
    'Access-Control-Allow-Methods': methods,
    'Access-Control-Allow-Headers': 'Content-Type, Content-MD5',
    'Access-Control-Max-Age': '600',
  });
  response.end();
}

/** An `{exception, content, error_code}` answer with `status`; the request body is discarded, never read into memory. */
export function sendFileError(request: IncomingMessage, response: ServerResponse, status: number, code: string, content: string, close = false): void {
  request.resume();
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const text = JSON.stringify({ exception: status === 401 ? 'InvalidCredentialsError' : status === 403 ? 'PermissionError' : 'ValidationError', content, error_code: code });
  const headers: Record<string, string | number> = { ...CORS_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) };
  // A refused body that is still arriving: the connection is closed after the answer.
  if (close) headers.Connection = 'close';
  response.writeHead(status, headers);
  response.end(text);
}

/** Codes of a peer that went away: a socket error, not a storage one. */
const HANG_UPS: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ETIMEDOUT']);

/**
 * Closes a response that cannot be completed. A client that went away is no news; a system call
 * error (a full disk, a permission on the storage folder) is reported as a process warning
 * naming what failed (the error's message: code, call and file path; never the request URL).
 *
 * @example
 * abandonResponse(response, error, 'upload not stored'); // (node) Warning: upload not stored: ENOSPC: no space left on device, write
 */
export function abandonResponse(response: ServerResponse, error: unknown, doing: string): void {
  const failure = error as NodeJS.ErrnoException | undefined;
  if (typeof failure?.syscall === 'string' && !HANG_UPS.has(failure.code ?? '')) process.emitWarning(`${doing}: ${failure.message}`);
  response.destroy();
}
