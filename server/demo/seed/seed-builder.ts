import type { WorkspaceData } from '../../store/workspace-data.js';

/** One stored row: scalar attributes only, wire values. */
export type Row = Record<string, unknown>;

/** Collects rows by concrete entity type, in insertion order. */
export class SeedBuilder {
  readonly entities: WorkspaceData['entities'] = {};

  /** Appends a row of `type` and returns it (callers may still fill late values such as thumbnails). */
  add<R extends Row>(type: string, row: R): R {
    (this.entities[type] ??= []).push(row);
    return row;
  }

  result(): WorkspaceData {
    return { entities: this.entities };
  }
}
