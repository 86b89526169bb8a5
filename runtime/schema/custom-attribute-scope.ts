/**
 * ftrack's facts about where a custom attribute configuration applies (spec 3.6 and 6.11), shared by
 * the generator (typing each entity type's keys), the session (picking a configuration on write) and
 * the local server's rules module: the configuration's columns, and the tables (owners' storage
 * types in lower case) whose entities also get hierarchical configurations.
 *
 * @example CUSTOM_ATTRIBUTE_SCOPE.hierarchicalTables // ['show', 'task', 'asset', 'assetversion']
 */
export const CUSTOM_ATTRIBUTE_SCOPE = Object.freeze({
  entityTypeColumn: 'entity_type',
  objectTypeColumn: 'object_type_id',
  projectColumn: 'project_id',
  hierarchicalColumn: 'is_hierarchical',
  /** Tables whose entities also get hierarchical configurations. */
  hierarchicalTables: Object.freeze(['show', 'task', 'asset', 'assetversion']),
});
