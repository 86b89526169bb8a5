/**
 * Expected query answers computed straight from the demo seed (`demoData()`), independently of the
 * query builder and of the server's query engine: the round-trip tests compare both against these.
 * Keys are primary-key values joined by `,` (what `entity.$primaryKey().join(',')` gives), sorted.
 */
import { demoData, demoSchema } from '../../../server/demo/index.js';

/** A seed row: attribute name → wire value (datetimes as `{ __type__: 'datetime', value }`). */
export type SeedRow = Readonly<Record<string, unknown>>;

interface SchemaEntry {
  readonly id: string;
  readonly $mixin?: { readonly $ref: string };
  readonly primary_key: readonly string[];
}

const schemas = new Map((demoSchema as readonly SchemaEntry[]).map((entry) => [entry.id, entry]));
const seed = demoData().entities;

/** True when `type` is `ancestor` or inherits from it through `$mixin`. */
function isA(type: string, ancestor: string): boolean {
  for (let at: string | undefined = type; at !== undefined; at = schemas.get(at)?.$mixin?.$ref) if (at === ancestor) return true;
  return false;
}

/** Rows a query `from <type>` covers: the type's own rows and those of every type inheriting from it. */
export function rowsOf(type: string): SeedRow[] {
  if (!schemas.has(type)) throw new Error(`demo-oracle: unknown type ${type}`);
  return Object.keys(seed).filter((name) => isA(name, type)).flatMap((name) => seed[name] ?? []);
}

/** The primary key of a row of `type`, as the session joins it. */
export function keyOf(type: string, row: SeedRow): string {
  return schemas.get(type)!.primary_key.map((name) => String(row[name])).join(',');
}

/** Sorted keys of the rows of `type` that satisfy `test`. */
export function keysWhere(type: string, test: (row: SeedRow) => boolean): string[] {
  return rowsOf(type).filter(test).map((row) => keyOf(type, row)).sort();
}

/** Sorted keys of every row of `type`. */
export const allKeys = (type: string): string[] => keysWhere(type, () => true);

/** The row of `type` whose `id` is `id` (a reference target), or undefined. */
export function byId(type: string, id: unknown): SeedRow | undefined {
  return id === null || id === undefined ? undefined : rowsOf(type).find((row) => row.id === id);
}

/** Rows of `type` whose attribute `foreignKey` holds `id` (the members of a collection). */
export function membersOf(type: string, foreignKey: string, id: unknown): SeedRow[] {
  return rowsOf(type).filter((row) => row[foreignKey] === id);
}

/** The `value` of a wire datetime (`"YYYY-MM-DDTHH:MM:SS"`), or null. */
export function dateOf(value: unknown): string | null {
  return typeof value === 'object' && value !== null && 'value' in value ? String((value as { value: unknown }).value) : null;
}

/** Every seed row of `type` keyed by id, for reading related rows in expected-value checks. */
export function indexById(type: string): Map<string, SeedRow> {
  return new Map(rowsOf(type).map((row) => [String(row.id), row]));
}
