import type { EntityTypeModel } from '../../runtime/schema/index.js';
import { apiError } from '../api/api-error.js';
import { nowStored } from '../model/values.js';
import { rowKey, type Row } from '../store/row.js';
import type { Workspace } from '../store/workspace.js';
import { ACTING_USER, COMPANION_ROWS, DELETE_RULES, PROJECT_PATHS, UNIQUE_RULES, VALUE_RULES, WORKFLOW, type Fill } from './ftrack-rules.js';

/** What the rules need besides the row: the workspace and the user the request acts as. */
export interface RuleContext {
  readonly workspace: Workspace;
  /** The API user's name (`ftrack-user`), when known. */
  readonly apiUser?: string | undefined;
}

/**
 * Fills the values a real server fills for a new row (`VALUE_RULES`, in table order): only
 * empty scalar attributes the type has, only for rules whose family the schema has.
 *
 * @example
 * fillServerValues({ workspace, apiUser: 'admin' }, sequenceType, values); // context_type 'task', bid 0, status_id …
 */
export function fillServerValues(context: RuleContext, type: EntityTypeModel, values: Record<string, unknown>): void {
  const pending: Row = { type: type.name, values, seq: Number.MAX_SAFE_INTEGER };
  for (const rule of VALUE_RULES) {
    const attribute = type.attributes.get(rule.attribute);
    if (attribute?.kind !== 'scalar' || attribute.computed || (values[rule.attribute] !== null && values[rule.attribute] !== undefined)) continue;
    if (!inFamily(context.workspace, type.name, rule.family)) continue;
    if (rule.fill.kind === 'now' && !attribute.isDateTime) continue;
    const value = compute(context, pending, rule.fill, rule.attribute);
    if (value !== undefined && value !== null) values[rule.attribute] = value;
  }
}

/**
 * Fills what is still empty on a row created earlier in the batch, once later operations set its
 * relations (the Python client sends `parent` as an update after the create). Returns the names
 * of the attributes it filled.
 */
export function refillServerValues(context: RuleContext, row: Row): string[] {
  const type = context.workspace.graph.type(row.type);
  const values = { ...row.values };
  fillServerValues(context, type, values);
  const filled: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (row.values[name] === value) continue;
    context.workspace.store.set(row, name, value);
    filled.push(name);
  }
  return filled;
}

/** Refuses a new row that breaks a uniqueness rule (one running timer per user) with `DuplicateEntryError`. */
export function checkUniqueRules(workspace: Workspace, type: EntityTypeModel, values: Record<string, unknown>): void {
  for (const rule of UNIQUE_RULES) {
    if (!inFamily(workspace, type.name, rule.family) || !rule.columns.every((c) => type.attributes.has(c))) continue;
    const key = rowKey({ type: type.name, values, seq: 0 }, rule.columns);
    if (key === undefined) continue;
    const family = workspace.graph.queryFamily(rule.family);
    for (const row of workspace.store.find(workspace.graph.root(type.name), rule.columns, key)) {
      if (family.includes(row.type)) throw apiError('DuplicateEntryError', `${type.name}: ${rule.message}`, 'duplicate_entry');
    }
  }
}

/**
 * Refuses to delete a row `DELETE_RULES` protects (a built-in location, a location that still
 * holds components) with a `ValidationError`; rules apply only where the schema has their types.
 *
 * @example
 * checkDeleteRules(workspace, serverLocationRow); // throws: Location(3a372bde-…): built-in locations cannot be deleted.
 */
export function checkDeleteRules(workspace: Workspace, row: Row): void {
  for (const rule of DELETE_RULES) {
    if (!inFamily(workspace, row.type, rule.family)) continue;
    const type = workspace.graph.type(row.type);
    if (rule.protect !== undefined && type.attributes.has(rule.protect.column) && rule.protect.values.includes(String(row.values[rule.protect.column]))) {
      throw apiError('ValidationError', `Cannot delete ${workspace.describeRow(row)}: ${rule.protect.message}`, 'protected_row');
    }
    const inUse = rule.inUse;
    if (inUse === undefined || !workspace.model.types.has(inUse.type) || !workspace.graph.type(inUse.type).attributes.has(inUse.column) || type.primaryKey.length !== 1) continue;
    const id = row.values[type.primaryKey[0]!];
    if (id === null || id === undefined) continue;
    const family = workspace.graph.queryFamily(inUse.type);
    const users = [...workspace.store.find(workspace.graph.root(inUse.type), [inUse.column], String(id))].filter((other) => family.includes(other.type));
    if (users.length > 0) throw apiError('ValidationError', `Cannot delete ${workspace.describeRow(row)}: ${inUse.message}`, 'still_in_use');
  }
}

/**
 * True when `type` cannot be created directly: it has `$mixin` subtypes and either they are told
 * apart by classifiers (`TypedContext`, `List`), or it has a discriminator system projection
 * (a string that is neither a key nor a foreign key) for which neither the schema default nor
 * the rules give this type a value (`Context`, `Resource`, `Component`). `ContainerComponent`
 * (`system_type` = `container`) and `NoteLabel` are creatable.
 */
export function isAbstractType(workspace: Workspace, type: EntityTypeModel): boolean {
  if (type.subtypes.length === 0) return false;
  if (type.subtypes.some((name) => workspace.model.types.get(name)?.classifiers.length)) return true;
  for (const name of type.systemProjections) {
    const attribute = type.attributes.get(name);
    if (attribute?.kind !== 'scalar' || attribute.type !== 'string' || attribute.format === 'foreign_key' || attribute.isPrimaryKey) continue;
    if (attribute.hasDefault && attribute.default !== null) continue;
    if (discriminatorOf(workspace, type.name, name) === undefined) return true;
  }
  return false;
}

/** A row `COMPANION_ROWS` asks for: its type and its column values. */
export interface CompanionRow {
  readonly type: string;
  readonly values: Record<string, unknown>;
}

/**
 * The companion rows a row created in this batch still lacks (`COMPANION_ROWS`): only rules whose
 * family, type and columns the served schema has, only when every value is known, and only when no
 * row of that type holds the same values yet.
 *
 * @example
 * companionRowsFor(workspace, noteRow); // [{ type: 'Recipient', values: { note_id: note.id, resource_id: note.user_id } }]
 */
export function companionRowsFor(workspace: Workspace, row: Row): CompanionRow[] {
  const out: CompanionRow[] = [];
  const own = workspace.graph.type(row.type);
  for (const rule of COMPANION_ROWS) {
    if (!workspace.model.types.has(rule.type) || !inFamily(workspace, row.type, rule.family)) continue;
    const target = workspace.graph.type(rule.type);
    const values: Record<string, unknown> = {};
    let complete = true;
    for (const [column, source] of Object.entries(rule.values)) {
      const attribute = target.attributes.get(column);
      const from = source.kind === 'ownId' ? (own.primaryKey.length === 1 ? own.primaryKey[0] : undefined) : source.column;
      const value = from === undefined || own.attributes.get(from)?.kind !== 'scalar' ? undefined : row.values[from];
      if (attribute?.kind !== 'scalar' || attribute.computed || value === null || value === undefined) complete = false;
      else values[column] = value;
    }
    if (!complete) continue;
    const columns = Object.keys(values);
    const key = rowKey({ type: rule.type, values, seq: 0 }, columns);
    const family = workspace.graph.queryFamily(rule.type);
    const exists = key !== undefined && [...workspace.store.find(workspace.graph.root(rule.type), columns, key)].some((other) => family.includes(other.type));
    if (!exists) out.push({ type: rule.type, values });
  }
  return out;
}

/** The primary key of the acting user's row, or undefined. */
export function actingUserId(workspace: Workspace, apiUser: string | undefined): unknown {
  const row = apiUser === undefined ? undefined : actingUserRow(workspace, apiUser);
  return row === undefined ? undefined : row.values[workspace.graph.type(ACTING_USER.type).primaryKey[0]!];
}

/** The row of the user the API user acts as (through the store's index), if the schema has one. */
export function actingUserRow(workspace: Workspace, apiUser: string): Row | undefined {
  if (!workspace.model.types.has(ACTING_USER.type)) return undefined;
  const type = workspace.graph.type(ACTING_USER.type);
  if (type.attributes.get(ACTING_USER.column)?.kind !== 'scalar') return undefined;
  const family = workspace.graph.queryFamily(ACTING_USER.type);
  for (const row of workspace.store.find(workspace.graph.root(ACTING_USER.type), [ACTING_USER.column], apiUser)) {
    if (family.includes(row.type)) return row;
  }
  return undefined;
}

function discriminatorOf(workspace: Workspace, typeName: string, attribute: string): string | undefined {
  for (const rule of VALUE_RULES) {
    if (rule.attribute !== attribute || rule.fill.kind !== 'byType' || !inFamily(workspace, typeName, rule.family)) continue;
    const value = byType(workspace, typeName, rule.fill.values);
    if (value !== undefined) return value;
  }
  return undefined;
}

function compute(context: RuleContext, pending: Row, fill: Fill, attribute: string): unknown {
  const { workspace } = context;
  switch (fill.kind) {
    case 'byType':
      return byType(workspace, pending.type, fill.values);
    case 'literal':
      return fill.value;
    case 'now':
      return nowStored();
    case 'actingUser':
      return actingUserId(workspace, context.apiUser);
    case 'ownId':
      return pending.values[workspace.graph.type(pending.type).primaryKey[0]!];
    case 'project':
      return projectOf(workspace, pending, 0);
    case 'named':
      return primaryKeyOf(workspace, first(rowsNamed(workspace, fill.type, fill.name)));
    case 'initialType':
      return primaryKeyOf(workspace, initialType(workspace, pending));
    case 'initialStatus':
      return primaryKeyOf(workspace, initialStatus(workspace, pending, fill.workflow));
    case 'nextNumber':
      return nextNumber(workspace, pending, attribute, fill.scope);
  }
}

function inFamily(workspace: Workspace, typeName: string, family: string): boolean {
  return family === '*' || (workspace.model.types.has(family) && workspace.graph.queryFamily(family).includes(typeName));
}

/** The value listed for the type or its nearest `$mixin` ancestor. */
function byType(workspace: Workspace, typeName: string, values: Readonly<Record<string, string>>): string | undefined {
  let name: string | undefined = typeName;
  for (let depth = 0; name !== undefined && depth < 16; depth++) {
    if (Object.prototype.hasOwnProperty.call(values, name)) return values[name];
    name = workspace.model.types.get(name)?.base;
  }
  return undefined;
}

function primaryKeyOf(workspace: Workspace, row: Row | undefined): unknown {
  return row === undefined ? undefined : row.values[workspace.graph.type(row.type).primaryKey[0]!];
}

/** Lowest `sort` first, then the oldest row. */
function first(rows: readonly Row[]): Row | undefined {
  let best: Row | undefined;
  for (const row of rows) if (best === undefined || compareSortThenSeq(row, best) < 0) best = row;
  return best;
}

function compareSortThenSeq(a: Row, b: Row): number {
  const sa = typeof a.values.sort === 'number' ? a.values.sort : Infinity;
  const sb = typeof b.values.sort === 'number' ? b.values.sort : Infinity;
  return sa !== sb ? (sa < sb ? -1 : 1) : a.seq - b.seq;
}

function rowsNamed(workspace: Workspace, type: string, name: string): Row[] {
  if (!workspace.model.types.has(type)) return [];
  return [...workspace.rowsOf(type)].filter((row) => row.values.name === name);
}

/** The project id of a row: its own id for a project, its `project_id`, else through `PROJECT_PATHS`. */
function projectOf(workspace: Workspace, row: Row, depth: number): unknown {
  if (depth > 12) return undefined;
  const graph = workspace.graph;
  if (inFamily(workspace, row.type, WORKFLOW.project.type)) return row.values[graph.type(row.type).primaryKey[0]!];
  if (row.values.project_id !== null && row.values.project_id !== undefined) return row.values.project_id;
  for (const [family, steps] of Object.entries(PROJECT_PATHS)) {
    if (!inFamily(workspace, row.type, family)) continue;
    for (const step of steps) {
      const next = stepFrom(workspace, row, step);
      const found = next === undefined ? undefined : projectOf(workspace, next, depth + 1);
      if (found !== undefined && found !== null) return found;
    }
  }
  return undefined;
}

/**
 * The rows a row belongs to, nearest first, following `PROJECT_PATHS` (a shot's sequence, then its
 * project; a version's asset, its context, …), at most 64 steps.
 *
 * @example
 * containers(workspace, taskRow); // [shot, sequence, project]
 */
export function containers(workspace: Workspace, row: Row): Row[] {
  const out: Row[] = [];
  const seen = new Set<Row>([row]);
  let current: Row | undefined = row;
  while (current !== undefined && out.length < 64) {
    let next: Row | undefined;
    for (const [family, steps] of Object.entries(PROJECT_PATHS)) {
      if (!inFamily(workspace, current.type, family)) continue;
      for (const step of steps) {
        next = stepFrom(workspace, current, step);
        if (next !== undefined) break;
      }
      if (next !== undefined) break;
    }
    if (next === undefined || seen.has(next)) break;
    seen.add(next);
    out.push(next);
    current = next;
  }
  return out;
}

function stepFrom(workspace: Workspace, row: Row, step: string): Row | undefined {
  const type = workspace.graph.type(row.type);
  if (step.includes('|')) {
    const [idColumn, typeColumn] = step.split('|') as [string, string];
    const target = row.values[typeColumn];
    const id = row.values[idColumn];
    if (!type.attributes.has(idColumn) || typeof target !== 'string' || id === null || id === undefined) return undefined;
    return workspace.model.types.has(target) ? workspace.getRow(target, [id]) : undefined;
  }
  if (type.attributes.get(step)?.kind !== 'reference') return undefined;
  const link = workspace.link(row.type, step);
  return link.kind === 'reference' ? workspace.referenced(row, link) : undefined;
}

function projectSchemaOf(workspace: Workspace, pending: Row): Row | undefined {
  const projectId = projectOf(workspace, pending, 0);
  const { project, projectSchema } = WORKFLOW;
  if (projectId === undefined || projectId === null || !workspace.model.types.has(project.type) || !workspace.model.types.has(projectSchema.type)) return undefined;
  const projectRow = workspace.getRow(project.type, [projectId]);
  const schemaId = projectRow?.values[project.schemaColumn];
  return schemaId === undefined || schemaId === null ? undefined : workspace.getRow(projectSchema.type, [schemaId]);
}

interface LinkTable {
  readonly type: string;
  readonly owner: string;
  readonly member: string;
  readonly target: string;
}

/** Target rows linked to `ownerId` through a many-to-many link table. */
function linked(workspace: Workspace, table: LinkTable, ownerId: unknown): Row[] {
  const { model, graph } = workspace;
  if (ownerId === null || ownerId === undefined || !model.types.has(table.type) || !model.types.has(table.target)) return [];
  const linkType = graph.type(table.type);
  if (!linkType.attributes.has(table.owner) || !linkType.attributes.has(table.member)) return [];
  const family = graph.queryFamily(table.type);
  const out: Row[] = [];
  for (const link of workspace.store.find(graph.root(table.type), [table.owner], String(ownerId))) {
    if (!family.includes(link.type)) continue;
    const target = workspace.getRow(table.target, [link.values[table.member]]);
    if (target !== undefined) out.push(target);
  }
  return out;
}

/** The project schema's per-object-type `Schema` row for the new row's object type. */
function objectTypeSchema(workspace: Workspace, projectSchema: Row, pending: Row): Row | undefined {
  const spec = WORKFLOW.objectTypeSchemas;
  const objectType = pending.values[WORKFLOW.objectTypeColumn];
  if (objectType === undefined || objectType === null || !workspace.model.types.has(spec.type)) return undefined;
  const family = workspace.graph.queryFamily(spec.type);
  const key = projectSchema.values[workspace.graph.type(projectSchema.type).primaryKey[0]!];
  for (const row of workspace.store.find(workspace.graph.root(spec.type), [spec.owner], String(key))) {
    if (family.includes(row.type) && row.values[spec.objectType] === objectType) return row;
  }
  return undefined;
}

function initialType(workspace: Workspace, pending: Row): Row | undefined {
  const schema = projectSchemaOf(workspace, pending);
  const perObjectType = schema === undefined ? undefined : objectTypeSchema(workspace, schema, pending);
  const own = perObjectType === undefined ? [] : linked(workspace, WORKFLOW.schemaTypes, perObjectType.values.id);
  if (own.length > 0) return first(own);
  if (chainAbsent(workspace, WORKFLOW.taskTypeSchemaTypes)) return first(allRows(workspace, WORKFLOW.taskTypeSchemaTypes.target));
  return schema === undefined ? undefined : first(linked(workspace, WORKFLOW.taskTypeSchemaTypes, schema.values[WORKFLOW.projectSchema.taskTypes]));
}

function initialStatus(workspace: Workspace, pending: Row, workflow: 'task' | 'version'): Row | undefined {
  const schema = projectSchemaOf(workspace, pending);
  const perObjectType = schema === undefined || workflow === 'version' ? undefined : objectTypeSchema(workspace, schema, pending);
  const own = perObjectType === undefined ? [] : linked(workspace, WORKFLOW.schemaStatuses, perObjectType.values.id);
  const statuses = own.length > 0 ? own : workflowStatuses(workspace, schema, pending, workflow);
  const starting = statuses.filter((status) => stateShort(workspace, status) === WORKFLOW.initialState.short);
  return first(starting.length > 0 ? starting : statuses);
}

/** The statuses of the version workflow, or of the task workflow (or its override for the row's task type). */
function workflowStatuses(workspace: Workspace, schema: Row | undefined, pending: Row, workflow: 'task' | 'version'): Row[] {
  if (chainAbsent(workspace, WORKFLOW.workflowStatuses)) return allRows(workspace, WORKFLOW.workflowStatuses.target);
  if (schema === undefined) return [];
  const { projectSchema } = WORKFLOW;
  const workflowId = workflow === 'version' ? schema.values[projectSchema.versionWorkflow] : (overrideWorkflow(workspace, schema, pending) ?? schema.values[projectSchema.taskWorkflow]);
  return linked(workspace, WORKFLOW.workflowStatuses, workflowId);
}

/**
 * True when the served schema cannot tie a project to the link table at all (no `ProjectSchema`,
 * no `Project.project_schema_id` or no link table: an older or trimmed schema). Then every row of
 * the table's target is a candidate, so typed contexts stay creatable.
 */
function chainAbsent(workspace: Workspace, table: LinkTable): boolean {
  const { project, projectSchema } = WORKFLOW;
  const types = workspace.model.types;
  return !types.has(projectSchema.type) || !types.has(table.type) || types.get(project.type)?.attributes.has(project.schemaColumn) !== true;
}

function allRows(workspace: Workspace, type: string): Row[] {
  return workspace.model.types.has(type) ? [...workspace.rowsOf(type)] : [];
}

function overrideWorkflow(workspace: Workspace, schema: Row, pending: Row): unknown {
  const spec = WORKFLOW.overrides;
  const taskType = pending.values[WORKFLOW.typeColumn];
  if (taskType === undefined || taskType === null || !workspace.model.types.has(spec.type)) return undefined;
  const family = workspace.graph.queryFamily(spec.type);
  for (const row of workspace.store.find(workspace.graph.root(spec.type), [spec.owner], String(schema.values.id))) {
    if (family.includes(row.type) && row.values[spec.taskType] === taskType && row.values[spec.workflow] != null) return row.values[spec.workflow];
  }
  return undefined;
}

function stateShort(workspace: Workspace, status: Row): unknown {
  const name = WORKFLOW.initialState.reference;
  if (workspace.graph.type(status.type).attributes.get(name)?.kind !== 'reference') return undefined;
  const link = workspace.link(status.type, name);
  return link.kind === 'reference' ? workspace.referenced(status, link)?.values.short : undefined;
}

function nextNumber(workspace: Workspace, pending: Row, attribute: string, scope: string): number | undefined {
  const value = pending.values[scope];
  if (value === null || value === undefined || !workspace.graph.type(pending.type).attributes.has(scope)) return undefined;
  const family = workspace.graph.queryFamily(workspace.graph.root(pending.type));
  let highest = 0;
  for (const row of workspace.store.find(workspace.graph.root(pending.type), [scope], String(value))) {
    const number = row.values[attribute];
    if (family.includes(row.type) && typeof number === 'number' && number > highest) highest = number;
  }
  return highest + 1;
}
