import { describe, expectTypeOf, it } from 'vitest';
import type { CommitResult, PendingChanges, Session } from 'ftrack-codegen';
import { q, type Project, type Sequence, type Shot, type Task, type Workspace } from '../../generated/index.js';

// The unit of work typed by the generated demo client (generated/).
declare const session: Session<Workspace>;
declare const project: Project;
declare const task: Task;

describe('session.create is typed by the generated create inputs', () => {
  it('accepts the tutorial call and returns the entity type', () => {
    const sequence = session.create('Sequence', { name: 'Starlord Reveal' });
    expectTypeOf(sequence).toEqualTypeOf<Sequence>();
    expectTypeOf(session.create('Shot', { name: 'sh010', parent: sequence })).toEqualTypeOf<Shot>();
    sequence.description = 'First hero character reveal.';
    sequence.parent = project;
    project.children.append(sequence);
  });

  it('rejects an unknown attribute and a wrong value type at compile time', () => {
    // @ts-expect-error - Sequence has no attribute "nme"
    session.create('Sequence', { nme: 'Starlord Reveal' });
    // @ts-expect-error - name is a string
    session.create('Sequence', { name: 42 });
    // @ts-expect-error - bid is a number
    session.create('Task', { name: 'x', bid: 'ten' });
    // @ts-expect-error - parent takes a Context, not a Status id string
    session.create('Shot', { parent: 'not an entity' });
    // @ts-expect-error - unknown entity type
    session.create('Sequenze', { name: 'x' });
  });

  it('ensure, delete, commit, rollback and pending are typed', async () => {
    expectTypeOf(await session.ensure('Sequence', { name: 'sq010', parent: project }, ['name', 'parent'])).toEqualTypeOf<Sequence>();
    // @ts-expect-error - identifying keys must be keys of the create input
    await session.ensure('Sequence', { name: 'sq010' }, ['nope']);
    session.delete(task);
    expectTypeOf(session.commit()).toEqualTypeOf<Promise<CommitResult>>();
    expectTypeOf(session.rollback()).toEqualTypeOf<void>();
    expectTypeOf(session.pending).toEqualTypeOf<PendingChanges>();
  });

  it('populate keeps the element type; $load resolves to the same entity type', async () => {
    expectTypeOf(await session.populate([task], 'status.name, parent')).toEqualTypeOf<Task[]>();
    const loaded = await task.$load('status.name', 'parent');
    expectTypeOf(loaded).toMatchTypeOf<Task>();
    expectTypeOf(loaded.status).toEqualTypeOf<Task['status']>();
    expectTypeOf(await task.$get('bid')).toEqualTypeOf<number>();
    // @ts-expect-error - Task has no attribute "nope"
    await task.$load('nope');
    // @ts-expect-error - Status has no attribute "nope"
    await task.$load('status.nope');
  });

  it('$load on a query row resolves to the full entity type', async () => {
    const query = q.Task.select('name');
    const [row] = await session.query(query).all();
    expectTypeOf(row!).not.toHaveProperty('bid');
    expectTypeOf(await row!.$load('bid', 'status.name')).toEqualTypeOf<Task>();
  });
});
