import type { SchemaModel } from '../schema/model.js';
import type { BaseEntity } from './base-entity.js';
import type { LoadOptions } from './entity-context.js';
import { isPathLoaded, selectPaths } from './entity-paths.js';
import { primaryKeyCondition } from './primary-key.js';
import { STATE, RUNTIME } from './entity-internals.js';

/**
 * Loads attribute paths into entities that are already in the identity map. The session calls
 * it for `$get` / `$load` / `populate`; its default is the `BatchingLoader`.
 */
export interface EntityLoader {
  /** Loads `paths` (validated against the schema) for every entity that is missing one. */
  load(entities: readonly BaseEntity[], paths: readonly string[], options?: LoadOptions): Promise<void>;
}

/** Runs one query expression (one request, no paging) and merges its result; `signal` aborts it. */
export type QueryRunner = (expression: string, signal?: AbortSignal) => Promise<readonly BaseEntity[]>;

/**
 * The simple loader (the Python client's way): one query per entity that misses a path,
 * `select <paths> from <Type> where <primary key condition>`. Created entities are skipped.
 *
 * @example loader.load([task], ['status']) // select status.id from Task where id is "…"
 */
export class SimpleLoader implements EntityLoader {
  constructor(
    readonly schema: SchemaModel,
    readonly runQuery: QueryRunner,
  ) {}

  async load(entities: readonly BaseEntity[], paths: readonly string[], options: LoadOptions = {}): Promise<void> {
    for (const entity of entities) {
      if (entity[STATE] === 'created') continue;
      const type = entity.$type;
      const projections = paths.flatMap((path) => selectPaths(this.schema, type, path));
      const missing = options.refresh === true || paths.some((path) => !isPathLoaded(entity, path));
      if (!missing) continue;
      const condition = primaryKeyCondition(entity[RUNTIME], entity.$primaryKey());
      await this.runQuery(`select ${[...new Set(projections)].join(', ')} from ${type} where ${condition}`, options.signal);
    }
  }
}
