import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../runtime/errors.js';
import { startServer } from '../../server/index.js';
import { callApi, query } from './support/api-client.js';

// Review of issue 9, item 7 (journaled --data): a data file written by the previous version
// (one whole-file JSON document, no journal) loads and takes new writes; unusable paths stop the
// start with a ConfigurationError naming the path.

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ftrack-review-data-'));
  dirs.push(dir);
  return dir;
};
const failure = (p: Promise<unknown>) => p.then(() => undefined, (error: unknown) => error);

describe('a data file of the previous version', () => {
  it('loads, takes writes and keeps them across a restart', async () => {
    const dir = temp();
    const file = join(dir, 'old.json');
    const first = await startServer({ data: join(dir, 'seed.json'), apiKey: 'k' });
    const projects = await query(first, 'select id, name, full_name from Project');
    await first.close();
    // The previous version wrote `{"entities": {...}}` in one go, without "journal".
    writeFileSync(file, JSON.stringify({ entities: { User: [{ id: 'old-user', username: 'old', first_name: 'Old' }] } }));
    const second = await startServer({ data: file, apiKey: 'k' });
    try {
      expect((await query(second, 'select username from User where id is "old-user"')).data).toEqual([expect.objectContaining({ username: 'old' })]);
      await callApi(second, [{ action: 'update', entity_type: 'User', entity_key: 'old-user', entity_data: { last_name: 'Timer' } }]);
    } finally {
      await second.close();
    }
    const third = await startServer({ data: file, apiKey: 'k' });
    try {
      expect((await query(third, 'select last_name from User where id is "old-user"')).data).toEqual([expect.objectContaining({ last_name: 'Timer' })]);
    } finally {
      await third.close();
    }
    expect(projects.data.length).toBeGreaterThan(0);
  });
});

describe('unusable --data paths', () => {
  it('a directory', async () => {
    const dir = temp();
    const error = await failure(startServer({ data: dir }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain(dir);
  });

  it('a path below a regular file', async () => {
    const dir = temp();
    const plain = join(dir, 'plain');
    writeFileSync(plain, 'x');
    const error = await failure(startServer({ data: join(plain, 'data.json') }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain(join(plain, 'data.json'));
  });

  it('a folder that does not exist', async () => {
    const dir = temp();
    const path = join(dir, 'missing', 'deeper', 'data.json');
    const error = await failure(startServer({ data: path }));
    if (error === undefined) return; // created: also fine
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain(path);
  });

  it('a journal generation that is a directory', async () => {
    const dir = temp();
    const file = join(dir, 'data.json');
    const first = await startServer({ data: file, apiKey: 'k' });
    await first.close();
    rmSync(`${file}.journal.0`, { force: true });
    mkdirSync(`${file}.journal.0`);
    const error = await failure(startServer({ data: file }).then((s) => s.close()));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain("EISDIR");
  });
});
