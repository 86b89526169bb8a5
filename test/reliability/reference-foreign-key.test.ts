import { describe, expect, it } from 'vitest';
import { CommitValidationError, NotLoadedError, Session, type AnyEntity } from 'ftrack-codegen';
import { PROJECT_IDS, STATUS_IDS } from '../../server/demo/ids.js';
import { pendingChanges } from '../../runtime/unit-of-work/commit.js';
import { type UnitOfWork } from '../../runtime/unit-of-work/unit-of-work.js';
import { offlineSession } from '../unit/support/offline-session.js';
import type { FaultProxy } from './support/commit-fault-proxy.js';
import { useProxiedDemo } from './support/proxied-demo.js';

// Issue 9, item 3: a reference and its foreign key (`parent` ↔ `parent_id`, linked by schema
// metadata) agree locally before commit, whichever side is set; contradictory values in one
// create are refused before anything is sent; after commit the session holds what the server stored.

describe('locally, before any commit (offline)', () => {
  function persistedSequence() {
    const offline = offlineSession();
    const test = offline.load({ __entity_type__: 'Project', id: 'p-test', name: 'test' });
    const bunny = offline.load({ __entity_type__: 'Project', id: 'p-bunny', name: 'bunny' });
    const sequence = offline.load({ __entity_type__: 'Sequence', id: 's1', name: 's', parent_id: 'p-test', parent: { __entity_type__: 'Project', id: 'p-test' } });
    return { ...offline, test, bunny, sequence };
  }

  it('setting the reference sets the foreign key', () => {
    const { sequence, bunny, summary } = persistedSequence();
    sequence.parent = bunny;
    expect(sequence.parent_id).toBe('p-bunny');
    expect(summary()).toEqual(['update Sequence']);
  });

  it('setting the foreign key sets the reference', () => {
    const { sequence, bunny } = persistedSequence();
    sequence.parent_id = 'p-bunny';
    expect(sequence.parent).toBe(bunny);
  });

  it('setting the foreign key, then the reference back to its old target, leaves nothing pending', () => {
    const { sequence, test, uow, summary } = persistedSequence();
    sequence.parent_id = 'p-bunny';
    sequence.parent = test;
    expect(sequence.parent_id).toBe('p-test');
    expect(sequence.$state).toBe('unchanged');
    expect(summary()).toEqual([]);
    expect(pendingChanges(uow).modified).toEqual([]);
  });

  it('setting the reference, then the foreign key back, leaves nothing pending', () => {
    const { sequence, bunny, test, summary } = persistedSequence();
    sequence.parent = bunny;
    sequence.parent_id = 'p-test';
    expect(sequence.parent).toBe(test);
    expect(summary()).toEqual([]);
  });

  it('null on either side clears the other', () => {
    const { sequence } = persistedSequence();
    sequence.parent_id = null;
    expect(sequence.parent).toBeNull();
    const other = persistedSequence().sequence;
    other.parent = null;
    expect(other.parent_id).toBeNull();
  });

  it('a foreign key naming an entity of a concrete type the session does not hold gets a stub reference', () => {
    const { sequence, identity } = persistedSequence();
    sequence.status_id = 'st-new';
    expect(sequence.status.$type).toBe('Status');
    expect(sequence.status.id).toBe('st-new');
    expect(identity.find('Status', ['st-new'])).toBe(sequence.status);
  });

  it('a foreign key naming an unknown entity of an abstract type leaves the reference unknown; rollback restores it', () => {
    const { sequence, test, uow } = persistedSequence();
    sequence.parent_id = 'ctx-unknown';
    expect(() => sequence.parent).toThrow(NotLoadedError);
    uow.rollback();
    expect(sequence.parent).toBe(test);
    expect(sequence.parent_id).toBe('p-test');
  });

  it('a create with only one side sets the other; the commit sends the reference (which orders the batch)', () => {
    const { create, bunny, uow } = persistedSequence();
    const byReference = create('Sequence', { name: 'by ref', parent: bunny });
    expect(byReference.parent_id).toBe('p-bunny');
    const byKey = create('Sequence', { name: 'by key', parent_id: 'p-bunny' });
    expect(byKey.parent).toBe(bunny);
    const planned = offlineSummaryData(uow) as Record<string, unknown>[];
    expect(planned).toHaveLength(2);
    for (const data of planned) {
      expect(data.parent).toEqual({ __entity_type__: 'Project', id: 'p-bunny' });
      expect(data).not.toHaveProperty('parent_id');
    }
  });

  it('contradictory values in one create are kept as given and refused before sending', () => {
    const { create, test, uow } = persistedSequence();
    const sequence = create('Sequence', { name: 'contradiction', parent: test, parent_id: 'p-bunny' });
    expect(sequence.parent).toBe(test);
    expect(sequence.parent_id).toBe('p-bunny');
    const problems = validation(uow);
    expect(problems).toEqual([expect.objectContaining({ entityType: 'Sequence', attribute: 'parent_id', message: expect.stringMatching(/contradicts parent/) })]);
  });
});

function offlineSummaryData(uow: UnitOfWork): unknown[] {
  return pendingChanges(uow).operations.map((op) => (op as { entity_data?: unknown }).entity_data);
}
function validation(uow: UnitOfWork) {
  return pendingChanges(uow).problems;
}

describe('against the local server', () => {
  let proxy: FaultProxy;
  let session: Session;
  let test: AnyEntity;
  let bunny: AnyEntity;
  const demo = useProxiedDemo({
    load: async (fresh) => {
      ({ proxy, session } = fresh);
      test = (await session.get('Project', PROJECT_IDS.test))!;
      bunny = (await session.get('Project', PROJECT_IDS.bunny))!;
    },
  });
  const open = () => demo.open();
  async function stored(id: unknown): Promise<AnyEntity> {
    const other = open();
    try {
      return await other.query(`select parent_id, parent.name, status_id from Sequence where id is "${String(id)}"`).one();
    } finally {
      await other.close();
    }
  }

  it('create(…, { parent: test, parent_id: bunny }) is a CommitValidationError and nothing is sent', async () => {
    session.create('Sequence', { name: 'both', parent: test, parent_id: bunny.id });
    const error = await session.commit().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommitValidationError);
    expect((error as CommitValidationError).problems.map((p) => p.attribute)).toEqual(['parent_id']);
    expect(proxy.batches).toHaveLength(0);
  });

  it('after a move by reference the session and the server agree on both sides', async () => {
    const sequence = session.create('Sequence', { name: 'mover', parent: test });
    await session.commit();
    expect(sequence.parent_id).toBe(test.id);
    sequence.parent = bunny;
    expect(sequence.parent_id).toBe(bunny.id);
    await session.commit();
    const row = await stored(sequence.id);
    expect(row.parent_id).toBe(bunny.id);
    expect((row.parent as AnyEntity).name).toBe(bunny.name);
    expect([sequence.parent, sequence.parent_id, sequence.$state]).toEqual([bunny, bunny.id, 'unchanged']);
  });

  it('after a move by foreign key the session and the server agree on both sides', async () => {
    const sequence = session.create('Sequence', { name: 'mover by id', parent_id: test.id });
    expect(sequence.parent).toBe(test);
    await session.commit();
    sequence.parent_id = bunny.id;
    expect(sequence.parent).toBe(bunny);
    await session.commit();
    expect((await stored(sequence.id)).parent_id).toBe(bunny.id);
    expect([sequence.parent, sequence.parent_id]).toEqual([bunny, bunny.id]);
  });

  it('setting parent_id, then parent back to the project it points to, commits nothing and keeps the right id', async () => {
    const sequence = session.create('Sequence', { name: 'stale id', parent: test });
    await session.commit();
    sequence.parent_id = bunny.id;
    sequence.parent = test;
    expect(sequence.parent_id).toBe(test.id);
    expect(await session.commit()).toEqual({ operations: [], requests: 0 });
    expect((await stored(sequence.id)).parent_id).toBe(test.id);
  });

  it('a foreign key to an entity the session never loaded is stored, and the reference is read from the server after commit', async () => {
    const fresh = await open().ready();
    try {
      const sequence = fresh.create('Sequence', { name: 'by unknown id', parent_id: PROJECT_IDS.bunny, status_id: STATUS_IDS.Ready });
      expect((sequence.status as AnyEntity).id).toBe(STATUS_IDS.Ready);
      expect(sequence.parent).toBeUndefined(); // an abstract Context the session has not loaded: known after commit
      await fresh.commit();
      expect(sequence.$state).toBe('unchanged');
      const parent = (await sequence.$get('parent')) as AnyEntity;
      expect([parent.$type, parent.id]).toEqual(['Project', PROJECT_IDS.bunny]);
      expect((await stored(sequence.id)).status_id).toBe(STATUS_IDS.Ready);
    } finally {
      await fresh.close();
    }
  });
});
