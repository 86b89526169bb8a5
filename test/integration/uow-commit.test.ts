import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CommitRejectedError,
  CommitValidationError,
  DuplicateItemInCollectionError,
  ImmutableAttributeError,
  ServerValidationError,
  Session,
  computeSchemaHash,
  type AnyEntity,
  type Collection,
} from 'ftrack-codegen';
import { startServer, type ServerHandle } from 'ftrack-codegen/server';
import { demoSchema } from '../../server/demo/index.js';
import { PROJECT_IDS, STATUS_IDS } from '../../server/demo/ids.js';
import { startCountingProxy, type CountingProxy } from '../../bench/support/uow-counting-proxy.js';

// Create / update / delete, commit and rollback against the local server (demo workspace).
let server: ServerHandle;
let proxy: CountingProxy;
let session: Session;
let project: AnyEntity;

const open = () => new Session({ serverUrl: proxy.url, apiUser: server.apiUser, apiKey: server.apiKey });
const children = (entity: AnyEntity) => entity.children as Collection<AnyEntity>;
const sent = () => proxy.requests.flatMap((r) => r.operations).filter((op) => op.action !== 'query_server_information');

/** Reads back from the server with a fresh session (no identity map shared). */
async function fresh<T>(read: (other: Session) => Promise<T>): Promise<T> {
  const other = open();
  try {
    return await read(other);
  } finally {
    await other.close();
  }
}

beforeAll(async () => {
  server = await startServer();
  proxy = await startCountingProxy(server.url);
});
beforeEach(async () => {
  await session?.close();
  session = open();
  project = (await session.get('Project', PROJECT_IDS.test))!;
  await project.$load('children');
  proxy.reset();
});
afterAll(async () => {
  await session?.close();
  await proxy?.close();
  await server?.close();
});

describe('commit', () => {
  it('sends entities created in reverse order in dependency order, in one request', async () => {
    const task = session.create('Task', { name: 'reverse task' });
    const shot = session.create('Shot', { name: 'reverse shot' });
    const sequence = session.create('Sequence', { name: 'reverse sequence', parent: project });
    task.parent = shot;
    shot.parent = sequence;
    expect(session.pending.operations.map((op) => `${op.action} ${(op as { entity_type: string }).entity_type}`)).toEqual([
      'create Sequence',
      'create Shot',
      'create Task',
    ]);
    const result = await session.commit();
    expect(result.requests).toBe(1);
    expect(proxy.count()).toBe(1);
    expect(sent().map((op) => op.entity_type)).toEqual(['Sequence', 'Shot', 'Task']);
    const names = await fresh(async (other) => {
      const row = await other.query(`select parent.name, parent.parent.name from Task where id is "${task.id}"`).one();
      const parent = row.parent as AnyEntity;
      return [parent.name, (parent.parent as AnyEntity).name];
    });
    expect(names).toEqual(['reverse shot', 'reverse sequence']);
  });

  it('merges server-filled values into the same objects and leaves them unchanged', async () => {
    const sequence = session.create('Sequence', { name: 'filled by server', parent: project });
    expect(sequence.$state).toBe('created');
    expect(typeof sequence.id).toBe('string');
    expect(sequence.status_id).toBeUndefined();
    await session.commit();
    expect(sequence.$state).toBe('unchanged');
    expect(sequence.status_id).toMatch(/^[0-9a-f-]{36}$/);
    expect((sequence.created_at as { isValid(): boolean }).isValid()).toBe(true);
    expect(sequence.name).toBe('filled by server');
    expect(session.identityMap.find('Sequence', [sequence.id as string])).toBe(sequence);
    expect(children(project).includes(sequence)).toBe(true);
  });

  it('compacts: last value wins, updates fold into the create, create + delete sends nothing', async () => {
    const sequence = session.create('Sequence', { name: 'compact', parent: project });
    sequence.description = 'first';
    sequence.description = 'First hero character reveal.';
    const doomed = session.create('Sequence', { name: 'doomed', parent: project });
    session.delete(doomed);
    const original = project.name;
    project.name = 'renamed';
    project.name = original;
    expect(project.$state).toBe('unchanged');
    const operations = session.pending.operations;
    expect(operations).toHaveLength(1);
    expect(operations[0]).toMatchObject({ action: 'create', entity_type: 'Sequence', entity_data: { name: 'compact', description: 'First hero character reveal.' } });
    expect(children(project).includes(doomed)).toBe(false);
    await session.commit();
    expect(sent()).toHaveLength(1);

    proxy.reset();
    session.delete(session.create('Sequence', { name: 'gone at once', parent: project }));
    expect(await session.commit()).toEqual({ operations: [], requests: 0 });
    expect(proxy.count()).toBe(0);
  });

  it('validates against the schema before sending: all problems in one error, nothing sent', async () => {
    const [task] = await session.query('select bid from Task limit 1').all();
    const [other] = await session.query(`select id from Sequence where parent_id is "${PROJECT_IDS.test}"`).all();
    proxy.reset();
    task!.bid = 'ten hours';
    session.create('Sequence', { name: 42, nme: 'typo', parent: project });
    const orphan = session.create('Shot', { name: 'orphan', parent: other });
    session.delete(other!);
    const error = await session.commit().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommitValidationError);
    const problems = (error as CommitValidationError).problems.map((p) => `${p.entityType}.${p.attribute}`);
    expect(problems).toEqual(expect.arrayContaining(['Task.bid', 'Sequence.name', 'Sequence.nme', 'Shot.parent']));
    expect((error as Error).message).toMatch(/refers to Sequence\(.*\), which is deleted/);
    expect(proxy.count()).toBe(0);
    expect(orphan.$state).toBe('created');
    expect(session.pending.problems).toHaveLength(problems.length);
    session.rollback();
    expect(await session.commit()).toEqual({ operations: [], requests: 0 });
  });

  it('a rejected commit loses nothing, names the operation and entity, and succeeds after a fix', async () => {
    const good = session.create('Sequence', { name: 'before the bad one', parent: project });
    const bad = session.create('Sequence', { name: 'bad status', parent: project, status: { $type: 'Status', id: randomUUID() } });
    const before = session.pending.operations;
    const error = await session.commit().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommitRejectedError);
    const rejected = error as CommitRejectedError;
    expect(rejected.cause).toBeInstanceOf(ServerValidationError);
    expect(rejected.failure).toMatchObject({ operationIndex: 1, action: 'create', entityType: 'Sequence', primaryKey: [bad.id] });
    expect(rejected.message).toContain(`operation 1 (create Sequence(${bad.id}))`);
    expect(rejected.message).toContain('Nothing was lost');
    expect(session.pending.operations).toEqual(before);
    expect([good.$state, bad.$state]).toEqual(['created', 'created']);
    expect(await fresh((other) => other.query(`select id from Sequence where name is "before the bad one"`).all())).toHaveLength(0);

    bad.status = (await session.get('Status', STATUS_IDS.Ready))!;
    await session.commit();
    expect([good.$state, bad.$state]).toEqual(['unchanged', 'unchanged']);
    const names = await fresh(async (other) =>
      (await other.query(`select name from Sequence where id in ("${good.id}", "${bad.id}")`).all()).map((s) => s.name).sort(),
    );
    expect(names).toEqual(['bad status', 'before the bad one']);
  });

  it('maps the failing operation back when the batch also carried the start-up request', async () => {
    const typed = new Session({ serverUrl: proxy.url, apiUser: server.apiUser, apiKey: server.apiKey, schema: { schemaHash: computeSchemaHash(demoSchema), schemas: demoSchema } });
    try {
      typed.create('Sequence', { name: 'fine', parent: { $type: 'Project', id: PROJECT_IDS.test } });
      const bad = typed.create('Sequence', { name: 'bad', parent: { $type: 'Project', id: randomUUID() } });
      proxy.reset();
      const error = (await typed.commit().catch((e: unknown) => e)) as CommitRejectedError;
      expect(proxy.requests[0]!.operations.map((op) => op.action)).toEqual(['query_server_information', 'create', 'create']);
      expect(error.failure).toMatchObject({ operationIndex: 1, entityType: 'Sequence', primaryKey: [bad.id] });
      expect(typed.pending.operations).toHaveLength(2);
    } finally {
      await typed.close();
    }
  });

  it('deletes persisted entities and updates existing ones in one batch', async () => {
    const sequence = session.create('Sequence', { name: 'to delete', parent: project });
    await session.commit();
    proxy.reset();
    session.delete(sequence);
    expect(sequence.$state).toBe('deleted');
    expect(children(project).includes(sequence)).toBe(false);
    project.full_name = 'Test project (renamed)';
    await session.commit();
    expect(sent().map((op) => op.action)).toEqual(['update', 'delete']);
    expect(session.identityMap.find('Sequence', [sequence.id as string])).toBeUndefined();
    expect(await fresh((other) => other.get('Sequence', sequence.id as string))).toBeUndefined();
    expect(await fresh(async (other) => (await other.get('Project', PROJECT_IDS.test))!.$get('full_name'))).toBe('Test project (renamed)');
  });
});

describe('rollback', () => {
  it('discards pending changes, restores remote values and removes created entities', async () => {
    const [task] = await session.query('select name, parent from Task limit 1').all();
    const originalName = project.name;
    const members = children(project).toArray();
    project.name = 'changed';
    const sequence = session.create('Sequence', { name: 'rolled back', parent: project });
    session.delete(task!);
    expect(children(project).includes(sequence)).toBe(true);
    proxy.reset();
    session.rollback();
    expect(proxy.count()).toBe(0);
    expect(project.name).toBe(originalName);
    expect(project.$state).toBe('unchanged');
    expect(task!.$state).toBe('unchanged');
    expect(sequence.$state).toBe('deleted');
    expect(session.identityMap.find('Sequence', [sequence.id as string])).toBeUndefined();
    expect(children(project).toArray()).toEqual(members);
    expect(session.pending.operations).toEqual([]);
    expect(await session.commit()).toEqual({ operations: [], requests: 0 });
  });
});

describe('relationships', () => {
  it('seq.parent = project and project.children.append(seq) are equivalent and keep both sides consistent', async () => {
    const other = (await session.get('Project', PROJECT_IDS.bunny))!;
    await other.$load('children');
    const sequence = children(project).toArray().find((child) => child.$type === 'Sequence')!;
    await sequence.$load('parent');
    expect(sequence.parent).toBe(project);

    sequence.parent = other;
    expect(children(other).includes(sequence)).toBe(true);
    expect(children(project).includes(sequence)).toBe(false);
    expect(session.pending.operations).toEqual([
      { action: 'update', entity_type: 'Sequence', entity_key: [sequence.id], entity_data: { __entity_type__: 'Sequence', parent: { __entity_type__: 'Project', id: other.id } } },
    ]);

    children(project).append(sequence);
    expect(sequence.parent).toBe(project);
    expect(children(project).includes(sequence)).toBe(true);
    expect(children(other).includes(sequence)).toBe(false);
    expect(sequence.$state).toBe('unchanged');
    expect(session.pending.operations).toEqual([]);

    children(project).remove(sequence);
    children(other).append(sequence);
    expect(sequence.parent).toBe(other);
    await session.commit();
    const parentId = await fresh(async (s) => (await s.query(`select parent_id from Sequence where id is "${sequence.id}"`).one()).parent_id);
    expect(parentId).toBe(other.id);
  });

  it('a created entity appended to a loaded collection is created with its parent', async () => {
    const sequence = session.create('Sequence', { name: 'appended' });
    children(project).append(sequence);
    expect(sequence.parent).toBe(project);
    expect(() => children(project).append(sequence)).toThrow(DuplicateItemInCollectionError);
    await session.commit();
    const row = await fresh((s) => s.query(`select parent_id from Sequence where id is "${sequence.id}"`).one());
    expect(row.parent_id).toBe(project.id);
  });

  it('refuses immutable changes of persisted entities', async () => {
    const [shot] = await session.query('select object_type_id from Shot limit 1').all();
    expect(() => (shot!.id = 'x')).toThrow(ImmutableAttributeError);
    expect(() => (shot!.object_type_id = 'x')).toThrow(ImmutableAttributeError);
    const created = session.create('Shot', { name: 'mutable while new' });
    created.id = randomUUID();
    expect(session.identityMap.find('Shot', [created.id as string])).toBe(created);
    session.rollback();
  });
});

describe('mapped arrays', () => {
  it('a new metadata key creates the item; an existing custom attribute key updates its value', async () => {
    const [shot] = await session.query('select metadata, custom_attributes from Shot limit 1').all();
    const metadata = shot!.metadata as { set(k: string, v: unknown): void; get(k: string): unknown };
    const custom = shot!.custom_attributes as { set(k: string, v: unknown): void; get(k: string): unknown };
    metadata.set('review_note', 'approved by client');
    custom.set('fstart', 1009);
    expect(metadata.get('review_note')).toBe('approved by client');
    const operations = session.pending.operations as { action: string; entity_type: string; entity_key: unknown; entity_data: Record<string, unknown> }[];
    expect(operations.map((op) => `${op.action} ${op.entity_type}`)).toEqual(['create Metadata', 'update ContextCustomAttributeValue']);
    expect(operations[0]!.entity_data).toMatchObject({ parent_id: shot!.id, parent_type: 'Shot', key: 'review_note', value: 'approved by client' });
    expect(operations[1]!.entity_key).toEqual([expect.any(String), shot!.id]);
    await session.commit();
    const row = await fresh((s) => s.query(`select metadata, custom_attributes from Shot where id is "${shot!.id}"`).one());
    expect((row.metadata as { get(k: string): unknown }).get('review_note')).toBe('approved by client');
    expect((row.custom_attributes as { get(k: string): unknown }).get('fstart')).toBe(1009);
  });

  it('custom attributes of a created entity are upserted after its create', async () => {
    const [sequence] = await session.query(`select id from Sequence where parent_id is "${PROJECT_IDS.test}"`).all();
    const shot = session.create('Shot', { name: 'new shot with frames', parent: sequence });
    (shot.custom_attributes as { set(k: string, v: unknown): void }).set('fstart', 1001);
    (shot.metadata as { set(k: string, v: unknown): void }).set('frame_rate', '24');
    await session.commit();
    expect(sent().filter((op) => op.action !== 'query').map((op) => `${op.action} ${op.entity_type}`)).toEqual([
      'create Shot',
      'update ContextCustomAttributeValue',
      'create Metadata',
    ]);
    const row = await fresh((s) => s.query(`select metadata, custom_attributes from Shot where id is "${shot.id}"`).one());
    expect((row.custom_attributes as { get(k: string): unknown }).get('fstart')).toBe(1001);
    expect((row.metadata as { get(k: string): unknown }).get('frame_rate')).toBe('24');
  });
});

describe('ensure', () => {
  it('creates when nothing matches, finds (and updates) afterwards; values are quoted safely', async () => {
    const name = `ensure "quoted" \\ ${randomUUID().slice(0, 8)}`;
    const created = await session.ensure('Sequence', { name, parent: project }, ['name', 'parent']);
    expect(created.$state).toBe('unchanged');
    expect(proxy.requests.map((r) => r.operations.map((op) => op.action).join('+'))).toEqual(['query', 'create']);
    const expression = String(proxy.requests[0]!.operations[0]!.expression);
    expect(expression).toContain(`where name is ${JSON.stringify(name)} and parent.id is "${project.id}" limit 2`);

    await session.close();
    session = open();
    proxy.reset();
    const found = await session.ensure('Sequence', { name, parent: { $type: 'Project', id: project.id as string } }, ['name', 'parent']);
    expect(found.id).toBe(created.id);
    expect(proxy.count('create') + proxy.count('update')).toBe(0);

    const updated = await session.ensure('Sequence', { name, description: 'now described' }, ['name']);
    expect(updated).toBe(found);
    expect(proxy.count('update')).toBe(1);
    expect(await fresh(async (s) => (await s.query(`select description from Sequence where id is "${created.id}"`).one()).description)).toBe('now described');
  });
});
