import { stableId } from '../demo/seed/stable-id.js';
import { fillServerValues } from '../rules/apply-rules.js';
import { ACTING_USER, WORKFLOW } from '../rules/ftrack-rules.js';
import type { Row } from '../store/row.js';
import { DuplicateKeyError } from '../store/store.js';
import type { Workspace } from '../store/workspace.js';
import {
  BUILTIN_LOCATIONS,
  CUSTOM_ATTRIBUTE_TYPES,
  DEFAULT_NAMES,
  DEFAULT_PRIORITY,
  DEFAULT_USER_TYPE,
  OBJECT_TYPE_FLAGS,
  PRIORITIES,
  STATES,
  STATUSES,
  TASK_WORKFLOW_OBJECT_TYPE,
  TYPES,
  VERSION_STATUSES,
} from './builtin-data.js';

/** Who the server's API users are: each gets a `User` row. */
export interface BootstrapOptions {
  readonly apiUsers: readonly string[];
}

/**
 * Gives a workspace what every new ftrack server holds, for the types its schema has, without
 * touching what is already there ("ensure" semantics, so data files written before keep
 * working): the API users; the five built-in locations (by name); an `ObjectType` for every
 * classifier the schema names (with that id); the priorities (the one named by the
 * `priority_id` defaults included); the user type new users get; and, for each of states,
 * statuses, task types and project schemas whose table is empty, the default set — a default
 * task workflow, version workflow, task-type schema and project schema tie them together.
 * Ids are derived from stable labels: the same schema always gets the same rows.
 *
 * @example
 * bootstrapWorkspace(workspace, { apiUsers: ['admin'] });
 * // Location ftrack.origin …, ObjectType Shot (bad911de-…), Priority None (9661b320-…), Status Not started, …
 */
export function bootstrapWorkspace(workspace: Workspace, options: BootstrapOptions): void {
  const rows = new Inserter(workspace);
  for (const location of BUILTIN_LOCATIONS) {
    if (rows.named('Location', location.name) === undefined) rows.insert('Location', location.name, { ...location });
  }
  ensureObjectTypes(workspace, rows);
  ensurePriorities(workspace, rows);
  if (rows.isEmpty('CustomAttributeType')) for (const name of CUSTOM_ATTRIBUTE_TYPES) rows.insert('CustomAttributeType', name, { name, core: true });
  if (rows.isEmpty('UserType')) rows.insert('UserType', DEFAULT_USER_TYPE.name, { ...DEFAULT_USER_TYPE });
  if (rows.isEmpty('State')) for (const state of STATES) rows.insert('State', state.short, { name: state.name, short: state.short });
  if (rows.isEmpty('Status')) {
    STATUSES.forEach((status, sort) => {
      const state = [...rows.all('State')].find((row) => row.values.short === status.state);
      rows.insert('Status', status.name, { name: status.name, sort, color: status.color, is_active: true }, state === undefined ? {} : { state });
    });
  }
  if (rows.isEmpty('Type')) {
    TYPES.forEach((type, sort) => rows.insert('Type', type.name, { name: type.name, sort, color: type.color, is_billable: type.billable }));
  }
  if (rows.isEmpty(WORKFLOW.projectSchema.type)) ensureProjectSchema(rows);
  for (const username of options.apiUsers) {
    if (!workspace.model.types.has(ACTING_USER.type)) break;
    const exists = [...rows.all(ACTING_USER.type)].some((row) => row.values[ACTING_USER.column] === username);
    if (!exists) rows.insert(ACTING_USER.type, username, { [ACTING_USER.column]: username, is_active: true });
  }
}

/** One `ObjectType` per classifier value whose foreign key targets an existing type. */
function ensureObjectTypes(workspace: Workspace, rows: Inserter): void {
  let sort = 0;
  for (const type of workspace.model.types.values()) {
    for (const classifier of type.classifiers) {
      const attribute = type.attributes.get(classifier.attribute);
      const target = attribute === undefined ? undefined : workspace.graph.foreignKeyTarget(attribute);
      if (target === undefined || workspace.getRow(target.type, [classifier.value]) !== undefined) continue;
      const name = spaced(type.name);
      rows.insert(target.type, name, { id: classifier.value, name, sort: sort++, ...(OBJECT_TYPE_FLAGS[name] ?? {}) });
    }
  }
}

/** The default priorities, or at least the ones the schema's defaults name. */
function ensurePriorities(workspace: Workspace, rows: Inserter): void {
  const named = new Set<string>();
  for (const type of workspace.model.types.values()) {
    for (const attribute of type.attributes.values()) {
      const target = attribute.kind === 'scalar' && typeof attribute.default === 'string' ? workspace.graph.foreignKeyTarget(attribute) : undefined;
      if (target?.type === 'Priority' && attribute.default !== '{uid}') named.add(attribute.default as string);
    }
  }
  const defaultId = [...named][0];
  if (rows.isEmpty('Priority')) {
    PRIORITIES.forEach((priority, sort) => {
      const id = priority.name === DEFAULT_PRIORITY ? defaultId : undefined;
      rows.insert('Priority', priority.name, { ...(id === undefined ? {} : { id }), name: priority.name, sort, color: priority.color, value: 0 });
    });
  }
  for (const id of named) {
    if (workspace.getRow('Priority', [id]) === undefined) rows.insert('Priority', id, { id, name: DEFAULT_PRIORITY, sort: PRIORITIES.length });
  }
}

/** Default workflows, task-type schema and project schema over every status, type and object type. */
function ensureProjectSchema(rows: Inserter): void {
  const statuses = [...rows.all('Status')];
  const versionStatuses = statuses.filter((row) => VERSION_STATUSES.includes(String(row.values.name)));
  const taskWorkflow = rows.insert('WorkflowSchema', DEFAULT_NAMES.taskWorkflow, { name: DEFAULT_NAMES.taskWorkflow });
  const versionWorkflow = rows.insert('WorkflowSchema', DEFAULT_NAMES.versionWorkflow, { name: DEFAULT_NAMES.versionWorkflow });
  const taskTypes = rows.insert('TaskTypeSchema', DEFAULT_NAMES.taskTypeSchema, { name: DEFAULT_NAMES.taskTypeSchema });
  rows.link(WORKFLOW.workflowStatuses, taskWorkflow, statuses);
  rows.link(WORKFLOW.workflowStatuses, versionWorkflow, versionStatuses.length > 0 ? versionStatuses : statuses);
  rows.link(WORKFLOW.taskTypeSchemaTypes, taskTypes, [...rows.all('Type')]);
  const { projectSchema } = WORKFLOW;
  const schema = rows.insert(projectSchema.type, DEFAULT_NAMES.projectSchema, {
    name: DEFAULT_NAMES.projectSchema,
    [projectSchema.taskWorkflow]: rows.id(taskWorkflow),
    [projectSchema.versionWorkflow]: rows.id(versionWorkflow),
    [projectSchema.taskTypes]: rows.id(taskTypes),
  });
  const objectTypes = [...rows.all(WORKFLOW.schemaObjectTypes.target)];
  rows.link(WORKFLOW.schemaObjectTypes, schema, objectTypes);
  ensureObjectTypeSchemas(rows, schema, objectTypes, statuses);
}

/**
 * A per-object-type `Schema` for every statusable object type but the task one (real project
 * schemas hold these: `project_schema.get_statuses('Shot')` reads them), with every status and,
 * for typeable object types, every task type.
 */
function ensureObjectTypeSchemas(rows: Inserter, schema: Row | undefined, objectTypes: readonly Row[], statuses: readonly Row[]): void {
  const spec = WORKFLOW.objectTypeSchemas;
  if (schema === undefined) return;
  for (const objectType of objectTypes) {
    if (objectType.values.is_statusable !== true || objectType.values.name === TASK_WORKFLOW_OBJECT_TYPE) continue;
    const own = rows.insert(spec.type, `${String(rows.id(schema))}/${String(rows.id(objectType))}`, {
      [spec.owner]: rows.id(schema),
      [spec.objectType]: rows.id(objectType),
      [WORKFLOW.objectTypeColumn]: rows.id(objectType),
    });
    rows.link(WORKFLOW.schemaStatuses, own, statuses);
    if (objectType.values.is_typeable === true) rows.link(WORKFLOW.schemaTypes, own, [...rows.all('Type')]);
  }
}

/** `AssetBuild` → `Asset Build`: the object type name of a subtype. */
function spaced(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
}

/** Inserts bootstrap rows: literal schema defaults, the given values the type has, server rules. */
class Inserter {
  constructor(private readonly workspace: Workspace) {}

  isEmpty(type: string): boolean {
    return this.workspace.model.types.has(type) && this.all(type)[Symbol.iterator]().next().done === true;
  }

  all(type: string): Iterable<Row> {
    return this.workspace.model.types.has(type) ? this.workspace.rowsOf(type) : [];
  }

  named(type: string, name: string): Row | undefined {
    return [...this.all(type)].find((row) => row.values.name === name);
  }

  id(row: Row | undefined): unknown {
    return row === undefined ? null : row.values[this.workspace.graph.type(row.type).primaryKey[0]!];
  }

  /** Link rows `{owner: owner's id, member: each member's id}` of a many-to-many table. */
  link(table: { type: string; owner: string; member: string }, owner: Row | undefined, members: readonly Row[]): void {
    if (owner === undefined) return;
    for (const member of members) {
      this.insert(table.type, `${String(this.id(owner))}/${String(this.id(member))}`, { [table.owner]: this.id(owner), [table.member]: this.id(member) });
    }
  }

  insert(typeName: string, label: string, given: Record<string, unknown>, references: Record<string, Row> = {}): Row | undefined {
    const { workspace } = this;
    const type = workspace.model.types.get(typeName);
    if (type === undefined) return undefined;
    const values: Record<string, unknown> = {};
    for (const attribute of type.attributes.values()) {
      if (attribute.kind === 'scalar' && attribute.hasDefault && attribute.default !== '{uid}') values[attribute.name] = structuredClone(attribute.default);
    }
    for (const [name, value] of Object.entries(given)) {
      if (type.attributes.get(name)?.kind === 'scalar') values[name] = value;
    }
    for (const [name, row] of Object.entries(references)) {
      const link = type.attributes.get(name)?.kind === 'reference' ? workspace.link(typeName, name) : undefined;
      if (link?.kind === 'reference') link.columns.forEach((column, i) => (values[column] = row.values[link.targetColumns[i]!] ?? null));
    }
    for (const column of type.primaryKey) values[column] ??= stableId(`bootstrap:${typeName}:${label}`);
    fillServerValues({ workspace }, type, values);
    try {
      return workspace.store.insert(typeName, values);
    } catch (error) {
      if (error instanceof DuplicateKeyError) return undefined;
      throw error;
    }
  }
}
