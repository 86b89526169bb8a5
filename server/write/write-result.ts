import { toWire } from '../model/values.js';
import type { Row } from '../store/row.js';
import type { Workspace } from '../store/workspace.js';

/** `{__entity_type__, <pk>}` of a row. */
export function identityOf(workspace: Workspace, row: Row): Record<string, unknown> {
  const out: Record<string, unknown> = { __entity_type__: row.type };
  for (const column of workspace.graph.type(row.type).primaryKey) out[column] = row.values[column] ?? null;
  return out;
}

/** A created row as returned by `create`: identity plus every stored scalar attribute. */
export function createdResult(workspace: Workspace, row: Row): Record<string, unknown> {
  const out = identityOf(workspace, row);
  for (const attribute of workspace.graph.type(row.type).attributes.values()) {
    if (attribute.kind !== 'scalar' || attribute.name in out) continue;
    if (attribute.computed && row.values[attribute.name] === undefined) continue;
    out[attribute.name] = toWire(attribute, row.values[attribute.name]);
  }
  return out;
}

/** An updated row as returned by `update`: identity, system projections, then the changed attributes. */
export function updatedResult(workspace: Workspace, row: Row, changed: Iterable<string>): Record<string, unknown> {
  const type = workspace.graph.type(row.type);
  const out = identityOf(workspace, row);
  const names = [...type.systemProjections, ...type.classifiers.map((c) => c.attribute), ...changed];
  for (const name of names) {
    const attribute = type.attributes.get(name);
    if (attribute === undefined || name in out) continue;
    if (attribute.kind === 'scalar') out[name] = toWire(attribute, row.values[name]);
    else {
      const link = workspace.link(row.type, name);
      const related = workspace.follow(row, link).map((r) => identityOf(workspace, r));
      out[name] = attribute.kind === 'reference' ? (related[0] ?? null) : related;
    }
  }
  return out;
}
