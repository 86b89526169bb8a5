import { md5Hex } from './md5.js';
import { pythonJson } from './schema-hash.js';

/** One value type's names, as the hash reads them. */
export interface ValueNames {
  readonly entityType: string;
  readonly attribute: string;
  readonly names: readonly string[];
}

/**
 * The hash of a workspace's values: MD5 hex of the lists in canonical form (types sorted, names
 * sorted and unique), so the generator (from the workspace it read) and a session (from the
 * server's answers) get the same hash for the same names, whatever their order.
 * @example computeValuesHash([{ entityType: 'Status', attribute: 'name', names: ['Done', 'Approved'] }]) // 32 hex digits
 */
export function computeValuesHash(lists: readonly ValueNames[]): string {
  const canonical = lists
    .map((list) => [list.entityType, list.attribute, [...new Set(list.names)].sort(compare)] as const)
    .sort((a, b) => compare(a[0], b[0]) || compare(a[1], b[1]));
  return md5Hex(pythonJson(canonical));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
