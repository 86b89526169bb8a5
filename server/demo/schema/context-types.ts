import { OBJECT_TYPE_IDS, PRIORITY_IDS, type ObjectTypeName } from '../ids.js';
import {
  boolean,
  collection,
  dateTime,
  entity,
  foreignKey,
  mappedArray,
  number,
  object,
  reference,
  restrictedMappedArray,
  string,
  uid,
  type SchemaEntry,
} from './builders.js';

// The context hierarchy: Context ← Project, TypedContext ← Folder, Episode, Sequence, Shot, Task,
// AssetBuild, Milestone. Schemas are flattened: each type repeats what it inherits.

const contextProperties = {
  id: uid(),
  name: string({ default: '', description: 'Display name, unique among its siblings.' }),
  context_type: string({ description: 'Discriminator: "show" for projects, "task" for typed contexts.' }),
  parent_id: foreignKey('Context'),
  parent: reference('Context'),
  children: collection('Context'),
  thumbnail_id: foreignKey('Component', { alias: 'thumbid' }),
  thumbnail: reference('Component', { alias: 'thumb' }),
  thumbnail_url: object({ description: 'Server-computed thumbnail location.' }),
  link: string({
    alias: '_api_link',
    description: 'Path from the project down to this context, sent as an array of {id, name, type}.',
  }),
  _link: string({ alias: '_api_link', description: 'This attribute has been deprecated, use `link` attribute instead.' }),
  created_at: dateTime(),
  created_by_id: foreignKey('User', { alias: 'created_by' }),
  created_by: reference('User', { alias: 'createdBy' }),
  notes: collection('Note'),
  timelogs: collection('Timelog'),
  assets: collection('Asset'),
  appointments: collection('Appointment', { alias: 'context_appointments' }),
  metadata: mappedArray('Metadata', { alias: 'meta' }),
  custom_attributes: mappedArray('ContextCustomAttributeValue', { alias: 'custom_attribute_values' }),
  custom_attribute_links: restrictedMappedArray('CustomAttributeLink'),
};

const contextComputed = ['link', '_link', 'thumbnail_url'];
const contextImmutable = ['id', 'link', '_link', 'thumbnail_url', 'created_at', 'created_by_id', 'created_by'];
const contextRequired = ['context_type', 'id', 'name'];
const contextProjections = ['context_type', 'id', 'name'];

const context = entity({
  id: 'Context',
  properties: contextProperties,
  required: contextRequired,
  immutable: contextImmutable,
  computed: contextComputed,
  defaultProjections: contextProjections,
  systemProjections: ['context_type'],
  groupBy: true,
});

const project = entity({
  id: 'Project',
  mixin: 'Context',
  aliasFor: 'Show',
  properties: {
    ...contextProperties,
    context_type: string({ default: 'show', description: 'Always "show" for projects.' }),
    full_name: string({ alias: 'fullname', description: 'Human-readable project title.' }),
    root: string({ default: '', description: 'Disk root folder name.' }),
    start_date: dateTime({ alias: 'startdate' }),
    end_date: dateTime({ alias: 'enddate' }),
    is_global: boolean({ alias: 'isglobal', default: false }),
    is_private: boolean({ alias: 'private', default: false }),
    status: string({ default: 'active', description: 'Project status: "active" or "hidden".' }),
    color: string({ default: '#1a9fd9' }),
    project_schema_id: foreignKey('ProjectSchema', { alias: 'projectschemeid' }),
    project_schema: reference('ProjectSchema', { alias: 'projectscheme' }),
  },
  required: ['is_global', 'status', 'project_schema_id', 'full_name', ...contextRequired],
  immutable: contextImmutable,
  computed: contextComputed,
  defaultProjections: contextProjections,
  systemProjections: ['context_type'],
  groupBy: true,
});

const typedContextProperties = {
  ...contextProperties,
  context_type: string({ default: 'task', description: 'Always "task" for typed contexts.' }),
  description: string(),
  bid: number({ default: 0, description: 'Estimated effort in seconds.' }),
  time_logged: number({ description: 'Sum of the durations of the timelogs on this context, in seconds.' }),
  bid_time_logged_difference: number({ description: 'bid minus time_logged, in seconds.' }),
  sort: number({ default: 0, description: 'Order among siblings.' }),
  start_date: dateTime({ alias: 'startdate' }),
  end_date: dateTime({ alias: 'enddate' }),
  status_id: foreignKey('Status', { alias: 'statusid' }),
  status: reference('Status'),
  type_id: foreignKey('Type', { alias: 'typeid' }),
  type: reference('Type'),
  priority_id: foreignKey('Priority', { alias: 'priorityid' }),
  priority: reference('Priority'),
  object_type_id: foreignKey('ObjectType', { alias: 'object_typeid' }),
  object_type: reference('ObjectType', { alias: 'objectType' }),
  project_id: foreignKey('Project', { alias: 'showid' }),
  project: reference('Project', { alias: 'show' }),
};

const typedComputed = [...contextComputed, 'time_logged', 'bid_time_logged_difference'];
const typedImmutable = [...contextImmutable, 'time_logged', 'bid_time_logged_difference'];
const typedRequired = ['bid', 'status_id', 'type_id', 'priority_id', 'object_type_id', 'sort', ...contextRequired];

const typedContext = entity({
  id: 'TypedContext',
  mixin: 'Context',
  aliasFor: 'Task',
  properties: typedContextProperties,
  required: typedRequired,
  immutable: typedImmutable,
  computed: typedComputed,
  defaultProjections: contextProjections,
  systemProjections: ['showid', 'context_type'],
  groupBy: true,
});

/** A TypedContext subtype stored in the Task table and told apart by its object type. */
function typedContextSubtype(name: ObjectTypeName): SchemaEntry {
  const objectTypeId = OBJECT_TYPE_IDS[name];
  return entity({
    id: name,
    mixin: 'TypedContext',
    aliasFor: { id: 'Task', classifiers: { object_typeid: objectTypeId } },
    properties: {
      ...typedContextProperties,
      object_type_id: foreignKey('ObjectType', { alias: 'object_typeid', default: objectTypeId }),
      priority_id: foreignKey('Priority', { alias: 'priorityid', default: PRIORITY_IDS.None }),
    },
    required: typedRequired,
    immutable: ['object_type_id', 'object_type', ...typedImmutable],
    computed: typedComputed,
    defaultProjections: contextProjections,
    systemProjections: ['showid', 'context_type'],
    groupBy: true,
  });
}

/** Context, Project, TypedContext and its seven subtypes. */
export const contextTypes: readonly SchemaEntry[] = [
  context,
  project,
  typedContext,
  ...(Object.keys(OBJECT_TYPE_IDS) as ObjectTypeName[]).map(typedContextSubtype),
];
