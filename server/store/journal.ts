import * as fs from 'node:fs';
import { ConfigurationError } from '../../runtime/errors.js';
import { apiError } from '../api/api-error.js';
import { DataFiles, failureReason, type DataFileSystem } from './data-files.js';
import { writeSnapshot, writeSnapshotNow } from './snapshot-file.js';
import type { StoreChange } from './store.js';
import type { WorkspaceData } from './workspace-data.js';
import type { Workspace } from './workspace.js';

/** Settings of `--data` persistence. */
export interface JournalSettings {
  /** Compact once the journal holds this many bytes; default: the data file's size, at least 8 MiB. */
  readonly limit?: number | undefined;
  /** File operations (default node:fs). */
  readonly files?: DataFileSystem | undefined;
  /** Receives a message when a background compaction fails (the journal still holds everything). */
  readonly onWarning?: ((message: string) => void) | undefined;
}

const DEFAULT_MIN_LIMIT = 8 * 1024 * 1024;
const journals = new WeakMap<Workspace, DataJournal>();

/** A journal line: one committed batch (`c`), or the cut-off of the previous generation (`cut`). */
type JournalLine = { readonly c: readonly EncodedChange[] } | { readonly cut: { readonly generation: number; readonly bytes: number } };
/** `["i", type, values]`, `["r", type, key]` or `["s", type, key, column, value]` — stored values, as JSON. */
type EncodedChange = readonly [string, string, ...unknown[]];

/**
 * `--data FILE` persistence: FILE holds a snapshot, `FILE.journal.<n>` the write batches
 * committed since. Each batch is appended as one line and fsync'ed before its answer is sent
 * (a failure undoes the batch and answers with an error); the journal is compacted into a new
 * snapshot in the background once it grows past the limit. On start the snapshot is loaded and
 * the journal replayed; a torn last line was never acknowledged and is ignored.
 *
 * Crash safety: a snapshot says which journal generation it starts at, and is only published by
 * an atomic rename after the journal was rotated, so FILE plus the journals it does not include
 * always hold every acknowledged batch exactly once.
 */
export class DataJournal {
  private fd: number | undefined;
  private generation: number;
  /** Bytes in the current generation file (its valid length). */
  private size = 0;
  /** Journal bytes not yet in the snapshot. */
  private pending: number;
  private snapshotBytes: number;
  /** Pending bytes at which the next compaction starts. */
  private nextCompaction: number;
  private compaction: Promise<void> | undefined;
  private rotationNeeded = false;
  private closed = false;

  private constructor(
    private readonly files: DataFiles,
    private readonly workspace: Workspace,
    private readonly settings: JournalSettings,
    generation: number,
    pending: number,
    snapshotBytes: number,
  ) {
    this.generation = generation;
    this.pending = pending;
    this.snapshotBytes = snapshotBytes;
    this.nextCompaction = this.limit();
  }

  /**
   * Brings `workspace` (already holding FILE's rows, or the seed when FILE does not exist) up to
   * date from the journal, opens a fresh journal generation and starts journaling its store.
   * @throws ConfigurationError for an unreadable or inconsistent journal, or an unwritable folder.
   */
  static open(path: string, workspace: Workspace, stored: WorkspaceData | undefined, settings: JournalSettings = {}): DataJournal {
    const files = new DataFiles(path, settings.files ?? fs);
    try {
      for (const leftover of files.leftoverTemporaries()) files.remove(leftover);
      let generations = files.journalGenerations();
      let snapshotGeneration: number;
      if (stored === undefined) {
        if (generations.length > 0) {
          throw new ConfigurationError(`${path} does not exist but its journal ${files.journalPath(generations[0]!)} does: restore the data file, or delete the journal files to start afresh.`);
        }
        snapshotGeneration = 0;
        writeSnapshotNow(files, workspace, 0);
      } else {
        snapshotGeneration = storedGeneration(stored, path);
        for (const stale of generations.filter((g) => g < snapshotGeneration)) files.remove(files.journalPath(stale));
        generations = generations.filter((g) => g >= snapshotGeneration);
      }
      const replayed = replayJournals(files, workspace, generations);
      let current = snapshotGeneration;
      if (replayed.bytes === 0) for (const g of generations) files.remove(files.journalPath(g));
      else current = generations[generations.length - 1]! + 1;
      const journal = new DataJournal(files, workspace, settings, current, replayed.bytes, files.fs.statSync(path).size);
      journal.openGeneration(current, replayed.bytes === 0 ? undefined : { generation: current - 1, bytes: replayed.lastValidBytes });
      workspace.store.onCommit = (changes) => journal.append(changes);
      journals.set(workspace, journal);
      if (replayed.bytes > 0) journal.scheduleCompaction();
      return journal;
    } catch (error) {
      if (error instanceof ConfigurationError) throw error;
      throw new ConfigurationError(`Cannot use the data file ${path}: ${failureReason(error)}`, { cause: error });
    }
  }

  /** The journal of a workspace served with `--data`, if any. */
  static of(workspace: Workspace): DataJournal | undefined {
    return journals.get(workspace);
  }

  /**
   * Appends one committed batch and flushes it to disk. Called by the store inside the batch's
   * transaction: throwing undoes the batch.
   * @throws WireError `ServerError` (code `save_failed`) when the batch could not be saved.
   */
  append(changes: readonly StoreChange[]): void {
    if (this.closed) throw saveFailed(this.files.path, 'the server is closing');
    try {
      if (this.rotationNeeded || this.fd === undefined) this.rotate();
    } catch (error) {
      throw saveFailed(this.files.path, failureReason(error));
    }
    const data = Buffer.from(`${JSON.stringify({ c: changes.map((change) => this.encode(change)) })}\n`);
    const fd = this.fd!;
    try {
      this.files.writeAll(fd, data);
      this.files.fs.fdatasyncSync(fd);
    } catch (error) {
      // The line may be partly or wholly in the file: cut it off, and continue in a new
      // generation (whose first line repeats the cut, in case truncating failed).
      this.rotationNeeded = true;
      let truncated = true;
      try {
        this.files.fs.ftruncateSync(fd, this.size);
      } catch {
        truncated = false;
      }
      if (!truncated) {
        try {
          this.rotate();
        } catch {
          // Neither worked: the line may survive a crash before the next rotation.
          throw saveFailed(this.files.path, failureReason(error), true);
        }
      }
      throw saveFailed(this.files.path, failureReason(error));
    }
    this.size += data.length;
    this.pending += data.length;
    if (this.pending >= this.nextCompaction) this.scheduleCompaction();
  }

  /** Waits for a running compaction and closes the journal (later writes fail). */
  async close(): Promise<void> {
    this.closed = true;
    await this.compaction;
    if (this.fd !== undefined) this.files.fs.closeSync(this.fd);
    this.fd = undefined;
  }

  /** Runs a compaction now (or waits for the running one); exposed for tests and benchmarks. */
  compactNow(): Promise<void> {
    this.scheduleCompaction(true);
    return this.compaction ?? Promise.resolve();
  }

  private limit(): number {
    return this.settings.limit ?? Math.max(DEFAULT_MIN_LIMIT, this.snapshotBytes);
  }

  private scheduleCompaction(now = false): void {
    if (this.compaction !== undefined || this.closed) return;
    const run = async (): Promise<void> => {
      // Never inside a batch: a snapshot begins between batches.
      if (!now) await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.closed) return;
      await this.compact();
    };
    this.compaction = run().finally(() => {
      this.compaction = undefined;
    });
  }

  /**
   * Snapshot + rotation: batches from now on go to a new generation N; the snapshot of the rows
   * as of now is written with `"journal": N` and renamed over FILE; then generations < N go.
   */
  private async compact(): Promise<void> {
    let view: ReturnType<Workspace['store']['beginSnapshot']> | undefined;
    try {
      this.rotate();
      const generation = this.generation;
      const included = this.pending;
      view = this.workspace.store.beginSnapshot();
      const bytes = await writeSnapshot(this.files, this.workspace, view, generation);
      view.release();
      view = undefined;
      for (const old of this.files.journalGenerations()) if (old < generation) this.files.remove(this.files.journalPath(old));
      this.files.syncFolder();
      this.snapshotBytes = bytes;
      this.pending = Math.max(0, this.pending - included);
      this.nextCompaction = this.limit();
    } catch (error) {
      this.nextCompaction = this.pending + this.limit();
      this.settings.onWarning?.(`Could not compact ${this.files.path}: ${failureReason(error)}. Nothing is lost: the journal keeps every write.`);
    } finally {
      view?.release();
    }
  }

  /** Continues in a new generation whose first line records where the current one ends. */
  private rotate(): void {
    let next = this.generation + 1;
    while (this.files.fs.existsSync(this.files.journalPath(next))) next++;
    const previous = this.fd;
    this.openGeneration(next, { generation: this.generation, bytes: this.size });
    this.rotationNeeded = false;
    if (previous !== undefined) {
      try {
        this.files.fs.closeSync(previous);
      } catch {
        // nothing more is written to it
      }
    }
  }

  private openGeneration(generation: number, cut: { generation: number; bytes: number } | undefined): void {
    const path = this.files.journalPath(generation);
    const fd = this.files.fs.openSync(path, 'ax');
    let size = 0;
    try {
      if (cut !== undefined) {
        const header = Buffer.from(`${JSON.stringify({ cut })}\n`);
        this.files.writeAll(fd, header);
        this.files.fs.fdatasyncSync(fd);
        size = header.length;
      }
      this.files.syncFolder();
    } catch (error) {
      try {
        this.files.fs.closeSync(fd);
        this.files.remove(path);
      } catch {
        // an empty or cut-only generation is harmless
      }
      throw error;
    }
    this.fd = fd;
    this.generation = generation;
    this.size = size;
  }

  private encode(change: StoreChange): EncodedChange {
    const row = change.row;
    if (change.kind === 'insert') return ['i', row.type, row.values];
    const key = this.workspace.graph.type(row.type).primaryKey.map((column) => row.values[column]);
    if (change.kind === 'remove') return ['r', row.type, key];
    return ['s', row.type, key, change.column, row.values[change.column] ?? null];
  }
}

/** The error a batch gets when it could not be saved (`uncertain`: its line could not be rolled back). */
function saveFailed(path: string, reason: string, uncertain = false) {
  if (uncertain) {
    return apiError(
      'ServerError',
      `Could not save the write batch to ${path} (${reason}); it was not applied, but the journal could not be rolled back either: after a crash or restart the batch may reappear.`,
      'save_uncertain',
    );
  }
  return apiError('ServerError', `Could not save the write batch to ${path} (${reason}); nothing was applied.`, 'save_failed');
}

function storedGeneration(stored: WorkspaceData, path: string): number {
  const value = (stored as { journal?: unknown }).journal;
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new ConfigurationError(`${path}: "journal" must be a non-negative integer (the first journal generation the file does not include).`);
  }
  return value;
}

/** Replays the journal generations in order; returns the bytes replayed and the last file's valid length. */
function replayJournals(files: DataFiles, workspace: Workspace, generations: readonly number[]): { bytes: number; lastValidBytes: number } {
  const texts = generations.map((generation) => files.fs.readFileSync(files.journalPath(generation)));
  const cuts = new Map<number, number>();
  for (const text of texts) {
    const firstLine = text.subarray(0, Math.max(0, text.indexOf(0x0a)));
    const parsed = parseLine(firstLine);
    if (parsed !== undefined && 'cut' in parsed) cuts.set(parsed.cut.generation, parsed.cut.bytes);
  }
  let bytes = 0;
  let lastValidBytes = 0;
  generations.forEach((generation, index) => {
    const path = files.journalPath(generation);
    const whole = texts[index]!;
    const text = whole.subarray(0, Math.min(whole.length, cuts.get(generation) ?? whole.length));
    let offset = 0;
    let lineNo = 0;
    while (offset < text.length) {
      lineNo++;
      const end = text.indexOf(0x0a, offset);
      const line = text.subarray(offset, end < 0 ? text.length : end);
      const parsed = parseLine(line);
      if (parsed === undefined) {
        // A torn last line was never acknowledged; anything else is damage.
        const isLast = end < 0 || text.subarray(end + 1).every((byte) => byte === 0 || byte === 0x0a);
        if (isLast) break;
        throw new ConfigurationError(`The journal ${path} is damaged at line ${lineNo}; the data file and the journal before that line are intact.`);
      }
      if ('c' in parsed) applyBatch(workspace, parsed.c, path, lineNo);
      offset = end < 0 ? text.length : end + 1;
    }
    bytes += offset;
    lastValidBytes = offset;
  });
  return { bytes, lastValidBytes };
}

function parseLine(line: Buffer): JournalLine | undefined {
  if (line.length === 0) return undefined;
  try {
    const parsed = JSON.parse(line.toString('utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    if (Array.isArray((parsed as { c?: unknown }).c)) return parsed as JournalLine;
    const cut = (parsed as { cut?: { generation?: unknown; bytes?: unknown } }).cut;
    if (typeof cut?.generation === 'number' && typeof cut.bytes === 'number') return parsed as JournalLine;
    return undefined;
  } catch {
    return undefined;
  }
}

function applyBatch(workspace: Workspace, changes: readonly EncodedChange[], path: string, lineNo: number): void {
  const store = workspace.store;
  const fail = (detail: string): never => {
    throw new ConfigurationError(`The journal ${path} line ${lineNo} does not fit the data: ${detail}.`);
  };
  for (const change of changes) {
    const [kind, type] = change;
    if (!workspace.model.types.has(type)) fail(`unknown entity type "${type}" (was the schema changed?)`);
    if (kind === 'i') {
      const values = change[2];
      if (typeof values !== 'object' || values === null) fail('an insert without values');
      try {
        store.insert(type, { ...(values as Record<string, unknown>) });
      } catch (error) {
        fail(`${failureReason(error)}`);
      }
      continue;
    }
    const key = change[2];
    const row = Array.isArray(key) ? store.get([type], workspace.graph.root(type), key) : undefined;
    if (row === undefined) return fail(`no ${type} with key ${JSON.stringify(key)}`);
    if (kind === 'r') store.remove(row);
    else if (kind === 's' && typeof change[3] === 'string') store.set(row, change[3], change[4]);
    else fail(`unknown change ${JSON.stringify(kind)}`);
  }
}
