import {
  OBJECT_TYPE_IDS,
  PRIORITY_IDS,
  STATE_IDS,
  STATUS_IDS,
  TYPE_IDS,
  USER_IDS,
  type ObjectTypeName,
  type StatusName,
  type TypeName,
  type Username,
} from '../ids.js';
import type { SeedBuilder } from './seed-builder.js';
import { stableId } from './stable-id.js';

// Workspace-wide reference rows: object types, states, statuses, task types, priorities,
// workflows, project schemas and users.

const OBJECT_TYPES: Record<ObjectTypeName, { name: string; icon: string; flags: Partial<Record<string, boolean>> }> = {
  Folder: { name: 'Folder', icon: 'folder', flags: { is_typeable: false, is_statusable: false, is_prioritizable: false } },
  Episode: { name: 'Episode', icon: 'episode', flags: { is_typeable: false } },
  Sequence: { name: 'Sequence', icon: 'sequence', flags: { is_typeable: false } },
  Shot: { name: 'Shot', icon: 'shot', flags: { is_typeable: false, is_schedulable: true } },
  Task: { name: 'Task', icon: 'task', flags: { is_taskable: false, is_leaf: true, is_time_reportable: true, is_schedulable: true } },
  AssetBuild: { name: 'Asset Build', icon: 'box', flags: { is_schedulable: true } },
  Milestone: { name: 'Milestone', icon: 'milestone', flags: { is_typeable: false, is_leaf: true, is_schedulable: true } },
};

const STATES: Record<keyof typeof STATE_IDS, string> = {
  NOT_STARTED: 'Not started',
  IN_PROGRESS: 'In progress',
  DONE: 'Done',
  BLOCKED: 'Blocked',
};

const STATUSES: Record<StatusName, { state: keyof typeof STATE_IDS; color: string }> = {
  'Not started': { state: 'NOT_STARTED', color: '#cccccc' },
  Ready: { state: 'NOT_STARTED', color: '#6bb3e6' },
  'In progress': { state: 'IN_PROGRESS', color: '#3498db' },
  'Pending review': { state: 'IN_PROGRESS', color: '#f39c12' },
  Revise: { state: 'IN_PROGRESS', color: '#e67e22' },
  Approved: { state: 'DONE', color: '#2ecc71' },
  'On hold': { state: 'BLOCKED', color: '#e74c3c' },
  Omitted: { state: 'BLOCKED', color: '#95a5a6' },
};

const PRIORITIES: Record<keyof typeof PRIORITY_IDS, { value: number; color: string }> = {
  Urgent: { value: 4, color: '#e74c3c' },
  High: { value: 3, color: '#e67e22' },
  Medium: { value: 2, color: '#f1c40f' },
  Low: { value: 1, color: '#2ecc71' },
  None: { value: 0, color: '#cacaca' },
};

const TYPE_COLORS: Record<TypeName, string> = {
  Generic: '#7f8c8d',
  Animation: '#9b59b6',
  Compositing: '#1abc9c',
  Editing: '#34495e',
  FX: '#e84393',
  Layout: '#f39c12',
  Lighting: '#f1c40f',
  Modeling: '#3498db',
  Rigging: '#16a085',
  Texture: '#d35400',
};

const USERS: Record<Username, { first: string; last: string; active?: boolean }> = {
  demo: { first: 'Demo', last: 'User' },
  ada: { first: 'Ada', last: 'Lovelace' },
  grace: { first: 'Grace', last: 'Hopper' },
  alan: { first: 'Alan', last: 'Turing' },
  katherine: { first: 'Katherine', last: 'Johnson' },
  jenkins: { first: 'Jenkins', last: 'Bot' },
  margaret: { first: 'Margaret', last: 'Hamilton', active: false },
};

/** Names of the two project schemas. */
export type ProjectSchemaName = 'VFX Scheme' | 'Lean Scheme';

interface SchemaPlan {
  taskStatuses: readonly StatusName[];
  types: readonly TypeName[];
  objectTypes: readonly ObjectTypeName[];
}

const VERSION_STATUSES: readonly StatusName[] = ['Pending review', 'Revise', 'Approved', 'On hold'];

const SCHEMAS: Record<ProjectSchemaName, SchemaPlan> = {
  'VFX Scheme': {
    taskStatuses: ['Not started', 'Ready', 'In progress', 'Pending review', 'Revise', 'Approved', 'On hold', 'Omitted'],
    types: Object.keys(TYPE_IDS) as TypeName[],
    objectTypes: Object.keys(OBJECT_TYPE_IDS) as ObjectTypeName[],
  },
  'Lean Scheme': {
    taskStatuses: ['Not started', 'In progress', 'Approved'],
    types: ['Generic', 'Animation', 'Compositing', 'Editing'],
    objectTypes: ['Folder', 'Sequence', 'Shot', 'Task', 'Milestone'],
  },
};

/** Id of a project schema by name. */
export const projectSchemaId = (name: ProjectSchemaName): string => stableId(`ProjectSchema:${name}`);

/** Task statuses of a project schema's workflow, in workflow order. */
export const taskStatusesOf = (name: ProjectSchemaName): readonly StatusName[] => SCHEMAS[name].taskStatuses;

function seedWorkflow(seed: SeedBuilder, name: string, statuses: readonly StatusName[]): string {
  const id = stableId(`WorkflowSchema:${name}`);
  seed.add('WorkflowSchema', { id, name });
  for (const status of statuses) {
    const row = { workflow_schema_id: id, status_id: STATUS_IDS[status] };
    seed.add('WorkflowSchemaStatus', row);
  }
  return id;
}

function seedProjectSchema(seed: SeedBuilder, name: ProjectSchemaName, versionWorkflowId: string): void {
  const plan = SCHEMAS[name];
  const id = projectSchemaId(name);
  const typeSchemaId = stableId(`TaskTypeSchema:${name}`);
  seed.add('TaskTypeSchema', { id: typeSchemaId, name: `${name} types` });
  for (const type of plan.types) {
    const row = { task_type_schema_id: typeSchemaId, type_id: TYPE_IDS[type] };
    seed.add('TaskTypeSchemaType', row);
  }
  const taskWorkflowId = seedWorkflow(seed, `${name} tasks`, plan.taskStatuses);
  seed.add('ProjectSchema', {
    id,
    name,
    task_workflow_schema_id: taskWorkflowId,
    asset_version_workflow_schema_id: versionWorkflowId,
    task_type_schema_id: typeSchemaId,
  });
  for (const objectType of plan.objectTypes) {
    const row = { object_type_id: OBJECT_TYPE_IDS[objectType], project_schema_id: id };
    seed.add('ProjectSchemaObjectType', row);
  }
}

/** Seeds every reference row. */
export function seedReferenceData(seed: SeedBuilder): void {
  (Object.keys(OBJECT_TYPE_IDS) as ObjectTypeName[]).forEach((key, sort) => {
    const plan = OBJECT_TYPES[key];
    seed.add('ObjectType', {
      id: OBJECT_TYPE_IDS[key],
      name: plan.name,
      sort,
      icon: plan.icon,
      is_time_reportable: false,
      is_taskable: true,
      is_typeable: true,
      is_statusable: true,
      is_schedulable: false,
      is_leaf: false,
      is_prioritizable: true,
      ...plan.flags,
    });
  });
  for (const [short, id] of Object.entries(STATE_IDS)) {
    seed.add('State', { id, name: STATES[short as keyof typeof STATE_IDS], short });
  }
  (Object.keys(STATUS_IDS) as StatusName[]).forEach((name, sort) => {
    const plan = STATUSES[name];
    seed.add('Status', { id: STATUS_IDS[name], name, sort, color: plan.color, is_active: true, state_id: STATE_IDS[plan.state] });
  });
  (Object.keys(TYPE_IDS) as TypeName[]).forEach((name, sort) => {
    seed.add('Type', { id: TYPE_IDS[name], name, color: TYPE_COLORS[name], sort, is_billable: name !== 'Generic' });
  });
  (Object.keys(PRIORITY_IDS) as (keyof typeof PRIORITY_IDS)[]).forEach((name, sort) => {
    seed.add('Priority', { id: PRIORITY_IDS[name], name, value: PRIORITIES[name].value, sort, color: PRIORITIES[name].color });
  });
  const versionWorkflowId = seedWorkflow(seed, 'Versions', VERSION_STATUSES);
  seedProjectSchema(seed, 'VFX Scheme', versionWorkflowId);
  seedProjectSchema(seed, 'Lean Scheme', versionWorkflowId);
  for (const [username, id] of Object.entries(USER_IDS)) {
    const plan = USERS[username as Username];
    seed.add('User', {
      id,
      resource_type: 'user',
      username,
      first_name: plan.first,
      last_name: plan.last,
      email: `${username}@example.com`,
      is_active: plan.active ?? true,
      thumbnail_id: null,
    });
  }
}
