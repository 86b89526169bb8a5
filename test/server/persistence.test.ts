import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../../server/index.js';
import { callApi, query } from './support/api-client.js';
import { failing } from './support/demo-server.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('--data persistence', () => {
  it('keeps every successful write batch across a restart, and nothing of a failed one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ftrack-data-'));
    dirs.push(dir);
    const file = join(dir, 'workspace.json');
    const first = await startServer({ data: file, apiKey: 'k' });
    expect(existsSync(file)).toBe(true);
    await callApi(first, [{ action: 'create', entity_type: 'User', entity_data: { id: 'persisted-user', username: 'persisted', first_name: 'Per' } }]);
    await callApi(first, [{ action: 'update', entity_type: 'User', entity_key: 'persisted-user', entity_data: { last_name: 'Sisted' } }]);
    await callApi(first, [{ action: 'create', entity_type: 'Timelog', entity_data: { id: 'persisted-log', start: '2026-05-01T08:30:00+02:00', duration: 5 } }]);
    await failing(first, [
      { action: 'create', entity_type: 'User', entity_data: { id: 'never-saved', username: 'never' } },
      { action: 'delete', entity_type: 'User', entity_key: 'missing' },
    ]);
    // Killed between batches: no close(). The data file and its journal already hold everything
    // (each batch one line, flushed before the answer); the failed batch is nowhere.
    expect(readdirSync(dir).sort()).toEqual(['workspace.json', 'workspace.json.journal.0']);
    const journal = readFileSync(`${file}.journal.0`, 'utf8');
    expect(journal.trim().split('\n')).toHaveLength(3);
    expect(journal).toContain('Sisted');
    expect(journal).not.toContain('never-saved');

    const second = await startServer({ data: file, apiKey: 'k' });
    await first.close();
    try {
      const users = await query(second, 'select username, last_name from User where id in (persisted-user, never-saved)');
      expect(users.data).toEqual([expect.objectContaining({ id: 'persisted-user', username: 'persisted', last_name: 'Sisted' })]);
      const log = await query(second, 'select start from Timelog where id is "persisted-log"');
      expect(log.data[0]!.start).toEqual({ __type__: 'datetime', value: '2026-05-01T06:30:00' });
      const projects = await query(second, 'select name from Project');
      expect(projects.data.length).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
  });

  it('reports an unreadable data file clearly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ftrack-data-'));
    dirs.push(dir);
    const file = join(dir, 'broken.json');
    await import('node:fs').then((fs) => fs.writeFileSync(file, '{"entities": {"Nope": []}}'));
    await expect(startServer({ data: file })).rejects.toThrow(/unknown entity type "Nope"/);
  });
});
