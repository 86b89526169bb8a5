import { keyString, rowKey, type Row } from '../store/row.js';
import type { RowGraph } from './row-graph.js';
import { followComputed } from './relations-computed.js';
import type { ComputedLink, HiddenLink, ThroughLink } from './relation-types.js';

/** Rows of a many-to-many or computed relation (the kinds `Workspace.members` does not serve). */
export function followOther(workspace: RowGraph, row: Row, link: ThroughLink | HiddenLink | ComputedLink): Row[] {
  switch (link.kind) {
    case 'through':
      return throughRows(workspace, row, link).map((entry) => entry.target);
    case 'hidden':
      return hiddenKeys(row, link)
        .map((key) => targetRow(workspace, link.target, [key], undefined))
        .filter((target): target is Row => target !== undefined);
    case 'computed':
      return followComputed(workspace, row, link);
  }
}

/** Link rows of `owner` (creation order) with the target each names; link rows naming no row are skipped. */
export function throughRows(workspace: RowGraph, owner: Row, link: ThroughLink): { linkRow: Row; target: Row }[] {
  const key = rowKey(owner, link.ownerColumns);
  if (key === undefined) return [];
  const { graph } = workspace;
  const family = graph.relationFamily(link.via);
  const rows = [...workspace.store.find(graph.root(link.via), link.viaOwnerColumns, key)].filter((r) => family.has(r.type));
  rows.sort((a, b) => a.seq - b.seq);
  const out: { linkRow: Row; target: Row }[] = [];
  for (const linkRow of rows) {
    const values = link.viaTargetColumns.map((c) => linkRow.values[c]);
    if (values.some((v) => v === null || v === undefined)) continue;
    const target = targetRow(workspace, link.target, values, link.targetColumns);
    if (target !== undefined) out.push({ linkRow, target });
  }
  return out;
}

/** Primary keys held in a hidden many-to-many column. */
export function hiddenKeys(row: Row, link: HiddenLink): string[] {
  const value = row.values[link.column];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The row of `target`'s relation family whose `columns` (default: primary key) equal `values`. */
function targetRow(workspace: RowGraph, target: string, values: readonly unknown[], columns: readonly string[] | undefined): Row | undefined {
  const { graph } = workspace;
  const family = graph.relationFamily(target);
  const root = graph.root(target);
  const primaryKey = graph.type(target).primaryKey;
  if (columns === undefined || (columns.length === primaryKey.length && columns.every((c, i) => c === primaryKey[i]))) {
    return workspace.store.get(family, root, values);
  }
  for (const candidate of workspace.store.find(root, columns, keyString(values))) if (family.has(candidate.type)) return candidate;
  return undefined;
}
