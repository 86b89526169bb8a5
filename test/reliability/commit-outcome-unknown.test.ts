import { describe, expect, it, vi } from 'vitest';
import {
  CommitOutcomeUnknownError,
  CommitRejectedError,
  DuplicateEntryError,
  HttpStatusError,
  MalformedResponseError,
  NetworkError,
  RequestAbortedError,
  ServerValidationError,
  Session,
  TimeoutError,
  type AnyEntity,
} from 'ftrack-codegen';
import { pendingChanges, runCommit, type CommitChannel } from '../../runtime/unit-of-work/commit.js';
import { offlineSession } from '../unit/support/offline-session.js';
import { PROJECT_IDS } from '../../server/demo/ids.js';
import type { FaultProxy } from './support/commit-fault-proxy.js';
import { useProxiedDemo } from './support/proxied-demo.js';

// Issue 9, item 2: a commit whose answer is missing or unreadable after it was sent reports
// CommitOutcomeUnknownError (never CommitRejectedError), keeps every change pending and marks
// nothing saved; the next commit() asks the server in one request which changes already hold and
// sends only the rest. Faults: a loopback proxy in front of the local server that lets the server
// apply the batch and then hangs (client timeout), answers garbage, resets, or loses the batch.
let proxy: FaultProxy;
let session: Session;
let project: AnyEntity;

const TIMEOUT_MS = 2000;
const demo = useProxiedDemo({
  session: { timeoutMs: TIMEOUT_MS },
  load: async (fresh) => {
    ({ proxy, session } = fresh);
    project = (await session.get('Project', PROJECT_IDS.test))!;
  },
});
const open = (timeoutMs = TIMEOUT_MS) => demo.open({ timeoutMs });
const writesOf = (id: unknown) =>
  proxy.batches.flatMap((batch) => batch.operations).filter((op) => op.action !== 'query' && (JSON.stringify(op.entity_key ?? null).includes(String(id)) || (op.entity_data as { id?: unknown } | undefined)?.id === id));

/** The stored row, read by a fresh session (no identity map shared). */
async function stored(type: string, id: unknown, attributes = 'name'): Promise<AnyEntity[]> {
  const other = open(30_000);
  try {
    return await other.query(`select ${attributes} from ${type} where id is "${String(id)}"`).all();
  } finally {
    await other.close();
  }
}

/** A persisted sequence to update and one to delete, committed without faults. */
async function persisted(name: string): Promise<{ kept: AnyEntity; doomed: AnyEntity }> {
  const kept = session.create('Sequence', { name: `${name} kept`, parent: project });
  const doomed = session.create('Sequence', { name: `${name} doomed`, parent: project });
  await session.commit();
  proxy.reset();
  return { kept, doomed };
}

/**
 * Runs `commit` with the session's request timer (TIMEOUT_MS) brought forward to the moment `due`
 * resolves, i.e. once the fault has happened (the server applied the batch, or the proxy swallowed
 * it): the transport's own timer callback fires, so the request ends exactly as it does TIMEOUT_MS
 * after sending (aborted, reported as a TimeoutError); only the wait on the clock goes. Timers of
 * other delays are untouched, and were `due` never to come the timer would still fire on time.
 */
function commitTimingOutWhen(due: Promise<unknown>, commit: () => Promise<unknown>): Promise<unknown> {
  const realSetTimeout = globalThis.setTimeout;
  const realClearTimeout = globalThis.clearTimeout;
  const timers: { handle: NodeJS.Timeout; fire: () => void }[] = [];
  const cleared = new Set<unknown>();
  const setSpy = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((callback: (...args: unknown[]) => void, delay?: number, ...args: unknown[]) => {
    const handle = realSetTimeout(callback, delay, ...args);
    if (delay === TIMEOUT_MS) timers.push({ handle, fire: () => callback(...args) });
    return handle;
  }) as typeof setTimeout);
  const clearSpy = vi.spyOn(globalThis, 'clearTimeout').mockImplementation((handle) => {
    cleared.add(handle);
    realClearTimeout(handle);
  });
  const restore = () => {
    setSpy.mockRestore();
    clearSpy.mockRestore();
  };
  void due.then(() => {
    restore();
    for (const { handle, fire } of timers.splice(0)) {
      if (cleared.has(handle)) continue; // that request was answered
      realClearTimeout(handle);
      fire();
    }
  });
  return commit().finally(restore);
}

async function unknownOutcome(commit: Promise<unknown>): Promise<CommitOutcomeUnknownError> {
  const error = await commit.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CommitOutcomeUnknownError);
  expect(error).not.toBeInstanceOf(CommitRejectedError);
  expect((error as CommitOutcomeUnknownError).code).toBe('COMMIT_OUTCOME_UNKNOWN');
  return error as CommitOutcomeUnknownError;
}

describe('a timeout after the server applied the batch', () => {
  it('is an unknown outcome; everything stays pending; the retry sends nothing twice', async () => {
    const { kept, doomed } = await persisted('timeout');
    const created = session.create('Sequence', { name: 'timeout created', parent: project });
    kept.name = 'timeout renamed';
    session.delete(doomed);
    const fault = proxy.next({ kind: 'hang' });
    const error = await unknownOutcome(commitTimingOutWhen(fault.applied, () => session.commit()));
    await fault.applied;
    expect(error.operationCount).toBe(3);
    expect(error.message).toMatch(/Nothing was lost/);
    // Nothing is marked saved.
    expect([created.$state, kept.$state, doomed.$state]).toEqual(['created', 'modified', 'deleted']);
    expect(session.pending.operations.map((op) => op.action)).toEqual(['create', 'update', 'delete']);
    expect(new Set(session.pending.outcomeUnknown)).toEqual(new Set([created, kept, doomed]));
    // The server did apply it.
    expect(await stored('Sequence', created.id)).toHaveLength(1);
    expect((await stored('Sequence', kept.id))[0]!.name).toBe('timeout renamed');
    expect(await stored('Sequence', doomed.id)).toHaveLength(0);
    proxy.reset();

    const retry = await session.commit();
    expect(retry).toEqual({ operations: [], requests: 0 });
    // One request: queries only (the reconcile), no write.
    expect(proxy.batches).toHaveLength(1);
    expect(proxy.batches[0]!.operations.every((op) => op.action === 'query')).toBe(true);
    expect([created.$state, kept.$state]).toEqual(['unchanged', 'unchanged']);
    expect(doomed.$state).toBe('deleted');
    expect(session.identityMap.find('Sequence', [doomed.id as string])).toBeUndefined();
    expect(session.pending).toMatchObject({ operations: [], outcomeUnknown: [], inFlight: [] });
    expect(await stored('Sequence', created.id)).toHaveLength(1);
  });

  it('the retry sends only what does not hold yet: changes made after the timeout', async () => {
    const created = session.create('Sequence', { name: 'partial', description: 'one', parent: project });
    const fault = proxy.next({ kind: 'hang' });
    await unknownOutcome(commitTimingOutWhen(fault.applied, () => session.commit()));
    created.description = 'two';
    proxy.reset();
    const retry = await session.commit();
    expect(retry.operations).toEqual([
      { action: 'update', entity_type: 'Sequence', entity_key: [created.id], entity_data: { __entity_type__: 'Sequence', description: 'two' } },
    ]);
    expect(proxy.operations('create')).toHaveLength(0);
    expect(created.$state).toBe('unchanged');
    expect((await stored('Sequence', created.id, 'name, description'))[0]!.description).toBe('two');
  });

  it('when the batch never reached the server the retry sends it', async () => {
    const created = session.create('Sequence', { name: 'lost batch', parent: project });
    const fault = proxy.next({ kind: 'lose' });
    await unknownOutcome(commitTimingOutWhen(fault.arrived, () => session.commit()));
    expect(await stored('Sequence', created.id)).toHaveLength(0);
    proxy.reset();
    const retry = await session.commit();
    expect(retry.operations.map((op) => op.action)).toEqual(['create']);
    expect(created.$state).toBe('unchanged');
    expect(await stored('Sequence', created.id)).toHaveLength(1);
  });
});

describe('an unreadable answer after the server applied the batch', () => {
  const cases: [string, (answer: string) => string][] = [
    ['a body that is not JSON', (answer) => answer.slice(0, Math.floor(answer.length / 2))],
    ['results of the wrong shape', (answer) => JSON.stringify((JSON.parse(answer) as unknown[]).map(() => ({ action: 'create', data: 7 })))],
    ['an entity payload the schema does not know', (answer) => JSON.stringify((JSON.parse(answer) as unknown[]).map(() => ({ action: 'create', data: { __entity_type__: 'Nope', id: 'x' } })))],
    ['the wrong number of results', (answer) => JSON.stringify((JSON.parse(answer) as unknown[]).slice(1))],
  ];
  it.each(cases)('%s: unknown outcome, no entity marked saved, the retry makes no duplicate', async (_name, garble) => {
    const { kept } = await persisted('garbage');
    const first = session.create('Sequence', { name: 'garbage one', parent: project });
    const second = session.create('Shot', { name: 'garbage two', parent: first });
    kept.description = 'changed under garbage';
    proxy.next({ kind: 'garbage', body: garble });
    await unknownOutcome(session.commit());
    expect([first.$state, second.$state, kept.$state]).toEqual(['created', 'created', 'modified']);
    expect(kept.description).toBe('changed under garbage');
    expect(await stored('Shot', second.id)).toHaveLength(1);
    proxy.reset();
    await session.commit();
    expect(proxy.operations('create')).toHaveLength(0);
    expect(proxy.operations('update')).toHaveLength(0);
    expect([first.$state, second.$state, kept.$state]).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(await stored('Sequence', first.id)).toHaveLength(1);
    expect((await stored('Sequence', kept.id, 'description'))[0]!.description).toBe('changed under garbage');
  });

  it('a connection reset after the server applied it is an unknown outcome too', async () => {
    const created = session.create('Sequence', { name: 'reset', parent: project });
    proxy.next({ kind: 'reset' });
    await unknownOutcome(session.commit());
    expect(created.$state).toBe('created');
    proxy.reset();
    await session.commit();
    expect(proxy.operations('create')).toHaveLength(0);
    expect(await stored('Sequence', created.id)).toHaveLength(1);
  });
});

describe('the three outcomes stay apart', () => {
  it('a refusal by the server is CommitRejectedError, not unknown, and is not reconciled', async () => {
    const other = open(30_000);
    const existing = other.create('Sequence', { name: 'refused original', parent: (await other.get('Project', PROJECT_IDS.test))! });
    await other.commit();
    await other.close();
    // This session does not know it: creating the same id again is refused by the server.
    const clash = session.create('Sequence', { id: existing.id, name: 'refused clash', parent: project });
    const error = await session.commit().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommitRejectedError);
    expect(error).not.toBeInstanceOf(CommitOutcomeUnknownError);
    expect(clash.$state).toBe('created');
    expect(session.pending.outcomeUnknown).toEqual([]);
    proxy.reset();
    session.rollback();
    expect(await session.commit()).toEqual({ operations: [], requests: 0 });
    expect(proxy.batches).toHaveLength(0);
  });

  it('abort before sending: RequestAbortedError, nothing sent; after sending: unknown outcome, retry is safe', async () => {
    const created = session.create('Sequence', { name: 'abort', parent: project });
    const before = new AbortController();
    before.abort();
    await expect(session.commit({ signal: before.signal })).rejects.toBeInstanceOf(RequestAbortedError);
    expect(writesOf(created.id)).toHaveLength(0);
    expect(created.$state).toBe('created');

    const after = new AbortController();
    const fault = proxy.next({ kind: 'hold' });
    const commit = session.commit({ signal: after.signal });
    await fault.arrived;
    after.abort();
    await unknownOutcome(commit);
    await fault.applied;
    fault.release();
    expect(created.$state).toBe('created');
    proxy.reset();
    await session.commit();
    expect(proxy.operations('create')).toHaveLength(0);
    expect(created.$state).toBe('unchanged');
    expect(await stored('Sequence', created.id)).toHaveLength(1);
  });
});

describe('which failures are an unknown outcome (a channel that fails after sending)', () => {
  const failures: [string, () => Error, 'unknown' | 'rejected' | 'not-sent'][] = [
    ['a timeout', () => new TimeoutError('t'), 'unknown'],
    ['a reset connection', () => new NetworkError('n', {}, { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) }), 'unknown'],
    ['a refused connection (nothing sent)', () => new NetworkError('n', {}, { cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) }), 'not-sent'],
    ['an HTTP 502 without an ftrack body', () => new HttpStatusError('h', { status: 502 }), 'unknown'],
    ['a malformed body', () => new MalformedResponseError('m', {}), 'unknown'],
    ['an abort after sending', () => new RequestAbortedError('a', {}), 'unknown'],
    ['a plain Error from a custom transport', () => new Error('boom'), 'unknown'],
    ['a server ValidationError', () => new ServerValidationError('v', { exception: 'ValidationError', content: 'bad' }), 'rejected'],
    ['a server DuplicateEntryError', () => new DuplicateEntryError('d', { exception: 'DuplicateEntryError', content: 'dup' }), 'rejected'],
  ];
  it.each(failures)('%s', async (_name, failure, expected) => {
    const { uow, create } = offlineSession();
    const created = create('Sequence', { name: 'x' });
    const channel: CommitChannel = {
      exchange: async () => {
        throw failure();
      },
      runQueries: async () => [],
      decoder: undefined as never,
    };
    const error = await runCommit(uow, channel).catch((e: unknown) => e);
    if (expected === 'unknown') expect(error).toBeInstanceOf(CommitOutcomeUnknownError);
    if (expected === 'rejected') expect(error).toBeInstanceOf(CommitRejectedError);
    if (expected === 'not-sent') expect(error).toBeInstanceOf(NetworkError);
    expect(created.$state).toBe('created');
    expect(pendingChanges(uow).outcomeUnknown).toEqual(expected === 'unknown' ? [created] : []);
  });
});
