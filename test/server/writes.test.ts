import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoData } from '../../server/demo/index.js';
import { startServer, type ServerHandle } from '../../server/index.js';
import { query } from './support/api-client.js';
import { batch, failing, one, ref } from './support/demo-server.js';
import { SeedOracle } from './support/seed-oracle.js';

const seed = new SeedOracle(demoData());
let server: ServerHandle;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

const project = () => seed.rows('Project')[0]!;
const created = (results: Record<string, unknown>[], index = 0) => (results[index] as { data: Record<string, unknown> }).data;

describe('create', () => {
  it('fills what the server derives: Sequence and Task with only name and parent', async () => {
    const [seq] = await batch(server, [{ action: 'create', entity_type: 'Sequence', entity_data: { name: 'sq900', parent: ref('Project', project().id) } }]);
    const sequence = created([seq!]);
    expect(sequence).toMatchObject({ __entity_type__: 'Sequence', name: 'sq900', parent_id: project().id, project_id: project().id, context_type: 'task', bid: 0, sort: 0 });
    expect(sequence.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(sequence.object_type_id).toBe(seed.rows('ObjectType').find((o) => o.name === 'Sequence')!.id);
    const task = created(await batch(server, [{ action: 'create', entity_type: 'Task', entity_data: { name: 'layout', parent: ref('Sequence', sequence.id) } }]));
    expect(task.project_id).toBe(project().id);
    // Status and type come from the project's schema: its workflow's and task-type schema's first entries.
    const schema = seed.get(project().project_schema_id)!;
    const workflowStatuses = seed.rows('WorkflowSchemaStatus').filter((l) => l.workflow_schema_id === schema.task_workflow_schema_id).map((l) => seed.get(l.status_id)!);
    const firstStatus = [...workflowStatuses].sort((a, b) => (a.sort as number) - (b.sort as number))[0]!;
    expect(task.status_id).toBe(firstStatus.id);
    const types = seed.rows('TaskTypeSchemaType').filter((l) => l.task_type_schema_id === schema.task_type_schema_id).map((l) => seed.get(l.type_id)!);
    expect(task.type_id).toBe([...types].sort((a, b) => (a.sort as number) - (b.sort as number))[0]!.id);
    expect(task.priority_id).not.toBeNull();
    const back = await one(server, `select name, parent.name, status.name from Task where id is "${String(task.id)}"`);
    expect(back).toMatchObject({ name: 'layout', parent: { name: 'sq900' } });
  });

  it('accepts a client id and datetimes in every form; rejects duplicates, unknown attributes and wrong types', async () => {
    const data = { id: 'user-fixed-id', username: 'grace', first_name: 'Grace' };
    const user = created(await batch(server, [{ action: 'create', entity_type: 'User', entity_key: ['user-fixed-id'], entity_data: { __entity_type__: 'User', ...data } }]));
    expect(user).toMatchObject({ __entity_type__: 'User', id: 'user-fixed-id', resource_type: 'user', is_active: true });
    const duplicate = await failing(server, [{ action: 'create', entity_type: 'User', entity_data: data }]);
    expect(duplicate.exception).toBe('DuplicateEntryError');
    const unknown = await failing(server, [{ action: 'create', entity_type: 'User', entity_data: { usrname: 'x' } }]);
    expect(unknown).toMatchObject({ exception: 'ValidationError' });
    expect(unknown.content).toContain('"usrname"');
    const wrongType = await failing(server, [{ action: 'create', entity_type: 'User', entity_data: { username: 5 } }]);
    expect(wrongType.content).toMatch(/User\.username: expected a string/);
    for (const start of ['2026-03-01T10:00:00', '2026-03-01T11:00:00+01:00', '2026-03-01T10:00:00.000Z', { __type__: 'datetime', value: '2026-03-01T10:00:00Z' }]) {
      const log = created(await batch(server, [{ action: 'create', entity_type: 'Timelog', entity_data: { start, duration: 60, user: ref('User', 'user-fixed-id') } }]));
      expect(log.start).toEqual({ __type__: 'datetime', value: '2026-03-01T10:00:00' });
    }
    const badDate = await failing(server, [{ action: 'create', entity_type: 'Timelog', entity_data: { start: 'yesterday', duration: 1 } }]);
    expect(badDate.content).toMatch(/Timelog\.start: expected a datetime/);
  });

  it('reports required values no server could derive, and abstract types', async () => {
    const missing = await failing(server, [{ action: 'create', entity_type: 'Timelog', entity_data: { duration: 5 } }]);
    expect(missing.content).toMatch(/missing required value for start/);
    const abstract = await failing(server, [{ action: 'create', entity_type: 'TypedContext', entity_data: { name: 'x' } }]);
    expect(abstract.content).toMatch(/abstract/);
    const wrongClassifier = await failing(server, [{ action: 'create', entity_type: 'Shot', entity_data: { name: 'x', parent: ref('Project', project().id), object_type_id: 'nope' } }]);
    expect(wrongClassifier.content).toMatch(/identifies the subtype/);
  });
});

describe('update', () => {
  it('accepts entity_key as a string or a list and rejects immutable changes', async () => {
    const task = seed.rows('Task')[0]!;
    const [byString, byList] = await batch(server, [
      { action: 'update', entity_type: 'Task', entity_key: task.id, entity_data: { __entity_type__: 'Task', name: 'renamed' } },
      { action: 'update', entity_type: 'Task', entity_key: [task.id], entity_data: { description: 'changed', object_type_id: task.object_type_id } },
    ]);
    expect(created([byString!])).toMatchObject({ __entity_type__: 'Task', id: task.id, name: 'renamed', project_id: task.project_id });
    expect(created([byList!])).toMatchObject({ description: 'changed' });
    const immutable = await failing(server, [{ action: 'update', entity_type: 'Task', entity_key: task.id, entity_data: { object_type_id: seed.rows('ObjectType')[0]!.id } }]);
    expect(immutable.content).toMatch(/immutable/);
    const missing = await failing(server, [{ action: 'update', entity_type: 'Task', entity_key: 'nope', entity_data: { name: 'x' } }]);
    expect(missing.content).toMatch(/Task\(nope\) does not exist/);
    const status = seed.rows('Status')[2]!;
    await batch(server, [{ action: 'update', entity_type: 'Task', entity_key: task.id, entity_data: { status: ref('Status', status.id) } }]);
    expect(await one(server, `select status_id from Task where id is "${String(task.id)}"`)).toMatchObject({ status_id: status.id });
  });

  it('assigning a collection replaces membership and sets the members\' foreign keys', async () => {
    const [from, to] = seed.rows('Project');
    const seqResult = await batch(server, [{ action: 'create', entity_type: 'Sequence', entity_data: { name: 'mover', parent: ref('Project', from!.id) } }]);
    const sequence = created(seqResult);
    const children = (await query(server, `select children from Project where id is "${String(to!.id)}"`)).data[0]!.children as Record<string, unknown>[];
    await batch(server, [{ action: 'update', entity_type: 'Project', entity_key: [to!.id], entity_data: { children: [...children.map((c) => ref(String(c.__entity_type__), c.id)), ref('Sequence', sequence.id)] } }]);
    expect(await one(server, `select parent_id from Sequence where id is "${String(sequence.id)}"`)).toMatchObject({ parent_id: to!.id });
    const after = (await query(server, `select children from Project where id is "${String(to!.id)}"`)).data[0]!.children as unknown[];
    expect(after).toHaveLength(children.length + 1);
    // Dropping it again clears the optional back-link.
    await batch(server, [{ action: 'update', entity_type: 'Project', entity_key: to!.id, entity_data: { children: children.map((c) => ref(String(c.__entity_type__), c.id)) } }]);
    expect(await one(server, `select parent_id from Sequence where id is "${String(sequence.id)}"`)).toMatchObject({ parent_id: null });
  });

  it('custom attribute values upsert by [configuration_id, entity_id] with a type check', async () => {
    const shot = seed.rows('Shot')[0]!;
    const fstart = seed.rows('CustomAttributeConfiguration').find((c) => c.key === 'fstart')!;
    const key = [fstart.id, shot.id];
    const [result] = await batch(server, [{ action: 'update', entity_type: 'ContextCustomAttributeValue', entity_key: key, entity_data: { value: 1201 } }]);
    expect(created([result!])).toMatchObject({ configuration_id: fstart.id, entity_id: shot.id, key: 'fstart', value: 1201 });
    const read = await query(server, `select custom_attributes from Shot where id is "${String(shot.id)}"`);
    const values = read.data[0]!.custom_attributes as Record<string, unknown>[];
    expect(values.find((v) => v.key === 'fstart')).toMatchObject({ value: 1201 });
    const bad = await failing(server, [{ action: 'update', entity_type: 'ContextCustomAttributeValue', entity_key: key, entity_data: { value: 'ten' } }]);
    expect(bad.content).toMatch(/Custom attribute value for "fstart" must be of type number/);
    const unknownConfig = await failing(server, [{ action: 'update', entity_type: 'ContextCustomAttributeValue', entity_key: ['nope', shot.id], entity_data: { value: 1 } }]);
    expect(unknownConfig.content).toMatch(/no CustomAttributeConfiguration/);
  });

  it('metadata rows are created, updated and deleted by [parent_id, key]', async () => {
    const shot = seed.rows('Shot')[1]!;
    await batch(server, [{ action: 'create', entity_type: 'Metadata', entity_data: { parent_id: shot.id, parent_type: 'Shot', key: 'lens', value: '35mm' } }]);
    await batch(server, [{ action: 'update', entity_type: 'Metadata', entity_key: [shot.id, 'lens'], entity_data: { value: '50mm' } }]);
    const found = await query(server, `select name from Shot where metadata any (key is lens and value is "50mm")`);
    expect(found.data.map((s) => s.id)).toEqual([shot.id]);
    await batch(server, [{ action: 'delete', entity_type: 'Metadata', entity_key: [shot.id, 'lens'] }]);
    expect((await query(server, 'select name from Shot where metadata any (key is lens)')).data).toHaveLength(0);
  });
});

describe('delete', () => {
  it('cascades to children, notes, metadata and custom attribute values; missing → error', async () => {
    const victim = seed.rows('Project')[0]!;
    const descendants = new Set<unknown>([victim.id]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const row of seed.rowsOf(['Folder', 'Episode', 'Sequence', 'Shot', 'Task', 'AssetBuild', 'Milestone'])) {
        if (descendants.has(row.parent_id) && !descendants.has(row.id)) {
          descendants.add(row.id);
          grew = true;
        }
      }
    }
    expect(descendants.size).toBeGreaterThan(5);
    const blocked = await failing(server, [{ action: 'delete', entity_type: 'Project', entity_key: [victim.id] }]);
    // Appointments require their context: the delete is refused until they are gone.
    expect(blocked.content).toMatch(/still require it/);
    const appointments = seed.rows('Appointment').filter((a) => descendants.has(a.context_id));
    await batch(server, [
      ...appointments.map((a) => ({ action: 'delete', entity_type: 'Appointment', entity_key: [a.id] })),
      { action: 'delete', entity_type: 'Project', entity_key: [victim.id] },
    ]);
    const left = await query(server, 'select id from Context');
    expect(left.data.filter((c) => descendants.has(c.id))).toHaveLength(0);
    expect(left.data.length).toBe(seed.rowsOf(['Project', 'Folder', 'Episode', 'Sequence', 'Shot', 'Task', 'AssetBuild', 'Milestone']).length - descendants.size);
    const notes = await query(server, 'select parent_id from Note');
    expect(notes.data.some((n) => descendants.has(n.parent_id))).toBe(false);
    const meta = await query(server, 'select parent_id from Metadata');
    expect(meta.data.some((m) => descendants.has(m.parent_id))).toBe(false);
    const assets = await query(server, 'select context_id from Asset');
    expect(assets.data).toHaveLength(seed.rows('Asset').filter((a) => !descendants.has(a.context_id)).length);
    const values = await query(server, 'select entity_id from ContextCustomAttributeValue');
    expect(values.data.some((v) => descendants.has(v.entity_id))).toBe(false);
    const again = await failing(server, [{ action: 'delete', entity_type: 'Project', entity_key: victim.id }]);
    expect(again.content).toMatch(/does not exist/);
  });

  it('refuses to delete reference data still required by other rows', async () => {
    const used = seed.rows('Status').find((s) => seed.rows('Task').some((t) => t.status_id === s.id))!;
    const refused = await failing(server, [{ action: 'delete', entity_type: 'Status', entity_key: [used.id] }]);
    expect(refused.content).toMatch(/still require it through status_id/);
  });
});
