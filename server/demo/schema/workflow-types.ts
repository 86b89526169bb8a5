import {
  boolean,
  collection,
  entity,
  foreignKey,
  integer,
  number,
  reference,
  string,
  uid,
  type SchemaEntry,
} from './builders.js';

// Object types, statuses and their states, task types, priorities, and the project schema that
// ties a project to its workflows. Many-to-many links are explicit link types with two `$ref`s
// (WorkflowSchemaStatus, ProjectSchemaObjectType, TaskTypeSchemaType); the collections that list
// them are named after what they link to.

const objectType = entity({
  id: 'ObjectType',
  properties: {
    id: uid('typeid'),
    name: string({ description: 'Object type name; the TypedContext subtype is this name without spaces.' }),
    sort: integer({ default: 0 }),
    icon: string({ default: 'default' }),
    is_time_reportable: boolean({ alias: 'istimereportable', default: false }),
    is_taskable: boolean({ alias: 'istaskable', default: true }),
    is_typeable: boolean({ alias: 'istypeable', default: true }),
    is_statusable: boolean({ alias: 'isstatusable', default: true }),
    is_schedulable: boolean({ alias: 'isschedulable', default: false }),
    is_leaf: boolean({ alias: 'isleaf', default: false }),
    is_prioritizable: boolean({ alias: 'ispriority', default: true }),
    tasks: collection('TypedContext', { description: 'Every typed context of this object type.' }),
    project_schemas: collection('ProjectSchemaObjectType'),
  },
  required: ['id', 'name', 'icon', 'sort', 'is_time_reportable', 'is_taskable', 'is_typeable', 'is_statusable', 'is_schedulable'],
});

const state = entity({
  id: 'State',
  aliasFor: 'StatusType',
  properties: {
    id: uid('typeid'),
    name: string(),
    short: string({ description: 'Stable code: NOT_STARTED, IN_PROGRESS, DONE or BLOCKED.' }),
    statuses: collection('Status'),
  },
  required: ['id', 'name', 'short'],
});

const status = entity({
  id: 'Status',
  aliasFor: 'TaskStatus',
  properties: {
    id: uid('statusid'),
    name: string(),
    sort: integer({ default: 0 }),
    color: string(),
    is_active: boolean({ alias: 'isactive', default: true }),
    state_id: foreignKey('State', { alias: 'statustypeid' }),
    state: reference('State', { alias: 'statustype' }),
    tasks: collection('TypedContext'),
    versions: collection('AssetVersion'),
  },
  required: ['id', 'is_active'],
});

const type = entity({
  id: 'Type',
  aliasFor: 'TaskType',
  properties: {
    id: uid('typeid'),
    name: string(),
    color: string({ default: '#7f8c8d' }),
    sort: integer({ default: 0 }),
    is_billable: boolean({ alias: 'isbillable', default: true }),
    task_type_schemas: collection('TaskTypeSchemaType', { alias: 'schemes' }),
    tasks: collection('TypedContext'),
  },
  required: ['id', 'color', 'sort', 'is_billable'],
});

const priority = entity({
  id: 'Priority',
  aliasFor: 'PriorityType',
  properties: {
    id: uid('priorityid'),
    name: string(),
    value: number({ default: 0, description: 'Weight; higher is more urgent.' }),
    sort: integer({ default: 0 }),
    color: string(),
    tasks: collection('TypedContext'),
  },
  required: ['id'],
});

const projectSchema = entity({
  id: 'ProjectSchema',
  aliasFor: 'ProjectScheme',
  properties: {
    id: uid('schemeid'),
    name: string(),
    task_workflow_schema_id: foreignKey('WorkflowSchema', { alias: 'taskworkflowid' }),
    task_workflow_schema: reference('WorkflowSchema', { alias: 'taskworkflow' }),
    asset_version_workflow_schema_id: foreignKey('WorkflowSchema', { alias: 'versionworkflowid' }),
    asset_version_workflow_schema: reference('WorkflowSchema', { alias: 'versionworkflow' }),
    task_type_schema_id: foreignKey('TaskTypeSchema', { alias: 'tasktypeschemeid' }),
    task_type_schema: reference('TaskTypeSchema', { alias: 'tasktypescheme' }),
    object_types: collection('ProjectSchemaObjectType', { description: 'Object types enabled in projects using this schema.' }),
    projects: collection('Project'),
  },
  required: ['id', 'name'],
});

const workflowSchema = entity({
  id: 'WorkflowSchema',
  aliasFor: 'WorkflowScheme',
  properties: {
    id: uid('schemeid'),
    name: string(),
    statuses: collection('WorkflowSchemaStatus', { description: 'Statuses of the workflow (order: Status.sort).' }),
  },
  required: ['id'],
});

const workflowSchemaStatus = entity({
  id: 'WorkflowSchemaStatus',
  primaryKey: ['workflow_schema_id', 'status_id'],
  properties: {
    workflow_schema_id: foreignKey('WorkflowSchema', { alias: 'schemeid' }),
    status_id: foreignKey('Status', { alias: 'statusid' }),
    workflow_schema: reference('WorkflowSchema', { alias: 'scheme' }),
    status: reference('Status', { alias: 'taskstatus' }),
  },
  required: ['workflow_schema_id', 'status_id'],
});

const projectSchemaObjectType = entity({
  id: 'ProjectSchemaObjectType',
  primaryKey: ['object_type_id', 'project_schema_id'],
  properties: {
    object_type_id: foreignKey('ObjectType'),
    project_schema_id: foreignKey('ProjectSchema'),
    object_type: reference('ObjectType'),
    project_schema: reference('ProjectSchema'),
  },
  required: ['object_type_id', 'project_schema_id'],
});

const taskTypeSchema = entity({
  id: 'TaskTypeSchema',
  aliasFor: 'TaskTypeScheme',
  properties: {
    id: uid('schemeid'),
    name: string(),
    types: collection('TaskTypeSchemaType'),
  },
  required: ['id'],
});

const taskTypeSchemaType = entity({
  id: 'TaskTypeSchemaType',
  primaryKey: ['task_type_schema_id', 'type_id'],
  properties: {
    task_type_schema_id: foreignKey('TaskTypeSchema', { alias: 'schemeid' }),
    type_id: foreignKey('Type', { alias: 'typeid' }),
    task_type_schema: reference('TaskTypeSchema', { alias: 'scheme' }),
    type: reference('Type', { alias: 'type' }),
  },
  required: ['task_type_schema_id', 'type_id'],
});

/** Object types, states, statuses, types, priorities and project/workflow schemas. */
export const workflowTypes: readonly SchemaEntry[] = [
  objectType,
  state,
  status,
  type,
  priority,
  projectSchema,
  workflowSchema,
  workflowSchemaStatus,
  projectSchemaObjectType,
  taskTypeSchema,
  taskTypeSchemaType,
];
