import { bareRecord } from '../../runtime/protocol/own-record.js';
import { randomUUID } from 'node:crypto';
import { apiError } from '../api/api-error.js';
import { hiddenKeys, throughRows } from '../model/relations-follow.js';
import type { CollectionLink, HiddenLink, Link, ReferenceLink, ThroughLink } from '../model/relation-types.js';
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
  const reason = link.kind === 'unresolved' ? link.reason : link.kind === 'computed' ? 'it is computed by the server' : 'not a reference';
  throw apiError('ValidationError', `${where} cannot be assigned on this server (${reason}).`, 'unsupported_relation');
}

/**
 * Replaces a collection's membership: new members get the owner's key in their back-link
 * column, dropped members lose it (or are deleted when the back-link is part of their key, or
 * when they are link rows: their only required foreign keys are the two ends). Many-to-many
 * relations add and delete link rows (`update WorkflowSchema {statuses: […]}`), or rewrite the
 * hidden membership column.
 */
export function assignCollection(
  workspace: Workspace,
  owner: Row,
  link: Link,
  value: unknown,
  where: string,
  remove: (row: Row) => void,
  /** Members to keep although the list leaves them out (their back-link was set earlier in the batch). */
  stays?: (row: Row, columns: readonly string[]) => boolean,
): void {
  if ((link.kind !== 'collection' && link.kind !== 'through' && link.kind !== 'hidden') || (link.kind === 'collection' && link.configured !== undefined)) {
    const reason = link.kind === 'unresolved' ? link.reason : link.kind === 'computed' ? 'it is computed by the server' : 'update its items instead';
    throw apiError('ValidationError', `${where} cannot be assigned on this server (${reason}).`, 'unsupported_relation');
  }
  if (!Array.isArray(value)) throw apiError('ValidationError', `${where}: expected a list of entity references.`, 'invalid_value');
  const wanted = [...new Set(value.map((item, index) => resolveReference(workspace, item, link.target, `${where}[${index}]`)))];
  if (link.kind === 'through') return assignThrough(workspace, owner, link, wanted, where, remove);
  if (link.kind === 'hidden') return assignHidden(workspace, owner, link, wanted);
  const keep = new Set(wanted);
  const itemType = workspace.graph.type(link.target);
  const required = new Set(itemType.raw.required ?? []);
  for (const member of workspace.members(owner, link)) {
    if (keep.has(member) || stays?.(member, link.itemColumns) === true) continue;
    if (link.itemColumns.some((c) => workspace.graph.type(member.type).primaryKey.includes(c)) || isLinkRow(workspace, member.type)) remove(member);
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

/** A row that only joins two others: its required values besides the key are two foreign keys (`TypedContextLink.from_id`, `to_id`). */
function isLinkRow(workspace: Workspace, typeName: string): boolean {
  const { graph } = workspace;
  const required = graph.scalars(typeName).filter((s) => s.required && !s.isPrimaryKey);
  return required.length === 2 && required.every((s) => graph.foreignKeyTarget(s) !== undefined);
}

function assignThrough(workspace: Workspace, owner: Row, link: ThroughLink, wanted: readonly Row[], where: string, remove: (row: Row) => void): void {
  const keep = new Set(wanted);
  const present = new Set<Row>();
  for (const { linkRow, target } of throughRows(workspace, owner, link)) {
    if (keep.has(target) && !present.has(target)) present.add(target);
    else remove(linkRow);
  }
  const via = workspace.graph.type(link.via);
  for (const target of wanted) {
    if (present.has(target)) continue;
    const values: Record<string, unknown> = bareRecord();
    for (const attribute of via.attributes.values()) {
      if (attribute.kind !== 'scalar' || !attribute.hasDefault) continue;
      values[attribute.name] = attribute.default === '{uid}' ? randomUUID() : attribute.default;
    }
    link.viaOwnerColumns.forEach((column, index) => {
      values[column] = owner.values[link.ownerColumns[index]!] ?? null;
    });
    link.viaTargetColumns.forEach((column, index) => {
      values[column] = target.values[link.targetColumns[index]!] ?? null;
    });
    const missing = via.primaryKey.filter((column) => values[column] === null || values[column] === undefined);
    if (missing.length > 0) {
      throw apiError('ValidationError', `${where}: cannot link ${workspace.describeRow(target)}, ${link.via}.${missing.join(', ')} would be empty.`, 'missing_values');
    }
    workspace.store.insert(link.via, values);
  }
}

function assignHidden(workspace: Workspace, owner: Row, link: HiddenLink, wanted: readonly Row[]): void {
  const key = workspace.graph.type(link.target).primaryKey[0]!;
  const next = wanted.map((row) => String(row.values[key]));
  const current = hiddenKeys(owner, link);
  if (current.length === next.length && current.every((k, i) => k === next[i])) return;
  workspace.store.set(owner, link.column, next);
}
