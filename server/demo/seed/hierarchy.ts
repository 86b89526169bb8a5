import { OBJECT_TYPE_IDS, PRIORITY_IDS, PROJECT_IDS, STATUS_IDS, TYPE_IDS, USER_IDS, type ObjectTypeName, type ProjectName, type StatusName, type TypeName } from '../ids.js';
import { PROJECT_PLANS, type NodePlan, type ProjectPlan } from './project-plans.js';
import { projectSchemaId, type ProjectSchemaName } from './reference-data.js';
import type { Row, SeedBuilder } from './seed-builder.js';
import { stableId } from './stable-id.js';
import { at, shifted } from './wire.js';

// Projects and their typed-context trees. Every context id is `stableId("Context:<path>")`,
// where the path is the project name followed by the names down to the context.

/** What later seed stages need to know about a context. */
export interface ContextInfo {
  id: string;
  type: ObjectTypeName | 'Project';
  /** `project/sequence/shot`-style path (unique). */
  path: string;
  name: string;
  project: ProjectInfo;
  /** Start date (YYYY-MM-DD) used to place children and activity in time. */
  start: string;
  /** The stored row, for values filled later (thumbnails). */
  row: Row;
}

/** A seeded project. */
export interface ProjectInfo {
  id: string;
  name: ProjectName;
  plan: ProjectPlan;
  schema: ProjectSchemaName;
  active: boolean;
}

/** Values of a typed-context row that vary. */
export interface TypedContextValues {
  type: ObjectTypeName;
  name: string;
  path: string;
  parentId: string;
  project: ProjectInfo;
  sort: number;
  status: StatusName;
  taskType: TypeName;
  priority: keyof typeof PRIORITY_IDS;
  bid: number;
  start: string;
  days: number;
  description?: string | null;
  createdBy?: keyof typeof USER_IDS;
}

/** Context id for a path. */
export const contextId = (path: string): string => stableId(`Context:${path}`);

/** A complete TypedContext-subtype row (every stored scalar attribute). */
export function typedContextRow(values: TypedContextValues): Row & { id: string } {
  return {
    id: contextId(values.path),
    name: values.name,
    context_type: 'task',
    parent_id: values.parentId,
    thumbnail_id: null,
    created_at: shifted(values.project.plan.start, -7, 34_200),
    created_by_id: USER_IDS[values.createdBy ?? values.project.plan.createdBy],
    description: values.description ?? null,
    bid: values.bid,
    sort: values.sort,
    start_date: at(values.start),
    end_date: shifted(values.start, values.days),
    status_id: STATUS_IDS[values.status],
    type_id: TYPE_IDS[values.taskType],
    priority_id: PRIORITY_IDS[values.priority],
    object_type_id: OBJECT_TYPE_IDS[values.type],
    project_id: values.project.id,
  };
}

/** Adds `days` to a YYYY-MM-DD date. */
export const addDays = (date: string, days: number): string => shifted(date, days).value.slice(0, 10);

function seedProject(seed: SeedBuilder, plan: ProjectPlan): { project: ProjectInfo; row: Row } {
  const id = PROJECT_IDS[plan.name];
  const row = seed.add('Project', {
    id,
    name: plan.name,
    context_type: 'show',
    parent_id: null,
    thumbnail_id: null,
    created_at: shifted(plan.start, -14, 36_000),
    created_by_id: USER_IDS[plan.createdBy],
    full_name: plan.fullName,
    root: plan.name,
    start_date: at(plan.start),
    end_date: at(plan.end),
    is_global: false,
    is_private: plan.status === 'hidden',
    status: plan.status,
    color: plan.color,
    project_schema_id: projectSchemaId(plan.schema),
  });
  return { project: { id, name: plan.name, plan, schema: plan.schema, active: plan.status === 'active' }, row };
}

function nodeStatus(node: NodePlan, project: ProjectInfo): StatusName {
  if (!project.active) return 'Approved';
  return node.type === 'Folder' || node.type === 'Milestone' ? 'Not started' : 'In progress';
}

/** Seeds projects and the fixed hierarchy; returns every context in creation order. */
export function seedHierarchy(seed: SeedBuilder): ContextInfo[] {
  const contexts: ContextInfo[] = [];
  for (const plan of PROJECT_PLANS) {
    const { project, row: projectRow } = seedProject(seed, plan);
    const root: ContextInfo = { id: project.id, type: 'Project', path: plan.name, name: plan.name, project, start: plan.start, row: projectRow };
    contexts.push(root);
    const walk = (nodes: readonly NodePlan[], parent: ContextInfo): void => {
      nodes.forEach((node, sort) => {
        const path = `${parent.path}/${node.name}`;
        const milestone = node.type === 'Milestone';
        const start = milestone ? addDays(plan.end, -4) : addDays(parent.start, sort * 7);
        const row = typedContextRow({
          type: node.type,
          name: node.name,
          path,
          parentId: parent.id,
          project,
          sort,
          status: nodeStatus(node, project),
          taskType: 'Generic',
          priority: 'None',
          bid: 0,
          start,
          days: milestone ? 0 : 56,
          description: node.description ?? null,
        });
        seed.add(node.type, row);
        const info: ContextInfo = { id: row.id, type: node.type, path, name: node.name, project, start, row };
        contexts.push(info);
        walk(node.children ?? [], info);
      });
    };
    walk(plan.children, root);
  }
  return contexts;
}
