import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ArgumentError, DuplicateItemInCollectionError, type Session } from 'ftrack-codegen';
import { startServer, type ServerHandle } from 'ftrack-codegen/server';
import { PROJECT_IDS } from '../../server/demo/ids.js';
import { createSession, q, type Workspace } from '../../generated/index.js';

// Query rows and `{ $type, id }` references assigned to references and appended to collections,
// through the generated client, persist on commit (read back with a fresh session).
let server: ServerHandle;
let session: Session<Workspace>;

const open = () => createSession({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey });

/** The `parent_id` the server holds for a sequence, read by a session that shares nothing. */
async function parentIdOf(sequenceId: string): Promise<string | null> {
  await using other = open();
  const row = await other.query(q.Sequence.where((s) => s.id.eq(sequenceId)).select('parent_id')).one();
  return row.parent_id;
}

const projectRow = (id: string) => session.query(q.Project.where((p) => p.id.eq(id))).one();

beforeAll(async () => {
  server = await startServer();
});
beforeEach(async () => {
  await session?.close();
  session = open();
});
afterAll(async () => {
  await session?.close();
  await server?.close();
});

describe('assigning a query row to a reference', () => {
  it('persists on create and on update', async () => {
    const test = await projectRow(PROJECT_IDS.test);
    const sequence = session.create('Sequence', { name: 'ref-assign created' });
    sequence.parent = test;
    expect(sequence.parent).toBe(test); // rows are the session's entity objects
    await session.commit();
    expect(await parentIdOf(sequence.id)).toBe(PROJECT_IDS.test);

    const review = await projectRow(PROJECT_IDS.client_review);
    sequence.parent = review;
    expect(sequence.$state).toBe('modified');
    await session.commit();
    expect(await parentIdOf(sequence.id)).toBe(PROJECT_IDS.client_review);
  });

  it('resolves a plain { $type, id } reference to the session entity', async () => {
    const sequence = session.create('Sequence', { name: 'ref-assign plain', parent: await projectRow(PROJECT_IDS.test) });
    sequence.parent = { $type: 'Project', id: PROJECT_IDS.tdb };
    expect(sequence.parent?.id).toBe(PROJECT_IDS.tdb);
    await session.commit();
    expect(await parentIdOf(sequence.id)).toBe(PROJECT_IDS.tdb);
  });
});

describe('appending a query row to a collection', () => {
  it('moves the item under the new owner and persists on commit', async () => {
    const created = session.create('Sequence', { name: 'ref-append', parent: await projectRow(PROJECT_IDS.test) });
    await session.commit();
    await session.close();
    session = open(); // a fresh identity map: the sequence comes back as a query row only

    const row = await session.query(q.Sequence.where((s) => s.id.eq(created.id)).select('name')).one();
    const [owner] = await session.query(q.Project.where((p) => p.id.eq(PROJECT_IDS.man_test)).select('name', 'children')).all();
    expect(owner).toBeDefined();
    owner!.children.append(row);
    expect(owner!.children.includes(row)).toBe(true);
    expect(owner!.children.includes({ $type: 'Sequence', id: created.id })).toBe(true);
    expect(() => owner!.children.append(row)).toThrow(DuplicateItemInCollectionError);
    expect(() => owner!.children.append({ $type: 'Sequence', id: created.id })).toThrow(DuplicateItemInCollectionError);
    await session.commit();
    expect(await parentIdOf(created.id)).toBe(PROJECT_IDS.man_test);
  });

  it('appends and removes plain references to entities the session has not loaded', async () => {
    const created = session.create('Sequence', { name: 'ref-append plain', parent: await projectRow(PROJECT_IDS.test) });
    await session.commit();
    await session.close();
    session = open();

    const owner = await session.query(q.Project.where((p) => p.id.eq(PROJECT_IDS.ftrack)).select('children')).one();
    const before = owner.children.length;
    owner.children.append({ $type: 'Sequence', id: created.id });
    expect(owner.children.length).toBe(before + 1);
    expect(owner.children.at(-1)?.$type).toBe('Sequence');
    await session.commit();
    expect(await parentIdOf(created.id)).toBe(PROJECT_IDS.ftrack);

    owner.children.remove({ $type: 'Sequence', id: created.id });
    expect(owner.children.length).toBe(before);
  });

  it('rejects what is neither an entity nor a reference with a typed error', async () => {
    const owner = await session.query(q.Project.where((p) => p.id.eq(PROJECT_IDS.bunny)).select('children')).one();
    expect(() => owner.children.append('not a reference' as never)).toThrow(ArgumentError);
    expect(() => owner.children.append({ $type: 'NoSuchType', id: 'x' } as never)).toThrow(ArgumentError);
  });
});
