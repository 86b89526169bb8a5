import { apiError } from '../api/api-error.js';
import { toWire } from '../model/values.js';
import type { Row } from '../store/row.js';
import type { Workspace } from '../store/workspace.js';
import type { Query } from './ast.js';
import { compareValues } from './order-rows.js';
import { resolvePath, someValue, type ResolvedPath } from './resolve-path.js';

/**
 * `select count(id), project_id from Task group by project_id`: one plain row per group,
 * keys `<fn>_<attribute>` and the group paths, no `__entity_type__` (spec 5.9).
 */
export function aggregateRows(workspace: Workspace, query: Query, rows: readonly Row[]): Record<string, unknown>[] {
  const groups = (query.groupBy ?? []).map((ref) => ({ name: ref.path.join('.'), resolved: scalarPath(workspace, query, ref.path, ref.position) }));
  const groupNames = new Set(groups.map((g) => g.name));
  const columns = (query.select ?? []).map((projection) => {
    const name = projection.target.path.join('.');
    const resolved = scalarPath(workspace, query, projection.target.path, projection.target.position);
    if (projection.kind === 'path') {
      if (!groupNames.has(name)) {
        throw apiError('ValidationError', `"${name}" must appear in "group by" or inside an aggregate function.`, 'invalid_group_by');
      }
      return { key: name, fn: undefined, resolved };
    }
    return { key: `${projection.fn}_${projection.target.path.join('_')}`, fn: projection.fn, resolved };
  });
  const buckets = new Map<string, { keyValues: unknown[]; rows: Row[] }>();
  for (const row of rows) {
    const keyValues = groups.map((group) => firstValue(workspace, row, group.resolved));
    const id = JSON.stringify(keyValues);
    let bucket = buckets.get(id);
    if (bucket === undefined) {
      bucket = { keyValues, rows: [] };
      buckets.set(id, bucket);
    }
    bucket.rows.push(row);
  }
  if (groups.length === 0 && buckets.size === 0) buckets.set('[]', { keyValues: [], rows: [] });
  const out: Record<string, unknown>[] = [];
  for (const bucket of buckets.values()) {
    const record: Record<string, unknown> = {};
    for (const column of columns) {
      if (column.fn === undefined) {
        const index = groups.findIndex((g) => g.name === column.key);
        record[column.key] = toWire(lastScalar(column.resolved), bucket.keyValues[index]);
      } else record[column.key] = aggregate(column.fn, bucket.rows.map((row) => firstValue(workspace, row, column.resolved)), column.resolved);
    }
    for (const [index, group] of groups.entries()) {
      if (!(group.name in record)) record[group.name] = toWire(lastScalar(group.resolved), bucket.keyValues[index]);
    }
    out.push(record);
  }
  return out;
}

function aggregate(fn: string, values: unknown[], resolved: ResolvedPath): unknown {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (fn === 'count') return present.length;
  if (fn === 'min' || fn === 'max') {
    if (present.length === 0) return null;
    const sorted = [...present].sort(compareValues);
    return toWire(lastScalar(resolved), fn === 'min' ? sorted[0] : sorted[sorted.length - 1]);
  }
  const numbers = present.filter((v): v is number => typeof v === 'number');
  if (numbers.length === 0) return null;
  const sum = numbers.reduce((a, b) => a + b, 0);
  return fn === 'sum' ? sum : sum / numbers.length;
}

function scalarPath(workspace: Workspace, query: Query, path: readonly string[], position: number): ResolvedPath {
  const resolved = resolvePath(workspace, query.entityType, { path, position }, 'select');
  if (resolved.last.kind !== 'scalar') {
    throw apiError('ValidationError', `"${path.join('.')}" is a relation; group and aggregate plain attributes.`, 'invalid_group_by');
  }
  return resolved;
}

function firstValue(workspace: Workspace, row: Row, resolved: ResolvedPath): unknown {
  const name = resolved.last.name;
  let found: unknown = null;
  someValue(workspace, row, resolved.steps, (end) => end.values[name], (value) => {
    found = value;
    return true;
  });
  return found;
}

function lastScalar(resolved: ResolvedPath) {
  return resolved.last.kind === 'scalar' ? resolved.last : undefined;
}
