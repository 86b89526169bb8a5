import { z } from 'zod';

/** One property of a `query_schemas` entry, as the server sends it. */
export const rawPropertySchema = z
  .object({
    type: z.string().optional(),
    $ref: z.string().optional(),
    items: z.object({ $ref: z.string() }).passthrough().optional(),
    format: z.string().optional(),
    alias_for: z.string().optional(),
    description: z.string().optional(),
    default: z.unknown().optional(),
    restricted_projection: z.boolean().optional(),
    key_value_attributes: z.object({ key: z.string(), value: z.string() }).passthrough().optional(),
    transform: z.record(z.string(), z.string()).optional(),
    enum: z.array(z.string()).optional(),
    deprecated: z.union([z.boolean(), z.string(), z.object({ message: z.string().optional() }).passthrough()]).optional(),
  })
  .passthrough();

/** One entity type of a `query_schemas` answer. */
export const rawEntitySchema = z
  .object({
    id: z.string().min(1),
    type: z.string().optional(),
    properties: z.record(z.string(), rawPropertySchema),
    primary_key: z.array(z.string()).min(1),
    required: z.array(z.string()).optional(),
    immutable: z.array(z.string()).optional(),
    computed: z.array(z.string()).optional(),
    default_projections: z.array(z.string()).optional(),
    system_projections: z.array(z.string()).optional(),
    alias_for: z
      .union([z.string(), z.object({ id: z.string(), classifiers: z.record(z.string(), z.string()) }).passthrough()])
      .optional(),
    $mixin: z.object({ $ref: z.string() }).passthrough().optional(),
    metadata: z.object({ group_by: z.boolean().optional() }).passthrough().optional(),
    deprecated: z.unknown().optional(),
  })
  .passthrough();

export type RawProperty = z.infer<typeof rawPropertySchema>;
export type RawEntitySchema = z.infer<typeof rawEntitySchema>;

/** The whole `query_schemas` answer: a bare array of entity schemas. */
export const rawSchemaListSchema = z.array(z.unknown());
