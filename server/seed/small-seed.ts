import { ConfigurationError } from '../../runtime/errors.js';
import { executeBatch } from '../api/execute-batch.js';
import { stableId } from '../demo/seed/stable-id.js';
import { isAbstractType } from '../rules/apply-rules.js';
import type { Row } from '../store/row.js';
import type { Workspace } from '../store/workspace.js';

/** An entity reference as a create operation carries it. */
type Ref = { __entity_type__: string; id: string };

const PROJECTS = [
  { name: 'alpha', full_name: 'Alpha', start_date: '2026-01-05T00:00:00', end_date: '2026-06-26T00:00:00' },
  { name: 'bravo', full_name: 'Bravo', start_date: '2026-03-02T00:00:00', end_date: '2026-12-18T00:00:00' },
];
/** Context levels below a project, each with the names of its children per parent. */
const LEVELS = [
  { type: 'Sequence', names: ['sq010', 'sq020'] },
  { type: 'Shot', names: ['sh010', 'sh020'] },
];
const TASKS_PER_LEAF = 2;
const VERSIONS_PER_ASSET = 2;

/**
 * `--seed small`: a small deterministic production built through the write path (one batch, so
 * the server fills every value as for a client), on any schema — parts whose types the schema
 * lacks are skipped: 2 projects × 2 sequences × 2 shots, 2 tasks per shot (the project schema's
 * first task types; any task types without task-type schemas), an asset per shot with 2 versions
 * of one file component each, a note per shot, and custom attributes `fstart` (number, shots)
 * and `fps` (number, hierarchical) with values — or those of `attributes` (`--seed custom-attributes`,
 * see custom-attribute-seed.ts). Ids come from stable labels, so every run gives the same ids.
 *
 * @example
 * seedSmall(workspace, 'admin'); // Project alpha, alpha/sq010/sh010, task "animation", …
 * @throws ConfigurationError when the schema refuses the seed (the message names the operation).
 */
export function seedSmall(workspace: Workspace, apiUser: string, attributes: AttributeSeed = smallAttributes): void {
  const seed = new SeedPlan(workspace);
  const schema = first(workspace, 'ProjectSchema');
  if (!seed.has('Project') || schema === undefined) return;
  const taskTypes = seed.taskTypes(schema);
  const assetType = first(workspace, 'AssetType') ?? seed.create('AssetType', 'AssetType:geo', { name: 'Geometry', short: 'geo' });
  const nodes: SeedNode[] = [];
  for (const project of PROJECTS) {
    const projectRef = seed.create('Project', `Project:${project.name}`, { ...project, project_schema: ref(workspace, schema) })!;
    let leaves: SeedNode[] = [{ ref: projectRef, path: project.name, type: 'Project', index: 0 }];
    nodes.push(leaves[0]!);
    for (const level of LEVELS) {
      if (!seed.has(level.type)) continue;
      leaves = leaves.flatMap((parent) =>
        level.names.map((name) => {
          const path = `${parent.path}/${name}`;
          return { ref: seed.create(level.type, `Context:${path}`, { name, parent: parent.ref })!, path, type: level.type, index: 0 };
        }),
      );
      leaves.forEach((node, index) => nodes.push({ ...node, index }));
    }
    leaves.forEach((leaf, index) => {
      const tasks = taskTypes.slice(0, TASKS_PER_LEAF).map((type, taskIndex) => {
        const path = `${leaf.path}/${String(type.values.name).toLowerCase()}`;
        const task = seed.create('Task', `Context:${path}`, { name: String(type.values.name).toLowerCase(), parent: leaf.ref, type: ref(workspace, type) });
        if (task !== undefined) nodes.push({ ref: task, path, type: 'Task', index: 2 * index + taskIndex });
        return task;
      });
      if (leaf.type === 'Project') return;
      const asset = seed.create('Asset', `Asset:${leaf.path}`, { name: `${leaf.path.split('/').at(-1)}_geo`, parent: leaf.ref, type: assetType });
      for (let v = 1; asset !== undefined && v <= VERSIONS_PER_ASSET; v++) {
        const version = seed.create('AssetVersion', `AssetVersion:${leaf.path}/v${v}`, { asset, task: tasks[0], comment: `Version ${v} of ${leaf.path}` });
        if (version !== undefined) seed.create('FileComponent', `Component:${leaf.path}/v${v}`, { name: 'main', file_type: '.exr', size: 1024 * (v + index), version });
      }
      seed.create('Note', `Note:${leaf.path}`, { content: `First pass on ${leaf.path} is ready for review.`, parent_id: leaf.ref.id, parent_type: leaf.type });
    });
  }
  attributes(seed, nodes);
  const outcome = executeBatch(workspace, seed.operations, { strict: false, denormalize: false }, undefined, { apiUser });
  if (!outcome.ok) throw new ConfigurationError(`seed "small" cannot be built on this schema: ${outcome.error.content}`);
}

function first(workspace: Workspace, type: string): Row | undefined {
  if (!workspace.model.types.has(type)) return undefined;
  let best: Row | undefined;
  for (const row of workspace.rowsOf(type)) if (best === undefined || row.seq < best.seq) best = row;
  return best;
}

function ref(workspace: Workspace, row: Row): Ref;
function ref(workspace: Workspace, row: Row | undefined): Ref | undefined;
function ref(workspace: Workspace, row: Row | undefined): Ref | undefined {
  return row === undefined ? undefined : { __entity_type__: row.type, id: String(row.values[workspace.graph.type(row.type).primaryKey[0]!]) };
}

/** A project, context or task the seed built: its reference, path (`alpha/sq010/sh020`), type and index among its siblings' kind. */
export interface SeedNode {
  readonly ref: Ref;
  readonly path: string;
  readonly type: string;
  readonly index: number;
}

/** Adds custom attribute configurations and values for the built nodes. */
export type AttributeSeed = (seed: SeedPlan, nodes: readonly SeedNode[]) => void;

/** `--seed small`: `fstart` (number, Shot, default 1001) and `fps` (number, hierarchical, default 24). */
const smallAttributes: AttributeSeed = (seed, nodes) => {
  if (!seed.has('CustomAttributeConfiguration') || !seed.has('ContextCustomAttributeValue')) return;
  const common = { type: seed.attributeType('number'), config: '{}', core: false };
  const fstart = seed.create('CustomAttributeConfiguration', 'CustomAttributeConfiguration:fstart', {
    ...common, key: 'fstart', label: 'Frame start', entity_type: 'task', object_type_id: seed.objectType('Shot'), default: 1001, is_hierarchical: false,
  });
  const fps = seed.create('CustomAttributeConfiguration', 'CustomAttributeConfiguration:fps', {
    ...common, key: 'fps', label: 'Frame rate', entity_type: 'show', default: 24, is_hierarchical: true,
  });
  const leafType = nodes.filter((node) => node.type !== 'Task').at(-1)?.type;
  for (const node of nodes) {
    if (fstart !== undefined && node.type === leafType && node.type !== 'Project') seed.value(fstart, node.ref, 1001 + 8 * node.index);
    if (fps !== undefined && node.type === 'Project') seed.value(fps, node.ref, node.path === 'alpha' ? 25 : 24);
  }
};

/** Collects the seed's operations; values for attributes a type lacks are dropped. */
export class SeedPlan {
  readonly operations: Record<string, unknown>[] = [];

  constructor(private readonly workspace: Workspace) {}

  has(type: string): boolean {
    const model = this.workspace.model.types.get(type);
    return model !== undefined && !isAbstractType(this.workspace, model);
  }

  create(type: string, label: string, data: Record<string, unknown>): Ref | undefined {
    if (!this.has(type)) return undefined;
    const model = this.workspace.graph.type(type);
    const id = stableId(`seed-small:${label}`);
    const entityData: Record<string, unknown> = { id };
    for (const [name, value] of Object.entries(data)) {
      const attribute = model.attributes.get(name);
      if (attribute !== undefined && value !== undefined && (attribute.kind === 'scalar' || attribute.kind === 'reference')) entityData[name] = value;
    }
    this.operations.push({ action: 'create', entity_type: type, entity_data: entityData });
    return { __entity_type__: type, id };
  }

  /** Task types of the project schema's task-type schema, lowest sort first, `Generic` last. */
  taskTypes(schema: Row): Row[] {
    const { workspace } = this;
    if (!workspace.model.types.has('Type')) return [];
    // Without task-type schemas (an older or trimmed schema) every task type is the project's.
    const types = workspace.model.types.has('TaskTypeSchemaType')
      ? [...workspace.store.find(workspace.graph.root('TaskTypeSchemaType'), ['task_type_schema_id'], String(schema.values.task_type_schema_id))]
          .map((link) => workspace.getRow('Type', [link.values.type_id]))
          .filter((row): row is Row => row !== undefined)
      : [...workspace.rowsOf('Type')];
    const rank = (row: Row) => (row.values.name === 'Generic' ? 1 : 0);
    return types.sort((a, b) => rank(a) - rank(b) || Number(a.values.sort ?? 0) - Number(b.values.sort ?? 0) || a.seq - b.seq);
  }

  /** The id of a `CustomAttributeType` by name (`number`, `text`, …), when the workspace has it. */
  attributeType(name: string): Ref | undefined {
    const { workspace } = this;
    if (!workspace.model.types.has('CustomAttributeType')) return undefined;
    return ref(workspace, [...workspace.rowsOf('CustomAttributeType')].find((row) => row.values.name === name));
  }

  /** The classifier (object type id) of a typed context subtype, when the schema has it. */
  objectType(type: string): string | undefined {
    return this.workspace.model.types.get(type)?.classifiers[0]?.value;
  }

  /** Sets a custom attribute value (an upsert of the value row `[configuration, entity]`). */
  value(configuration: Ref, entity: Ref, value: unknown): void {
    this.operations.push({ action: 'update', entity_type: 'ContextCustomAttributeValue', entity_key: [configuration.id, entity.id], entity_data: { value } });
  }
}
