import { describe, expect, it } from 'vitest';
import { ArgumentError, CommitValidationError, UnknownAttributeError } from '../../runtime/errors.js';
import { parseSchemas } from '../../runtime/schema/index.js';
import { Decoder } from '../../runtime/identity/decoder.js';
import { IdentityMap } from '../../runtime/identity/identity-map.js';
import { pendingChanges, runCommit, type CommitChannel } from '../../runtime/unit-of-work/commit.js';
import { planCommit } from '../../runtime/unit-of-work/commit-plan.js';
import { SessionEntityContext } from '../../runtime/session/session-context.js';
import { UnitOfWork } from '../../runtime/unit-of-work/unit-of-work.js';
import { type BaseEntity } from '../../runtime/entity/base-entity.js';
import { offlineSession } from '../unit/support/offline-session.js';

// Issue 9, item 3: assigning an attribute the schema does not have throws UnknownAttributeError
// (it used to be silently kept on the object and never sent); rollback() restores a collection's
// order as well as its members.

describe('unknown attributes', () => {
  it('a property assignment throws UnknownAttributeError and changes nothing', () => {
    const { load, uow } = offlineSession();
    const task = load({ __entity_type__: 'Task', id: 't1', name: 'n' });
    const error = (() => {
      try {
        task.nmae = 'typo';
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UnknownAttributeError);
    expect(error).toMatchObject({ code: 'UNKNOWN_ATTRIBUTE', entityType: 'Task', attribute: 'nmae' });
    expect(Object.prototype.hasOwnProperty.call(task, 'nmae')).toBe(false);
    expect(task.$state).toBe('unchanged');
    expect(planCommit(uow)).toEqual([]);
  });

  it('Object.assign stops at the unknown key; known keys before it are assigned as usual', () => {
    const { create } = offlineSession();
    const sequence = create('Sequence', { name: 'x' });
    expect(() => Object.assign(sequence, { description: 'ok', colour: 'red' })).toThrow(UnknownAttributeError);
    expect(sequence.description).toBe('ok');
  });

  it('on created entities and in sloppy-mode code alike', () => {
    const { create } = offlineSession();
    const sequence = create('Sequence', { name: 'x' });
    // Function-constructed code is sloppy mode: a plain object would silently take the property.
    const sloppyAssign = new Function('entity', 'entity.nmae = 1;') as (entity: unknown) => void;
    expect(() => sloppyAssign(sequence)).toThrow(UnknownAttributeError);
    expect(() => {
      (sequence as Record<string, unknown>)['__proto__'] = {};
    }).toThrow(UnknownAttributeError);
    expect(Object.getPrototypeOf(sequence)).toBe(sequence.constructor.prototype);
  });

  it('known attributes, symbols and the runtime members keep working', () => {
    const { load } = offlineSession();
    const task = load({ __entity_type__: 'Task', id: 't1', name: 'n' });
    task.name = 'renamed';
    expect(task.name).toBe('renamed');
    const tag = Symbol('tag');
    (task as unknown as Record<symbol, unknown>)[tag] = 1;
    expect((task as unknown as Record<symbol, unknown>)[tag]).toBe(1);
    expect(task.$type).toBe('Task');
    expect(JSON.parse(JSON.stringify(task))).toMatchObject({ __entity_type__: 'Task', name: 'renamed' });
  });

  it('unknown keys given to create() are refused by the commit, before anything is sent', async () => {
    const { create, uow } = offlineSession();
    create('Sequence', { name: 'x', nme: 'typo' });
    expect(pendingChanges(uow).problems).toEqual([expect.objectContaining({ attribute: 'nme', message: 'Sequence has no attribute "nme".' })]);
    const sent: unknown[] = [];
    const channel: CommitChannel = { exchange: async (ops) => (sent.push(ops), []), runQueries: async () => [], decoder: undefined as never };
    await expect(runCommit(uow, channel)).rejects.toBeInstanceOf(CommitValidationError);
    expect(sent).toEqual([]);
  });

  it('a protected schema name (no property) points to $set instead of failing silently', () => {
    const schema = parseSchemas([
      { id: 'Thing', type: 'object', primary_key: ['id'], properties: { id: { type: 'string' }, name: { type: 'string' }, then: { type: 'string' } } },
    ]);
    const context = new SessionEntityContext();
    const identity = new IdentityMap(schema, context);
    context.unitOfWork = new UnitOfWork(schema, identity);
    const thing = new Decoder(identity).entity({ __entity_type__: 'Thing', id: 'x1', name: 'n', then: 'later' }) as BaseEntity & Record<string, unknown>;
    expect(() => {
      thing.then = 'now';
    }).toThrow(ArgumentError);
    expect(() => {
      thing.then = 'now';
    }).toThrow(/\$set\('then'/);
    thing.$set('then' as never, 'now' as never);
    expect(planCommit(context.unitOfWork).map((p) => p.operation)).toEqual([
      { action: 'update', entity_type: 'Thing', entity_key: ['x1'], entity_data: { __entity_type__: 'Thing', then: 'now' } },
    ]);
  });
});

describe('rollback restores collection order', () => {
  it('a member removed from the middle of a loaded collection comes back at its place', () => {
    const { load, uow } = offlineSession();
    const ids = ['a', 'b', 'c', 'd'];
    const project = load({
      __entity_type__: 'Project',
      id: 'p1',
      name: 'p',
      children: ids.map((id) => ({ __entity_type__: 'Sequence', id, name: id, parent: { __entity_type__: 'Project', id: 'p1' } })),
    });
    const other = load({ __entity_type__: 'Project', id: 'p2', name: 'q', children: [] });
    const order = () => [...project.children].map((child: { id: string }) => child.id);
    const [, b, c] = [...project.children];
    project.children.remove(b);
    c.parent = other;
    expect(order()).toEqual(['a', 'd']);
    uow.rollback();
    expect(order()).toEqual(ids);
    expect([...other.children]).toEqual([]);
    expect([b.parent, c.parent]).toEqual([project, project]);
  });
});
