import { ConfigurationError } from '../../../runtime/errors.js';
import type { WorkspaceData } from '../../store/workspace-data.js';
import { seedActivity } from './activity.js';
import { seedAssets } from './assets.js';
import { seedAttributeValues } from './attribute-values.js';
import { seedCustomAttributeConfigurations } from './custom-attribute-data.js';
import { seedHierarchy } from './hierarchy.js';
import { seedReferenceData } from './reference-data.js';
import { SeedBuilder } from './seed-builder.js';
import { fixedTaskSlots, seedTasks } from './tasks.js';

/** Options of `demoData`. */
export interface DemoDataOptions {
  /** Number of Task rows (default: the 57 tasks of the fixed hierarchy). */
  tasks?: number;
}

/**
 * The demo workspace's rows, by concrete entity type. Deterministic: the same options always
 * give deep-equal data, and ids of the fixed part do not change with `tasks`.
 *
 * @example
 * demoData().entities.Project?.map((p) => p.name); // ['test', 'client_review', 'tdb', 'man_test', 'ftrack', 'bunny']
 * demoData({ tasks: 50_000 }).entities.Task?.length; // 50000
 * @throws ConfigurationError when `tasks` is not a non-negative safe integer.
 */
export function demoData(options: DemoDataOptions = {}): WorkspaceData {
  const requested = options.tasks;
  if (requested !== undefined && (!Number.isSafeInteger(requested) || requested < 0)) {
    throw new ConfigurationError(`Demo data: "tasks" must be a non-negative integer, got ${String(requested)}.`, {
      cause: { tasks: requested },
    });
  }
  const seed = new SeedBuilder();
  seedReferenceData(seed);
  seedCustomAttributeConfigurations(seed);
  const contexts = seedHierarchy(seed);
  const fixedContexts = [...contexts];
  const tasks = seedTasks(seed, contexts, requested ?? fixedTaskSlots(contexts));
  const { versionIds } = seedAssets(seed, fixedContexts, tasks);
  seedActivity(seed, contexts, tasks);
  seedAttributeValues(seed, contexts, tasks, versionIds);
  return seed.result();
}
