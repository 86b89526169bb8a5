import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { NetworkError, RequestAbortedError, ServerError, type AnyEntity, type ServerInformation } from 'ftrack-codegen';
import { startServer, type ServerHandle } from 'ftrack-codegen/server';
import { createSession, q } from '../../generated/index.js';
import { startBatchProxy, type BatchProxy } from './support/batch-proxy.js';

// Requests of the same tick share one round trip (SessionOptions.autoBatch): counted at a proxy in
// front of the local server (demo workspace). Each session is ready (schema and server information
// known) before the proxy is reset, so only the test's own requests are counted.
let server: ServerHandle;
let proxy: BatchProxy;
const sessions: { close(): Promise<void> }[] = [];

async function open(options: Parameters<typeof createSession>[0] = {}) {
  const session = createSession({ serverUrl: proxy.url, apiUser: server.apiUser, apiKey: server.apiKey, checkWorkspaceValues: false, ...options });
  sessions.push(session);
  await session.ready();
  proxy.reset();
  return session;
}

const queryCounts = () => proxy.requests.map((request) => request.operations.filter((op) => op.action === 'query').length);
const actionsOf = (i: number) => proxy.requests[i]!.operations.map((op) => op.action);
const ids = (rows: readonly object[]) => rows.map((row) => String((row as { id?: unknown }).id)).sort();

/** The five reads of the first tests: different types, projections and conditions. */
const fiveQueries = [
  q.Project.select('name'),
  q.Status.select('name'),
  q.Task.select('name', 'bid').where((t) => t.bid.gte(43200)),
  q.User.select('username'),
  q.Shot.select('name').limit(5),
] as const;

type Reader = Pick<ReturnType<typeof createSession>, 'query'>;
/** The five queries, issued in one tick. */
const allFive = (session: Reader) =>
  Promise.all([
    session.query(fiveQueries[0]).all(),
    session.query(fiveQueries[1]).all(),
    session.query(fiveQueries[2]).all(),
    session.query(fiveQueries[3]).all(),
    session.query(fiveQueries[4]).all(),
  ]);

beforeAll(async () => {
  server = await startServer();
  proxy = await startBatchProxy(server.url);
});
beforeEach(() => proxy.reset());
afterAll(async () => {
  for (const session of sessions) await session.close();
  await proxy?.close();
  await server?.close();
});

describe('requests in the same tick share one round trip', () => {
  it('Promise.all of 5 queries sends 1 request; each caller gets its own, typed rows', async () => {
    const session = await open();
    const [projects, statuses, tasks, users, shots] = await allFive(session);
    expect(proxy.requests).toHaveLength(1);
    expect(queryCounts()).toEqual([5]);
    expectTypeOf(projects[0]!.name).toEqualTypeOf<string>();
    expectTypeOf(tasks[0]!.bid).toEqualTypeOf<number>();
    expectTypeOf(users[0]!.username).toEqualTypeOf<string>();
    expectTypeOf(statuses[0]!.name).toEqualTypeOf<string | null>();

    // The same rows as each query sent on its own, by a session that does not batch.
    const alone = await open({ autoBatch: false });
    const expected = [
      await alone.query(fiveQueries[0]).all(),
      await alone.query(fiveQueries[1]).all(),
      await alone.query(fiveQueries[2]).all(),
      await alone.query(fiveQueries[3]).all(),
      await alone.query(fiveQueries[4]).all(),
    ] as const;
    expect(proxy.requests).toHaveLength(5);
    expect([projects, statuses, tasks, users, shots].map(ids)).toEqual(expected.map(ids));
    for (const result of expected) expect(result.length).toBeGreaterThan(0);
    expect(shots).toHaveLength(5);
    expect(tasks.every((task) => task.bid >= 43200)).toBe(true);
    expect(projects.map((p) => p.name).sort()).toEqual(expected[0].map((p) => p.name).sort());
  });

  it("a fresh session's first 5 queries go out with its server-information check in 1 request", async () => {
    const session = createSession({ serverUrl: proxy.url, apiUser: server.apiUser, apiKey: server.apiKey, checkWorkspaceValues: false });
    sessions.push(session);
    const results = await allFive(session);
    expect(proxy.requests).toHaveLength(1);
    expect(actionsOf(0)).toEqual(['query_server_information', 'query', 'query', 'query', 'query', 'query']);
    expect(results[4]).toHaveLength(5);
    expect(session.serverInformation?.version).toEqual(expect.any(String));
  });

  it("the server sends an entity's attribute once per response: a later caller's rows still have it", async () => {
    // Both queries select the projects' names: the local server (like ftrack, spec 3.3) sends each
    // name only in the first result; the second result's rows get it because results are merged in order.
    const session = await open();
    const [first, second] = await Promise.all([session.query(q.Project.select('name')).all(), session.query(q.Project.select('name', 'full_name')).all()]);
    expect(queryCounts()).toEqual([2]);
    const [firstRows, secondRows] = (proxy.answers[0] as { data: Record<string, unknown>[] }[]).map((result) => result.data);
    expect(firstRows!.every((row) => 'name' in row)).toBe(true);
    expect(secondRows!.some((row) => !('name' in row))).toBe(true); // sent once per response
    expect(second.map((p) => p.name)).toEqual(first.map((p) => p.name));
    expect(second.every((p) => typeof p.name === 'string' && typeof p.full_name === 'string')).toBe(true);
  });

  it('…also when the earlier caller aborted while the request was in flight', async () => {
    const session = await open();
    const expected = (await (await open({ autoBatch: false })).query(q.Project.select('name')).all()).map((p) => p.name);
    proxy.reset();
    const held = proxy.holdNext();
    const controller = new AbortController();
    const aborted = session.query(q.Project.select('name'), { signal: controller.signal }).all();
    const kept = session.query(q.Project.select('name', 'full_name')).all();
    await held.arrived;
    controller.abort();
    await expect(aborted).rejects.toBeInstanceOf(RequestAbortedError);
    held.release();
    expect((await kept).map((p) => p.name)).toEqual(expected);
    expect(queryCounts()).toEqual([2]);
  });

  it('get(), first() and read-only call() batches join the same request; results of call() are typed per operation', async () => {
    const session = await open();
    const some = await createSession({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey, checkWorkspaceValues: false })
      .query(q.Project.select('id'))
      .first();
    proxy.reset();
    const [project, firstTask, [page, information]] = await Promise.all([
      session.get('Project', some!.id),
      session.query(q.Task.select('name')).first(),
      session.call([{ action: 'query', expression: 'select name from Status' }, { action: 'query_server_information' }]),
    ]);
    expect(proxy.requests).toHaveLength(1);
    expect(actionsOf(0).sort()).toEqual(['query', 'query', 'query', 'query_server_information']);
    expectTypeOf(page.data).toEqualTypeOf<AnyEntity[]>();
    expectTypeOf(information).toEqualTypeOf<ServerInformation>();
    expect(project?.id).toBe(some!.id);
    expect(firstTask?.name).toEqual(expect.any(String));
    expect(page.data.length).toBeGreaterThan(0);
    expect(page.data.every((status) => typeof status.name === 'string')).toBe(true);
    expect(information.version).toEqual(expect.any(String));
  });

  it('a query the server refuses does not break the others: each caller gets its own outcome', async () => {
    const session = await open();
    const outcomes = await Promise.allSettled([
      session.query(fiveQueries[0]).all(),
      session.query(fiveQueries[1]).all(),
      session.call([{ action: 'query', expression: 'select no_such_attribute from Task' }]),
      session.query(fiveQueries[3]).all(),
      session.query(fiveQueries[4]).all(),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const error = (outcomes[2] as PromiseRejectedResult).reason as ServerError;
    expect(error).toBeInstanceOf(ServerError);
    // Its index counts the caller's own operations, not the coalesced request's.
    expect(error).toMatchObject({ operationIndex: 0, action: 'query' });
    expect(error.content).toMatch(/^Operation 0 failed: .*no_such_attribute/);
    const values = outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : undefined));
    expect((values[0] as { id: string }[]).length).toBeGreaterThan(0);
    expect(values[4]).toHaveLength(5);
    // The coalesced request, then (the local server names the failing operation) that caller alone and the other four together.
    expect(proxy.requests).toHaveLength(3);
    expect(queryCounts()[0]).toBe(5);
    expect(queryCounts().slice(1).sort()).toEqual([1, 4]);
  });

  it('when the server does not say which operation failed (as ftrack), every caller is sent again on its own', async () => {
    const session = await open();
    proxy.anonymousErrors = true;
    const outcomes = await Promise.allSettled([
      session.query(fiveQueries[0]).all(),
      session.call([{ action: 'query', expression: 'select name from NoSuchType' }]),
      session.query(fiveQueries[4]).all(),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ operationIndex: 0, action: 'query' });
    expect((outcomes[2] as PromiseFulfilledResult<unknown[]>).value).toHaveLength(5);
    expect(queryCounts()).toEqual([3, 1, 1, 1]);
  });

  it('autoBatch: false sends 5 requests for the 5 queries', async () => {
    const session = await open({ autoBatch: false });
    await allFive(session);
    expect(queryCounts()).toEqual([1, 1, 1, 1, 1]);
  });

  it('autoBatch.maxOperations caps the operations per request', async () => {
    const session = await open({ autoBatch: { maxOperations: 2 } });
    await allFive(session);
    expect(queryCounts()).toEqual([2, 2, 1]);
  });

  it('calls in different ticks are separate requests', async () => {
    const session = await open();
    const first = session.query(fiveQueries[0]).all();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = session.query(fiveQueries[1]).all();
    await Promise.all([first, second]);
    expect(queryCounts()).toEqual([1, 1]);
  });

  it("aborting one caller before the request leaves it out and does not abort the others'", async () => {
    const session = await open();
    const controller = new AbortController();
    const aborted = session.query(fiveQueries[1], { signal: controller.signal }).all();
    const kept = [session.query(fiveQueries[0]).all(), session.query(fiveQueries[4]).all()];
    controller.abort();
    await expect(aborted).rejects.toBeInstanceOf(RequestAbortedError);
    const [projects, shots] = await Promise.all(kept);
    expect(projects!.length).toBeGreaterThan(0);
    expect(shots).toHaveLength(5);
    expect(queryCounts()).toEqual([2]);
  });

  it('aborting one caller while the shared request is in flight rejects it at once; the others get their rows', async () => {
    const session = await open();
    const held = proxy.holdNext();
    const controller = new AbortController();
    const aborted = session.query(fiveQueries[1], { signal: controller.signal }).all();
    // Every other caller has a signal too: the request is aborted only when all of them abort.
    const kept = [session.query(fiveQueries[0], { signal: new AbortController().signal }).all(), session.query(fiveQueries[4], { signal: new AbortController().signal }).all()];
    await held.arrived;
    controller.abort();
    await expect(aborted).rejects.toBeInstanceOf(RequestAbortedError);
    held.release();
    const [projects, shots] = await Promise.all(kept);
    expect(projects!.length).toBeGreaterThan(0);
    expect(shots).toHaveLength(5);
    expect(queryCounts()).toEqual([3]);
  });

  it('a network failure of the shared request reaches every caller as the same typed error, not sent again', async () => {
    const session = await open();
    proxy.dropNext();
    const outcomes = await Promise.allSettled([session.query(fiveQueries[0]).all(), session.query(fiveQueries[1]).all(), session.query(fiveQueries[2]).all()]);
    const reasons = outcomes.map((outcome) => (outcome as PromiseRejectedResult).reason as unknown);
    expect(outcomes.every((outcome) => outcome.status === 'rejected')).toBe(true);
    expect(reasons[0]).toBeInstanceOf(NetworkError);
    expect(new Set(reasons).size).toBe(1);
    expect(queryCounts()).toEqual([3]);
  });

  it('writes are never coalesced: a commit and a write call() of the same tick each go alone', async () => {
    const session = await open();
    const project = await session.query(q.Project.select('id', 'name')).first();
    proxy.reset();
    session.create('Sequence', { name: 'sq-auto-batch', parent: project! });
    const [, committed, [created]] = await Promise.all([
      session.query(fiveQueries[0]).all(),
      session.commit(),
      session.call([{ action: 'create', entity_type: 'Sequence', entity_data: { name: 'sq-auto-batch-2', parent_id: project!.id } }]),
      session.query(fiveQueries[1]).all(),
    ]);
    expectTypeOf(created.data).toEqualTypeOf<ReturnType<typeof session.create<'Sequence'>>>();
    expect(committed.requests).toBe(1);
    expect(committed.operations.map((op) => op.action)).toEqual(['create']);
    expect(created.data.name).toBe('sq-auto-batch-2');
    const writes = proxy.requests.filter((request) => request.operations.some((op) => op.action === 'create'));
    expect(writes).toHaveLength(2);
    for (const write of writes) expect(write.operations.every((op) => op.action === 'create')).toBe(true);
    expect(queryCounts().filter((count) => count > 0)).toEqual([2]);
    session.delete(created.data);
    for (const sequence of await session.query(q.Sequence.select('id').where((s) => s.name.eq('sq-auto-batch'))).all()) session.delete(sequence);
    await session.commit();
  });
});
