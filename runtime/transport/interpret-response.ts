import {
  HttpStatusError,
  MalformedResponseError,
  serverErrorFromBody,
  type ServerError,
} from '../errors.js';
import { batchResultSchema, errorBodySchema } from '../protocol/envelopes.js';
import { EXCERPT_LENGTH, excerpt } from './redact.js';

/** What the transport knows about one HTTP exchange. */
export interface ResponseContext {
  /** `POST http://host/api`, for messages. */
  readonly where: string;
  readonly status: number;
  readonly text: string;
  /** The `action` of each operation sent, in order. */
  readonly actions: readonly string[];
  readonly failingOperation: { readonly index: number; readonly action: string } | undefined;
  /** Operations at the start of `actions` the caller added for itself; indexes count after them. */
  readonly leadingOperations: number;
  /** Removed from every message and server field. */
  readonly secret: string;
}

/** Longest server `content` an error keeps (the server's own message; redacted). */
const CONTENT_LENGTH = 1000;

/**
 * Turns a response body into the batch results or throws the typed error it stands for:
 * an ftrack error body → `serverErrorFromBody`; a non-2xx status without one → `HttpStatusError`;
 * non-JSON or a wrong shape → `MalformedResponseError`. Errors never keep the body: messages show
 * a short redacted excerpt, causes a small context object.
 */
export function interpretResponse(context: ResponseContext): unknown[] {
  const { status, where } = context;
  const ok = status >= 200 && status < 300;
  let body: unknown;
  try {
    body = JSON.parse(context.text);
  } catch (error) {
    const reason = error instanceof Error ? error.name : 'Error';
    if (!ok) throw httpError(context, reason);
    throw new MalformedResponseError(
      `The server answered ${where} with a body that is not JSON (${preview(context)}).`,
      { status },
      { cause: summary(context, `JSON.parse failed (${reason})`) },
    );
  }
  // An error body is an object: a batch answer (an array) skips the check and the failure it builds.
  const error = body !== null && typeof body === 'object' && !Array.isArray(body) ? errorBodySchema.safeParse(body) : undefined;
  if (error?.success === true) throw errorFromBody(context, error.data);
  if (!ok) throw httpError(context, `JSON body of ${kind(body)} without "exception"`);
  const batch = batchResultSchema.safeParse(body);
  if (!batch.success) {
    throw malformed(context, `is not a JSON array of results (got ${kind(body)})`);
  }
  if (batch.data.length !== context.actions.length) {
    throw malformed(context, `holds ${batch.data.length} results for ${context.actions.length} operations`);
  }
  return batch.data;
}

function errorFromBody(context: ResponseContext, body: { exception: string; content?: unknown; error_code?: unknown }): ServerError {
  const attributed = failingOperation(context, body.content);
  return serverErrorFromBody({
    exception: excerpt(body.exception, EXCERPT_LENGTH, context.secret),
    content: excerpt(body.content ?? null, CONTENT_LENGTH, context.secret),
    errorCode: body.error_code === undefined || body.error_code === null ? null : excerpt(String(body.error_code), EXCERPT_LENGTH, context.secret),
    status: context.status,
    ...(attributed ? { operationIndex: attributed.index, action: attributed.action } : {}),
  });
}

/** `Operation <n> failed: ` at the start of a server error's `content`. */
const REPORTED_INDEX = /^Operation (\d+) failed: /;

/**
 * Which operation of the caller's batch failed. ftrack's error object has no field for it; the local
 * server starts `content` with `Operation <n> failed: ` (n counts the operations as sent), which is
 * read here, once, into `operationIndex`. Otherwise: the caller's attribution, or the only operation.
 */
function failingOperation(context: ResponseContext, content: unknown): { index: number; action: string } | undefined {
  const { actions, leadingOperations: leading } = context;
  const reported = typeof content === 'string' ? REPORTED_INDEX.exec(content) : null;
  if (reported !== null) {
    const sent = Number(reported[1]);
    return sent >= leading && sent < actions.length ? { index: sent - leading, action: actions[sent]! } : undefined;
  }
  if (context.failingOperation !== undefined) return context.failingOperation;
  return actions.length - leading === 1 ? { index: 0, action: actions[leading]! } : undefined;
}

function httpError(context: ResponseContext, reason: string): HttpStatusError {
  return new HttpStatusError(
    `The server answered ${context.where} with HTTP ${context.status} and no ftrack error body (${preview(context)}).`,
    { status: context.status },
    { cause: summary(context, reason) },
  );
}

function malformed(context: ResponseContext, what: string): MalformedResponseError {
  return new MalformedResponseError(
    `The response to ${context.where} ${what}.`,
    { status: context.status },
    { cause: summary(context, `Response ${what}`) },
  );
}

/** The cause of a body-level error: what was wrong and a short redacted excerpt, never the body. */
function summary(context: ResponseContext, reason: string): { status: number; reason: string; length: number; excerpt: string } {
  return { status: context.status, reason, length: context.text.length, excerpt: excerpt(context.text.trim(), EXCERPT_LENGTH, context.secret) };
}

function preview(context: ResponseContext): string {
  const text = context.text.trim();
  if (text.length === 0) return 'empty body';
  return `body starts ${JSON.stringify(excerpt(text, EXCERPT_LENGTH, context.secret))}`;
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : typeof value;
}
