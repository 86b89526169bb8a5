import { isPlainObject } from '../../runtime/schema/normalize-property.js';
import type {
  CustomAttributeConfig,
  EnumeratorOption,
  ObjectTypeValue,
  ProjectSchemaValues,
  StatusValue,
  WorkspaceMetadata,
  WorkspaceValue,
  WorkspaceWarningHandler,
} from './workspace-metadata.js';
import type { WorkspacePart } from './workspace-queries.js';

type Record_ = Readonly<Record<string, unknown>>;

/**
 * Reads the answers of the workspace queries (`parts[i]` names what `answers[i]` holds; raw wire
 * JSON) into workspace metadata, tolerantly: an answer that is not a query result reads as empty,
 * a record without an id or name is skipped, an unreadable `config` reads as `{}` — each with one
 * warning; a part not asked for (the schema lacks its type) reads as empty. Entities a normalised
 * answer sends only once (a workflow schema shared by two project schemas) are merged by identity
 * first, so every occurrence sees every attribute the answer holds.
 *
 * @example
 * readWorkspaceAnswers(['statuses'], [{ action: 'query', data: [{ id: 's1', name: 'Approved', sort: 3 }] }], console.warn);
 * // { customAttributes: [], statuses: [{ id: 's1', name: 'Approved', sort: 3, stateId: null }], … }
 */
export function readWorkspaceAnswers(parts: readonly WorkspacePart[], answers: readonly unknown[], onWarning: WorkspaceWarningHandler): WorkspaceMetadata {
  const merged = new EntityIndex();
  const rows = new Map<WorkspacePart, Record_[]>();
  parts.forEach((part, index) => {
    const answer = answers[index];
    const data = isPlainObject(answer) && Array.isArray(answer.data) ? answer.data : undefined;
    if (data === undefined) {
      onWarning({ code: 'invalid_record', message: `The answer for the workspace's ${part} is not a query result: none read.` });
      return;
    }
    const next = isPlainObject(answer) && isPlainObject(answer.metadata) && isPlainObject(answer.metadata.next) ? answer.metadata.next.offset : null;
    if (typeof next === 'number') onWarning({ code: 'truncated_answer', message: `The server paged the ${part} (${data.length} read): the rest is missing.` });
    merged.collect(data);
    rows.set(part, data.filter(isPlainObject));
  });
  const read = <T>(part: WorkspacePart, convert: (row: Record_) => T | undefined, order: (a: T, b: T) => number): T[] => {
    const out: T[] = [];
    let skipped = 0;
    for (const row of rows.get(part) ?? []) {
      const value = convert(merged.resolve(row));
      if (value === undefined) skipped++;
      else out.push(value);
    }
    if (skipped > 0) onWarning({ code: 'invalid_record', message: `${skipped} ${part} record(s) without an id or name were skipped.` });
    return out.sort(order);
  };
  const perSchema = (part: WorkspacePart) => (rows.get(part) ?? []).map((row) => merged.resolve(row));
  return {
    customAttributes: read('customAttributes', (row) => customAttribute(merged, row, onWarning), byKey),
    statuses: read('statuses', (row) => statusValue(merged, row), byName),
    types: read('types', namedValue, byName),
    priorities: read('priorities', namedValue, byName),
    objectTypes: read('objectTypes', objectTypeValue, byName),
    states: read('states', namedValue, byName),
    projectSchemas: read(
      'projectSchemas',
      (row) => projectSchema(merged, row, perSchema('objectTypeSchemas'), perSchema('schemaOverrides')),
      (a, b) => compare(a.name, b.name) || compare(a.id, b.id),
    ),
  };
}

function namedValue(row: Record_): WorkspaceValue | undefined {
  if (typeof row.id !== 'string' || typeof row.name !== 'string') return undefined;
  return { id: row.id, name: row.name, sort: typeof row.sort === 'number' ? row.sort : null };
}

function statusValue(merged: EntityIndex, row: Record_): StatusValue | undefined {
  const value = namedValue(row);
  if (value === undefined) return undefined;
  const state = merged.resolve(row.state);
  return { ...value, stateId: typeof state.id === 'string' ? state.id : null };
}

function objectTypeValue(row: Record_): ObjectTypeValue | undefined {
  const value = namedValue(row);
  if (value === undefined) return undefined;
  const flag = (name: string) => (typeof row[name] === 'boolean' ? row[name] : null);
  return {
    ...value,
    isLeaf: flag('is_leaf'),
    isTaskable: flag('is_taskable'),
    isTypeable: flag('is_typeable'),
    isStatusable: flag('is_statusable'),
    isPrioritizable: flag('is_prioritizable'),
  };
}

function customAttribute(merged: EntityIndex, row: Record_, onWarning: WorkspaceWarningHandler): CustomAttributeConfig | undefined {
  if (typeof row.id !== 'string' || typeof row.key !== 'string') return undefined;
  const typeRow = merged.resolve(row.type);
  const type = typeof typeRow.name === 'string' ? typeRow.name : 'unknown';
  const config = parseConfig(row.config, () => onWarning({ code: 'invalid_config', message: `CustomAttributeConfiguration ${row.id as string} (${row.key as string}): config is not a JSON object: read as {}.` }));
  const isEnumerator = type === 'enumerator' || type === 'dynamic enumerator';
  return {
    id: row.id,
    key: row.key,
    label: typeof row.label === 'string' ? row.label : row.key,
    type,
    entityType: text(row.entity_type),
    objectTypeId: text(row.object_type_id),
    projectId: text(row.project_id),
    isHierarchical: row.is_hierarchical === true,
    default: row.default ?? null,
    config,
    options: isEnumerator ? enumeratorOptions(config.data) : [],
    multiSelect: isEnumerator && config.multiSelect === true,
  };
}

function projectSchema(merged: EntityIndex, row: Record_, objectTypeSchemas: readonly Record_[], overrides: readonly Record_[]): ProjectSchemaValues | undefined {
  const value = namedValue(row);
  if (value === undefined) return undefined;
  // Minimal forms: the values themselves (`id`) or link rows (`status_id`, `type_id`, `object_type_id`).
  const ids = (list: unknown, column: string) => sortedIds(merged.list(list).map((item) => item[column] ?? item.id));
  const statusesOf = (holder: unknown) => ids(merged.resolve(holder).statuses, 'status_id');
  const mine = (rows: readonly Record_[]) => rows.filter((item) => item.project_schema_id === value.id);
  return {
    id: value.id,
    name: value.name,
    objectTypeIds: ids(row.object_types, 'object_type_id'),
    taskStatusIds: statusesOf(row.task_workflow_schema),
    taskTypeIds: ids(merged.resolve(row.task_type_schema).types, 'type_id'),
    versionStatusIds: statusesOf(row.asset_version_workflow_schema),
    objectTypes: mine(objectTypeSchemas)
      .filter((schema) => typeof schema.object_type_id === 'string')
      .map((schema) => ({ objectTypeId: schema.object_type_id as string, statusIds: ids(schema.statuses, 'status_id'), typeIds: ids(schema.types, 'type_id') }))
      .sort((a, b) => compare(a.objectTypeId, b.objectTypeId)),
    overrides: mine(overrides)
      .filter((override) => typeof override.type_id === 'string')
      .map((override) => ({ typeId: override.type_id as string, statusIds: statusesOf(override.workflow_schema) }))
      .sort((a, b) => compare(a.typeId, b.typeId)),
  };
}

/** `config` as ftrack sends it: a JSON text (or, from some clients, an object already). */
function parseConfig(value: unknown, warn: () => void): Readonly<Record<string, unknown>> {
  if (value === null || value === undefined || value === '') return {};
  if (isPlainObject(value)) return value;
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      if (isPlainObject(parsed)) return parsed;
    } catch {
      // read as {} below
    }
  }
  warn();
  return {};
}

/** Enumerator options: `config.data` is a JSON text (or list) of `{menu, value}`. */
function enumeratorOptions(data: unknown): EnumeratorOption[] {
  let list: unknown = data;
  if (typeof data === 'string') {
    try {
      list = JSON.parse(data);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(list)) return [];
  return list.flatMap((item): EnumeratorOption[] => {
    if (!isPlainObject(item)) return [];
    const value = item.value === undefined || item.value === null ? undefined : String(item.value);
    if (value === undefined) return [];
    return [{ menu: typeof item.menu === 'string' ? item.menu : value, value }];
  });
}

/**
 * Merges every entity of an answer by identity (`__entity_type__` + `id`, or the whole key for link
 * rows): a normalised answer sends an attribute of an entity only at its first occurrence.
 */
class EntityIndex {
  private readonly byIdentity = new Map<string, Record<string, unknown>>();

  collect(value: unknown): void {
    if (Array.isArray(value)) {
      for (const item of value) this.collect(item);
      return;
    }
    if (!isPlainObject(value)) return;
    const identity = identityOf(value);
    if (identity !== undefined) {
      const known = this.byIdentity.get(identity) ?? (Object.create(null) as Record<string, unknown>);
      for (const [name, item] of Object.entries(value)) if (!(name in known)) known[name] = item;
      this.byIdentity.set(identity, known);
    }
    for (const item of Object.values(value)) this.collect(item);
  }

  resolve(value: unknown): Record_ {
    if (!isPlainObject(value)) return {};
    const identity = identityOf(value);
    return (identity === undefined ? undefined : this.byIdentity.get(identity)) ?? value;
  }

  list(value: unknown): Record_[] {
    return Array.isArray(value) ? value.filter(isPlainObject).map((item) => this.resolve(item)) : [];
  }
}

function identityOf(value: Record_): string | undefined {
  if (typeof value.__entity_type__ !== 'string') return undefined;
  if (typeof value.id === 'string') return `${value.__entity_type__}\u0000${value.id}`;
  const keys = Object.keys(value).filter((name) => name.endsWith('_id') && typeof value[name] === 'string').sort();
  return keys.length === 0 ? undefined : `${value.__entity_type__}\u0000${keys.map((name) => `${name}=${value[name] as string}`).join('\u0000')}`;
}

function sortedIds(values: readonly unknown[]): string[] {
  return [...new Set(values.filter((value): value is string => typeof value === 'string'))].sort(compare);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byName(a: WorkspaceValue, b: WorkspaceValue): number {
  return (a.sort ?? Number.MAX_SAFE_INTEGER) - (b.sort ?? Number.MAX_SAFE_INTEGER) || compare(a.name, b.name) || compare(a.id, b.id);
}

function byKey(a: CustomAttributeConfig, b: CustomAttributeConfig): number {
  return compare(a.key, b.key) || compare(a.entityType ?? '', b.entityType ?? '') || compare(a.objectTypeId ?? '', b.objectTypeId ?? '') || compare(a.projectId ?? '', b.projectId ?? '') || compare(a.id, b.id);
}
