import type { TypeGraph } from '../model/type-graph.js';
import { keyString, rowKey, type Row } from './row.js';

type UndoEntry =
  | { kind: 'insert'; row: Row }
  | { kind: 'remove'; row: Row }
  | { kind: 'set'; row: Row; column: string; had: boolean; old: unknown };

/** Thrown by `insert` when the primary key is taken; callers turn it into `DuplicateEntryError`. */
export class DuplicateKeyError extends Error {}

/** One change of a committed transaction, in order: what the `--data` journal records. */
export type StoreChange =
  | { readonly kind: 'insert'; readonly row: Row }
  | { readonly kind: 'remove'; readonly row: Row }
  | { readonly kind: 'set'; readonly row: Row; readonly column: string; readonly old: unknown };

/**
 * A consistent view of every row as it was when `Store.beginSnapshot()` was called, readable
 * while later batches change the store (copy-on-write of the rows they touch).
 */
export interface StoreSnapshot {
  /** Concrete types that had rows, each with its rows in creation order. */
  readonly rows: ReadonlyMap<string, readonly Row[]>;
  /** The row's values as they were when the snapshot began. */
  values(row: Row): Readonly<Record<string, unknown>>;
  /** Ends the view (stops copying). */
  release(): void;
}

/**
 * In-memory rows with a primary-key index per `$mixin` root, lazily built column indexes
 * (foreign keys), and an undo log for atomic batches.
 */
export class Store {
  private readonly groups = new Map<string, Map<string, Row>>();
  private readonly byType = new Map<string, Map<string, Row>>();
  private readonly indexes = new Map<string, Map<string, Map<string, Set<Row>>>>();
  private undo: UndoEntry[] | undefined;
  private redo: StoreChange[] | undefined;
  private seq = 0;
  /** Values as of the running snapshot's start, for rows changed since (copy-on-write). */
  private frozen: Map<Row, Record<string, unknown>> | undefined;
  /**
   * Called with the changes of every committed top-level transaction that changed something,
   * before it completes; when it throws, the whole transaction is undone and the error rethrown.
   * While it is set, a change made outside a transaction is committed as a transaction of its own.
   */
  onCommit: ((changes: readonly StoreChange[]) => void) | undefined;

  constructor(readonly graph: TypeGraph) {}

  /** Rows of one concrete type, in creation order. */
  rowsOfType(type: string): Iterable<Row> {
    return this.byType.get(type)?.values() ?? [];
  }

  /** Number of rows of one concrete type. */
  countOfType(type: string): number {
    return this.byType.get(type)?.size ?? 0;
  }

  /** The row with primary key `key` whose type is in `family`. */
  get(family: ReadonlySet<string> | readonly string[], root: string, key: readonly unknown[]): Row | undefined {
    const row = this.groups.get(root)?.get(keyString(key));
    if (row === undefined) return undefined;
    const allowed = Array.isArray(family) ? family.includes(row.type) : (family as ReadonlySet<string>).has(row.type);
    return allowed ? row : undefined;
  }

  /** Rows of `root`'s group whose `columns` equal `key` (index lookup). */
  find(root: string, columns: readonly string[], key: string): ReadonlySet<Row> {
    return this.index(root, columns).get(key) ?? EMPTY;
  }

  insert(type: string, values: Record<string, unknown>, seq?: number): Row {
    if (this.undo === undefined && this.onCommit !== undefined) return this.transaction(() => this.insert(type, values, seq));
    const root = this.graph.root(type);
    const key = keyString(this.graph.type(type).primaryKey.map((c) => values[c]));
    const group = this.mapOf(this.groups, root);
    if (group.has(key)) throw new DuplicateKeyError(key);
    const row: Row = { type, values, seq: seq ?? ++this.seq };
    if (seq !== undefined && seq > this.seq) this.seq = seq;
    this.attach(row, root, key);
    this.undo?.push({ kind: 'insert', row });
    this.redo?.push({ kind: 'insert', row });
    return row;
  }

  /** Sets one column, keeping indexes current. Primary-key columns are never changed in place. */
  set(row: Row, column: string, value: unknown): void {
    if (this.undo === undefined && this.onCommit !== undefined) return this.transaction(() => this.set(row, column, value));
    const had = Object.prototype.hasOwnProperty.call(row.values, column);
    const old = row.values[column];
    if (had && old === value) return;
    this.undo?.push({ kind: 'set', row, column, had, old });
    this.redo?.push({ kind: 'set', row, column, old });
    this.assign(row, column, value, had);
  }

  remove(row: Row): void {
    if (this.undo === undefined && this.onCommit !== undefined) return this.transaction(() => this.remove(row));
    const root = this.graph.root(row.type);
    this.detach(row, root);
    this.undo?.push({ kind: 'remove', row });
    this.redo?.push({ kind: 'remove', row });
  }

  /**
   * Runs `work` atomically: every change is undone when it throws. `committed` (top level only)
   * receives the changes once the transaction is committed (`onCommit` included); it must not throw.
   */
  transaction<T>(work: () => T, committed?: (changes: readonly StoreChange[]) => void): T {
    if (this.undo !== undefined) return work();
    const log: UndoEntry[] = [];
    const changes: StoreChange[] = [];
    this.undo = log;
    this.redo = this.onCommit === undefined && committed === undefined ? undefined : changes;
    try {
      const result = work();
      if (changes.length > 0) this.onCommit?.(changes);
      committed?.(changes);
      return result;
    } catch (error) {
      this.undo = undefined;
      this.redo = undefined;
      for (let i = log.length - 1; i >= 0; i--) this.revert(log[i]!);
      throw error;
    } finally {
      this.undo = undefined;
      this.redo = undefined;
    }
  }

  /** Starts a consistent view of all rows as of now (one at a time); see `StoreSnapshot`. */
  beginSnapshot(): StoreSnapshot {
    if (this.frozen !== undefined) throw new Error('A store snapshot is already running.');
    const frozen = new Map<Row, Record<string, unknown>>();
    this.frozen = frozen;
    const rows = new Map<string, Row[]>();
    for (const [type, byKey] of this.byType) {
      if (byKey.size > 0) rows.set(type, [...byKey.values()].sort((a, b) => a.seq - b.seq));
    }
    return {
      rows,
      values: (row) => frozen.get(row) ?? row.values,
      release: () => {
        if (this.frozen === frozen) this.frozen = undefined;
      },
    };
  }

  /** Keeps the values a running snapshot must see before `row` changes for the first time. */
  private preserve(row: Row): void {
    if (this.frozen !== undefined && !this.frozen.has(row)) this.frozen.set(row, { ...row.values });
  }

  private revert(entry: UndoEntry): void {
    const root = this.graph.root(entry.row.type);
    if (entry.kind === 'insert') this.detach(entry.row, root);
    else if (entry.kind === 'remove') this.attach(entry.row, root, this.pkOf(entry.row));
    else if (entry.had) this.assign(entry.row, entry.column, entry.old, true);
    else {
      this.preserve(entry.row);
      this.unindex(entry.row, root, entry.column);
      delete entry.row.values[entry.column];
      this.reindex(entry.row, root, entry.column);
    }
  }

  private assign(row: Row, column: string, value: unknown, _had: boolean): void {
    const root = this.graph.root(row.type);
    this.preserve(row);
    this.unindex(row, root, column);
    row.values[column] = value;
    this.reindex(row, root, column);
  }

  private pkOf(row: Row): string {
    return keyString(this.graph.type(row.type).primaryKey.map((c) => row.values[c]));
  }

  private attach(row: Row, root: string, key: string): void {
    this.mapOf(this.groups, root).set(key, row);
    this.mapOf(this.byType, row.type).set(key, row);
    for (const [columns, index] of this.indexes.get(root) ?? []) addTo(index, rowKey(row, columns.split(',')), row);
  }

  private detach(row: Row, root: string): void {
    const key = this.pkOf(row);
    this.groups.get(root)?.delete(key);
    this.byType.get(row.type)?.delete(key);
    for (const [columns, index] of this.indexes.get(root) ?? []) removeFrom(index, rowKey(row, columns.split(',')), row);
  }

  private unindex(row: Row, root: string, column: string): void {
    for (const [columns, index] of this.indexes.get(root) ?? []) {
      const list = columns.split(',');
      if (list.includes(column)) removeFrom(index, rowKey(row, list), row);
    }
  }

  private reindex(row: Row, root: string, column: string): void {
    for (const [columns, index] of this.indexes.get(root) ?? []) {
      const list = columns.split(',');
      if (list.includes(column)) addTo(index, rowKey(row, list), row);
    }
  }

  private index(root: string, columns: readonly string[]): Map<string, Set<Row>> {
    const perRoot = this.mapOf(this.indexes, root);
    const name = columns.join(',');
    let index = perRoot.get(name);
    if (index === undefined) {
      index = new Map();
      for (const row of this.groups.get(root)?.values() ?? []) addTo(index, rowKey(row, columns), row);
      perRoot.set(name, index);
    }
    return index;
  }

  private mapOf<V>(maps: Map<string, Map<string, V>>, name: string): Map<string, V> {
    let map = maps.get(name);
    if (map === undefined) {
      map = new Map();
      maps.set(name, map);
    }
    return map;
  }
}

const EMPTY: ReadonlySet<Row> = new Set();

function addTo(index: Map<string, Set<Row>>, key: string | undefined, row: Row): void {
  if (key === undefined) return;
  let set = index.get(key);
  if (set === undefined) {
    set = new Set();
    index.set(key, set);
  }
  set.add(row);
}

function removeFrom(index: Map<string, Set<Row>>, key: string | undefined, row: Row): void {
  if (key === undefined) return;
  const set = index.get(key);
  if (set === undefined) return;
  set.delete(row);
  if (set.size === 0) index.delete(key);
}
