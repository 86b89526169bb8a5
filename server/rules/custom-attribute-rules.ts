import { CUSTOM_ATTRIBUTE_SCOPE as CONFIGURATION_SCOPE } from '../../runtime/schema/custom-attribute-scope.js';

/**
 * ftrack's rule for which custom attribute configurations apply to an entity (spec 3.6 and 6.11,
 * as the Python client's `custom_attributes` proxy selects them). Configuration columns are named
 * here; owners are told apart by their storage table in lower case (`show` for a project, `task`
 * for every typed context, `asset`, `assetversion`, `list`, `user`).
 *
 * A configuration applies to an owner when
 * - its `entity_type` is the owner's table, its `object_type_id` is empty or the owner's, and its
 *   `project_id` is empty or the owner's project; or
 * - it is hierarchical (`is_hierarchical`), the owner's table is one of `hierarchicalTables`, and its
 *   `project_id` is empty or the owner's project (whatever its own `entity_type`: ftrack stores
 *   hierarchical configurations with `entity_type: "show"`).
 *
 * Each condition is used only where the configuration type has the column (an older schema without
 * `project_id` or `is_hierarchical` gets the rest).
 *
 * @example
 * // Shot (table task, object type Shot) in project alpha gets: task+Shot configurations,
 * // task configurations without an object type, and every hierarchical one of alpha or global.
 * CUSTOM_ATTRIBUTE_SCOPE.hierarchicalTables; // ['show', 'task', 'asset', 'assetversion']
 */
export const CUSTOM_ATTRIBUTE_SCOPE = Object.freeze({
  // the configuration's columns and the hierarchical tables: shared with the generator and the session
  ...CONFIGURATION_SCOPE,
  /** The owner's column holding its project (a project's own `project_id` is its id). */
  ownerProjectColumn: 'project_id',
  /** The owner's column holding its object type (typed contexts). */
  ownerObjectTypeColumn: 'object_type_id',
});

/**
 * The value kind each custom attribute type (the configuration's `type.name`) stores and checks
 * on write (spec 6.11; `url` and `expression` hold text). A type not listed falls back to the
 * kind of the configuration's default.
 */
export const CUSTOM_ATTRIBUTE_VALUE_KINDS: Readonly<Record<string, 'number' | 'string' | 'boolean' | 'datetime' | 'list'>> = Object.freeze({
  number: 'number',
  text: 'string',
  url: 'string',
  expression: 'string',
  boolean: 'boolean',
  date: 'datetime',
  enumerator: 'list',
  'dynamic enumerator': 'list',
});
