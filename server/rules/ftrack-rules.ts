import { FILE_RULES } from './file-rules.js';

/**
 * ftrack's own server-side rules, as data: the values a real server fills on `create`, the
 * uniqueness it enforces, the discriminator values of base types and the rows it adds alongside
 * a new row (`COMPANION_ROWS`). This is the one place
 * of the local server that names entity types and attributes; `apply-rules.ts` interprets
 * these tables, and every rule applies only where the served schema has the family and the
 * attribute it names (a rule for `Timer` does nothing on a schema without `Timer`).
 *
 * Families are `$mixin` families: a rule for `TypedContext` applies to `Shot`, `Task`, …;
 * `'*'` applies to every type that has the attribute. Rules run in table order, after the
 * schema's literal defaults, and only fill values that are still empty.
 */

/** How a rule computes its value. */
export type Fill =
  /** The value listed for the new row's type or its nearest `$mixin` ancestor. */
  | { readonly kind: 'byType'; readonly values: Readonly<Record<string, string>> }
  | { readonly kind: 'literal'; readonly value: string | number | boolean }
  /** The current time (microseconds kept). */
  | { readonly kind: 'now' }
  /** The primary key of the API user's row (the user the request acts as). */
  | { readonly kind: 'actingUser' }
  /** The new row's own primary key (a generated `username`). */
  | { readonly kind: 'ownId' }
  /** The id of the project the row belongs to (see `PROJECT_PATHS`). */
  | { readonly kind: 'project' }
  /** The id of the first row of `type` (lowest `sort`, then oldest) whose `name` is `name`. */
  | { readonly kind: 'named'; readonly type: string; readonly name: string }
  /** The initial status from the project's schema (see `WORKFLOW`). */
  | { readonly kind: 'initialStatus'; readonly workflow: 'task' | 'version' }
  /** The first task type from the project's schema for the row's object type. */
  | { readonly kind: 'initialType' }
  /** One more than the highest value among rows sharing `scope` (1 for the first). */
  | { readonly kind: 'nextNumber'; readonly scope: string };

/** Fill `attribute` of new rows of `family` when it is still empty. */
export interface ValueRule {
  readonly family: string;
  readonly attribute: string;
  readonly fill: Fill;
}

/** Status ↔ state facts and the tables that tie a project to its workflows ([U] where noted in server/README.md). */
export const WORKFLOW = {
  project: { type: 'Project', schemaColumn: 'project_schema_id' },
  projectSchema: {
    type: 'ProjectSchema',
    taskWorkflow: 'task_workflow_schema_id',
    versionWorkflow: 'asset_version_workflow_schema_id',
    taskTypes: 'task_type_schema_id',
  },
  /** Many-to-many link tables: `type` rows with `owner` and `member` columns. */
  workflowStatuses: { type: 'WorkflowSchemaStatus', owner: 'workflow_schema_id', member: 'status_id', target: 'Status' },
  taskTypeSchemaTypes: { type: 'TaskTypeSchemaType', owner: 'task_type_schema_id', member: 'type_id', target: 'Type' },
  schemaObjectTypes: { type: 'ProjectSchemaObjectType', owner: 'project_schema_id', member: 'object_type_id', target: 'ObjectType' },
  /** Per-object-type schemas of a project schema (`ProjectSchema.object_type_schemas`). */
  objectTypeSchemas: { type: 'Schema', owner: 'project_schema_id', objectType: 'type_id' },
  schemaStatuses: { type: 'SchemaStatus', owner: 'schema_id', member: 'status_id', target: 'Status' },
  schemaTypes: { type: 'SchemaType', owner: 'schema_id', member: 'type_id', target: 'Type' },
  /** Task workflow overrides per task type. */
  overrides: { type: 'ProjectSchemaOverride', owner: 'project_schema_id', taskType: 'type_id', workflow: 'workflow_schema_id' },
  /** A new entity starts in a status of this state when its workflow has one. */
  initialState: { reference: 'state', short: 'NOT_STARTED' },
  objectTypeColumn: 'object_type_id',
  typeColumn: 'type_id',
} as const;

/**
 * How a row reaches its project: for each family, the references to follow (a pair
 * `id|type` names a polymorphic parent: the id column and the column holding its schema id).
 * A row of the `Project` family is its own project; a row with a filled `project_id` names it.
 */
export const PROJECT_PATHS: Readonly<Record<string, readonly string[]>> = {
  Project: [],
  TypedContext: ['parent'],
  Asset: ['parent'],
  AssetVersion: ['asset'],
  Note: ['parent', 'parent_id|parent_type', 'in_reply_to'],
  Timelog: ['context'],
  Appointment: ['context'],
  List: ['project'],
};

/** Where the acting user's row lives: the `User` with `username` = the API user. */
export const ACTING_USER = { type: 'User', column: 'username' } as const;

/** `query_server_information` `user_information`: attributes of the acting user's row, and fixed values ([U]). */
export const USER_INFORMATION = {
  attributes: ['id', 'username', 'first_name', 'last_name', 'thumbnail_id', 'thumbnail_url'],
  fixed: { restricted_user: false, is_global_access_key: false, access_key_id: null, permissions: [] },
} as const;

/** Values a real server fills on create, in the order they are computed. */
export const VALUE_RULES: readonly ValueRule[] = [
  // Discriminators of base families (also decide which base types are creatable).
  { family: 'Context', attribute: 'context_type', fill: { kind: 'byType', values: { Project: 'show', TypedContext: 'task' } } },
  { family: 'Resource', attribute: 'resource_type', fill: { kind: 'byType', values: { User: 'user', Group: 'group', Collaborator: 'collaborator' } } },
  {
    family: 'Component',
    attribute: 'system_type',
    fill: { kind: 'byType', values: { FileComponent: 'file', ContainerComponent: 'container', SequenceComponent: 'sequence' } },
  },
  { family: 'Project', attribute: 'status', fill: { kind: 'literal', value: 'active' } },
  // Where a row belongs.
  { family: 'Project', attribute: 'project_id', fill: { kind: 'project' } },
  { family: 'TypedContext', attribute: 'project_id', fill: { kind: 'project' } },
  { family: 'Asset', attribute: 'project_id', fill: { kind: 'project' } },
  { family: 'AssetVersion', attribute: 'project_id', fill: { kind: 'project' } },
  { family: 'Note', attribute: 'project_id', fill: { kind: 'project' } },
  // Typed contexts: planning values, priority, type and status from the project's schema.
  { family: 'TypedContext', attribute: 'bid', fill: { kind: 'literal', value: 0 } },
  { family: 'TypedContext', attribute: 'sort', fill: { kind: 'literal', value: 0 } },
  { family: 'TypedContext', attribute: 'priority_id', fill: { kind: 'named', type: 'Priority', name: 'None' } },
  { family: 'TypedContext', attribute: 'type_id', fill: { kind: 'initialType' } },
  { family: 'TypedContext', attribute: 'status_id', fill: { kind: 'initialStatus', workflow: 'task' } },
  // Versions: the next number per asset, the version workflow's initial status, who and when.
  { family: 'AssetVersion', attribute: 'version', fill: { kind: 'nextNumber', scope: 'asset_id' } },
  { family: 'AssetVersion', attribute: 'status_id', fill: { kind: 'initialStatus', workflow: 'version' } },
  { family: 'AssetVersion', attribute: 'user_id', fill: { kind: 'actingUser' } },
  { family: 'AssetVersion', attribute: 'date', fill: { kind: 'now' } },
  // Users: a generated username, inactive until activated, no second factor, the default user type.
  { family: 'User', attribute: 'username', fill: { kind: 'ownId' } },
  { family: 'User', attribute: 'is_active', fill: { kind: 'literal', value: false } },
  { family: 'User', attribute: 'is_otp_enabled', fill: { kind: 'literal', value: false } },
  { family: 'User', attribute: 'is_totp_enabled', fill: { kind: 'literal', value: false } },
  { family: 'User', attribute: 'require_details_update', fill: { kind: 'literal', value: false } },
  { family: 'User', attribute: 'user_type_id', fill: { kind: 'named', type: 'UserType', name: 'user' } },
  // Groups: a new group is a company group, not a project-local one ([U]).
  { family: 'Group', attribute: 'local', fill: { kind: 'literal', value: false } },
  // Reference data.
  { family: 'Status', attribute: 'is_active', fill: { kind: 'literal', value: true } },
  // Activity: timers and notes start now and belong to the acting user.
  { family: 'Timer', attribute: 'start', fill: { kind: 'now' } },
  { family: 'Timer', attribute: 'user_id', fill: { kind: 'actingUser' } },
  { family: 'Note', attribute: 'date', fill: { kind: 'now' } },
  { family: 'Note', attribute: 'user_id', fill: { kind: 'actingUser' } },
  // Jobs belong to the user who started them.
  { family: 'Job', attribute: 'user_id', fill: { kind: 'actingUser' } },
  // Audit columns, wherever a type has them.
  { family: '*', attribute: 'created_at', fill: { kind: 'now' } },
  { family: '*', attribute: 'created_by_id', fill: { kind: 'actingUser' } },
];

/** Rows of `family` must not share the values of `columns`: a user has one running timer. */
export interface UniqueRule {
  readonly family: string;
  readonly columns: readonly string[];
  readonly message: string;
}

export const UNIQUE_RULES: readonly UniqueRule[] = [
  { family: 'Timer', columns: ['user_id'], message: 'A timer is already running for this user; stop it first.' },
  // A component is in a location once ([U] spec components.md 4.5, recommended).
  { family: 'ComponentLocation', columns: ['component_id', 'location_id'], message: 'The component is already in this location.' },
];

/**
 * Rows a real server refuses to delete: rows of `family` whose `protect.column` holds one of
 * `protect.values`, and rows that rows of `inUse.type` still name through `inUse.column` (checked
 * before the cascade of server/write/delete-entity.ts; [I] spec components.md 8.1 and 8.6).
 */
export interface DeleteRule {
  readonly family: string;
  readonly protect?: { readonly column: string; readonly values: readonly string[]; readonly message: string };
  readonly inUse?: { readonly type: string; readonly column: string; readonly message: string };
}

export const DELETE_RULES: readonly DeleteRule[] = [
  {
    family: FILE_RULES.location.type,
    protect: { column: FILE_RULES.location.name, values: Object.values(FILE_RULES.locations), message: 'built-in locations cannot be deleted.' },
    inUse: { type: FILE_RULES.componentLocation.type, column: FILE_RULES.componentLocation.location, message: 'the location still has components in it; remove them first.' },
  },
];

/** Where a value of a companion row comes from: the new row's primary key, or one of its columns. */
export type CompanionValue = { readonly kind: 'ownId' } | { readonly kind: 'column'; readonly column: string };

/**
 * When the batch created a row of `family`, a row of `type` with `values` exists once the batch is
 * applied: it is added at the end of the batch (after every operation and server-filled value)
 * unless a row of `type` with the same values already exists, and never when a value is empty or
 * names no existing row ([U] in server/README.md).
 */
export interface CompanionRule {
  readonly family: string;
  readonly type: string;
  readonly values: Readonly<Record<string, CompanionValue>>;
}

export const COMPANION_ROWS: readonly CompanionRule[] = [
  // A note's author is one of its recipients.
  { family: 'Note', type: 'Recipient', values: { note_id: { kind: 'ownId' }, resource_id: { kind: 'column', column: 'user_id' } } },
];

/**
 * `ftrack.update` events (docs: server/README.md, "Event hub"; [I]/[U] there): the legacy
 * `entityType` of a family (nearest listed family wins; any other type: its schema name in lower
 * case, `AssetVersion` → `assetversion`), the legacy spelling of `keys` (other attributes keep
 * their schema name), the column naming the ObjectType of typed contexts, and the acting user's
 * name columns for `data.user.name`.
 *
 * @example
 * // a Task's status change → {entityType: 'task', entity_type: 'Task', keys: ['statusid'], …}
 */
export const UPDATE_EVENT = {
  legacyTypes: { Project: 'show', TypedContext: 'task' } as Readonly<Record<string, string>>,
  legacyKeys: { status_id: 'statusid', type_id: 'typeid', priority_id: 'priorityid', start_date: 'startdate', end_date: 'enddate' } as Readonly<
    Record<string, string>
  >,
  objectTypeColumn: 'object_type_id',
  userNameColumns: ['first_name', 'last_name'],
} as const;
