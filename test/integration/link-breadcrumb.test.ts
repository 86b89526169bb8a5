import { describe, expect, it } from 'vitest';
import { ArgumentError, breadcrumb, type LinkEntry } from 'ftrack-codegen';
import { q } from '../../generated/index.js';
import { demoData } from '../../server/demo/index.js';
import { useDemoSession } from './support/round-trip.js';

// Issue 12 item 6: `link` (stored as `_api_link`) is read as the array servers send, and
// breadcrumb() joins its names from the project down.

const session = useDemoSession();

/** Names from the root project down to the context `id`, walked over the seed's parent ids. */
function pathFromSeed(id: string): string[] {
  const rows = new Map<string, Record<string, unknown>>();
  for (const type of ['Project', 'Folder', 'Episode', 'Sequence', 'Shot', 'Task', 'AssetBuild', 'Milestone']) {
    for (const row of demoData().entities[type] ?? []) rows.set(row['id'] as string, row);
  }
  const names: string[] = [];
  for (let row = rows.get(id); row !== undefined; row = rows.get(row['parent_id'] as string)) names.unshift(row['name'] as string);
  return names;
}

describe('link and breadcrumb()', () => {
  it('reads link as { id, name, type } steps and joins their names', async () => {
    const tasks = await session().query(q.Task.select('name', 'link').limit(20)).all();
    expect(tasks.length).toBeGreaterThan(0);
    for (const task of tasks) {
      const link: readonly LinkEntry[] = task.link;
      expect(link.at(-1)).toMatchObject({ id: task.id, name: task.name });
      expect(link[0]!.type).toBe('Project');
      expect(link.every((step) => typeof step.type === 'string' && typeof step.id === 'string')).toBe(true);
      expect(breadcrumb(task)).toBe(pathFromSeed(task.id).join(' / '));
      expect(breadcrumb(task.link, ' > ')).toBe(link.map((step) => step.name).join(' > '));
    }
  });

  it('refuses what is no link path with an ArgumentError', () => {
    for (const bad of [null, 'proj/sq010', { link: 'proj/sq010' }, [{ id: 'x' }], {}]) {
      expect(() => breadcrumb(bad as never), JSON.stringify(bad)).toThrow(ArgumentError);
    }
  });
});
