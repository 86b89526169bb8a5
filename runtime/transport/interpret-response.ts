import {
  HttpStatusError,
  MalformedResponseError,
  serverErrorFromBody,
  type ServerError,
} from '../errors.js';
import { batchResultSchema, errorBodySchema } from '../protocol/envelopes.js';
import { redactText } from './redact.js';

/** What the transport knows about one HTTP exchange. */
export interface ResponseContext {
  /** `POST http://host/api`, for messages. */
  readonly where: string;
  readonly status: number;
  readonly text: string;
  /** The `action` of each operation sent, in order. */
  readonly actions: readonly string[];
  readonly failingOperation: { readonly index: number; readonly action: string } | undefined;
  /** Removed from every message and server field. */
  readonly secret: string;
}

/**
 * Turns a response body into the batch results or throws the typed error it stands for:
 * an ftrack error body → `serverErrorFromBody`; a non-2xx status without one → `HttpStatusError`;
 * non-JSON or a wrong shape → `MalformedResponseError`.
 */
export function interpretResponse(context: ResponseContext): unknown[] {
  const { status, where } = context;
  const ok = status >= 200 && status < 300;
  let body: unknown;
  try {
    body = JSON.parse(context.text);
  } catch (cause) {
    if (!ok) throw httpError(context, cause);
    throw new MalformedResponseError(
      `The server answered ${where} with a body that is not JSON (${preview(context)}).`,
      { status, exception: 'MalformedResponseError', content: 'Response is not JSON' },
      { cause },
    );
  }
  const error = errorBodySchema.safeParse(body);
  if (error.success) throw errorFromBody(context, error.data);
  if (!ok) throw httpError(context, body);
  const batch = batchResultSchema.safeParse(body);
  if (!batch.success) {
    throw malformed(context, `is not a JSON array of results (got ${kind(body)})`, batch.error);
  }
  if (batch.data.length !== context.actions.length) {
    throw malformed(context, `holds ${batch.data.length} results for ${context.actions.length} operations`, body);
  }
  return batch.data;
}

function errorFromBody(context: ResponseContext, body: { exception: string; content?: unknown; error_code?: unknown }): ServerError {
  const single = context.actions.length === 1 ? { index: 0, action: context.actions[0]! } : undefined;
  const attributed = context.failingOperation ?? single;
  const content = typeof body.content === 'string' ? body.content : JSON.stringify(body.content ?? null);
  return serverErrorFromBody({
    exception: body.exception,
    content: redactText(content, context.secret),
    errorCode: body.error_code === undefined || body.error_code === null ? null : String(body.error_code),
    status: context.status,
    ...(attributed ? { operationIndex: attributed.index, action: attributed.action } : {}),
  });
}

function httpError(context: ResponseContext, cause: unknown): HttpStatusError {
  return new HttpStatusError(
    `The server answered ${context.where} with HTTP ${context.status} and no ftrack error body (${preview(context)}).`,
    { status: context.status, exception: 'HttpStatusError', content: `HTTP ${context.status}` },
    { cause },
  );
}

function malformed(context: ResponseContext, what: string, cause: unknown): MalformedResponseError {
  return new MalformedResponseError(
    `The response to ${context.where} ${what}.`,
    { status: context.status, exception: 'MalformedResponseError', content: `Response ${what}` },
    { cause },
  );
}

function preview(context: ResponseContext): string {
  const text = redactText(context.text, context.secret).trim();
  if (text.length === 0) return 'empty body';
  return `body starts ${JSON.stringify(text.slice(0, 80))}`;
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : typeof value;
}
