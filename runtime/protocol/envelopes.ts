import { z } from 'zod';

/** `{exception, content, error_code}`: the server's error object. */
export const errorBodySchema = z
  .object({
    exception: z.string(),
    content: z.unknown().optional(),
    error_code: z.union([z.string(), z.number(), z.null()]).optional(),
  })
  .passthrough();

/** The answer to `query_server_information` (a bare object). */
export const serverInformationSchema = z
  .object({
    version: z.string(),
    schema_hash: z.string().optional(),
    is_timezone_support_enabled: z.boolean().optional(),
    storage_scenario: z.unknown().optional(),
  })
  .passthrough();

/** The answer to `query_schemas` (a bare array of entity schemas, validated by the schema parser). */
export const schemaListSchema = z.array(z.unknown());

/** `{"action": "query", "data": [...], "metadata": {"next": {"offset": n | null}}}`. */
export const queryResultSchema = z
  .object({
    action: z.string().optional(),
    data: z.array(z.unknown()),
    metadata: z
      .object({ next: z.object({ offset: z.number().int().nonnegative().nullable() }).passthrough() })
      .passthrough(),
  })
  .passthrough();

/** `{"action": "create" | "update", "data": {<entity>}}`. */
export const entityResultSchema = z
  .object({
    action: z.string().optional(),
    data: z.object({ __entity_type__: z.string() }).passthrough(),
  })
  .passthrough();

/** `{"action": "delete", "data": true}`. */
export const deleteResultSchema = z
  .object({
    action: z.string().optional(),
    data: z.literal(true),
  })
  .passthrough();

/** The whole batch answer: an array with one result per operation. */
export const batchResultSchema = z.array(z.unknown());

export type ErrorBody = z.infer<typeof errorBodySchema>;
export type ServerInformation = z.infer<typeof serverInformationSchema>;
export type QueryResultEnvelope = z.infer<typeof queryResultSchema>;
export type EntityResultEnvelope = z.infer<typeof entityResultSchema>;
