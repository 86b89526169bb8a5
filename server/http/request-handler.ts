import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiError, toErrorBody, type ErrorObject } from '../api/api-error.js';
import { executeBatch, type BatchOutcome } from '../api/execute-batch.js';
import { headerText, readSwitches } from './api-options.js';

/** What the HTTP layer needs from the server: credentials, limits and a batch runner. */
export interface HandlerSettings {
  readonly apiUser: string;
  readonly apiKey: string;
  /** Read-only users: API user → API key. */
  readonly readOnlyUsers: ReadonlyMap<string, string>;
  readonly bodyLimit: number;
  readonly path: string;
  /** Runs a decoded body; called synchronously so batches never interleave. */
  readonly run: (body: unknown, strict: boolean, denormalize: boolean, readOnly: boolean) => BatchOutcome;
  /** Called after a batch that changed rows was committed and answered (the event hub's `ftrack.update`). */
  readonly committed?: (changes: Extract<BatchOutcome, { ok: true }>['changes'], request: IncomingMessage) => void;
}

/**
 * Handles one HTTP request: `POST /api` only (404 / 405 otherwise), credentials on every
 * request (401), a body size limit (413), then one atomic batch. Errors are `{exception,
 * content, error_code}` objects: HTTP 200 unless strict API is on (then 4xx/5xx).
 */
export function handleRequest(settings: HandlerSettings, request: IncomingMessage, response: ServerResponse): void {
  const url = (request.url ?? '/').split('?')[0]!.replace(/\/{2,}/g, '/');
  const switches = readSwitches(request.headers);
  if (url !== settings.path) return drainThen(request, () => sendError(response, 404, notFound(url)));
  if (request.method !== 'POST') {
    response.setHeader('Allow', 'POST');
    return drainThen(request, () => sendError(response, 405, errorOf('ValidationError', `Method ${request.method ?? '?'} is not allowed on ${settings.path}: use POST.`)));
  }
  const access = authenticate(settings, request);
  if (access === undefined) {
    return drainThen(request, () => sendError(response, 401, errorOf('InvalidCredentialsError', 'The supplied API key is not valid for the supplied user.')));
  }
  const declared = Number(headerText(request.headers['content-length']));
  if (Number.isFinite(declared) && declared > settings.bodyLimit) return tooLarge(settings, request, response);
  const chunks: Buffer[] = [];
  let size = 0;
  let aborted = false;
  request.on('data', (chunk: Buffer) => {
    if (aborted) return;
    size += chunk.length;
    if (size > settings.bodyLimit) {
      aborted = true;
      tooLarge(settings, request, response);
      return;
    }
    chunks.push(chunk);
  });
  request.on('error', () => {
    aborted = true;
  });
  request.on('end', () => {
    if (aborted) return;
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      const status = switches.strict ? 400 : 200;
      return sendError(response, status, errorOf('ValidationError', `The request body is not valid JSON (${detail}).`, 'malformed_json'));
    }
    let outcome: BatchOutcome;
    try {
      outcome = settings.run(body, switches.strict, switches.denormalize, access === 'read-only');
    } catch (error) {
      const { status, body: errorBody } = toErrorBody(error);
      return sendError(response, switches.strict ? status : 200, errorBody);
    }
    if (outcome.ok) {
      sendJson(response, 200, outcome.results);
      if (outcome.changes.length > 0) settings.committed?.(outcome.changes, request);
      return;
    }
    return sendError(response, switches.strict ? outcome.status : 200, outcome.error);
  });
}

function authenticate(settings: HandlerSettings, request: IncomingMessage): 'full' | 'read-only' | undefined {
  return credentialAccess(settings, headerText(request.headers['ftrack-user']), headerText(request.headers['ftrack-api-key']));
}

/** What `key` gives `user` under the server's credentials (the same check for `/api` and the event hub). */
export function credentialAccess(settings: Pick<HandlerSettings, 'apiUser' | 'apiKey' | 'readOnlyUsers'>, user: string, key: string): 'full' | 'read-only' | undefined {
  if (user === settings.apiUser) return constantTimeEqual(key, settings.apiKey) ? 'full' : undefined;
  const readOnlyKey = settings.readOnlyUsers.get(user);
  return readOnlyKey !== undefined && constantTimeEqual(key, readOnlyKey) ? 'read-only' : undefined;
}

function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function tooLarge(settings: HandlerSettings, request: IncomingMessage, response: ServerResponse): void {
  response.setHeader('Connection', 'close');
  sendError(response, 413, errorOf('ValidationError', `The request body exceeds the limit of ${settings.bodyLimit} bytes.`, 'payload_too_large'));
  request.resume();
}

function notFound(url: string): ErrorObject {
  return errorOf('ValidationError', `Not found: ${url}. The API endpoint is POST /api.`, 'not_found');
}

function errorOf(exception: Parameters<typeof apiError>[0], content: string, code: string | null = null): ErrorObject {
  return { exception, content, error_code: code };
}

function drainThen(request: IncomingMessage, send: () => void): void {
  request.resume();
  send();
}

function sendError(response: ServerResponse, status: number, error: ErrorObject): void {
  sendJson(response, status, error);
}

function sendJson(response: ServerResponse, status: number, payload: unknown): void {
  if (response.headersSent) return;
  const text = JSON.stringify(payload);
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}
