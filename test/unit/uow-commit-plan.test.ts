import { describe, expect, it } from 'vitest';
import { CommitValidationError, ImmutableAttributeError, InvalidStateError } from '../../runtime/errors.js';
import { pendingChanges, runCommit, type CommitChannel } from '../../runtime/unit-of-work/commit.js';
import { planCommit } from '../../runtime/unit-of-work/commit-plan.js';
import { RUNTIME } from '../../runtime/entity/entity-internals.js';
import { setLocalValue } from '../../runtime/entity/slots.js';
import { validatePlan } from '../../runtime/unit-of-work/commit-validation.js';
import { offlineSession } from './support/offline-session.js';

// Planning, compaction, ordering and validation of a commit, without a server.
function setup() {
  return offlineSession();
}

describe('create', () => {
  it('applies schema defaults locally and joins the identity map at once', () => {
    const { identity, create } = setup();
    const sequence = create('Sequence', { name: 'Starlord Reveal' });
    expect(sequence.$state).toBe('created');
    expect(sequence.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(sequence.object_type_id).toBe('082bdbe9-f9bb-43d2-82d4-ff2ddf0835b1');
    expect(sequence.context_type).toBe('task');
    expect(sequence.bid).toBe(0);
    expect(sequence.status_id).toBeUndefined();
    expect(identity.find('Sequence', [sequence.id])).toBe(sequence);
    expect(identity.find('TypedContext', [sequence.id])).toBe(sequence);
    expect(() => create('Sequence', { id: sequence.id })).toThrow(InvalidStateError);
  });
});

describe('compaction (the Python client worked example, spec 2.11)', () => {
  it('drops create+delete, keeps the last value and folds updates into creates', () => {
    const { uow, create } = setup();
    const a = create('User', { username: 'bob' });
    a.username = 'foo';
    a.email = 'e1';
    const b = create('User', { username: 'b' });
    b.email = 'b@x.io';
    a.email = 'e2';
    a.first_name = 'Ann';
    const c = create('User', { username: 'c' });
    c.email = 'c@x.io';
    uow.delete(c);
    const operations = planCommit(uow).map((p) => p.operation);
    expect(operations).toEqual([
      {
        action: 'create',
        entity_type: 'User',
        entity_key: [a.id],
        entity_data: { __entity_type__: 'User', email: 'e2', first_name: 'Ann', id: a.id, is_active: true, resource_type: 'user', username: 'foo' },
      },
      {
        action: 'create',
        entity_type: 'User',
        entity_key: [b.id],
        entity_data: { __entity_type__: 'User', email: 'b@x.io', id: b.id, is_active: true, resource_type: 'user', username: 'b' },
      },
    ]);
    expect(c.$state).toBe('deleted');
  });

  it('sends only changed attributes of persisted entities; assigning the remote value back cancels', () => {
    const { uow, load, summary } = setup();
    const task = load({ __entity_type__: 'Task', id: 't1', name: 'comp', bid: 1 });
    task.name = 'x';
    task.bid = 5;
    task.name = 'comp';
    expect(planCommit(uow).map((p) => p.operation)).toEqual([
      { action: 'update', entity_type: 'Task', entity_key: ['t1'], entity_data: { __entity_type__: 'Task', bid: 5 } },
    ]);
    task.bid = 1;
    expect(summary()).toEqual([]);
  });
});

describe('ordering', () => {
  it('creates before references, whatever the order of work; deletes last, children first', () => {
    const { uow, load, create, summary } = setup();
    const project = load({ __entity_type__: 'Project', id: 'p1', name: 'p' });
    const old = load({ __entity_type__: 'Sequence', id: 's-old', name: 'old', parent: { __entity_type__: 'Project', id: project.id } });
    const oldShot = load({ __entity_type__: 'Shot', id: 'sh-old', name: 'old', parent: { __entity_type__: 'Sequence', id: old.id } });
    const task = create('Task', { name: 'task' });
    const shot = create('Shot', { name: 'shot' });
    const sequence = create('Sequence', { name: 'seq', parent: project });
    task.parent = shot;
    shot.parent = sequence;
    project.name = 'renamed';
    uow.delete(old);
    uow.delete(oldShot);
    expect(summary()).toEqual(['create Sequence', 'create Shot', 'create Task', 'update Project', 'delete Shot', 'delete Sequence']);
  });

  it('breaks a reference cycle between creates with a follow-up update', () => {
    const { uow, create } = setup();
    const first = create('Note', { content: 'first' });
    const second = create('Note', { content: 'second', in_reply_to: first });
    first.in_reply_to = second;
    const operations = planCommit(uow).map((p) => p.operation as { action: string; entity_key?: string[]; entity_data?: Record<string, unknown> });
    expect(operations.map((op) => `${op.action} ${op.entity_key![0] === first.id ? 'first' : 'second'}`)).toEqual(['create second', 'create first', 'update second']);
    expect(operations[0]!.entity_data).not.toHaveProperty('in_reply_to');
    expect(operations[1]!.entity_data!.in_reply_to).toEqual({ __entity_type__: 'Note', id: second.id });
    expect(operations[2]!.entity_data).toEqual({ __entity_type__: 'Note', in_reply_to: { __entity_type__: 'Note', id: first.id } });
  });
});

describe('validation before sending', () => {
  it('reports every problem in one error and sends nothing', async () => {
    const { uow, load, create } = setup();
    const task = load({ __entity_type__: 'Task', id: 't1', name: 'n', status: null });
    const doomed = load({ __entity_type__: 'Sequence', id: 's1', name: 's' });
    task.bid = 'ten';
    expect(() => (task.id = 't2')).toThrow(ImmutableAttributeError);
    setLocalValue(task, task[RUNTIME].byName.get('created_at')!, null); // below the setter: only validation can catch it
    create('TypedContext', { name: 'abstract' });
    create('Sequence', { name: 'x', nme: 'typo', parent: doomed });
    create('Appointment', { type: 'meeting' });
    uow.delete(doomed);
    const sent: unknown[] = [];
    const channel: CommitChannel = { exchange: async (ops) => (sent.push(ops), []), runQueries: async () => [], decoder: undefined as never };
    const error = await runCommit(uow, channel).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommitValidationError);
    const problems = (error as CommitValidationError).problems.map((p) => `${p.entityType}.${p.attribute ?? '-'}: ${p.message}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        'Task.bid: expects a number, got the string "ten".',
        'Task.created_at: is immutable and cannot be changed once the entity exists.',
        expect.stringMatching(/^TypedContext\.-: TypedContext is abstract/),
        'Sequence.parent: refers to Sequence(s1), which is deleted.',
        'Sequence.nme: Sequence has no attribute "nme".',
        'Appointment.type: expects one of "assignment", "allocation", got the string "meeting".',
      ]),
    );
    expect(sent).toEqual([]);
    expect(pendingChanges(uow).problems).toHaveLength(validatePlan(planCommit(uow), uow).length);
  });
});

describe('rollback', () => {
  it('restores remote values, inverse collections, and drops created entities', () => {
    const { uow, identity, load, create } = setup();
    const project = load({ __entity_type__: 'Project', id: 'p1', name: 'p', children: [] });
    const other = load({ __entity_type__: 'Project', id: 'p2', name: 'q', children: [] });
    const existing = load({ __entity_type__: 'Sequence', id: 's1', name: 's', parent: { __entity_type__: 'Project', id: 'p1' } });
    project.children.append(existing); // already its parent: only the loaded list catches up
    expect(existing.$state).toBe('unchanged');
    const sequence = create('Sequence', { name: 'new', parent: project });
    existing.parent = other;
    project.name = 'renamed';
    expect(project.children.toArray()).toEqual([sequence]);
    expect(other.children.toArray()).toEqual([existing]);
    uow.rollback();
    expect(project.name).toBe('p');
    expect(existing.parent).toBe(project);
    expect(project.children.toArray()).toEqual([existing]);
    expect(other.children.toArray()).toEqual([]);
    expect(sequence.$state).toBe('deleted');
    expect(identity.find('Sequence', [sequence.id])).toBeUndefined();
    expect(planCommit(uow)).toEqual([]);
  });
});
