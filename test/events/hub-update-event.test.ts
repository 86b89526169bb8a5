import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from 'ftrack-codegen';
import { startServer, type ServerHandle } from 'ftrack-codegen/server';
import { PROJECT_IDS } from '../../server/demo/ids.js';
import { createSession, q, type Workspace } from '../../generated/index.js';
import { callApi, query } from '../server/support/api-client.js';
import { connectRaw, eventOfFrame, type RawHubClient } from './support/raw-hub.js';

// Spec event-hub.md §6.2 and §8 item 16: one ftrack.update per committed write batch, with the
// payload real servers send; nothing for failed batches or reads.
let server: ServerHandle;
let session: Session<Workspace>;
let listener: RawHubClient;
let admin: { id: string; name: string };

type Entity = Record<string, unknown> & { keys: string[]; changes: Record<string, { old: unknown; new: unknown }> };
type UpdateData = { user: unknown; parents: string[]; entities: Entity[]; clientToken?: string; pushToken?: string };

beforeAll(async () => {
  server = await startServer({ tasks: 3 });
  session = createSession({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey });
  listener = await connectRaw(server);
  await listener.subscribe({ id: 'listener' }, 'topic=ftrack.update', 1);
  const user = (await query(server, `select id, first_name, last_name from User where username is "${server.apiUser}"`)).data[0]!;
  admin = { id: String(user.id), name: [user.first_name, user.last_name].filter((part) => typeof part === 'string' && part !== '').join(' ') || server.apiUser };
});
afterAll(async () => {
  await listener?.close();
  await session?.close();
  await server?.close();
});

const nextUpdate = async () => eventOfFrame(await listener.next((frame) => frame.startsWith('5:::')));
/** The ancestor chain entry of a context row, as the event lists it. */
async function chainOf(id: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let current: string | null = id;
  while (current !== null) {
    const row: Record<string, unknown> = (await query(server, `select id, parent_id, context_type from Context where id is "${current}"`)).data[0]!;
    const parentId: string | null = (row.parent_id as string | null | undefined) ?? null;
    out.push({ entityId: current, entityType: row.context_type === 'show' ? 'show' : 'task', entity_type: row.__entity_type__, ...(parentId === null ? {} : { parentId }) });
    current = parentId;
  }
  return out;
}

describe('ftrack.update after Session commits', () => {
  let sequenceId: string;
  let objectTypeId: string;

  it('create → action "add" with every set column as a change from null', async () => {
    const project = await session.query(q.Project.where((p) => p.id.eq(PROJECT_IDS.test))).one();
    const sequence = session.create('Sequence', { name: 'sq-events', parent: project });
    await session.commit();
    sequenceId = sequence.id;
    const event = await nextUpdate();
    expect(Object.keys(event).sort()).toEqual(['data', 'id', 'inReplyToEvent', 'sent', 'source', 'target', 'topic']);
    expect(event).toMatchObject({ topic: 'ftrack.update', target: '', inReplyToEvent: null, sent: null });
    expect(event.source).toEqual({ id: expect.any(String), applicationId: 'ftrack.server', user: { id: admin.id, username: server.apiUser } });
    const data = event.data as UpdateData;
    expect(data.user).toEqual({ userid: admin.id, name: admin.name });
    expect(data.entities).toHaveLength(1);
    const [entity] = data.entities;
    const stored = (await query(server, `select object_type_id, name, parent_id, project_id, context_type from Sequence where id is "${sequenceId}"`)).data[0]!;
    objectTypeId = String(stored.object_type_id);
    const parents = await chainOf(sequenceId);
    expect(entity).toEqual({
      action: 'add',
      entityId: sequenceId,
      entityType: 'task',
      entity_type: 'Sequence',
      objectTypeId,
      keys: expect.any(Array),
      changes: expect.any(Object),
      parentId: PROJECT_IDS.test,
      parents,
    });
    expect(parents.map((p) => p.entityId)).toEqual([sequenceId, PROJECT_IDS.test]);
    expect(data.parents).toEqual([sequenceId, PROJECT_IDS.test]);
    expect(entity!.keys).toEqual(Object.keys(entity!.changes));
    expect(entity!.keys).toEqual(expect.arrayContaining(['name', 'parent_id', 'project_id', 'context_type', 'object_type_id']));
    expect(entity!.keys).not.toContain('id');
    expect(entity!.changes.name).toEqual({ old: null, new: 'sq-events' });
    expect(entity!.changes.parent_id).toEqual({ old: null, new: PROJECT_IDS.test });
    expect(Object.values(entity!.changes).every((change) => change.old === null && change.new !== null)).toBe(true);
  });

  it('update → action "update" with only the changed columns, in legacy spelling, old and new', async () => {
    const task = await session.query(q.Task.select('id', 'status_id', 'parent_id', 'object_type_id', 'status')).first();
    const statuses = await session.query(q.Status.select('id')).all();
    const before = task!.status_id;
    const next = statuses.find((status) => status.id !== before)!;
    task!.status = next;
    await session.commit();
    const event = await nextUpdate();
    const data = event.data as UpdateData;
    const parents = await chainOf(task!.id);
    expect(data).toEqual({
      user: { userid: admin.id, name: admin.name },
      parents: parents.map((p) => p.entityId),
      entities: [
        {
          action: 'update',
          entityId: task!.id,
          entityType: 'task',
          entity_type: 'Task',
          objectTypeId: task!.object_type_id,
          keys: ['statusid'],
          changes: { statusid: { old: before, new: next.id } },
          parentId: task!.parent_id,
          parents,
        },
      ],
    });
  });

  it('delete → action "remove" with the old values', async () => {
    const sequence = await session.query(q.Sequence.where((s) => s.id.eq(sequenceId))).one();
    const parents = await chainOf(sequenceId);
    session.delete(sequence);
    await session.commit();
    const data = (await nextUpdate()).data as UpdateData;
    expect(data.entities).toHaveLength(1);
    const [entity] = data.entities;
    expect(entity).toEqual({
      action: 'remove',
      entityId: sequenceId,
      entityType: 'task',
      entity_type: 'Sequence',
      objectTypeId,
      keys: expect.any(Array),
      changes: expect.any(Object),
      parentId: PROJECT_IDS.test,
      parents,
    });
    expect(entity!.keys).toEqual(Object.keys(entity!.changes));
    expect(entity!.changes.name).toEqual({ old: 'sq-events', new: null });
    expect(Object.values(entity!.changes).every((change) => change.new === null && change.old !== null)).toBe(true);
  });

  it('one event per batch, echoing ftrack-Clienttoken / ftrack-pushtoken; nothing for reads, failed batches or no-op updates', async () => {
    const [task] = (await query(server, 'select id, name from Task')).data;
    await query(server, 'select id from Project');
    const failed = await callApi<{ exception: string }>(server, [{ action: 'update', entity_type: 'Task', entity_key: [task!.id], entity_data: { no_such_attribute: 1 } }]);
    expect(failed.body.exception).toBeDefined();
    await callApi(server, [{ action: 'update', entity_type: 'Task', entity_key: [task!.id], entity_data: { name: task!.name } }]);
    const answer = await callApi(
      server,
      [
        { action: 'update', entity_type: 'Task', entity_key: [task!.id], entity_data: { name: 'renamed-1' } },
        { action: 'update', entity_type: 'Task', entity_key: [task!.id], entity_data: { name: 'renamed-2', description: 'd' } },
      ],
      { 'ftrack-Clienttoken': 'client-token-1', 'ftrack-pushtoken': 'push-1' },
    );
    expect(answer.status).toBe(200);
    const event = await nextUpdate();
    expect(event.source).toMatchObject({ clientToken: 'client-token-1' });
    const data = event.data as UpdateData;
    expect(data).toMatchObject({ clientToken: 'client-token-1', pushToken: 'push-1' });
    expect(data.entities).toHaveLength(1);
    expect([...data.entities[0]!.keys].sort()).toEqual(['description', 'name']);
    expect(data.entities[0]).toMatchObject({ action: 'update', changes: { name: { old: task!.name, new: 'renamed-2' }, description: { old: null, new: 'd' } } });
    const marker = server.events.publish({ topic: 'ftrack.update', data: { marker: true } });
    expect((await nextUpdate()).id).toBe(marker);
  });

  it('a custom attribute value change is listed on its owner under the configuration key', async () => {
    const shot = (await query(server, 'select id, parent_id from Shot')).data[0]!;
    const fstart = (await query(server, 'select id from CustomAttributeConfiguration where key is "fstart"')).data[0]!;
    const key = [fstart.id, shot.id];
    const values = (await query(server, `select custom_attributes from Shot where id is "${String(shot.id)}"`)).data[0]!.custom_attributes as { key: string; value: unknown }[];
    const before = values.find((value) => value.key === 'fstart')?.value ?? null;
    const update = (value: number) => callApi(server, [{ action: 'update', entity_type: 'ContextCustomAttributeValue', entity_key: key, entity_data: { value } }]);
    await update(4321);
    const first = (await nextUpdate()).data as UpdateData;
    expect(first.entities).toHaveLength(1);
    expect(first.entities[0]).toMatchObject({ action: 'update', entityId: shot.id, entityType: 'task', entity_type: 'Shot', keys: ['fstart'], parentId: shot.parent_id });
    expect(first.entities[0]!.changes).toEqual({ fstart: { old: before, new: 4321 } });
    await update(4322);
    const second = (await nextUpdate()).data as UpdateData;
    expect(second.entities.map((e) => [e.entityId, e.keys, e.changes])).toEqual([[shot.id, ['fstart'], { fstart: { old: 4321, new: 4322 } }]]);
  });
});
