import { array, count, literal, nullable, number, object, optional, string, union, unknown, boolean, type Shape } from '../schema/json-shape.js';

/** `{exception, content, error_code}`: the server's error object. */
export interface ErrorBody {
  exception: string;
  content?: unknown;
  error_code?: string | number | null | undefined;
  [key: string]: unknown;
}

/** The answer to `query_server_information` (a bare object). */
export interface ServerInformation {
  version: string;
  schema_hash?: string | undefined;
  is_timezone_support_enabled?: boolean | undefined;
  storage_scenario?: unknown;
  [key: string]: unknown;
}

/** `{"action": "query", "data": [...], "metadata": {"next": {"offset": n | null}}}`. */
export interface QueryResultEnvelope {
  action?: string | undefined;
  data: unknown[];
  metadata: { next: { offset: number | null; [key: string]: unknown }; [key: string]: unknown };
  [key: string]: unknown;
}

/** `{"action": "create" | "update", "data": {<entity>}}`. */
export interface EntityResultEnvelope {
  action?: string | undefined;
  data: { __entity_type__: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** `{"action": "delete", "data": true}`. */
export interface DeleteResultEnvelope {
  action?: string | undefined;
  data: true;
  [key: string]: unknown;
}

// Every envelope keeps the keys it does not name: the parsed JSON itself is returned, never a copy.

/** Checks `{exception, content, error_code}`: the server's error object. */
export const errorBodySchema: Shape<ErrorBody> = object(
  { exception: string, content: unknown, error_code: optional(nullable(union(string, number))) },
  'keep',
);

/** Checks the answer to `query_server_information`. */
export const serverInformationSchema: Shape<ServerInformation> = object(
  { version: string, schema_hash: optional(string), is_timezone_support_enabled: optional(boolean), storage_scenario: unknown },
  'keep',
);

/** The answer to `query_schemas` (a bare array of entity schemas, validated by the schema parser). */
export const schemaListSchema: Shape<unknown[]> = array(unknown);

/** Checks a query result: `data` an array, `metadata.next.offset` a whole number ≥ 0 or null. */
export const queryResultSchema: Shape<QueryResultEnvelope> = object(
  {
    action: optional(string),
    data: array(unknown),
    metadata: object({ next: object({ offset: nullable(count) }, 'keep') }, 'keep'),
  },
  'keep',
);

/** Checks a create or update result: `data` an entity with `__entity_type__`. */
export const entityResultSchema: Shape<EntityResultEnvelope> = object(
  { action: optional(string), data: object({ __entity_type__: string }, 'keep') },
  'keep',
);

/** Checks a delete result: `data` is `true`. */
export const deleteResultSchema: Shape<DeleteResultEnvelope> = object({ action: optional(string), data: literal(true) }, 'keep');

/** The whole batch answer: an array with one result per operation. */
export const batchResultSchema: Shape<unknown[]> = array(unknown);
