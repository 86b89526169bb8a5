import type { Dayjs } from 'dayjs';
import { describe, expectTypeOf, it } from 'vitest';
import { and, not, or, type Condition, type Fields, type Subquery, type VariableQueryValue } from 'ftrack-codegen';
import { q, type Context, type Status, type Timelog } from '../../generated/index.js';

// Field operators of the generated demo client, by attribute kind, and the calls the schema forbids.

describe('fields are typed by attribute kind', () => {
  it('offers the operators of each kind with the right argument types', () => {
    q.Task.where((t) => {
      expectTypeOf(t.name.like).parameter(0).toEqualTypeOf<string>();
      expectTypeOf(t.name.in).parameter(0).toEqualTypeOf<readonly string[] | Subquery>();
      expectTypeOf(t.bid.gt).parameter(0).toEqualTypeOf<number>();
      expectTypeOf(t.bid.eq).parameter(0).toEqualTypeOf<number>();
      expectTypeOf(t.start_date.after).parameter(0).toEqualTypeOf<Dayjs | Date | string>();
      expectTypeOf(t.start_date.lte).parameter(0).toEqualTypeOf<Dayjs | Date | string>();
      expectTypeOf(t.status.is_active.eq).parameter(0).toEqualTypeOf<boolean>();
      expectTypeOf(t.status.has).parameter(0).parameter(0).toHaveProperty('name');
      expectTypeOf(t.status.eq).parameter(0).toEqualTypeOf<{ readonly id: string }>();
      expectTypeOf(t.timelogs.start.after).returns.toEqualTypeOf<Condition>();
      expectTypeOf(t.timelogs.any).parameter(0).toEqualTypeOf<((fields: Fields<Timelog>) => Condition) | undefined>();
      expectTypeOf(t.metadata.entry('frame_rate').eq).parameter(0).toEqualTypeOf<string>();
      expectTypeOf(t.custom_attributes.entry('fps').gt).parameter(0).toEqualTypeOf<VariableQueryValue>();
      expectTypeOf(t.status.name.$path).toEqualTypeOf<'status.name'>();
      expectTypeOf(t.parent.parent.name.$path).toEqualTypeOf<'parent.parent.name'>();
      expectTypeOf(t.timelogs.user.username.$path).toEqualTypeOf<'timelogs.user.username'>();
      return and(t.name.eq('a'), t.bid.gte(1), t.status.isNone(), t.timelogs.any(), not(t.name.eq('b')));
    });
  });

  it('conditions combine with and/or/not and methods; subqueries are accepted by in/notIn', () => {
    const query = q.Project.where((p) =>
      or(p.status.eq('active'), p.is_global.eq(true))
        .and(p.id.in(q.Task.select('project_id').where((t) => t.bid.gt(1))))
        .or(p.id.notIn(q.Task.select('project_id')).not()),
    );
    expectTypeOf(query.toString()).toEqualTypeOf<string>();
    const status = {} as Status;
    q.Task.where((t) => t.status.eq(status).or(t.status.ne({ id: 'x' })));
  });

  it('types the entity interfaces as the generator emits them', () => {
    expectTypeOf<Status['name']>().toEqualTypeOf<string | null>();
    expectTypeOf<Status['is_active']>().toEqualTypeOf<boolean>();
    expectTypeOf<Timelog['start']>().toEqualTypeOf<Dayjs>();
    expectTypeOf<Context['parent']>().toEqualTypeOf<Context | null>();
  });
});

describe('the schema forbids', () => {
  it('wrong operators and attributes inside where()', () => {
    q.Task.where((t) => {
      // @ts-expect-error - unknown attribute
      t.stauts.eq('x');
      // @ts-expect-error - .gt() does not exist on a string attribute
      t.name.gt(5);
      // @ts-expect-error - .eq() on a number attribute takes a number, not a string
      t.bid.eq('x');
      // @ts-expect-error - .in() on a number attribute takes numbers
      t.bid.in(['1']);
      // @ts-expect-error - .any() does not exist on a scalar attribute
      t.name.any();
      // @ts-expect-error - .like() does not exist on a date-time attribute
      t.start_date.like('2026%');
      // @ts-expect-error - .contains() does not exist on a date-time attribute
      t.end_date.contains('2026');
      // @ts-expect-error - .startsWith() does not exist on a number attribute
      t.bid.startsWith('4');
      // @ts-expect-error - a date-time takes a Dayjs, Date or ISO string, not a number
      t.start_date.after(5);
      // @ts-expect-error - a JSON attribute only has isNone/isNotNone
      t.thumbnail_url.eq('x');
      // @ts-expect-error - booleans have no ordering
      t.status.is_active.gt(true);
      // @ts-expect-error - a boolean compares with a boolean
      t.status.is_active.eq('true');
      // @ts-expect-error - .has() is for references, not collections
      t.timelogs.has((l) => l.duration.gt(1));
      // @ts-expect-error - .any() is for collections, not references
      t.status.any();
      // @ts-expect-error - a reference compares with an entity (its primary key), not a string
      t.status.eq('Done');
      // @ts-expect-error - every() needs a condition callback
      t.timelogs.every();
      // @ts-expect-error - unknown attribute behind a relation
      t.status.nme.eq('x');
      // @ts-expect-error - unknown attribute of a collection member
      t.timelogs.durration.gt(1);
      return t.bid.gt(1);
    });
    q.Project.where((p) => {
      // @ts-expect-error - Project.status is a string attribute: .eq() takes a string
      p.status.eq(1);
      // @ts-expect-error - Project.status is a string, not a reference
      p.status.name.eq('active');
      return p.status.eq('active');
    });
  });

  it('bad paths, directions, callbacks and entity types', () => {
    // @ts-expect-error - unknown attribute in a select path
    q.Task.select('stauts');
    // @ts-expect-error - unknown attribute behind a relation in a select path
    q.Task.select('status.nme');
    // @ts-expect-error - a path cannot continue after a scalar
    q.Task.select('name.length');
    // @ts-expect-error - `$`-members are not attributes
    q.Task.select('$type');
    // @ts-expect-error - unknown attribute at the third segment (past the generated path list)
    q.Task.select('timelogs.user.usernme');
    // @ts-expect-error - one wrong path among listed ones
    q.Task.select('name', 'status.name', 'bid', 'parent.nme');
    // @ts-expect-error - wrong path after six right ones
    q.Task.select('name', 'bid', 'sort', 'status', 'type', 'priority', 'parent.nme');
    // @ts-expect-error - unknown attribute behind a relation in an order by path
    q.Task.orderBy('status.nme');
    // @ts-expect-error - unknown attribute in an order by path
    q.Task.orderBy('nme');
    // @ts-expect-error - only 'asc' or 'desc'
    q.Task.orderBy('name', 'up');
    // @ts-expect-error - a limit is a number
    q.Task.limit('10');
    // @ts-expect-error - where callbacks must return a condition
    q.Task.where((t) => t.name);
    // @ts-expect-error - unknown entity type
    void q.Tsk;
  });
});
