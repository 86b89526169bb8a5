/**
 * What every new ftrack server holds, as data (facts about ftrack, written by us): the built-in
 * locations, the priorities, the four states, a small default set of statuses and task types,
 * object type flags, and the default user type. `bootstrap.ts` inserts the parts the served
 * schema has types for.
 */

/** The built-in locations and their well-known ids (the ids ftrack clients use). */
export const BUILTIN_LOCATIONS: readonly { id: string; name: string; label: string; description: string }[] = [
  { id: 'ce9b348f-8809-11e3-821c-20c9d081909b', name: 'ftrack.origin', label: 'Origin', description: 'Where files come from before they are added to a location.' },
  { id: 'cb268ecc-8809-11e3-a7e2-20c9d081909b', name: 'ftrack.unmanaged', label: 'Unmanaged', description: 'Files ftrack knows about but does not manage.' },
  { id: 'cd41be70-8809-11e3-b98a-20c9d081909b', name: 'ftrack.review', label: 'Review', description: 'Encoded media for review.' },
  { id: '3a372bde-05bc-11e4-8908-20c9d081909b', name: 'ftrack.server', label: 'Server', description: 'Files stored on the ftrack server.' },
  { id: '07b82a97-8cf9-11e3-9383-20c9d081909b', name: 'ftrack.connect', label: 'Connect', description: 'Files managed by ftrack Connect.' },
];

/** Priorities by sort order; `None` takes the id the schema's `priority_id` defaults name. */
export const PRIORITIES: readonly { name: string; color: string }[] = [
  { name: 'Urgent', color: '#E74C3C' },
  { name: 'High', color: '#E67E22' },
  { name: 'Medium', color: '#F1C40F' },
  { name: 'Low', color: '#1CBC90' },
  { name: 'None', color: '#CACACA' },
];

/** The priority every new typed context gets. */
export const DEFAULT_PRIORITY = 'None';

/** The four states (`short` → name). */
export const STATES: readonly { short: string; name: string }[] = [
  { short: 'NOT_STARTED', name: 'Not started' },
  { short: 'IN_PROGRESS', name: 'In progress' },
  { short: 'DONE', name: 'Done' },
  { short: 'BLOCKED', name: 'Blocked' },
];

/** Default statuses, in sort order, with their state. */
export const STATUSES: readonly { name: string; state: string; color: string }[] = [
  { name: 'Not started', state: 'NOT_STARTED', color: '#CACACA' },
  { name: 'In progress', state: 'IN_PROGRESS', color: '#3498DB' },
  { name: 'Pending Review', state: 'IN_PROGRESS', color: '#F1C40F' },
  { name: 'Revise', state: 'IN_PROGRESS', color: '#FF6600' },
  { name: 'Approved', state: 'DONE', color: '#1CBC90' },
  { name: 'On Hold', state: 'BLOCKED', color: '#E74C3C' },
  { name: 'Omitted', state: 'BLOCKED', color: '#E74C3C' },
];

/** Statuses of the default asset version workflow. */
export const VERSION_STATUSES: readonly string[] = ['Pending Review', 'Revise', 'Approved'];

/** Default task types, in sort order (`Generic` first: the type of contexts that have none). */
export const TYPES: readonly { name: string; color: string; billable: boolean }[] = [
  { name: 'Generic', color: '#BDC3C7', billable: false },
  { name: 'Animation', color: '#35592D', billable: true },
  { name: 'Modeling', color: '#935BA2', billable: true },
  { name: 'Lighting', color: '#5B5BA3', billable: true },
  { name: 'Compositing', color: '#2D5959', billable: true },
  { name: 'Editing', color: '#F1C40F', billable: true },
];

/** Object type flags by object type name; names not listed keep the schema defaults. */
export const OBJECT_TYPE_FLAGS: Readonly<Record<string, Readonly<Record<string, boolean>>>> = {
  Folder: { is_typeable: false, is_statusable: false },
  'Asset Build': {},
  Episode: { is_typeable: false },
  Scene: { is_typeable: false, is_prioritizable: false },
  Sequence: { is_typeable: false, is_statusable: false },
  Shot: { is_typeable: false },
  Milestone: { is_taskable: false, is_schedulable: true, is_leaf: true },
  Task: { is_taskable: false, is_time_reportable: true, is_schedulable: true, is_leaf: true },
  Image: { is_typeable: false, is_statusable: false, is_prioritizable: false },
  Information: { is_typeable: false, is_statusable: false, is_prioritizable: false },
};

/**
 * The object type whose statuses come from the task workflow (and its per-type overrides): every
 * other statusable object type gets its own per-object-type `Schema` in the default project schema.
 */
export const TASK_WORKFLOW_OBJECT_TYPE = 'Task';

/** The default user type: what a new user gets (the id a real create response shows). */
export const DEFAULT_USER_TYPE = { id: 'ac9fa5aa-4361-11e0-b7cc-0019bb4983d8', name: 'user' } as const;

/** Names of the default workflows, task-type schema and project schema. */
export const DEFAULT_NAMES = {
  taskWorkflow: 'Default task workflow',
  versionWorkflow: 'Default version workflow',
  taskTypeSchema: 'Default task types',
  projectSchema: 'Default project schema',
} as const;

/** Built-in custom attribute types (`core`), by name. */
export const CUSTOM_ATTRIBUTE_TYPES: readonly string[] = ['number', 'text', 'boolean', 'date', 'enumerator', 'dynamic enumerator', 'expression', 'url'];
