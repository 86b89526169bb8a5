import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotLoadedError, Session, UnknownAttributeError, type AnyEntity } from 'ftrack-codegen';
import { startServer, type ServerHandle } from 'ftrack-codegen/server';
import { startCountingProxy, type CountingProxy } from '../../bench/support/uow-counting-proxy.js';

// Lazy loading against the local server (demo workspace, 1,000 tasks); requests are counted by a
// proxy in front of the server.
let server: ServerHandle;
let proxy: CountingProxy;
const sessions: Session[] = [];

function open(options: { crossResultBatching?: boolean; loadChunkSize?: number } = {}): Session {
  const session = new Session({ serverUrl: proxy.url, apiUser: server.apiUser, apiKey: server.apiKey, ...options });
  sessions.push(session);
  return session;
}

async function allTasks(session: Session): Promise<AnyEntity[]> {
  const tasks = await session.query('select id from Task', { pageSize: 1000 }).all();
  expect(tasks).toHaveLength(1000);
  return tasks;
}

const queries = (i: number) => proxy.requests[i]!.operations.filter((op) => op.action === 'query').map((op) => String(op.expression));

beforeAll(async () => {
  server = await startServer({ tasks: 1000 });
  proxy = await startCountingProxy(server.url);
});
afterAll(async () => {
  for (const session of sessions) await session.close();
  await proxy?.close();
  await server?.close();
});

describe('lazy loading, batched', () => {
  it('a sequential loop over 1,000 tasks reading status then its name sends at most 3 requests in all', async () => {
    const session = open();
    await session.ready();
    proxy.reset();
    const tasks = await allTasks(session);
    const names: string[] = [];
    for (const task of tasks) {
      const status = (await task.$get('status')) as AnyEntity;
      names.push((await status.$get('name')) as string);
    }
    expect(proxy.count()).toBeLessThanOrEqual(3);
    expect(proxy.count()).toBe(3);
    // Same answer as one query that selects the names.
    const check = open();
    const expected = await check.query('select status.name from Task', { pageSize: 1000 }).all();
    const byId = new Map(expected.map((t) => [t.id, (t.status as AnyEntity).name]));
    expect(names).toEqual(tasks.map((t) => byId.get(t.id)));
    expect(new Set(names).size).toBeGreaterThan(1);
  });

  it('without cross-result batching each entity of the loop costs a request', async () => {
    const session = open({ crossResultBatching: false });
    await session.ready();
    const tasks = (await allTasks(session)).slice(0, 25);
    proxy.reset();
    for (const task of tasks) await task.$get('bid');
    expect(proxy.count()).toBe(25);
    expect(queries(0)).toEqual([`select bid from Task where id is "${tasks[0]!.id}"`]);
  });

  it('coalesces loads of the same tick into one query per type and attribute set', async () => {
    const session = open({ crossResultBatching: false });
    await session.ready();
    const tasks = (await allTasks(session)).slice(0, 30);
    const projects = await session.query('select id from Project').all();
    proxy.reset();
    await Promise.all([...tasks.map((t) => t.$get('bid')), ...tasks.slice(0, 10).map((t) => t.$load('name', 'bid')), ...projects.map((p) => p.$get('full_name'))]);
    expect(proxy.count()).toBe(1);
    const sent = queries(0);
    expect(sent).toHaveLength(3);
    expect(sent).toContain(`select bid from Task where id in (${tasks.slice(10).map((t) => `"${t.id}"`).join(', ')})`);
    expect(sent.some((q) => q.startsWith('select bid, name from Task where id in ('))).toBe(true);
    expect(sent.some((q) => q.startsWith('select full_name from Project where id in ('))).toBe(true);
    expect(tasks.every((t) => typeof t.bid === 'number')).toBe(true);
  });

  it('splits long id lists into chunks sent in the same request', async () => {
    const session = open({ loadChunkSize: 100 });
    await session.ready();
    const tasks = (await allTasks(session)).slice(0, 250);
    proxy.reset();
    await session.populate(tasks, 'name');
    expect(proxy.count()).toBe(1);
    expect(queries(0).map((q) => q.split('", "').length)).toEqual([100, 100, 50]);
  });

  it('loads entities with composite primary keys', async () => {
    const session = open();
    const items = await session.query('select parent_id, key from Metadata limit 6').all();
    expect(items.length).toBeGreaterThan(1);
    proxy.reset();
    const values = await Promise.all(items.map((item) => item.$get('value')));
    expect(proxy.count()).toBe(1);
    expect(queries(0)[0]).toMatch(/^select value from Metadata where \(parent_id is "[^"]+" and key is "[^"]+"\) or \(/);
    expect(values.every((v) => typeof v === 'string')).toBe(true);
  });

  it('$load loads dotted paths through references and collections and returns the same object', async () => {
    const session = open();
    const [task] = await session.query('select id from Task limit 1').all();
    const loaded = await task!.$load('status.name', 'parent.name', 'timelogs.duration');
    expect(loaded).toBe(task);
    expect(typeof (loaded.status as AnyEntity).name).toBe('string');
    expect(typeof (loaded.parent as AnyEntity).name).toBe('string');
    expect(() => loaded.bid).toThrow(NotLoadedError);
    await expect(task!.$load('nope')).rejects.toThrow(UnknownAttributeError);
  });

  it('populate loads paths for many entities in one request, replacing remote values but never local ones', async () => {
    const session = open();
    const tasks = await allTasks(session);
    tasks[0]!.name = 'locally renamed';
    proxy.reset();
    const result = await session.populate(tasks, 'name, status.name');
    expect(result).toHaveLength(1000);
    expect(proxy.count()).toBe(1);
    expect(tasks[0]!.name).toBe('locally renamed');
    expect(tasks.every((t) => typeof (t.status as AnyEntity).name === 'string')).toBe(true);
    session.rollback();
    expect(tasks[0]!.name).not.toBe('locally renamed');
  });

  it('created entities never trigger a load', async () => {
    const session = open();
    await session.ready();
    proxy.reset();
    const sequence = session.create('Sequence', { name: 'never loads' });
    expect(await sequence.$get('description')).toBeUndefined();
    expect(await sequence.$load('status.name', 'children')).toBe(sequence);
    await session.populate([sequence], 'name');
    expect(proxy.count()).toBe(0);
    session.rollback();
  });
});
