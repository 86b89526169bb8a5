/**
 * Bounded memory when streaming (`session.query(q, { retain: 'none' })`): identity is page-scoped.
 * The identity map holds the current page (plus entities with pending changes), rows of finished
 * pages are collectable, batching covers the current page only, an entity kept past its page stays
 * fully usable (values, edits + commit, lazy loads), and the default mode keeps identity for the
 * session's life. Liveness is observed with WeakRef probes (in this test only) and a real garbage
 * collector (`--expose-gc` switched on at run time); rows come from the synthetic in-process
 * transport, answered in later event-loop turns. Loops run in helper functions, so no loop
 * variable of a test's own frame keeps a row alive. The tests run in a worker thread with a heap
 * of their own (support/fresh-heap.ts): there a forced collection marks this file's objects, not
 * everything the test files run before left in vitest's shared worker.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect } from 'vitest';
import { ArgumentError, Session, type AnyEntity } from '../../runtime/index.js';
import { SYNTHETIC_SCHEMA, SyntheticTaskTransport, TASK_QUERY, syntheticId } from '../../bench/support/synthetic-tasks.js';
import { freshHeap } from './support/fresh-heap.js';

const { describe, it } = freshHeap(import.meta.url);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Full GCs with event-loop turns between them (a WeakRef read keeps its target until the turn ends). */
async function collect(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise<void>((resolve) => setTimeout(resolve, 5));
  }
  gc();
}

function alive(refs: readonly WeakRef<object>[]): number {
  let count = 0;
  for (const ref of refs) if (ref.deref() !== undefined) count++;
  return count;
}

/** Quoted uuids in an expression (how many primary keys a load asked for). */
function idCount(expression: string | undefined): number {
  return (expression?.match(/"[0-9a-f-]{36}"/g) ?? []).length;
}

async function open(count: number): Promise<{ session: Session; transport: SyntheticTaskTransport }> {
  const transport = new SyntheticTaskTransport(count);
  const session = new Session({ serverUrl: 'http://127.0.0.1:9', apiUser: 'u', apiKey: 'k', transport, schema: SYNTHETIC_SCHEMA });
  await session.ready();
  return { session, transport };
}

/** The first row of a bounded read (`all()` would retain it). */
async function firstBounded(session: Session, expression: string): Promise<AnyEntity | undefined> {
  for await (const task of session.query(expression, { retain: 'none' })) return task;
  return undefined;
}

/** The task of row `i` from a bounded read that ends before this resolves. */
async function keptRow(session: Session, i: number, pageSize = 100): Promise<AnyEntity> {
  let kept: AnyEntity | undefined;
  let seen = 0;
  for await (const task of session.query(TASK_QUERY, { pageSize, retain: 'none' })) if (seen++ === i) kept = task;
  return kept!;
}

/** Statuses (8) and projects (25) every page refers to. */
const SHARED = 33;

describe('bounded streaming (retain: none)', () => {
  it('the identity map holds the current page only; rows of earlier pages are collected unless kept', async () => {
    const total = 6_000;
    const pageSize = 200;
    const { session } = await open(total);
    const refs: WeakRef<AnyEntity>[] = [];
    const kept: AnyEntity[] = [];
    const worst = { alive: 0, map: 0 };
    await (async () => {
      let seen = 0;
      for await (const task of session.query(TASK_QUERY, { pageSize, retain: 'none' })) {
        refs.push(new WeakRef(task));
        worst.map = Math.max(worst.map, session.identityMap.size);
        if (seen % pageSize === 7) kept.push(task); // one entity kept per page must not keep its page alive
        if (++seen % 1_500 === 700) {
          await collect();
          worst.alive = Math.max(worst.alive, alive(refs) - kept.length);
        }
      }
      expect(seen).toBe(total);
    })();
    expect(worst.map).toBeLessThanOrEqual(pageSize + SHARED);
    expect(worst.map).toBeGreaterThanOrEqual(pageSize); // the page itself is in the map
    // Mid-loop: the page being read (the probes' own reads may keep the previous one to the turn's end).
    expect(worst.alive).toBeLessThanOrEqual(2 * pageSize);
    await collect();
    expect(alive(refs)).toBe(kept.length);
    // Kept entities are usable but no longer in the map: nothing of the read is.
    expect(session.identityMap.size).toBe(0);
    expect(kept.map((task) => task.name)).toEqual(kept.map((_, i) => `task_${i * pageSize + 7}`));
  });

  it('identity holds within a page and for rows held before the read; not across pages', async () => {
    const { session, transport } = await open(1_000);
    const before = (await session.get('Task', syntheticId('Task', 150)))!; // a default read: held for the session's life
    const held = session.identityMap.size; // the task and what its row refers to
    const seen = await (async () => {
      const rows: AnyEntity[] = [];
      for await (const task of session.query(TASK_QUERY, { pageSize: 100, retain: 'none' })) rows.push(task);
      return rows;
    })();
    expect(seen[150]).toBe(before);
    expect(session.identityMap.find('Task', [syntheticId('Task', 150)])).toBe(before);
    expect(session.identityMap.size).toBe(held);
    // Rows 0 and 8 share a status: the same object within page 1; row 104 has it too, in page 2: another object.
    expect(seen[0]!.status).toBe(seen[8]!.status);
    expect((seen[104]!.status as AnyEntity).$primaryKey()).toEqual((seen[0]!.status as AnyEntity).$primaryKey());
    expect(seen[104]!.status).not.toBe(seen[0]!.status);
    // A later read of a row of a finished page gives a new object, loaded from the server.
    const requests = transport.requests;
    const again = await session.get('Task', syntheticId('Task', 5));
    expect(transport.requests).toBe(requests + 1);
    expect(again).not.toBe(seen[5]);
    expect(again!.name).toBe('task_5');
  });

  it('never drops an entity with pending changes; once committed it leaves the map', async () => {
    const { session } = await open(3_000);
    const renamed = await (async () => {
      let ref: WeakRef<AnyEntity> | undefined;
      let seen = 0;
      for await (const task of session.query(TASK_QUERY, { pageSize: 100, retain: 'none' })) {
        if (seen === 5) {
          task.name = 'renamed';
          ref = new WeakRef(task);
        }
        if (seen === 7) session.delete(task);
        seen++;
      }
      return ref!;
    })();
    await collect();
    expect(renamed.deref()).toBeDefined();
    expect(session.identityMap.size).toBe(2);
    await (async () => {
      const pending = session.pending;
      expect(pending.modified.map((e) => e.$primaryKey()[0])).toEqual([syntheticId('Task', 5)]);
      expect(pending.deleted.map((e) => e.$primaryKey()[0])).toEqual([syntheticId('Task', 7)]);
      expect(pending.operations).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ action: 'update', entity_key: [syntheticId('Task', 5)], entity_data: expect.objectContaining({ name: 'renamed' }) }),
          expect.objectContaining({ action: 'delete', entity_key: [syntheticId('Task', 7)] }),
        ]),
      );
      // Still the session's object for its row, local value intact, also for a later bounded read.
      const again = await firstBounded(session, `${TASK_QUERY} where id is "${syntheticId('Task', 5)}"`);
      expect(again).toBe(renamed.deref());
      expect(again!.name).toBe('renamed');
    })();
    await session.commit();
    expect(session.pending.operations).toEqual([]);
    expect(renamed.deref()!.name).toBe('renamed');
    expect(renamed.deref()!.$state).toBe('unchanged');
    expect(session.identityMap.size).toBe(0);
    await collect();
    expect(renamed.deref()).toBeUndefined();
  });

  it('rollback lets go of the rows it leaves unchanged', async () => {
    const { session } = await open(500);
    await (async () => {
      let seen = 0;
      for await (const task of session.query(TASK_QUERY, { pageSize: 100, retain: 'none' })) if (seen++ % 50 === 0) task.bid = -1;
    })();
    expect(session.pending.modified).toHaveLength(10);
    expect(session.identityMap.size).toBe(10);
    session.rollback();
    expect(session.identityMap.size).toBe(0);
  });

  it('committing every few rows keeps the map bounded', async () => {
    const total = 3_000;
    const pageSize = 100;
    const every = 250;
    const { session, transport } = await open(total);
    let worst = 0;
    await (async () => {
      let seen = 0;
      for await (const task of session.query(TASK_QUERY, { pageSize, retain: 'none' })) {
        task.bid = (task.bid as number) + 1;
        worst = Math.max(worst, session.identityMap.size);
        if (++seen % every === 0) await session.commit();
      }
    })();
    expect(session.pending.operations).toEqual([]);
    // The current page and its shared rows, plus rows of earlier pages still waiting for the next commit.
    expect(worst).toBeLessThanOrEqual(pageSize + SHARED + every);
    expect(session.identityMap.size).toBe(0);
    expect(transport.requests).toBeGreaterThan(total / every);
  });

  it('an entity kept past its page lazy-loads into itself and leaves the map again', async () => {
    const { session, transport } = await open(1_000);
    const kept = await keptRow(session, 420);
    expect(session.identityMap.size).toBe(0);
    const folder = (await kept.$get('parent')) as AnyEntity;
    expect(idCount(transport.expressions.at(-1))).toBe(1);
    expect(folder.$type).toBe('Folder');
    expect(kept.parent).toBe(folder);
    expect(kept.parent_id).toBe(syntheticId('Folder', 420));
    expect(await folder.$get('name')).toBe('folder_420');
    await session.populate([kept], 'parent');
    expect(kept.parent).not.toBe(undefined);
    // The loads put it back for their answer only: nothing of them stays in the map.
    expect(session.identityMap.size).toBe(0);
    const again = await session.get('Task', syntheticId('Task', 420));
    expect(again).not.toBe(kept); // a new read of the row: a new object
  });

  it('an entity kept past its page can be edited and committed', async () => {
    const { session, transport } = await open(500);
    const kept = await keptRow(session, 42);
    kept.name = 'kept and renamed';
    expect(session.pending.modified).toEqual([kept]);
    const result = await session.commit();
    expect(result.operations).toEqual([
      expect.objectContaining({ action: 'update', entity_key: [syntheticId('Task', 42)], entity_data: expect.objectContaining({ name: 'kept and renamed' }) }),
    ]);
    expect(kept.$state).toBe('unchanged');
    expect(kept.name).toBe('kept and renamed');
    expect(session.pending.operations).toEqual([]);
    // The commit's answer merged into it: it is the session's object for its row again.
    expect(session.identityMap.find('Task', [syntheticId('Task', 42)])).toBe(kept);
    expect(transport.requests).toBeGreaterThan(0);
  });

  it('a load of a kept entity whose row the session read again loads into both objects', async () => {
    const { session, transport } = await open(500);
    const kept = await keptRow(session, 77);
    const newer = (await session.get('Task', syntheticId('Task', 77)))!;
    expect(newer).not.toBe(kept);
    expect(kept.$isLoaded('parent')).toBe(false);
    await kept.$load('parent');
    expect(idCount(transport.expressions.at(-1))).toBe(1);
    expect(transport.expressions.at(-1)).toContain(syntheticId('Task', 77));
    expect(kept.parent).toBe(newer.parent);
    expect((kept.parent as AnyEntity).$primaryKey()).toEqual([syntheticId('Folder', 77)]);
    expect(session.identityMap.find('Task', [syntheticId('Task', 77)])).toBe(newer);
    // Local values of the kept object are never overwritten by the copy.
    kept.name = 'local';
    await session.populate([kept], 'name');
    expect(kept.name).toBe('local');
  });

  it('loads of a kept entity that overlap each other all reach it', async () => {
    const { session } = await open(300);
    const kept = await keptRow(session, 3);
    const first = kept.$load('parent');
    await new Promise<void>((resolve) => setImmediate(resolve)); // the first load's request is on its way
    const second = session.populate([kept], 'parent_id, name');
    await Promise.all([first, second]);
    expect(kept.parent_id).toBe(syntheticId('Folder', 3));
    expect((kept.parent as AnyEntity).$primaryKey()).toEqual([syntheticId('Folder', 3)]);
    expect(session.identityMap.size).toBe(0);
  });

  it('lazy loads batch over the current page only, and what they reach is released with it', async () => {
    const total = 600;
    const pageSize = 100;
    const { session, transport } = await open(total);
    const folders: WeakRef<AnyEntity>[] = [];
    const start = transport.requests;
    let worst = 0;
    const kept = await (async () => {
      let first: AnyEntity | undefined;
      for await (const task of session.query(TASK_QUERY, { pageSize, retain: 'none' })) {
        first ??= task;
        const parent = (await task.$get('parent')) as AnyEntity;
        folders.push(new WeakRef(parent));
        expect(await parent.$get('name')).toBe(`folder_${(task.name as string).slice(5)}`);
        worst = Math.max(worst, session.identityMap.size);
      }
      return first!;
    })();
    // Per page: the page, one load of `parent` for its tasks, one load of `name` for their folders.
    expect(transport.requests - start).toBe(3 * (total / pageSize));
    const loads = transport.expressions.filter((e) => e.includes(' where '));
    expect(loads).toHaveLength(2 * (total / pageSize));
    for (const load of loads) expect(idCount(load)).toBe(pageSize);
    // The page's tasks, their folders and the shared rows.
    expect(worst).toBeLessThanOrEqual(2 * pageSize + SHARED);
    expect(session.identityMap.size).toBe(0);
    await collect();
    // Only the kept task's folder is alive (the kept task refers to it).
    expect(alive(folders)).toBe(1);
    // The first page's batching group was released: a load for the kept entity loads only it.
    await kept.$load('status_id');
    expect(idCount(transport.expressions.at(-1))).toBe(1);
  });

  it('leaving the loop early releases the page', async () => {
    const { session, transport } = await open(1_000);
    const kept = await (async () => {
      for await (const task of session.query(TASK_QUERY, { pageSize: 200, retain: 'none' })) if (task.name === 'task_50') return task;
      return undefined;
    })();
    expect(session.identityMap.size).toBe(0);
    await kept!.$load('parent');
    expect(idCount(transport.expressions.at(-1))).toBe(1);
  });

  it('pages() is bounded too; all() always retains', async () => {
    const total = 2_000;
    const { session } = await open(total);
    const result = session.query(TASK_QUERY, { pageSize: 250, retain: 'none' });
    const rows = await (async () => {
      let count = 0;
      for await (const page of result.pages()) {
        expect(session.identityMap.size).toBeLessThanOrEqual(page.length + SHARED);
        count += page.length;
      }
      return count;
    })();
    expect(rows).toBe(total);
    expect(session.identityMap.size).toBe(0);
    const refs = (await result.all()).map((task) => new WeakRef(task));
    await collect();
    expect(alive(refs)).toBe(total);
    expect(session.identityMap.size).toBe(total + SHARED);
  });

  it('rejects an unknown retain value', async () => {
    const { session } = await open(1);
    expect(() => session.query(TASK_QUERY, { retain: 'some' as 'none' })).toThrow(ArgumentError);
  });
});

describe('default mode (retain: all)', () => {
  it('keeps every entity: the same object for a row for the life of the session', async () => {
    const total = 3_000;
    const { session, transport } = await open(total);
    const refs: WeakRef<AnyEntity>[] = [];
    await (async () => {
      for await (const task of session.query(TASK_QUERY, { pageSize: 300 })) refs.push(new WeakRef(task));
    })();
    await collect();
    expect(alive(refs)).toBe(total);
    expect(session.identityMap.size).toBe(total + SHARED);
    await (async () => {
      let i = 0;
      for await (const task of session.query(TASK_QUERY, { pageSize: 300 })) expect(task).toBe(refs[i++]!.deref());
    })();
    // One batching group for the whole read: a lazy load covers every row of it.
    await refs[0]!.deref()!.$load('parent');
    const loads = transport.expressions.filter((e) => e.includes(' where '));
    expect(loads.reduce((n, e) => n + idCount(e), 0)).toBe(total);
  });

  it('a default read during a bounded page keeps the rows it returns for the session', async () => {
    const total = 1_000;
    const { session } = await open(total);
    const ref = await (async () => {
      let kept: AnyEntity | undefined;
      for await (const task of session.query(TASK_QUERY, { pageSize: 100, retain: 'none' })) {
        if (kept !== undefined) continue;
        kept = task;
        const all = await session.query(TASK_QUERY, { pageSize: 100 }).all();
        expect(all[0]).toBe(kept);
      }
      return new WeakRef(kept!);
    })();
    await collect();
    expect(ref.deref()).toBeDefined();
    expect(session.identityMap.size).toBe(total + SHARED);
    expect(session.identityMap.find('Task', [syntheticId('Task', 0)])).toBe(ref.deref());
  });
});
