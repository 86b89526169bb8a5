import { describe, expect, it } from 'vitest';
import { InvalidStateError, Session, type AnyEntity } from 'ftrack-codegen';
import { PROJECT_IDS } from '../../server/demo/ids.js';
import type { FaultProxy } from './support/commit-fault-proxy.js';
import { useProxiedDemo } from './support/proxied-demo.js';

// Issue 9, item 1: a commit marks saved exactly what it sent; changes made while it is in flight
// stay pending and are not overwritten by the server's answer. Faults: a loopback proxy that
// holds the answer until the test releases it.
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

/** The stored row, read by a fresh session (no identity map shared). */
async function stored(type: string, id: string, attributes = 'name'): Promise<AnyEntity | undefined> {
  const other = open();
  try {
    return await other.query(`select ${attributes} from ${type} where id is "${id}"`).first();
  } finally {
    await other.close();
  }
}

describe('changes made while a commit is in flight', () => {
  it('an update made during the flight stays pending, is not overwritten, and is sent next', async () => {
    const sequence = session.create('Sequence', { name: 'inflight-update', parent: project });
    await session.commit();
    sequence.name = 'a';
    const held = proxy.next({ kind: 'hold' });
    const commit = session.commit();
    await held.arrived;
    sequence.name = 'b';
    held.release();
    await commit;
    expect(sequence.name).toBe('b');
    expect(sequence.$state).toBe('modified');
    expect(session.pending.operations).toEqual([
      { action: 'update', entity_type: 'Sequence', entity_key: [sequence.id], entity_data: { __entity_type__: 'Sequence', name: 'b' } },
    ]);
    expect((await stored('Sequence', sequence.id as string))!.name).toBe('a');
    await session.commit();
    expect(sequence.$state).toBe('unchanged');
    expect(session.pending.operations).toEqual([]);
    expect((await stored('Sequence', sequence.id as string))!.name).toBe('b');
  });

  it('a created entity renamed during the flight is created once, then updated', async () => {
    const sequence = session.create('Sequence', { name: 'a', parent: project });
    const held = proxy.next({ kind: 'hold' });
    const commit = session.commit();
    await held.arrived;
    sequence.name = 'b';
    // While in flight: the create is in flight, what is left is an update of the new name.
    expect(session.pending.inFlight.map((op) => op.action)).toEqual(['create']);
    expect(session.pending.operations).toEqual([
      { action: 'update', entity_type: 'Sequence', entity_key: [sequence.id], entity_data: { __entity_type__: 'Sequence', name: 'b' } },
    ]);
    held.release();
    await commit;
    expect(sequence.name).toBe('b');
    expect(sequence.$state).toBe('modified');
    expect(session.pending.inFlight).toEqual([]);
    expect((await stored('Sequence', sequence.id as string))!.name).toBe('a');
    const second = await session.commit();
    expect(second.operations.map((op) => op.action)).toEqual(['update']);
    expect(sequence.$state).toBe('unchanged');
    expect(proxy.operations('create').filter((op) => (op.entity_data as { id?: string }).id === sequence.id)).toHaveLength(1);
    expect((await stored('Sequence', sequence.id as string))!.name).toBe('b');
  });

  it('an unchanged value set again to the same value during the flight counts as saved', async () => {
    const sequence = session.create('Sequence', { name: 'same', parent: project });
    const held = proxy.next({ kind: 'hold' });
    const commit = session.commit();
    await held.arrived;
    sequence.name = 'other';
    sequence.name = 'same';
    held.release();
    await commit;
    expect(sequence.$state).toBe('unchanged');
    expect(session.pending.operations).toEqual([]);
  });

  it('a created entity deleted during the flight is deleted on the server by the next commit', async () => {
    const sequence = session.create('Sequence', { name: 'deleted-in-flight', parent: project });
    const held = proxy.next({ kind: 'hold' });
    const commit = session.commit();
    await held.arrived;
    session.delete(sequence);
    expect(sequence.$state).toBe('deleted');
    held.release();
    await commit;
    expect(await stored('Sequence', sequence.id as string)).toBeDefined();
    const next = await session.commit();
    expect(next.operations).toEqual([{ action: 'delete', entity_type: 'Sequence', entity_key: [sequence.id] }]);
    expect(await stored('Sequence', sequence.id as string)).toBeUndefined();
    expect(session.identityMap.find('Sequence', [sequence.id as string])).toBeUndefined();
  });

  it('rollback() after a commit that had edits in flight keeps what that commit saved', async () => {
    const bunny = (await session.get('Project', PROJECT_IDS.bunny))!;
    await session.populate([project, bunny], 'children');
    const sequence = session.create('Sequence', { name: 'mover', parent: project });
    await session.commit();
    sequence.parent = bunny;
    const held = proxy.next({ kind: 'hold' });
    const commit = session.commit();
    await held.arrived;
    sequence.name = 'mover renamed';
    held.release();
    await commit;
    session.rollback();
    expect(sequence.name).toBe('mover');
    expect(sequence.parent).toBe(bunny);
    expect([...(bunny.children as Iterable<AnyEntity>)]).toContain(sequence);
    expect([...(project.children as Iterable<AnyEntity>)]).not.toContain(sequence);
  });

  it('rollback() during the flight is refused and loses nothing', async () => {
    const sequence = session.create('Sequence', { name: 'no-rollback', parent: project });
    const held = proxy.next({ kind: 'hold' });
    const commit = session.commit();
    await held.arrived;
    expect(() => session.rollback()).toThrow(InvalidStateError);
    held.release();
    await commit;
    expect(sequence.$state).toBe('unchanged');
    expect((await stored('Sequence', sequence.id as string))!.name).toBe('no-rollback');
  });
});
