import { apiError } from '../api/api-error.js';
import type { CollectionLink, Link, ReferenceLink } from '../model/relation-types.js';
import { rowKey, type Row } from '../store/row.js';
import type { Workspace } from '../store/workspace.js';
import { resolveReference } from './entity-ref.js';

/** Column values a reference assignment writes on the owner (all null for `null`). */
export function referenceColumns(workspace: Workspace, link: Link, value: unknown, where: string): Record<string, unknown> {
  const resolved = requireReference(link, where);
  const out: Record<string, unknown> = {};
  if (value === null) {
    for (const column of resolved.columns) out[column] = null;
    return out;
  }
  const target = resolveReference(workspace, value, resolved.target, where);
  resolved.columns.forEach((column, index) => {
    out[column] = target.values[resolved.targetColumns[index]!] ?? null;
  });
  return out;
}

function requireReference(link: Link, where: string): ReferenceLink {
  if (link.kind === 'reference') return link;
  const reason = link.kind === 'unresolved' ? link.reason : 'not a reference';
  throw apiError('ValidationError', `${where} cannot be assigned on this server (${reason}).`, 'unsupported_relation');
}

/**
 * Replaces a collection's membership: new members get the owner's key in their back-link
 * column, dropped members lose it (or are deleted when the back-link is part of their key).
 */
export function assignCollection(workspace: Workspace, owner: Row, link: Link, value: unknown, where: string, remove: (row: Row) => void): void {
  if (link.kind !== 'collection' || link.configured !== undefined) {
    const reason = link.kind === 'unresolved' ? link.reason : 'update its items instead';
    throw apiError('ValidationError', `${where} cannot be assigned on this server (${reason}).`, 'unsupported_relation');
  }
  if (!Array.isArray(value)) throw apiError('ValidationError', `${where}: expected a list of entity references.`, 'invalid_value');
  const wanted = value.map((item, index) => resolveReference(workspace, item, link.target, `${where}[${index}]`));
  const keep = new Set(wanted);
  const itemType = workspace.graph.type(link.target);
  const required = new Set(itemType.raw.required ?? []);
  for (const member of workspace.members(owner, link)) {
    if (keep.has(member)) continue;
    if (link.itemColumns.some((c) => workspace.graph.type(member.type).primaryKey.includes(c))) remove(member);
    else if (link.itemColumns.some((c) => required.has(c))) {
      throw apiError('ValidationError', `${where}: ${workspace.describeRow(member)} cannot leave it because ${link.itemColumns.join(', ')} is required.`, 'required_back_link');
    } else detach(workspace, member, link);
  }
  const ownerValues = link.ownerColumns.map((c) => owner.values[c]);
  for (const member of wanted) attach(workspace, member, link, owner, ownerValues, where);
}

function detach(workspace: Workspace, member: Row, link: CollectionLink): void {
  for (const column of link.itemColumns) workspace.store.set(member, column, null);
  if (link.typeColumn !== undefined) workspace.store.set(member, link.typeColumn, null);
}

function attach(workspace: Workspace, member: Row, link: CollectionLink, owner: Row, ownerValues: unknown[], where: string): void {
  if (rowKey(member, link.itemColumns) === rowKey(owner, link.ownerColumns)) {
    if (link.typeColumn !== undefined && member.values[link.typeColumn] == null) workspace.store.set(member, link.typeColumn, owner.type);
    return;
  }
  const memberType = workspace.graph.type(member.type);
  const fixed = link.itemColumns.find((c) => memberType.primaryKey.includes(c) || memberType.attributes.get(c)?.immutable === true);
  if (fixed !== undefined) {
    throw apiError('ValidationError', `${where}: ${workspace.describeRow(member)} cannot move, its ${fixed} is immutable.`, 'immutable_attribute');
  }
  link.itemColumns.forEach((column, index) => workspace.store.set(member, column, ownerValues[index]));
  if (link.typeColumn !== undefined) workspace.store.set(member, link.typeColumn, owner.type);
}
