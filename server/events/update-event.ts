import { actingUserRow, containers } from '../rules/apply-rules.js';
import { UPDATE_EVENT } from '../rules/ftrack-rules.js';
import { toWire } from '../model/values.js';
import type { Row } from '../store/row.js';
import type { StoreChange } from '../store/store.js';
import type { Workspace } from '../store/workspace.js';
import { configuredItemsOf, ownerOf, type ConfiguredItems } from '../write/custom-attributes.js';
import type { PublishableEvent } from './server-event-hub.js';

/** Who made a batch: the API user and the request's `ftrack-Clienttoken` / `ftrack-pushtoken` headers. */
export interface UpdateActor {
  readonly apiUser: string;
  readonly clientToken?: string | undefined;
  readonly pushToken?: string | undefined;
}

type Action = 'add' | 'update' | 'remove';

interface Tracked {
  action: Action;
  /** Column → value before the batch (first change wins). */
  readonly old: Map<string, unknown>;
}

/** One entity of the event while it is built: a row's own changes plus its custom attribute values'. */
interface Entry {
  action: Action;
  readonly changes: Map<string, { old: unknown; new: unknown }>;
}

/**
 * The `ftrack.update` event of one committed batch (spec event-hub.md §6.2), or undefined when no
 * row changed in a way a listener sees. One entity per changed row, in order of first change:
 * `add` (rows created), `update` (columns whose value differs after the batch), `remove` (rows
 * deleted); a row created and deleted in the same batch is left out. A custom attribute value row
 * (an item of a configured mapped array) is not an entity of its own: its change is listed on its
 * owner under the configuration's key (`keys: ['fstart']`).
 *
 * @example
 * // session.update('Task', id, { status_id: s2 }) → data.entities[0]:
 * // { action: 'update', entityId: id, entityType: 'task', entity_type: 'Task', objectTypeId: '…',
 * //   keys: ['statusid'], changes: { statusid: { old: s1, new: s2 } }, parentId: shotId, parents: [{ entityId: id, … }, …] }
 */
export function updateEvent(workspace: Workspace, changes: readonly StoreChange[], actor: UpdateActor, hubId: string): PublishableEvent | undefined {
  const rows = new Map<Row, Tracked>();
  for (const change of changes) {
    const tracked = rows.get(change.row);
    if (change.kind === 'insert') rows.set(change.row, { action: 'add', old: new Map() });
    else if (change.kind === 'remove') {
      if (tracked?.action === 'add') rows.delete(change.row);
      else if (tracked === undefined) rows.set(change.row, { action: 'remove', old: new Map() });
      else tracked.action = 'remove';
    } else if (tracked === undefined) rows.set(change.row, { action: 'update', old: new Map([[change.column, change.old]]) });
    else if (!tracked.old.has(change.column)) tracked.old.set(change.column, change.old);
  }
  const entries = new Map<Row, Entry>();
  const entryOf = (row: Row, action: Action) => {
    let entry = entries.get(row);
    if (entry === undefined) entries.set(row, (entry = { action, changes: new Map() }));
    return entry;
  };
  for (const [row, tracked] of rows) {
    const items = configuredItemsOf(workspace, row.type);
    if (items === undefined) {
      const entry = entryOf(row, tracked.action);
      entry.action = tracked.action;
      for (const [key, change] of ownChanges(workspace, row, tracked)) entry.changes.set(key, change);
      continue;
    }
    const owner = ownerRow(workspace, items, row, rows);
    const change = configuredChange(workspace, items, row, tracked);
    if (owner !== undefined && change !== undefined) entryOf(owner, rows.get(owner)?.action ?? 'update').changes.set(change[0], change[1]);
  }
  const entities: Record<string, unknown>[] = [];
  const parentIds = new Set<string>();
  for (const [row, entry] of entries) {
    if (entry.action === 'update' && entry.changes.size === 0) continue;
    const entity = entityOf(workspace, row, entry);
    entities.push(entity);
    for (const parent of entity.parents) parentIds.add(parent.entityId);
  }
  if (entities.length === 0) return undefined;
  const user = actingUser(workspace, actor.apiUser);
  const tokens = { ...(actor.clientToken === undefined ? {} : { clientToken: actor.clientToken }), ...(actor.pushToken === undefined ? {} : { pushToken: actor.pushToken }) };
  return {
    topic: 'ftrack.update',
    source: { id: hubId, applicationId: 'ftrack.server', ...(actor.clientToken === undefined ? {} : { clientToken: actor.clientToken }), user: { id: user.id, username: actor.apiUser } },
    data: { ...tokens, user: { userid: user.id, name: user.name }, parents: [...parentIds], entities },
  };
}

/** The row's own column changes, keyed by legacy spelling, in schema attribute order. */
function ownChanges(workspace: Workspace, row: Row, tracked: Tracked): Map<string, { old: unknown; new: unknown }> {
  const type = workspace.graph.type(row.type);
  const changes = new Map<string, { old: unknown; new: unknown }>();
  for (const attribute of type.attributes.values()) {
    if (attribute.kind !== 'scalar' || attribute.computed || type.primaryKey.includes(attribute.name)) continue;
    const now = row.values[attribute.name] ?? null;
    const before = tracked.action === 'update' ? (tracked.old.has(attribute.name) ? (tracked.old.get(attribute.name) ?? null) : now) : null;
    const after = tracked.action === 'remove' ? null : now;
    const shown = { old: plain(toWire(attribute, tracked.action === 'remove' ? now : before)), new: plain(toWire(attribute, after)) };
    if (JSON.stringify(shown.old) === JSON.stringify(shown.new)) continue;
    changes.set(UPDATE_EVENT.legacyKeys[attribute.name] ?? attribute.name, shown);
  }
  return changes;
}

/** `[configuration key, {old, new}]` of a custom attribute value row. */
function configuredChange(workspace: Workspace, items: ConfiguredItems, row: Row, tracked: Tracked): [string, { old: unknown; new: unknown }] | undefined {
  const { configured } = items;
  const key = row.values[configured.keyAttribute] ?? workspace.getRow(configured.configType, [row.values[configured.configColumn]])?.values[configured.keyAttribute];
  if (typeof key !== 'string') return undefined;
  const now = row.values[configured.valueAttribute] ?? null;
  const old = tracked.action === 'add' ? null : tracked.action === 'remove' ? now : tracked.old.has(configured.valueAttribute) ? (tracked.old.get(configured.valueAttribute) ?? null) : now;
  const change = { old, new: tracked.action === 'remove' ? null : now };
  return JSON.stringify(change.old) === JSON.stringify(change.new) ? undefined : [key, change];
}

/** The entity a value row belongs to: a stored row, or one the batch deleted. */
function ownerRow(workspace: Workspace, items: ConfiguredItems, row: Row, rows: ReadonlyMap<Row, Tracked>): Row | undefined {
  const ownerKey = row.values[items.link.itemColumns[0]!];
  const stored = ownerOf(workspace, items, ownerKey);
  if (stored !== undefined) return stored;
  for (const [candidate, tracked] of rows) if (tracked.action === 'remove' && workspace.keyText(candidate) === String(ownerKey)) return candidate;
  return undefined;
}

function entityOf(workspace: Workspace, row: Row, entry: Entry): Record<string, unknown> & { parents: { entityId: string }[] } {
  const type = workspace.graph.type(row.type);
  const changes = Object.fromEntries(entry.changes);
  const chain = [row, ...containers(workspace, row)];
  const parents = chain.map((member, index) => ({ ...reference(workspace, member), ...(chain[index + 1] === undefined ? {} : { parentId: workspace.keyText(chain[index + 1]!) }) }));
  const objectTypeId = row.values[UPDATE_EVENT.objectTypeColumn];
  return {
    action: entry.action,
    ...reference(workspace, row),
    ...(typeof objectTypeId === 'string' && type.attributes.has(UPDATE_EVENT.objectTypeColumn) ? { objectTypeId } : {}),
    keys: [...entry.changes.keys()],
    changes,
    ...(chain[1] === undefined ? {} : { parentId: workspace.keyText(chain[1]) }),
    parents,
  };
}

function reference(workspace: Workspace, row: Row): { entityId: string; entityType: string; entity_type: string } {
  return { entityId: workspace.keyText(row), entityType: legacyType(workspace, row.type), entity_type: row.type };
}

/** The legacy name: the nearest family listed in `UPDATE_EVENT.legacyTypes`, else the schema name in lower case. */
function legacyType(workspace: Workspace, typeName: string): string {
  for (const [family, legacy] of Object.entries(UPDATE_EVENT.legacyTypes)) {
    if (workspace.model.types.has(family) && workspace.graph.queryFamily(family).includes(typeName)) return legacy;
  }
  return typeName.toLowerCase();
}

/** Datetimes as their plain text; other values as stored. */
function plain(value: unknown): unknown {
  return typeof value === 'object' && value !== null && '__type__' in value && 'value' in value ? value.value : value;
}

function actingUser(workspace: Workspace, apiUser: string): { id: string | null; name: string } {
  const row = actingUserRow(workspace, apiUser);
  if (row === undefined) return { id: null, name: apiUser };
  const name = UPDATE_EVENT.userNameColumns
    .map((column) => row.values[column])
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join(' ');
  return { id: workspace.keyText(row), name: name === '' ? apiUser : name };
}
