import { STATUS_IDS, USER_IDS, type Username } from '../ids.js';
import type { ContextInfo } from './hierarchy.js';
import type { SeedBuilder } from './seed-builder.js';
import { stableId } from './stable-id.js';
import type { TaskInfo } from './tasks.js';
import { shifted } from './wire.js';

// Asset types, one asset per fixed shot (comp renders) and asset build (model), versions with
// a "main" and a "thumbnail" FileComponent each. A context's thumbnail is its latest version's.

const ASSET_TYPES = [
  { name: 'Geometry', short: 'geo' },
  { name: 'Image Sequence', short: 'img' },
  { name: 'Animation Cache', short: 'cache' },
  { name: 'Scene', short: 'scene' },
  { name: 'Upload', short: 'upload' },
] as const;

const assetTypeId = (short: string): string => stableId(`AssetType:${short}`);
const PUBLISHERS: readonly Username[] = ['grace', 'ada', 'katherine', 'alan'];

function seedComponent(seed: SeedBuilder, versionId: string, name: string, fileType: string, size: number): string {
  const id = stableId(`Component:${versionId}:${name}`);
  seed.add('FileComponent', { id, name, system_type: 'file', size, file_type: fileType, version_id: versionId });
  return id;
}

/** Seeds asset types, assets, versions and components for the fixed shots and asset builds. */
export function seedAssets(seed: SeedBuilder, fixedContexts: readonly ContextInfo[], tasks: readonly TaskInfo[]): { versionIds: string[] } {
  const fixed = new Set(fixedContexts.map((c) => c.id));
  const taskIds = new Map(tasks.filter((t) => fixed.has(t.parent.id)).map((t) => [`${t.parent.path}/${t.name}`, t.id]));
  for (const type of ASSET_TYPES) {
    seed.add('AssetType', { id: assetTypeId(type.short), name: type.name, short: type.short, component: 'main' });
  }
  const versionIds: string[] = [];
  fixedContexts.forEach((context, index) => {
    if (context.type !== 'Shot' && context.type !== 'AssetBuild') return;
    const shot = context.type === 'Shot';
    const assetId = stableId(`Asset:${context.path}`);
    seed.add('Asset', {
      id: assetId,
      name: `${context.name}_${shot ? 'comp' : 'model'}`,
      context_id: context.id,
      type_id: assetTypeId(shot ? 'img' : 'geo'),
      project_id: context.project.id,
    });
    const taskId = taskIds.get(`${context.path}/${shot ? 'compositing' : 'modeling'}`) ?? null;
    const count = 1 + (index % 3);
    let thumbnailId: string | null = null;
    for (let version = 1; version <= count; version++) {
      const id = stableId(`AssetVersion:${context.path}:v${version}`);
      const latest = version === count;
      const status = !latest ? 'Revise' : context.project.active ? 'Pending review' : 'Approved';
      const row = seed.add('AssetVersion', {
        id,
        version,
        comment: latest ? 'Latest pass.' : `Pass ${version}.`,
        date: shifted(context.start, 7 * version, 17 * 3600),
        is_published: true,
        asset_id: assetId,
        task_id: taskId,
        user_id: USER_IDS[PUBLISHERS[(index + version) % PUBLISHERS.length]!],
        status_id: STATUS_IDS[status],
        thumbnail_id: null as string | null,
        project_id: context.project.id,
      });
      seedComponent(seed, id, 'main', shot ? '.exr' : '.abc', 1_048_576 * (8 + ((index * 7 + version) % 50)));
      thumbnailId = seedComponent(seed, id, 'thumbnail', '.jpg', 48_000 + version * 1_000);
      row.thumbnail_id = thumbnailId;
      versionIds.push(id);
    }
    context.row.thumbnail_id = thumbnailId;
  });
  return { versionIds };
}
