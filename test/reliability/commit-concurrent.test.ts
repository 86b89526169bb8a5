import { describe, expect, it } from 'vitest';
import { RequestAbortedError, Session, type AnyEntity } from 'ftrack-codegen';
import { PROJECT_IDS } from '../../server/demo/ids.js';
import type { FaultProxy } from './support/commit-fault-proxy.js';
import { useProxiedDemo } from './support/proxied-demo.js';

// Issue 9, item 1: one commit at a time per session. A commit() called while another is in
// flight waits for it, then sends what is still pending: no operation is ever sent twice.
let proxy: FaultProxy;
let session: Session;
let project: AnyEntity;

const demo = useProxiedDemo({
  load: async (fresh) => {
    ({ proxy, session } = fresh);
    project = (await session.get('Project', PROJECT_IDS.test))!;
  },
});
const open = () => demo.open();
const createsOf = (id: unknown) => proxy.operations('create').filter((op) => (op.entity_data as { id?: unknown }).id === id);

describe('concurrent commits', () => {
  it('two commits at once send the create once; the second finds nothing pending', async () => {
    const sequence = session.create('Sequence', { name: 'twice', parent: project });
    const [first, second] = await Promise.all([session.commit(), session.commit()]);
    expect(first.operations.map((op) => op.action)).toEqual(['create']);
    expect(second).toEqual({ operations: [], requests: 0 });
    expect(createsOf(sequence.id)).toHaveLength(1);
    expect(sequence.$state).toBe('unchanged');
  });

  it('ten commits at once with changes in between send each operation exactly once', async () => {
    const created: AnyEntity[] = [];
    const commits: Promise<unknown>[] = [];
    for (let i = 0; i < 10; i++) {
      created.push(session.create('Sequence', { name: `burst ${i}`, parent: project }));
      commits.push(session.commit());
    }
    await Promise.all(commits);
    for (const sequence of created) {
      expect(createsOf(sequence.id)).toHaveLength(1);
      expect(sequence.$state).toBe('unchanged');
    }
    const other = open();
    try {
      const rows = await other.query(`select id from Sequence where name like "burst %" and parent.id is "${project.id}"`).all();
      expect(rows).toHaveLength(10);
    } finally {
      await other.close();
    }
  });

  it('a commit called during a flight waits for its answer, then sends only what is still pending', async () => {
    const first = session.create('Sequence', { name: 'first', parent: project });
    const held = proxy.next({ kind: 'hold' });
    const one = session.commit();
    await held.arrived;
    const second = session.create('Sequence', { name: 'second', parent: project });
    const two = session.commit();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(proxy.batches.filter((batch) => batch.operations.some((op) => op.action === 'create'))).toHaveLength(1); // the second waits
    held.release();
    const [a, b] = await Promise.all([one, two]);
    expect(a.operations.map((op) => (op as unknown as { entity_data: { id: unknown } }).entity_data.id)).toEqual([first.id]);
    expect(b.operations.map((op) => (op as unknown as { entity_data: { id: unknown } }).entity_data.id)).toEqual([second.id]);
    expect(createsOf(first.id)).toHaveLength(1);
    expect(createsOf(second.id)).toHaveLength(1);
  });

  it('a waiting commit aborted before its turn sends nothing and rejects with RequestAbortedError', async () => {
    const first = session.create('Sequence', { name: 'turn', parent: project });
    const held = proxy.next({ kind: 'hold' });
    const one = session.commit();
    await held.arrived;
    const late = session.create('Sequence', { name: 'aborted-while-waiting', parent: project });
    const controller = new AbortController();
    const two = session.commit({ signal: controller.signal });
    controller.abort();
    await expect(two).rejects.toBeInstanceOf(RequestAbortedError);
    held.release();
    await one;
    expect(first.$state).toBe('unchanged');
    expect(late.$state).toBe('created');
    expect(createsOf(late.id)).toHaveLength(0);
    await session.commit();
    expect(createsOf(late.id)).toHaveLength(1);
  });
});
