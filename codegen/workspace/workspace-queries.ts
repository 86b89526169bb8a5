/** Which part of the workspace a query reads. */
export type WorkspacePart =
  | 'customAttributes'
  | 'statuses'
  | 'types'
  | 'priorities'
  | 'objectTypes'
  | 'states'
  | 'projectSchemas'
  | 'objectTypeSchemas'
  | 'schemaOverrides';

/** One workspace query: its type and the paths it selects. */
export interface WorkspaceQuery {
  readonly part: WorkspacePart;
  readonly type: string;
  readonly paths: readonly string[];
}

/**
 * The queries a live run sends in the same batch as `query_schemas`: ftrack's core types and
 * attributes. Relations are selected in minimal form (`statuses`, not `statuses.id`), which
 * carries the primary key whether the items are the values or link rows.
 */
export const WORKSPACE_QUERIES: readonly WorkspaceQuery[] = [
  {
    part: 'customAttributes',
    type: 'CustomAttributeConfiguration',
    paths: ['id', 'key', 'label', 'type.name', 'config', 'entity_type', 'object_type_id', 'project_id', 'is_hierarchical', 'default', 'sort'],
  },
  { part: 'statuses', type: 'Status', paths: ['id', 'name', 'sort', 'state.id'] },
  { part: 'types', type: 'Type', paths: ['id', 'name', 'sort'] },
  { part: 'priorities', type: 'Priority', paths: ['id', 'name', 'sort'] },
  { part: 'objectTypes', type: 'ObjectType', paths: ['id', 'name', 'sort', 'is_leaf', 'is_taskable', 'is_typeable', 'is_statusable', 'is_prioritizable'] },
  { part: 'states', type: 'State', paths: ['id', 'name', 'short'] },
  {
    part: 'projectSchemas',
    type: 'ProjectSchema',
    paths: ['id', 'name', 'object_types', 'task_workflow_schema.statuses', 'task_type_schema.types', 'asset_version_workflow_schema.statuses'],
  },
  { part: 'objectTypeSchemas', type: 'Schema', paths: ['id', 'project_schema_id', 'object_type_id', 'statuses', 'types'] },
  { part: 'schemaOverrides', type: 'ProjectSchemaOverride', paths: ['id', 'project_schema_id', 'type_id', 'workflow_schema.statuses'] },
];

/** A workspace query as a batch sends it. */
export interface WorkspaceOperation {
  readonly part: WorkspacePart;
  readonly operation: { readonly action: 'query'; readonly expression: string };
}

/**
 * The operations of `WORKSPACE_QUERIES`. With `schemas` (a `query_schemas` answer), only the paths
 * that schema has: queries of types it lacks are left out, and so are paths through attributes it
 * lacks (the demo schema has no `Schema` type; an older one may lack `is_hierarchical`).
 *
 * @example
 * workspaceOperations()[1]; // { part: 'statuses', operation: { action: 'query', expression: 'select id, name, sort, state.id from Status' } }
 */
export function workspaceOperations(schemas?: readonly unknown[]): WorkspaceOperation[] {
  const out: WorkspaceOperation[] = [];
  for (const query of WORKSPACE_QUERIES) {
    const paths = schemas === undefined ? query.paths : query.paths.filter((path) => hasPath(schemas, query.type, path.split('.')));
    if (paths.length === 0 || !paths.includes('id')) continue;
    out.push({ part: query.part, operation: { action: 'query', expression: `select ${paths.join(', ')} from ${query.type}` } });
  }
  return out;
}

/** True when `segments` walk the raw schema from `type`: every segment a property, inner ones relations. */
function hasPath(schemas: readonly unknown[], type: string, segments: readonly string[]): boolean {
  let current: string | undefined = type;
  for (const [index, segment] of segments.entries()) {
    const properties = current === undefined ? undefined : propertiesOf(schemas, current);
    const property = properties !== undefined && Object.hasOwn(properties, segment) ? properties[segment] : undefined;
    if (typeof property !== 'object' || property === null) return false;
    if (index === segments.length - 1) return true;
    const raw = property as { $ref?: unknown; items?: { $ref?: unknown } };
    const target = raw.$ref ?? raw.items?.$ref;
    current = typeof target === 'string' ? target : undefined;
  }
  return false;
}

function propertiesOf(schemas: readonly unknown[], type: string): Record<string, unknown> | undefined {
  for (const entry of schemas) {
    if (typeof entry !== 'object' || entry === null) continue;
    const raw = entry as { id?: unknown; properties?: unknown };
    if (raw.id === type && typeof raw.properties === 'object' && raw.properties !== null) return raw.properties as Record<string, unknown>;
  }
  return undefined;
}
