import { PRIORITY_IDS, type StatusName, type TypeName } from '../ids.js';
import { addDays, typedContextRow, type ContextInfo, type ProjectInfo } from './hierarchy.js';
import { createPrng, type Prng } from './prng.js';
import { GROWTH_PROJECTS } from './project-plans.js';
import { taskStatusesOf, type ProjectSchemaName } from './reference-data.js';
import type { SeedBuilder } from './seed-builder.js';

// Tasks: first the fixed slots (three per shot or asset build, in hierarchy order), then, when
// more are asked for, generated sequences of ten shots with four tasks each, alternating
// between the growth projects. Task number i is the same whatever the total count.

interface TaskTemplate {
  name: string;
  type: TypeName;
}

const t = (name: string, type: TypeName): TaskTemplate => ({ name, type });

const TEMPLATES: Record<ProjectSchemaName, Partial<Record<ContextInfo['type'], readonly TaskTemplate[]>>> = {
  'VFX Scheme': {
    Shot: [t('animation', 'Animation'), t('lighting', 'Lighting'), t('compositing', 'Compositing')],
    AssetBuild: [t('modeling', 'Modeling'), t('rigging', 'Rigging'), t('texture', 'Texture')],
  },
  'Lean Scheme': {
    Shot: [t('animation', 'Animation'), t('compositing', 'Compositing'), t('edit', 'Editing')],
  },
};

const GROWTH_TASKS: readonly TaskTemplate[] = [t('layout', 'Layout'), t('animation', 'Animation'), t('lighting', 'Lighting'), t('compositing', 'Compositing')];
const SHOTS_PER_SEQUENCE = 10;
const PRIORITIES = Object.keys(PRIORITY_IDS) as (keyof typeof PRIORITY_IDS)[];

/** A seeded task and where it lives. */
export interface TaskInfo {
  id: string;
  index: number;
  name: string;
  parent: ContextInfo;
  project: ProjectInfo;
  start: string;
  status: StatusName;
}

/** Number of tasks the fixed hierarchy holds: the default size of the demo workspace. */
export function fixedTaskSlots(contexts: readonly ContextInfo[]): number {
  return taskSlots(contexts).length;
}

function taskSlots(contexts: readonly ContextInfo[]): { parent: ContextInfo; template: TaskTemplate; sort: number }[] {
  return contexts.flatMap((parent) =>
    (TEMPLATES[parent.project.schema][parent.type] ?? []).map((template, sort) => ({ parent, template, sort })),
  );
}

function seedTask(seed: SeedBuilder, rng: Prng, index: number, parent: ContextInfo, template: TaskTemplate, sort: number): TaskInfo {
  const project = parent.project;
  // Always five draws per task, so task i does not depend on the total count.
  const statusDraw = rng.pick(taskStatusesOf(project.schema));
  const status: StatusName = project.active ? statusDraw : 'Approved';
  const priority = rng.pick(PRIORITIES);
  const bid = rng.int(2, 40) * 1800;
  const start = addDays(parent.start, rng.int(0, 40));
  const days = rng.int(2, 15);
  const row = typedContextRow({
    type: 'Task',
    name: template.name,
    path: `${parent.path}/${template.name}`,
    parentId: parent.id,
    project,
    sort,
    status,
    taskType: template.type,
    priority,
    bid,
    start,
    days,
  });
  seed.add('Task', row);
  return { id: row.id, index, name: template.name, parent, project, start, status };
}

/** Creates a generated structural context (sequence or shot) under `parent`. */
function seedGrown(seed: SeedBuilder, type: 'Sequence' | 'Shot', name: string, parent: ContextInfo, sort: number, start: string): ContextInfo {
  const path = `${parent.path}/${name}`;
  const row = typedContextRow({
    type,
    name,
    path,
    parentId: parent.id,
    project: parent.project,
    sort,
    status: 'In progress',
    taskType: 'Generic',
    priority: 'None',
    bid: 0,
    start,
    days: 28,
  });
  seed.add(type, row);
  return { id: row.id, type, path, name, project: parent.project, start, row };
}

/**
 * Seeds `count` tasks. Generated sequences and shots are appended to `contexts` so later stages
 * (metadata, custom attributes) see them.
 */
export function seedTasks(seed: SeedBuilder, contexts: ContextInfo[], count: number): TaskInfo[] {
  const rng = createPrng(0x7a5c);
  const slots = taskSlots(contexts);
  const tasks: TaskInfo[] = [];
  for (let i = 0; i < Math.min(count, slots.length); i++) {
    const slot = slots[i]!;
    tasks.push(seedTask(seed, rng, i, slot.parent, slot.template, slot.sort));
  }
  const roots = new Map(contexts.filter((c) => c.type === 'Project').map((c) => [c.name, c]));
  let sequence: ContextInfo | undefined;
  let shot: ContextInfo | undefined;
  for (let g = 0; g < count - slots.length; g++) {
    const shotIndex = Math.floor(g / GROWTH_TASKS.length);
    const taskInShot = g % GROWTH_TASKS.length;
    const sequenceIndex = Math.floor(shotIndex / SHOTS_PER_SEQUENCE);
    const shotInSequence = shotIndex % SHOTS_PER_SEQUENCE;
    if (taskInShot === 0 && shotInSequence === 0) {
      const project = roots.get(GROWTH_PROJECTS[sequenceIndex % GROWTH_PROJECTS.length]!)!;
      const name = `gsq${String(sequenceIndex + 1).padStart(4, '0')}`;
      const start = addDays(project.start, (sequenceIndex * 3) % 180);
      sequence = seedGrown(seed, 'Sequence', name, project, 100 + sequenceIndex, start);
      contexts.push(sequence);
    }
    if (taskInShot === 0) {
      const name = `${sequence!.name}_sh${String((shotInSequence + 1) * 10).padStart(3, '0')}`;
      shot = seedGrown(seed, 'Shot', name, sequence!, shotInSequence, addDays(sequence!.start, shotInSequence));
      contexts.push(shot);
    }
    tasks.push(seedTask(seed, rng, slots.length + g, shot!, GROWTH_TASKS[taskInShot]!, taskInShot));
  }
  return tasks;
}
