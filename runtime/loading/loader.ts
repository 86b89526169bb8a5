import type { BaseEntity } from '../entity/base-entity.js';
import type { LoadOptions } from '../entity/entity-context.js';

/**
 * Loads attribute paths into entities that are already in the identity map. The session calls
 * it for `$get` / `$load` / `populate`; its default is the `BatchingLoader`.
 */
export interface EntityLoader {
  /** Loads `paths` (validated against the schema) for every entity that is missing one. */
  load(entities: readonly BaseEntity[], paths: readonly string[], options?: LoadOptions): Promise<void>;
}
