import { Session, operation, projectSchema } from '@ftrack/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerHandle } from '../../server/index.js';
import { hasShared, SHARED_MISSING, workspaceASchema } from '../support/shared.js';

// The official JS client (@ftrack/api) against workspace-a + seed small, sending only what a user sends.
if (!hasShared) console.warn(`[skip] @ftrack/api on workspace-a: ${SHARED_MISSING}`);

/** A record as the client decodes it (the client's own loose entity type). */
type Data = Awaited<ReturnType<Session['query']>>['data'][number];

describe.skipIf(!hasShared)('@ftrack/api drives workspace-a with --seed small', () => {
  let server: ServerHandle;
  let session: Session;
  let alpha: Data;
  beforeAll(async () => {
    server = await startServer({ schema: workspaceASchema(), seed: 'small' });
    session = new Session(server.url, server.apiUser, server.apiKey, { autoConnectEventHub: false });
    await session.initializing;
    alpha = (await session.query('select id, project_schema_id from Project where name is "alpha"')).data[0]!;
  });
  afterAll(() => server?.close());

  const one = async (expression: string): Promise<Data> => (await session.query(expression)).data[0]!;

  it('answers user_information when the client asks for it', async () => {
    const asking = new Session(server.url, server.apiUser, server.apiKey, { autoConnectEventHub: false, serverInformationValues: ['user_information', 'schema_hash'] });
    await asking.initializing;
    const me = await one(`select id from User where username is "${server.apiUser}"`);
    expect(asking.serverInformation?.user_information).toMatchObject({ id: me.id, username: server.apiUser, restricted_user: false });
    expect(session.serverInformation).not.toHaveProperty('user_information');
  });

  it('reads the schema and queries with nested projections and paging', async () => {
    expect(session.getSchema('Task')?.properties).toHaveProperty('link');
    expect(session.getPrimaryKeyAttributes('ContextCustomAttributeValue')).toEqual(['configuration_id', 'entity_id']);
    const tasks = await session.query('select name, status.name, type.name, parent.name from Task where project.name is "alpha" order by name limit 5');
    expect(tasks.data).toHaveLength(5);
    expect(tasks.metadata.next.offset).toBe(5);
    expect(tasks.data[0]).toMatchObject({ name: 'animation', status: { name: 'Not started' }, type: { name: 'Animation' } });
  });

  it('creates with only what a user sends, and the server fills the rest', async () => {
    const sequence = (await session.create('Sequence', { name: 'js010', parent: { __entity_type__: 'Project', id: alpha.id } })).data;
    expect(sequence).toMatchObject({ __entity_type__: 'Sequence', name: 'js010', context_type: 'task', project_id: alpha.id, bid: 0 });
    expect(Object.values(sequence)).not.toContain(null);
    const shot = (await session.create('Shot', { name: 'js010_sh010', parent_id: sequence.id })).data;
    const lighting = await one('select id from Type where name is "Lighting"');
    const task = (await session.create('Task', { name: 'lighting', parent_id: shot.id, type_id: lighting.id })).data;
    const reread = await one(`select link, status.name, priority.name, ancestors.name from Task where id is "${task.id}"`);
    expect(reread.link.map((item: Data) => item.name)).toEqual(['alpha', 'js010', 'js010_sh010', 'lighting']);
    expect(reread.ancestors.map((item: Data) => item.name)).toEqual(['js010', 'js010_sh010']);
    expect(reread.status.name).toBe('Not started');
    const asset = await one(`select id, versions.version from Asset where parent.name is "sh010" and project_id is "${alpha.id}" limit 1`);
    const version = (await session.create('AssetVersion', { asset_id: asset.id })).data;
    expect(version.version).toBe(Math.max(...asset.versions.map((v: Data) => v.version)) + 1);
    const user = (await session.create('User', { username: 'js-artist' })).data;
    expect(user).toMatchObject({ is_active: false, resource_type: 'user' });
    const timer = (await session.create('Timer', { user_id: user.id })).data;
    expect(typeof timer.start).toBe('object');
    await expect(session.create('Timer', { user_id: user.id })).rejects.toMatchObject({ errorCode: 'duplicate_entry' });
    const group = (await session.create('Group', { name: 'Comp team' })).data;
    expect(group).toMatchObject({ local: false, resource_type: 'group' });
  });

  it('updates, ensures and deletes', async () => {
    const shot = await one('select id from Shot where name is "sh020" and parent.name is "sq010" and project.name is "alpha"');
    const updated = await session.update('Shot', [shot.id], { description: 'js description' });
    expect(updated.data).toMatchObject({ id: shot.id, description: 'js description' });
    const created = await session.ensure('Sequence', { name: 'js-ensured', parent_id: alpha.id });
    const found = await session.ensure('Sequence', { name: 'js-ensured', parent_id: alpha.id });
    expect(found.id).toBe(created.id);
    const user = await session.ensure('User', { username: 'js-ensured-user', first_name: 'A' }, ['username']);
    expect((await session.ensure('User', { username: 'js-ensured-user', first_name: 'B' }, ['username'])).id).toBe(user.id);
    expect((await one(`select first_name from User where id is "${user.id}"`)).first_name).toBe('B');
    expect((await session.delete('Sequence', [created.id])).data).toBe(true);
    expect((await session.query(`select id from Sequence where id is "${created.id}"`)).data).toEqual([]);
  });

  it('runs a batch with call: create, create below it, query, update, custom attribute upsert', async () => {
    const sequence = await one('select id from Sequence where name is "sq020" and project.name is "alpha"');
    const configuration = await one('select id from CustomAttributeConfiguration where key is "fstart"');
    const shotId = 'b7a3c1e2-0000-4000-8000-00000000a001';
    const [shot, task, read, updated, value] = await session.call<[Data, Data, Data, Data, Data]>([
      operation.create('Shot', { id: shotId, name: 'js_batch', parent_id: sequence.id }),
      operation.create('Task', { name: 'comp', parent_id: shotId }),
      operation.query(`select name, parent.name from Task where parent_id is "${shotId}"`),
      operation.update('Shot', [shotId], { description: 'in one batch' }),
      operation.update('ContextCustomAttributeValue', [configuration.id, shotId], { value: 1201 }),
    ]);
    expect(shot.data).toMatchObject({ id: shotId, status_id: expect.any(String) });
    expect(task.data).toMatchObject({ name: 'comp', type_id: expect.any(String) });
    expect(read.data).toMatchObject([{ name: 'comp', parent: { name: 'js_batch' } }]);
    expect(updated.data.description).toBe('in one batch');
    expect(value.data.value).toBe(1201);
    const values = (await one(`select custom_attributes from Shot where id is "${shotId}"`)).custom_attributes;
    expect(values.map((v: Data) => [v.key, v.value]).sort()).toEqual([['fps', 24], ['fstart', 1201]]);
  });

  it('reads statuses through projectSchema.getStatuses for tasks, versions and shots', async () => {
    const names = async (type: string) => ((await projectSchema.getStatuses(session, alpha.project_schema_id, type)) as Data[]).map((s) => s.name);
    expect(await names('Task')).toContain('Not started');
    expect(await names('AssetVersion')).toEqual(['Pending Review', 'Revise', 'Approved']);
    expect(await names('Shot')).toContain('In progress');
  });

  it('searches with terms, a context and object types', async () => {
    const search = async (options: { terms?: string[]; contextId?: string; objectTypeIds?: string[] }): Promise<{ action: string; data: Data[] }> =>
      (await session.search({ expression: 'select name, project.name from TypedContext', entityType: 'TypedContext', terms: [], ...options })) as unknown as { action: string; data: Data[] };
    const tasks = await search({ terms: ['ANIM'], contextId: alpha.id });
    expect(tasks.action).toBe('search');
    expect(tasks.data.map((t: Data) => [t.name, t.project.name])).toEqual(Array(4).fill(['animation', 'alpha']));
    const sq010 = await one('select id from Sequence where name is "sq010" and project.name is "alpha"');
    expect((await search({ contextId: sq010.id })).data.map((t: Data) => t.name).sort()).toEqual(['animation', 'animation', 'modeling', 'modeling', 'sh010', 'sh020', 'sq010']);
    const shotType = (session.getSchema('Shot')!.properties!.object_type_id as { default: string }).default;
    expect((await search({ objectTypeIds: [shotType], terms: ['sh020'] })).data).toHaveLength(4);
    await expect(session.search({ expression: 'select name from Task', entityType: 'Shot', terms: [] })).rejects.toMatchObject({ errorCode: 'invalid_operation' });
  });
});
