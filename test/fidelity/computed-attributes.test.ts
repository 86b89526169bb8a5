import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerHandle } from '../../server/index.js';
import { readScalar } from '../../server/model/relations-computed.js';
import { Workspace } from '../../server/store/workspace.js';
import { query } from '../server/support/api-client.js';
import { batch, failing, ref } from '../server/support/demo-server.js';
import { fixturePath, hasShared, SHARED_MISSING, workspaceASchema } from '../support/shared.js';
import { createHierarchy, type Hierarchy } from './support/real-hierarchy.js';

// Computed attributes of the real workspace-a schema on a project → sq010 → sh010 → comp hierarchy.
if (!hasShared) console.warn(`[skip] computed attributes on workspace-a: ${SHARED_MISSING}`);

describe.skipIf(!hasShared)('computed attributes on workspace-a', () => {
  let server: ServerHandle;
  let h: Hierarchy;
  const names = (rows: unknown) => (rows as { name: string }[]).map((r) => r.name);
  const ids = async (expression: string) => (await query(server, expression)).data.map((r) => r.id);

  beforeAll(async () => {
    server = await startServer({ schema: fixturePath('schemas', 'workspace-a.query_schemas.json') });
    h = await createHierarchy(server, 'ca-');
  });
  afterAll(() => server?.close());

  it('link (and _link) is [{id, name, type}] from the project down to the entity itself', async () => {
    const project = { id: h.project, name: 'ca-proj', type: 'Project' };
    const sequence = { id: h.sequence, name: 'sq010', type: 'TypedContext' };
    const shot = { id: h.shot, name: 'sh010', type: 'TypedContext' };
    const task = { id: h.task, name: 'comp', type: 'TypedContext' };
    const [row] = (await query(server, `select link, _link from Task where id is "${h.task}"`)).data;
    expect(row!.link).toEqual([project, sequence, shot, task]);
    expect(row!._link).toEqual(row!.link);
    expect((await query(server, `select link from Project where id is "${h.project}"`)).data[0]!.link).toEqual([project]);
    expect((await query(server, `select link from Shot where id is "${h.shot}"`)).data[0]!.link).toEqual([project, sequence, shot]);
    // Through Context (the base type) and nested under a relation.
    const nested = (await query(server, `select parent.link from Context where id is "${h.task}"`)).data[0]!;
    expect((nested.parent as { link: unknown }).link).toEqual([project, sequence, shot]);
  });

  it('link follows renames and moves', async () => {
    await batch(server, [
      { action: 'create', entity_type: 'Shot', entity_data: { id: 'ca-sh2', name: 'sh020', parent: ref('Sequence', h.sequence), project_id: h.project, bid: 0, sort: 0, context_type: 'task', status_id: h.status, type_id: h.type } },
      { action: 'update', entity_type: 'Sequence', entity_key: h.sequence, entity_data: { name: 'sq010b' } },
    ]);
    const link = (await query(server, 'select link from Shot where id is "ca-sh2"')).data[0]!.link as { name: string }[];
    expect(link.map((l) => l.name)).toEqual(['ca-proj', 'sq010b', 'sh020']);
    await batch(server, [
      { action: 'update', entity_type: 'Shot', entity_key: 'ca-sh2', entity_data: { parent: ref('Project', h.project) } },
      { action: 'update', entity_type: 'Sequence', entity_key: h.sequence, entity_data: { name: 'sq010' } },
    ]);
    const moved = (await query(server, 'select link from Shot where id is "ca-sh2"')).data[0]!.link as { name: string }[];
    expect(moved.map((l) => l.name)).toEqual(['ca-proj', 'sh020']);
    await batch(server, [{ action: 'delete', entity_type: 'Shot', entity_key: 'ca-sh2' }]);
  });

  it('ancestors are transitive (root first, typed contexts only) and filter with paths and any', async () => {
    const [task] = (await query(server, `select ancestors.name from Task where id is "${h.task}"`)).data;
    expect(names(task!.ancestors)).toEqual(['sq010', 'sh010']);
    const [sequence] = (await query(server, `select ancestors from Sequence where id is "${h.sequence}"`)).data;
    expect(sequence!.ancestors).toEqual([]);
    expect(await ids(`select id from Shot where ancestors.name is "sq010" and project_id is "${h.project}"`)).toEqual([h.shot]);
    expect(await ids(`select id from Task where ancestors.name is "sq010" and project_id is "${h.project}"`)).toEqual([h.task]);
    expect(await ids(`select id from TypedContext where ancestors any (name is "sh010") and project_id is "${h.project}"`)).toEqual([h.task]);
    expect(await ids(`select id from Sequence where ancestors.name is "sq010" and project_id is "${h.project}"`)).toEqual([]);
    // The project is a Context, not a TypedContext: it is not an ancestor.
    expect(await ids(`select id from Task where ancestors.name is "ca-proj"`)).toEqual([]);
  });

  it('descendants are transitive (every depth, creation order)', async () => {
    const [project] = (await query(server, `select descendants.name from Project where id is "${h.project}"`)).data;
    expect(names(project!.descendants)).toEqual(['sq010', 'sh010', 'comp']);
    const [sequence] = (await query(server, `select descendants.name from Sequence where id is "${h.sequence}"`)).data;
    expect(names(sequence!.descendants)).toEqual(['sh010', 'comp']);
    expect(await ids(`select id from Sequence where descendants.name is "comp" and project_id is "${h.project}"`)).toEqual([h.sequence]);
    expect(await ids(`select id from Project where descendants any (name is "comp" and object_type.name is "Task")`)).toEqual([h.project]);
    expect(await ids(`select id from TypedContext where not descendants any () and project_id is "${h.project}"`)).toEqual([h.task]);
  });

  it('ancestors, descendants and link are read-only', async () => {
    const refused = await failing(server, [{ action: 'update', entity_type: 'Task', entity_key: h.task, entity_data: { ancestors: [] } }]);
    expect(refused.content).toMatch(/ancestors cannot be assigned.*computed/);
  });

  it('Asset.latest_version and AssetVersion.is_latest_version follow the highest version number', async () => {
    await batch(server, [
      { action: 'create', entity_type: 'Asset', entity_data: { id: 'ca-asset', name: 'plate', parent: ref('Shot', h.shot) } },
      ...[1, 3, 2].map((version) => ({
        action: 'create',
        entity_type: 'AssetVersion',
        entity_data: { id: `ca-v${version}`, asset: ref('Asset', 'ca-asset'), version, status_id: h.status, is_published: true },
      })),
    ]);
    const [asset] = (await query(server, 'select latest_version.version, ancestors.name from Asset where id is "ca-asset"')).data;
    expect(asset!.latest_version).toMatchObject({ __entity_type__: 'AssetVersion', id: 'ca-v3', version: 3 });
    expect(names(asset!.ancestors)).toEqual(['sq010', 'sh010']);
    const versions = (await query(server, 'select version, is_latest_version from AssetVersion where asset_id is "ca-asset" order by version')).data;
    expect(versions.map((v) => [v.version, v.is_latest_version])).toEqual([[1, false], [2, false], [3, true]]);
    expect(await ids('select id from AssetVersion where is_latest_version is true and asset_id is "ca-asset"')).toEqual(['ca-v3']);
    expect(await ids('select id from Asset where latest_version.version is 3 and id is "ca-asset"')).toEqual(['ca-asset']);
    expect(await ids('select id from Asset where latest_version has (id is "ca-v1")')).toEqual([]);

    await batch(server, [{ action: 'create', entity_type: 'AssetVersion', entity_data: { id: 'ca-v4', asset: ref('Asset', 'ca-asset'), version: 4, status_id: h.status, is_published: true } }]);
    expect(await ids('select id from AssetVersion where is_latest_version is true and asset_id is "ca-asset"')).toEqual(['ca-v4']);
    expect(await ids('select id from AssetVersion where asset_id is "ca-asset" order by is_latest_version descending, version')).toEqual(['ca-v4', 'ca-v1', 'ca-v2', 'ca-v3']);
    const link = (await query(server, 'select link from AssetVersion where id is "ca-v4"')).data[0]!.link;
    // A version hangs below its asset's context; the asset itself has no `link` and is skipped.
    expect(link).toEqual([
      { id: h.project, name: 'ca-proj', type: 'Project' },
      { id: h.sequence, name: 'sq010', type: 'TypedContext' },
      { id: h.shot, name: 'sh010', type: 'TypedContext' },
      { id: 'ca-v4', name: 'plate v4', type: 'AssetVersion' },
    ]);
    const refused = await failing(server, [{ action: 'update', entity_type: 'Asset', entity_key: 'ca-asset', entity_data: { latest_version: ref('AssetVersion', 'ca-v1') } }]);
    expect(refused.content).toMatch(/latest_version/);
  });

  it('time_logged sums the timelogs of the context and everything below it; bid_time_logged_difference = bid − time_logged', async () => {
    await batch(server, [
      { action: 'create', entity_type: 'Timelog', entity_data: { id: 'ca-t1', comment: '', start: '2026-01-05T09:00:00', duration: 3600, context_id: h.task } },
      { action: 'create', entity_type: 'Timelog', entity_data: { id: 'ca-t2', comment: '', start: '2026-01-05T11:00:00', duration: 1800, context_id: h.shot } },
    ]);
    const [shot] = (await query(server, `select time_logged, bid_time_logged_difference from Shot where id is "${h.shot}"`)).data;
    expect(shot).toMatchObject({ time_logged: 5400, bid_time_logged_difference: -5400 });
    const [task] = (await query(server, `select bid, time_logged, bid_time_logged_difference from Task where id is "${h.task}"`)).data;
    expect(task).toMatchObject({ bid: 0, time_logged: 3600, bid_time_logged_difference: -3600 });
    expect(await ids(`select id from TypedContext where time_logged > 4000 and project_id is "${h.project}"`)).toEqual([h.sequence, h.shot]);
  });

  it('thumbnail_source_id is the nearest context (itself first) that has a thumbnail', async () => {
    await batch(server, [{ action: 'create', entity_type: 'FileComponent', entity_data: { id: 'ca-thumb', name: 'thumbnail', system_type: 'file' } }]);
    const source = async (id: string) => (await query(server, `select thumbnail_source_id from TypedContext where id is "${id}"`)).data[0]!.thumbnail_source_id;
    expect(await source(h.task)).toBeNull();
    await batch(server, [{ action: 'update', entity_type: 'Sequence', entity_key: h.sequence, entity_data: { thumbnail_id: 'ca-thumb' } }]);
    expect([await source(h.sequence), await source(h.shot), await source(h.task)]).toEqual([h.sequence, h.sequence, h.sequence]);
    await batch(server, [{ action: 'update', entity_type: 'Task', entity_key: h.task, entity_data: { thumbnail: ref('FileComponent', 'ca-thumb') } }]);
    expect([await source(h.shot), await source(h.task)]).toEqual([h.sequence, h.task]);
    expect(await ids(`select id from TypedContext where thumbnail_source_id is "${h.sequence}"`)).toEqual([h.sequence, h.shot]);
  });
});

describe.skipIf(!hasShared)('ReviewSession.is_open on workspace-a', () => {
  it('is true until end_date passes (and with no end date)', () => {
    const workspace = new Workspace(workspaceASchema());
    const attribute = workspace.graph.type('ReviewSession').attributes.get('is_open');
    if (attribute?.kind !== 'scalar') throw new Error('workspace-a has ReviewSession.is_open');
    const session = (id: string, end: string | null) => workspace.store.insert('ReviewSession', { id, name: id, end_date: end });
    const open = (end: string | null) => readScalar(workspace, session(`rs-${String(end)}`, end), attribute);
    expect(open('2000-01-01T00:00:00')).toBe(false);
    expect(open('2999-01-01T00:00:00')).toBe(true);
    expect(open(null)).toBe(true);
  });
});
