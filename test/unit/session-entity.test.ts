import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  ArgumentError,
  CollectionError,
  DuplicateItemInCollectionError,
  ImmutableAttributeError,
  InvalidStateError,
  NotLoadedError,
  UnknownAttributeError,
} from '../../runtime/errors.js';
import { dayjs } from '../../runtime/protocol/datetime.js';
import { parseSchemas } from '../../runtime/schema/index.js';
import { Decoder } from '../../runtime/identity/decoder.js';
import { IdentityMap } from '../../runtime/identity/identity-map.js';
import { NOT_SET, STATE } from '../../runtime/entity/entity-internals.js';
import { SessionEntityContext } from '../../runtime/session/session-context.js';
import { type BaseEntity } from '../../runtime/entity/base-entity.js';
import { type EntityLoader } from '../../runtime/loading/loader.js';
import { unitSchema } from '../support/fixture-server-mock.js';

type Loose = BaseEntity & Record<string, any>;

function setup() {
  const context = new SessionEntityContext();
  const identity = new IdentityMap(parseSchemas(unitSchema()), context);
  const decoder = new Decoder(identity);
  const one = (payload: Record<string, unknown>) => decoder.entity(payload) as Loose;
  return { context, identity, decoder, one };
}

describe('entity objects', () => {
  it('expose $type, $keys (all selectable attributes), $primaryKey and $isLoaded', () => {
    const { one } = setup();
    const task = one({ __entity_type__: 'Task', id: 't1', name: 'comp' });
    expect(task.$type).toBe('Task');
    expect(task.$keys()).toEqual(['bid', 'created_at', 'data', 'id', 'metadata', 'name', 'project', 'project_id', 'status']);
    expect(task.$primaryKey()).toEqual(['t1']);
    expect(task.$isLoaded('name')).toBe(true);
    expect(task.$isLoaded('bid')).toBe(false);
    expect(task.constructor.name).toBe('Task');
    expect(Object.keys(task)).toEqual([]);
  });

  it('throws NotLoadedError naming the type, the attribute and how to load it', () => {
    const { one } = setup();
    const task = one({ __entity_type__: 'Task', id: 't1' });
    const read = () => task.bid;
    expect(read).toThrow(NotLoadedError);
    expect(read).toThrow(/Task\.bid is not loaded.*\$get\('bid'\)/);
    expect(() => task.metadata).toThrow(NotLoadedError);
    expect(() => task.$isLoaded('nope')).toThrow(UnknownAttributeError);
  });

  it('reads null references and unset attributes of created entities as undefined', () => {
    const { one } = setup();
    const task = one({ __entity_type__: 'Task', id: 't1', project: null });
    expect(task.project).toBeNull();
    task[STATE] = 'created';
    expect(task.bid).toBeUndefined();
    expect(task.metadata.size).toBe(0);
  });

  it('records local values, tracks dirtiness and refuses immutable changes', () => {
    const { one } = setup();
    const task = one({ __entity_type__: 'Task', id: 't1', name: 'comp', created_at: { __type__: 'datetime', value: '2024-01-01T00:00:00' } });
    task.name = 'lighting';
    expect(task.name).toBe('lighting');
    expect(task.$state).toBe('modified');
    task.name = 'comp';
    expect(task.$state).toBe('unchanged');
    task.created_at = new Date('2024-01-01T00:00:00Z');
    expect(task.$state).toBe('unchanged');
    task.created_at = '2024-05-01T10:00:00+02:00';
    expect(task.created_at.toISOString()).toBe('2024-05-01T08:00:00.000Z');
    task.name = NOT_SET;
    expect(task.name).toBe('comp');
    expect(() => (task.id = 'other')).toThrow(ImmutableAttributeError);
    expect(() => (task.created_at = 'yesterday')).toThrow(ArgumentError);
    expect(() => (task.project = { id: 'p' })).toThrow(ArgumentError);
    task[STATE] = 'deleted';
    expect(() => (task.name = 'x')).toThrow(InvalidStateError);
  });

  it('rejects entities of another session', () => {
    const a = setup();
    const b = setup();
    const task = a.one({ __entity_type__: 'Task', id: 't1' });
    const foreign = b.one({ __entity_type__: 'Project', id: 'p1' });
    expect(() => (task.project = foreign)).toThrow(/another session/);
  });

  it('collections: live view, append, remove, duplicates', () => {
    const { one } = setup();
    const project = one({ __entity_type__: 'Project', id: 'p1', tasks: [{ __entity_type__: 'Task', id: 't1' }] });
    const extra = one({ __entity_type__: 'Task', id: 't2' });
    const tasks = project.tasks;
    expect(project.tasks).toBe(tasks);
    tasks.append(extra);
    expect([...tasks].map((t: Loose) => t.id)).toEqual(['t1', 't2']);
    expect(project.$state).toBe('modified');
    expect(() => tasks.append(extra)).toThrow(DuplicateItemInCollectionError);
    tasks.remove(extra);
    expect(project.$state).toBe('unchanged');
    expect(() => tasks.remove(extra)).toThrow(CollectionError);
    expect(tasks.includes(extra)).toBe(false);
  });

  it('mapped arrays read as key → value maps; existing keys update the item', () => {
    const { one } = setup();
    const task = one({
      __entity_type__: 'Task',
      id: 't1',
      metadata: [{ __entity_type__: 'Metadata', parent_id: 't1', key: 'fps', value: '24' }],
    });
    expect(task.metadata.get('fps')).toBe('24');
    expect(task.metadata.keys()).toEqual(['fps']);
    task.metadata.set('fps', '25');
    expect(task.metadata.get('fps')).toBe('25');
    expect(task.metadata.items()[0].$state).toBe('modified');
    expect(() => task.metadata.set('new', '1')).toThrow(InvalidStateError);
    expect(task.metadata.toJSON()).toEqual({ fps: '25' });
  });

  it('serialises and inspects loaded values only', () => {
    const { one } = setup();
    const task = one({ __entity_type__: 'Task', id: 't1', name: 'x', project: { __entity_type__: 'Project', id: 'p1' }, created_at: { __type__: 'datetime', value: '2024-01-01T00:00:00' } });
    expect(JSON.parse(JSON.stringify(task))).toEqual({ __entity_type__: 'Task', id: 't1', name: 'x', project: { __entity_type__: 'Project', id: 'p1' }, created_at: '2024-01-01T00:00:00.000Z' });
    expect(inspect(task)).toContain("Task { created_at: dayjs.utc('2024-01-01T00:00:00.000Z'), id: 't1', name: 'x', project: Project(p1) }");
    expect(dayjs.isDayjs(task.created_at)).toBe(true);
  });

  it('$get and $load go through the replaceable loader, not for loaded or created entities', async () => {
    const { context, one } = setup();
    const calls: string[][] = [];
    const loader: EntityLoader = {
      async load(_entities, paths) {
        calls.push([...paths]);
        one({ __entity_type__: 'Task', id: 't1', bid: 7 });
      },
    };
    context.loader = loader;
    const task = one({ __entity_type__: 'Task', id: 't1', name: 'n' });
    expect(await task.$get('name')).toBe('n');
    expect(await task.$get('bid')).toBe(7);
    expect(await task.$load('status.name', 'project')).toBe(task);
    expect(calls).toEqual([['bid'], ['status.name', 'project']]);
    task[STATE] = 'created';
    await task.$load('name');
    expect(calls).toHaveLength(2);
  });
});
