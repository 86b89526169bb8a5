import { apiError } from '../api/api-error.js';
import { scalarGetter } from '../model/relations-computed.js';
import { isStoredDateTime } from '../model/values.js';
import type { Row } from '../store/row.js';
import type { Workspace } from '../store/workspace.js';
import type { OrderItem } from './ast.js';
import { resolvePath, someValue } from './resolve-path.js';

/**
 * Sorts rows by `order by` keys (first value along each path; nulls first ascending, last
 * descending), then by creation order so every ordering is stable and pageable.
 */
export function orderRows(workspace: Workspace, typeName: string, rows: Row[], order: readonly OrderItem[]): Row[] {
  const keys = order.map((item) => {
    const resolved = resolvePath(workspace, typeName, item.target, 'filter');
    if (resolved.last.kind !== 'scalar') {
      throw apiErrorForOrder(item.target.path.join('.'));
    }
    const value = scalarGetter(workspace, resolved.last);
    const read = (row: Row): unknown => {
      if (resolved.steps.length === 0) return value(row);
      let found: unknown = null;
      someValue(workspace, row, resolved.steps, value, (value) => {
        found = value;
        return true;
      });
      return found;
    };
    return { read, sign: item.descending ? -1 : 1 };
  });
  if (keys.length === 0) return isSorted(rows) ? rows : rows.sort((a, b) => a.seq - b.seq);
  const decorated = rows.map((row) => ({ row, values: keys.map((key) => key.read(row)) }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const order = compareValues(a.values[i], b.values[i]);
      if (order !== 0) return order * keys[i]!.sign;
    }
    return a.row.seq - b.row.seq;
  });
  return decorated.map((entry) => entry.row);
}

function isSorted(rows: readonly Row[]): boolean {
  for (let i = 1; i < rows.length; i++) if (rows[i - 1]!.seq > rows[i]!.seq) return false;
  return true;
}

/** Total order over stored values: null < booleans < numbers < text (datetimes as text). */
export function compareValues(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) return 0;
  if (ra === 1 || ra === 2) return Number(a) - Number(b);
  const ta = text(a);
  const tb = text(b);
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

function rank(value: unknown): number {
  return value === null || value === undefined ? 0 : typeof value === 'boolean' ? 1 : typeof value === 'number' ? 2 : 3;
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isStoredDateTime(value)) return value.value;
  return JSON.stringify(value);
}


function apiErrorForOrder(path: string): Error {
  return apiError('ValidationError', `Cannot order by "${path}": it is a relation, order by one of its attributes instead.`, 'invalid_path');
}
