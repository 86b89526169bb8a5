import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSchema } from '../../server/demo/index.js';
import { startServer, type ServerHandle } from '../../server/index.js';
import { callApi, query } from '../server/support/api-client.js';
import { runServe } from '../server/support/run-serve.js';
import { one } from '../server/support/demo-server.js';
import { fixturePath, hasShared, SHARED_MISSING, workspaceASchema } from '../support/shared.js';

// Issue 10: `--seed small` gives a small deterministic production on any schema.
if (!hasShared) console.warn(`[skip] seed small on workspace-a: ${SHARED_MISSING}`);

const ids = async (server: ServerHandle, type: string) => (await query(server, `select id from ${type} order by id`)).data.map((r) => r.id);

describe.skipIf(!hasShared)('seed small on workspace-a', () => {
  let server: ServerHandle;
  beforeAll(async () => {
    server = await startServer({ schema: workspaceASchema(), seed: 'small' });
  });
  afterAll(() => server?.close());

  it('builds projects, sequences, shots, tasks, assets with versions and components, notes and custom attributes', async () => {
    expect((await query(server, 'select name from Project')).data.map((p) => p.name)).toEqual(['alpha', 'bravo']);
    expect(await ids(server, 'Sequence')).toHaveLength(4);
    expect(await ids(server, 'Shot')).toHaveLength(8);
    expect(await ids(server, 'Task')).toHaveLength(16);
    expect(await ids(server, 'Asset')).toHaveLength(8);
    expect(await ids(server, 'AssetVersion')).toHaveLength(16);
    expect(await ids(server, 'FileComponent')).toHaveLength(16);
    expect(await ids(server, 'Note')).toHaveLength(8);
    const task = await one(server, 'select name, parent.name, parent.parent.name, project.name, status.name, type.name from Task where parent.name is "sh010" and project.name is "alpha" order by name');
    expect(task).toMatchObject({ name: 'animation', parent: { name: 'sh010', parent: { name: 'sq010' } }, project: { name: 'alpha' }, status: { name: 'Not started' }, type: { name: 'Animation' } });
    const versions = (await query(server, 'select version, components.file_type, task.name from AssetVersion where asset.name is "sh010_geo" and asset.parent.parent.name is "sq010" and project_id in (select id from Project where name is "alpha") order by version')).data;
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[0]).toMatchObject({ components: [{ file_type: '.exr' }], task: { name: 'animation' } });
    const values = (await query(server, 'select key, value from ContextCustomAttributeValue where key is "fstart" order by value')).data.map((v) => v.value);
    expect(values).toHaveLength(8);
    expect(values[0]).toBe(1001);
    expect((await one(server, 'select value from ContextCustomAttributeValue where key is "fps" and entity_id in (select id from Project where name is "alpha")'))!.value).toBe(25);
  });

  it('is deterministic: the same ids on every start', async () => {
    const again = await startServer({ schema: workspaceASchema(), seed: 'small' });
    try {
      for (const type of ['Project', 'Shot', 'Task', 'AssetVersion', 'Note']) expect(await ids(again, type)).toEqual(await ids(server, type));
    } finally {
      await again.close();
    }
  });
});

describe('seed small on the demo schema', () => {
  it('builds the same shape on another schema (instead of the demo data)', async () => {
    const server = await startServer({ schema: demoSchema, seed: 'small' });
    try {
      expect((await query(server, 'select name from Project')).data.map((p) => p.name)).toEqual(['alpha', 'bravo']);
      expect(await ids(server, 'Shot')).toHaveLength(8);
      expect((await query(server, 'select id from AssetVersion where version is 2')).data).toHaveLength(8);
    } finally {
      await server.close();
    }
  });

  it('refuses an unknown seed name and seed small without bootstrap', async () => {
    await expect(startServer({ seed: 'huge' as 'small' })).rejects.toThrow(/Unknown seed "huge"/);
    await expect(startServer({ seed: 'small', bootstrap: false })).rejects.toThrow(/needs the bootstrap rows/);
  });
});

describe.skipIf(!hasShared)('ftrack-codegen serve --seed small / --no-bootstrap', () => {
  const count = async (url: string, expression: string) => {
    const { body } = await callApi<{ data: unknown[] }[]>({ url, apiUser: 'cli', apiKey: 'cli-key' }, [{ action: 'query', expression }]);
    return body[0]!.data.length;
  };
  for (const [flags, shots, locations] of [[['--seed', 'small'], 8, 5], [['--no-bootstrap'], 0, 0]] as const) {
    it(`serve --schema workspace-a ${flags.join(' ')}`, async () => {
      const run = runServe(['--schema', fixturePath('schemas', 'workspace-a.query_schemas.json'), '--api-user', 'cli', '--api-key', 'cli-key', ...flags]);
      try {
        await run.started;
        const url = /listening on (http:\/\/\S+)/.exec(run.output())![1]!;
        expect(await count(url, 'select id from Shot')).toBe(shots);
        expect(await count(url, 'select id from Location')).toBe(locations);
      } finally {
        run.child.kill('SIGTERM');
        await run.exited;
      }
    });
  }
});
