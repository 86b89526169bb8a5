import { bareRecord } from '../../runtime/protocol/own-record.js';
import { toWire } from '../model/values.js';
import type { Row } from '../store/row.js';
import type { Workspace } from '../store/workspace.js';

/** `{__entity_type__, <pk>}` of a row. */
export function identityOf(workspace: Workspace, row: Row): Record<string, unknown> {
  // Null prototype: attribute names such as `__proto__` or `constructor` are plain keys.
  const out: Record<string, unknown> = Object.assign(bareRecord(), { __entity_type__: row.type });
  for (const column of workspace.graph.type(row.type).primaryKey) out[column] = row.values[column] ?? null;
  return out;
}

/**
 * A created row as returned by `create`: identity plus every stored scalar attribute that has a
 * value. Unset (null) attributes are omitted, as real servers do (`{"username": …, "is_active":
 * false, …}` without `"email": null`).
 */
export function createdResult(workspace: Workspace, row: Row): Record<string, unknown> {
  const out = identityOf(workspace, row);
  for (const attribute of workspace.graph.type(row.type).attributes.values()) {
    const value = row.values[attribute.name];
    if (attribute.kind !== 'scalar' || attribute.name in out || value === null || value === undefined) continue;
    out[attribute.name] = toWire(attribute, value);
  }
  return out;
}

/** An updated row as returned by `update`: identity, system projections, then the changed attributes (unset ones omitted). */
export function updatedResult(workspace: Workspace, row: Row, changed: Iterable<string>): Record<string, unknown> {
  const type = workspace.graph.type(row.type);
  const out = identityOf(workspace, row);
  const names = [...type.systemProjections, ...type.classifiers.map((c) => c.attribute), ...changed];
  for (const name of names) {
    const attribute = type.attributes.get(name);
    if (attribute === undefined || name in out) continue;
    if (attribute.kind === 'scalar') {
      const value = row.values[name];
      if (value !== null && value !== undefined) out[name] = toWire(attribute, value);
    } else {
      const link = workspace.link(row.type, name);
      const related = workspace.follow(row, link).map((r) => identityOf(workspace, r));
      if (attribute.kind !== 'reference') out[name] = related;
      else if (related[0] !== undefined) out[name] = related[0];
    }
  }
  return out;
}
