/**
 * A small synthetic `query_schemas` answer for the query-builder tests: a context hierarchy
 * (Context ← Project, TypedContext ← Shot, Task), a composite-key type (Setting), a mapped array
 * (metadata), a `variable` value (custom attributes), date-times, numbers, booleans and a JSON object.
 */
const str = { type: 'string' };
const dateTime = { type: 'string', format: 'date-time' };
const ref = (target: string) => ({ $ref: target });
const many = (target: string) => ({ type: 'array', items: { $ref: target } });
const mapped = (target: string) => ({ type: 'mapped_array', items: { $ref: target }, key_value_attributes: { key: 'key', value: 'value' } });

const context = {
  id: { type: 'string', default: '{uid}' },
  name: str,
  context_type: str,
  parent_id: { type: 'string', format: 'foreign_key' },
  parent: ref('Context'),
  children: many('Context'),
  created_at: dateTime,
  created_by: ref('User'),
  thumbnail_url: { type: 'object' },
  notes: many('Note'),
  metadata: mapped('Metadata'),
  custom_attributes: mapped('CustomAttributeValue'),
  custom_attribute_links: { type: 'mapped_array', restricted_projection: true, items: { $ref: 'Note' } },
};
const typed = {
  ...context,
  bid: { type: 'number' },
  sort: { type: 'integer' },
  start_date: dateTime,
  status_id: { type: 'string', format: 'foreign_key' },
  status: ref('Status'),
  project_id: { type: 'string', format: 'foreign_key' },
  project: ref('Project'),
  timelogs: many('Timelog'),
  assignee: ref('User'),
};
const contextLike = { primary_key: ['id'], default_projections: ['context_type', 'id', 'name'], system_projections: ['context_type'] };

export const miniSchemas: readonly unknown[] = [
  { id: 'Context', properties: context, ...contextLike },
  {
    id: 'Project',
    $mixin: { $ref: 'Context' },
    properties: { ...context, full_name: str, status: str, start_date: dateTime, end_date: dateTime, is_global: { type: 'boolean' }, tasks: many('Task') },
    ...contextLike,
  },
  { id: 'TypedContext', $mixin: { $ref: 'Context' }, alias_for: 'Task', properties: typed, ...contextLike },
  { id: 'Shot', $mixin: { $ref: 'TypedContext' }, alias_for: { id: 'Task', classifiers: { object_typeid: 'shot-type' } }, properties: typed, ...contextLike },
  { id: 'Task', $mixin: { $ref: 'TypedContext' }, alias_for: { id: 'Task', classifiers: { object_typeid: 'task-type' } }, properties: typed, ...contextLike },
  { id: 'Status', primary_key: ['id'], default_projections: ['id'], properties: { id: str, name: str, sort: { type: 'integer' }, is_active: { type: 'boolean' } } },
  {
    id: 'User',
    primary_key: ['id'],
    default_projections: ['id'],
    properties: { id: str, username: str, first_name: str, is_active: { type: 'boolean' }, preferred_setting: ref('Setting'), timelogs: many('Timelog') },
  },
  {
    id: 'Timelog',
    primary_key: ['id'],
    default_projections: ['id'],
    properties: { id: str, start: dateTime, duration: { type: 'number' }, comment: str, user: ref('User'), context: ref('Context') },
  },
  { id: 'Note', primary_key: ['id'], default_projections: ['id'], properties: { id: str, content: str, author: ref('User'), replies: many('Note') } },
  {
    id: 'Metadata',
    primary_key: ['parent_id', 'key'],
    default_projections: ['parent_id', 'key', 'value'],
    properties: { parent_id: str, key: str, value: str, parent_type: str },
  },
  {
    id: 'CustomAttributeValue',
    primary_key: ['configuration_id', 'entity_id'],
    default_projections: ['configuration_id', 'entity_id', 'key'],
    properties: { configuration_id: str, entity_id: str, key: str, value: { type: 'variable' } },
  },
  { id: 'Setting', primary_key: ['name', 'group'], default_projections: ['name', 'group', 'value'], properties: { name: str, group: str, value: str } },
];
