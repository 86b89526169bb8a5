import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../runtime/errors.js';
import { startServer, type DataFileSystem, type ServerHandle } from '../../server/index.js';
import { callApi, query } from './support/api-client.js';
import { batch } from './support/demo-server.js';

// A write batch whose journal append fails is answered with an error and leaves memory as it
// was; the next batch (disk healthy again) works, and a restart shows exactly the batches that
// were acknowledged. Faults come from a file system wrapper given through `dataFileSystem`.

type Fault = 'none' | 'sync' | 'write' | 'partial-write' | 'sync-and-truncate' | 'rename' | 'open';
type ErrorBody = { exception: string; content: string; error_code: string | null };

function faultyFiles() {
  const state = { fault: 'none' as Fault };
  const io = (code: string) => Object.assign(new Error(`${code}: injected failure`), { code });
  const files: DataFileSystem = {
    ...fs,
    writeSync: ((fd: number, buffer: Buffer, offset?: number, length?: number) => {
      if (state.fault === 'write') throw io('ENOSPC');
      if (state.fault === 'partial-write') {
        fs.writeSync(fd, buffer, offset ?? 0, Math.max(1, Math.floor((length ?? buffer.length) / 2)));
        throw io('ENOSPC');
      }
      return fs.writeSync(fd, buffer, offset, length);
    }) as typeof fs.writeSync,
    fdatasyncSync: (fd) => {
      if (state.fault === 'sync' || state.fault === 'sync-and-truncate') throw io('EIO');
      fs.fdatasyncSync(fd);
    },
    ftruncateSync: (fd, length) => {
      if (state.fault === 'sync-and-truncate') throw io('EIO');
      fs.ftruncateSync(fd, length);
    },
    renameSync: (from, to) => {
      if (state.fault === 'rename') throw io('EACCES');
      fs.renameSync(from, to);
    },
    openSync: ((path: fs.PathLike, flags: fs.OpenMode = 'r', mode?: fs.Mode) => {
      if (state.fault === 'open') throw io('EACCES');
      return fs.openSync(path, flags, mode);
    }) as typeof fs.openSync,
  };
  return { state, files };
}

const dirs: string[] = [];
const servers: ServerHandle[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function setup(options: { journalLimit?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ftrack-failed-save-'));
  dirs.push(dir);
  const file = join(dir, 'workspace.json');
  const faulty = faultyFiles();
  const server = await startServer({ data: file, apiKey: 'k', tasks: 5, dataFileSystem: faulty.files, ...options });
  servers.push(server);
  await batch(server, [{ action: 'create', entity_type: 'User', entity_data: { id: 'kept', username: 'kept', last_name: 'before' } }]);
  return { dir, file, server, state: faulty.state };
}

const user = async (server: ServerHandle, id: string) => (await query(server, `select last_name from User where id is "${id}"`)).data[0]?.last_name;

async function restart(file: string): Promise<ServerHandle> {
  const server = await startServer({ data: file, apiKey: 'k' });
  servers.push(server);
  return server;
}

describe('a failed save', () => {
  it.each(['sync', 'write', 'partial-write', 'sync-and-truncate'] as const)('(%s) fails the batch, keeps memory unchanged, and is absent after a restart', async (fault) => {
    const { file, server, state } = await setup();
    state.fault = fault;
    for (const strict of [false, true]) {
      const { status, body } = await callApi<ErrorBody>(
        server,
        [
          { action: 'update', entity_type: 'User', entity_key: 'kept', entity_data: { last_name: 'lost' } },
          { action: 'create', entity_type: 'User', entity_data: { id: `never-${String(strict)}`, username: `never-${String(strict)}` } },
        ],
        strict ? { 'ftrack-strict-api': 'true' } : {},
      );
      if (fault === 'sync-and-truncate' && !strict) {
        // Neither truncating nor starting a new journal generation works: said so, honestly.
        // (The next batch fails before writing anything, so it gets a plain save_failed.)
        expect(body).toMatchObject({ exception: 'ServerError', error_code: 'save_uncertain' });
        expect(body.content).toMatch(/^Could not save the write batch to .*workspace\.json \(EIO: injected failure\); it was not applied, but .* may reappear\.$/);
      } else {
        expect(body).toMatchObject({ exception: 'ServerError', error_code: 'save_failed' });
        expect(body.content).toMatch(/^Could not save the write batch to .*workspace\.json \((ENOSPC|EIO): injected failure\); nothing was applied\.$/);
      }
      expect(status).toBe(strict ? 500 : 200);
    }
    // Memory is unchanged: the update was undone, the creates never happened.
    expect(await user(server, 'kept')).toBe('before');
    expect((await query(server, 'select id from User where id in (never-false, never-true)')).data).toEqual([]);
    // Reads still work during the fault; the next write after it is saved.
    state.fault = 'none';
    await batch(server, [{ action: 'update', entity_type: 'User', entity_key: 'kept', entity_data: { last_name: 'after' } }]);
    await batch(server, [{ action: 'create', entity_type: 'User', entity_data: { id: 'later', username: 'later' } }]);

    // Crash (no close) and restart from the files: acknowledged batches only.
    const second = await restart(file);
    expect(await user(second, 'kept')).toBe('after');
    expect((await query(second, 'select id from User where id in (never-false, never-true, later)')).data.map((row) => row.id)).toEqual(['later']);
  });

  it('a failing disk fails every write until it recovers, and never half-applies', async () => {
    const { file, server, state } = await setup();
    state.fault = 'sync-and-truncate';
    for (let i = 0; i < 3; i++) {
      const { body } = await callApi<ErrorBody>(server, [{ action: 'create', entity_type: 'User', entity_data: { id: `try-${i}`, username: `try-${i}` } }]);
      expect(body.error_code).toBe(i === 0 ? 'save_uncertain' : 'save_failed');
    }
    state.fault = 'open'; // a new journal generation cannot even be created
    const { body } = await callApi<ErrorBody>(server, [{ action: 'create', entity_type: 'User', entity_data: { id: 'try-open', username: 'try-open' } }]);
    expect(body).toMatchObject({ error_code: 'save_failed' });
    expect(body.content).toContain('EACCES');
    state.fault = 'none';
    await batch(server, [{ action: 'create', entity_type: 'User', entity_data: { id: 'finally', username: 'finally' } }]);
    const second = await restart(file);
    const found = await query(second, 'select id from User where id in (kept, try-0, try-1, try-2, try-open, finally)');
    expect(found.data.map((row) => row.id).sort()).toEqual(['finally', 'kept']);
  });

  it('a failed compaction loses nothing: a warning, and the journal keeps every write', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      const { dir, file, server, state } = await setup({ journalLimit: 1 });
      state.fault = 'rename';
      for (let i = 0; i < 5; i++) await batch(server, [{ action: 'create', entity_type: 'User', entity_data: { id: `c-${i}`, username: `c-${i}` } }]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(warnings.some((message) => /Could not compact .*workspace\.json: EACCES.*Nothing is lost/.test(message))).toBe(true);
      expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
      state.fault = 'none';
      await batch(server, [{ action: 'create', entity_type: 'User', entity_data: { id: 'c-last', username: 'c-last' } }]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      // Compacted now: the data file alone holds everything, in the documented format.
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { journal: number; entities: Record<string, { id: string }[]> };
      expect(saved.entities.User!.map((row) => row.id)).toEqual(expect.arrayContaining(['kept', 'c-0', 'c-4', 'c-last']));
      const second = await restart(file);
      expect((await query(second, 'select id from User where id like "c-%"')).data).toHaveLength(6);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('an unusable data folder stops the start with a ConfigurationError naming the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ftrack-failed-save-'));
    dirs.push(dir);
    const { state, files } = faultyFiles();
    state.fault = 'open';
    const file = join(dir, 'workspace.json');
    const failure = await startServer({ data: file, dataFileSystem: files }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ConfigurationError);
    expect((failure as Error).message).toContain(file);
  });
});
