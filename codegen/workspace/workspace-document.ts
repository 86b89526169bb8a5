import { SchemaError } from '../../runtime/errors.js';
import { array, boolean, nullable, number, object, record, string, unknown, type Shape } from '../../runtime/schema/json-shape.js';
import type { WorkspaceMetadata } from './workspace-metadata.js';

/** The `format` field of a saved workspace document. */
export const WORKSPACE_DOCUMENT_FORMAT = 'ftrack-codegen-workspace';

/** The document version this generator writes and reads. */
export const WORKSPACE_DOCUMENT_VERSION = 1;

/** What `--schema-file` yields: the schema, and the workspace when the file holds one. */
export interface SchemaDocument {
  readonly schemas: readonly unknown[];
  /** Undefined for a plain `query_schemas` array (custom attributes stay untyped). */
  readonly workspace: WorkspaceMetadata | undefined;
}

const id = string;
const ids = array(id);
const valueFields = { id, name: string, sort: nullable(number) };
const value = object(valueFields);
const flag = nullable(boolean);
const workspaceShape: Shape<WorkspaceMetadata> = object({
  customAttributes: array(
    object({
      id,
      key: string,
      label: string,
      type: string,
      entityType: nullable(string),
      objectTypeId: nullable(string),
      projectId: nullable(string),
      isHierarchical: boolean,
      default: unknown,
      config: record(unknown),
      options: array(object({ menu: string, value: string })),
      multiSelect: boolean,
    }),
  ),
  statuses: array(object({ ...valueFields, stateId: nullable(string) })),
  types: array(value),
  priorities: array(value),
  objectTypes: array(object({ ...valueFields, isLeaf: flag, isTaskable: flag, isTypeable: flag, isStatusable: flag, isPrioritizable: flag })),
  states: array(value),
  projectSchemas: array(
    object({
      id,
      name: string,
      objectTypeIds: ids,
      taskStatusIds: ids,
      taskTypeIds: ids,
      versionStatusIds: ids,
      objectTypes: array(object({ objectTypeId: id, statusIds: ids, typeIds: ids })),
      overrides: array(object({ typeId: id, statusIds: ids })),
    }),
  ),
});

/**
 * The JSON text `--save-schema` writes: one document with a version field, the `query_schemas`
 * answer verbatim and the workspace metadata (null when the server did not give it).
 *
 * @example
 * workspaceDocumentText(schemas, workspace);
 * // {"format": "ftrack-codegen-workspace", "version": 1, "schemas": [...], "workspace": {"customAttributes": [...], ...}}
 */
export function workspaceDocumentText(schemas: readonly unknown[], workspace: WorkspaceMetadata | undefined): string {
  const document = { format: WORKSPACE_DOCUMENT_FORMAT, version: WORKSPACE_DOCUMENT_VERSION, schemas, workspace: workspace ?? null };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * Reads what `--schema-file` holds: a workspace document (this version) or a plain `query_schemas`
 * array (schema only).
 * @throws SchemaError naming the file and, for a bad workspace, the first wrong field.
 */
export function readSchemaDocument(value: unknown, where: string): SchemaDocument {
  if (Array.isArray(value)) return { schemas: value, workspace: undefined };
  if (typeof value !== 'object' || value === null || (value as { format?: unknown }).format !== WORKSPACE_DOCUMENT_FORMAT) {
    throw new SchemaError(
      `The schema file ${where} must hold a query_schemas answer (a JSON array of entity schemas) or a document saved with --save-schema ("format": "${WORKSPACE_DOCUMENT_FORMAT}").`,
      {},
      { cause: { where } },
    );
  }
  const document = value as { version?: unknown; schemas?: unknown; workspace?: unknown };
  if (document.version !== WORKSPACE_DOCUMENT_VERSION) {
    throw new SchemaError(
      `The schema file ${where} is a workspace document of version ${JSON.stringify(document.version) ?? 'none'}; this generator reads version ${WORKSPACE_DOCUMENT_VERSION}: save it again with --save-schema.`,
      {},
      { cause: { where, version: document.version } },
    );
  }
  if (!Array.isArray(document.schemas)) throw new SchemaError(`The schema file ${where}: "schemas" must be the query_schemas answer (a JSON array).`, {}, { cause: { where } });
  if (document.workspace === null || document.workspace === undefined) return { schemas: document.schemas, workspace: undefined };
  const parsed = workspaceShape.safeParse(document.workspace);
  if (!parsed.success) {
    const { issue } = parsed;
    const path = ['workspace', ...issue.path.map(String)].join('.');
    throw new SchemaError(`The schema file ${where}: ${path} is not valid (${issue.message}): save it again with --save-schema.`, {}, { cause: { where, path } });
  }
  return { schemas: document.schemas, workspace: parsed.data };
}
