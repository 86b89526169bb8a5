/** One stored entity: its concrete type and its scalar columns (public names, plus hidden `@ref` columns). */
export interface Row {
  readonly type: string;
  readonly values: Record<string, unknown>;
  /** Creation order; the default result order. */
  readonly seq: number;
}

/** Identity string of a primary-key value list. */
export function keyString(values: readonly unknown[]): string {
  return values.length === 1 ? String(values[0]) : values.map((v) => String(v)).join('\u0000');
}

/** Identity string of `row` under `columns`, or undefined when a column is null. */
export function rowKey(row: Row, columns: readonly string[]): string | undefined {
  if (columns.length === 1) {
    const value = row.values[columns[0]!];
    return value === null || value === undefined ? undefined : String(value);
  }
  const parts: unknown[] = [];
  for (const column of columns) {
    const value = row.values[column];
    if (value === null || value === undefined) return undefined;
    parts.push(value);
  }
  return keyString(parts);
}
