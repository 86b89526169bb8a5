import { MalformedResponseError } from '../errors.js';
import {
  deleteResultSchema,
  entityResultSchema,
  queryResultSchema,
  schemaListSchema,
  serverInformationSchema,
} from '../protocol/envelopes.js';
import { hasOwn } from '../protocol/own-record.js';
import type { Shape } from '../schema/json-shape.js';
import type { Decoder } from './decoder.js';

const ENVELOPES: Readonly<Record<string, Shape<unknown>>> = {
  query: queryResultSchema,
  search: queryResultSchema,
  create: entityResultSchema,
  update: entityResultSchema,
  delete: deleteResultSchema,
  query_server_information: serverInformationSchema,
  query_schemas: schemaListSchema,
};

/** Validates the result of operation `index` against its action's envelope (a query's rows are checked by the decoder). */
export function checkEnvelope<T = unknown>(action: string, index: number, result: unknown): T {
  const schema = hasOwn(ENVELOPES, action) ? ENVELOPES[action] : undefined;
  if (schema === undefined) return result as T;
  // The envelopes only validate: what passes is the parsed JSON itself (no copy, `__proto__` keys kept).
  const parsed = schema.safeParse(result);
  if (parsed.success) return result as T;
  const { issue } = parsed;
  const path = issue.path.map(String).join('.') || '(root)';
  throw new MalformedResponseError(
    `The server's result for operation ${index} ("${action}") has the wrong shape: ${issue.message} at ${path}.`,
    { operationIndex: index, action },
    { cause: { path, code: issue.code, issue: issue.message } },
  );
}

/**
 * Validates and decodes one result: entities of query / create / update results are merged into
 * the identity map; server information and schemas stay as they are; other results are decoded
 * generically (entities and datetimes anywhere).
 */
export function decodeResult(decoder: Decoder, action: string, index: number, result: unknown): unknown {
  const checked = checkEnvelope<Record<string, unknown>>(action, index, result);
  try {
    switch (action) {
      case 'query':
      case 'search':
        return { ...checked, data: decoder.entities(checked.data as unknown[]) };
      case 'create':
      case 'update':
        return { ...checked, data: decoder.entity(checked.data as Record<string, unknown>) };
      case 'query_server_information':
      case 'query_schemas':
      case 'delete':
        return checked;
      default:
        return decoder.value(checked);
    }
  } catch (error) {
    throw withOperation(error, action, index);
  }
}

/**
 * Adds the failing operation to a decoding error; a `RangeError` (a value nested too deep for the
 * call stack, a string too long) becomes a `MalformedResponseError` too.
 */
export function withOperation(error: unknown, action: string, index: number): unknown {
  if (error instanceof RangeError) {
    return new MalformedResponseError(
      `The server's result for operation ${index} ("${action}") could not be decoded: it is nested too deeply or too large (${error.message}).`,
      { operationIndex: index, action },
      { cause: { reason: error.message } },
    );
  }
  if (!(error instanceof MalformedResponseError) || error.operationIndex !== undefined) return error;
  return new MalformedResponseError(
    error.message.replace(/^The server's response/, `The server's result for operation ${index} ("${action}")`),
    { status: error.status, operationIndex: index, action },
    { cause: error },
  );
}
