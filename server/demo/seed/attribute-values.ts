import { USER_IDS } from '../ids.js';
import { assetBuildsLinkConfigurationId, configurationId, type CustomAttributeKey } from './custom-attribute-data.js';
import { contextId, type ContextInfo } from './hierarchy.js';
import type { SeedBuilder } from './seed-builder.js';
import { stableId } from './stable-id.js';
import type { TaskInfo } from './tasks.js';
import { at } from './wire.js';

// Metadata rows, custom attribute values and custom attribute links.

function metadata(seed: SeedBuilder, parentId: string, parentType: string, key: string, value: string): void {
  seed.add('Metadata', { parent_id: parentId, parent_type: parentType, key, value });
}

function attribute(seed: SeedBuilder, key: CustomAttributeKey, entityId: string, value: unknown): void {
  const configuration = configurationId(key);
  seed.add('ContextCustomAttributeValue', { configuration_id: configuration, entity_id: entityId, key, value });
}

const LINKS: readonly (readonly [string, string])[] = [
  ['test/sq010/sh010', 'test/Assets/Bunny'],
  ['test/sq010/sh010', 'test/Assets/Chinchilla'],
  ['test/sq010/sh020', 'test/Assets/Bunny'],
  ['bunny/bb010/bb010_0010', 'bunny/Assets/Bunny'],
  ['bunny/bb010/bb010_0010', 'bunny/Assets/Forest'],
];

/** Seeds metadata, custom attribute values and links for contexts, tasks and versions. */
export function seedAttributeValues(
  seed: SeedBuilder,
  contexts: readonly ContextInfo[],
  tasks: readonly TaskInfo[],
  versionIds: readonly string[],
): void {
  let shotIndex = 0;
  for (const context of contexts) {
    const plan = context.project.plan;
    if (context.type === 'Project') {
      for (const [key, value] of Object.entries(plan.metadata)) metadata(seed, context.id, 'Project', key, value);
      for (const [key, value] of Object.entries(plan.attributes)) {
        attribute(seed, key as CustomAttributeKey, context.id, key === 'delivery_date' ? at(value as string) : value);
      }
    } else if (context.type === 'Shot') {
      const fps = typeof plan.attributes.fps === 'number' ? plan.attributes.fps : 24;
      metadata(seed, context.id, 'Shot', 'frame_rate', String(fps));
      const frames = 48 + ((shotIndex * 37) % 150);
      attribute(seed, 'fstart', context.id, 1001);
      attribute(seed, 'fend', context.id, 1000 + frames);
      // Enumerators: a selection on some shots, the default on the others.
      if (shotIndex % 3 !== 1) attribute(seed, 'complexity', context.id, [shotIndex % 3 === 0 ? 'simple' : 'complex']);
      if (shotIndex % 4 === 0) attribute(seed, 'tags', context.id, shotIndex % 8 === 0 ? ['fx', 'water'] : ['crowd']);
      shotIndex++;
    }
  }
  attribute(seed, 'fps', contextId('test/sq010/sh030'), 48);
  metadata(seed, contextId('test/sq010/sh030'), 'Shot', 'note', 'High frame rate shot');
  for (const task of tasks) {
    if (task.index % 5 === 0) attribute(seed, 'outsourced', task.id, true);
    if (task.index % 10 === 3) metadata(seed, task.id, 'Task', 'department', task.name);
  }
  versionIds.forEach((id, index) => metadata(seed, id, 'AssetVersion', 'source', index % 2 === 0 ? 'farm' : 'workstation'));
  metadata(seed, USER_IDS.ada, 'User', 'department', 'animation');
  metadata(seed, USER_IDS.grace, 'User', 'department', 'compositing');
  for (const [from, to] of LINKS) {
    seed.add('CustomAttributeLink', {
      id: stableId(`CustomAttributeLink:${from}:${to}`),
      configuration_id: assetBuildsLinkConfigurationId,
      from_id: contextId(from),
      from_entity_type: 'Shot',
      to_id: contextId(to),
      to_entity_type: 'AssetBuild',
    });
  }
}
