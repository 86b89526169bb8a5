import type { Dayjs } from 'dayjs';
import { describe, expectTypeOf, it } from 'vitest';
import { and, type Collection, type Condition, type QueryResult, type RowOf, type Session } from 'ftrack-codegen';
import { q, type Context, type Project, type Shot, type Status, type Task, type Timelog } from './support/mini-client.js';

declare const session: Session;

describe('result types follow the selection', () => {
  it('default projections: $type, primary key and the default projection attributes only', () => {
    type Row = RowOf<typeof q.Project>;
    expectTypeOf<Row['$type']>().toEqualTypeOf<'Project'>();
    expectTypeOf<Row['id']>().toEqualTypeOf<string>();
    expectTypeOf<Row['name']>().toEqualTypeOf<string>();
    expectTypeOf<Row['context_type']>().toEqualTypeOf<string>();
    expectTypeOf<Row>().not.toHaveProperty('status');
    expectTypeOf<Row>().not.toHaveProperty('full_name');
    expectTypeOf<Row['$get']>().toEqualTypeOf<Project['$get']>();
  });

  it('select by strings: selected attributes, nested loaded objects, nothing else', () => {
    const query = q.Task.select('name', 'status.name', 'timelogs.user.username', 'parent');
    type Row = RowOf<typeof query>;
    expectTypeOf<Row['$type']>().toEqualTypeOf<'Task'>();
    expectTypeOf<Row['id']>().toEqualTypeOf<string>();
    expectTypeOf<Row['name']>().toEqualTypeOf<string>();
    expectTypeOf<Row>().not.toHaveProperty('bid');
    expectTypeOf<Row>().not.toHaveProperty('context_type');
    type LoadedStatus = NonNullable<Row['status']>;
    expectTypeOf<LoadedStatus['name']>().toEqualTypeOf<string>();
    expectTypeOf<LoadedStatus['id']>().toEqualTypeOf<string>();
    expectTypeOf<LoadedStatus>().not.toHaveProperty('sort');
    expectTypeOf<null>().toMatchTypeOf<Row['status']>();
    type LoadedLog = Row['timelogs'] extends Collection<infer L> ? L : never;
    expectTypeOf<LoadedLog['$type']>().toEqualTypeOf<'Timelog'>();
    expectTypeOf<NonNullable<LoadedLog['user']>['username']>().toEqualTypeOf<string>();
    expectTypeOf<LoadedLog>().not.toHaveProperty('duration');
    type Parent = NonNullable<Row['parent']>;
    expectTypeOf<Parent['id']>().toEqualTypeOf<string>();
    expectTypeOf<Parent>().not.toHaveProperty('name');
  });

  it('select by callback gives the same row type as the equivalent strings', () => {
    const byCallback = q.Task.select((t) => [t.name, t.status.name, t.start_date]);
    const byStrings = q.Task.select('name', 'status.name', 'start_date');
    expectTypeOf<RowOf<typeof byCallback>>().toEqualTypeOf<RowOf<typeof byStrings>>();
    expectTypeOf<RowOf<typeof byCallback>['start_date']>().toEqualTypeOf<Dayjs | null>();
    const single = q.Task.select((t) => t.bid);
    expectTypeOf<RowOf<typeof single>['bid']>().toEqualTypeOf<number>();
  });

  it('later selects add to the selection; where/orderBy/limit keep it', () => {
    const query = q.Task.select('name').select('bid').where((t) => t.bid.gt(1)).orderBy('name').limit(5).offset(1);
    type Row = RowOf<typeof query>;
    expectTypeOf<Row['name']>().toEqualTypeOf<string>();
    expectTypeOf<Row['bid']>().toEqualTypeOf<number>();
    expectTypeOf<Row>().not.toHaveProperty('context_type');
  });

  it('abstract types give the union of concrete subtypes, discriminable by $type', () => {
    type Row = RowOf<typeof q.TypedContext>;
    expectTypeOf<Row['$type']>().toEqualTypeOf<'Shot' | 'Task'>();
    const rows = [] as Row[];
    for (const row of rows) {
      if (row.$type === 'Shot') expectTypeOf(row.$get).toEqualTypeOf<Shot['$get']>();
      else expectTypeOf(row.$get).toEqualTypeOf<Task['$get']>();
    }
    expectTypeOf<RowOf<typeof q.Context>['$type']>().toEqualTypeOf<'Project' | 'Shot' | 'Task'>();
  });

  it('session.query(builder) is typed by the builder', () => {
    const query = q.Task.select('name', 'status.name');
    const result = session.query(query);
    expectTypeOf(result).toEqualTypeOf<QueryResult<RowOf<typeof query>>>();
    expectTypeOf(result.all()).resolves.items.toHaveProperty('name').toEqualTypeOf<string>();
  });
});

describe('fields are typed by attribute kind', () => {
  it('offers the operators of each kind', () => {
    q.Task.where((t) => {
      expectTypeOf(t.name.like).parameter(0).toEqualTypeOf<string>();
      expectTypeOf(t.bid.gt).parameter(0).toEqualTypeOf<number>();
      expectTypeOf(t.start_date.after).parameter(0).toEqualTypeOf<Dayjs | Date | string>();
      expectTypeOf(t.status.has).parameter(0).parameter(0).toHaveProperty('name');
      expectTypeOf(t.status.eq).parameter(0).toEqualTypeOf<{ readonly id: string }>();
      expectTypeOf(t.timelogs.start.after).returns.toEqualTypeOf<Condition>();
      expectTypeOf(t.metadata.entry('fps').eq).parameter(0).toEqualTypeOf<string>();
      expectTypeOf(t.status.name.$path).toEqualTypeOf<'status.name'>();
      return and(t.name.eq('a'), t.bid.gte(1), t.status.isNone(), t.timelogs.any());
    });
  });

  it('rejects what the schema forbids', () => {
    q.Task.where((t) => {
      // @ts-expect-error - unknown attribute
      t.stauts.eq('x');
      // @ts-expect-error - .gt() does not exist on a string attribute
      t.name.gt(5);
      // @ts-expect-error - .eq() on a number attribute takes a number, not a string
      t.bid.eq('x');
      // @ts-expect-error - .any() does not exist on a scalar attribute
      t.name.any();
      // @ts-expect-error - .like() does not exist on a date-time attribute
      t.start_date.like('2024%');
      // @ts-expect-error - a JSON attribute only has isNone/isNotNone
      t.thumbnail_url.eq('x');
      // @ts-expect-error - booleans have no ordering
      t.assignee.is_active.gt(true);
      // @ts-expect-error - .has() is for references, not collections
      t.timelogs.has(() => t.bid.gt(1));
      // @ts-expect-error - unknown attribute behind a relation
      t.status.nme.eq('x');
      return t.bid.gt(1);
    });
    // @ts-expect-error - unknown attribute in a select path
    q.Task.select('stauts');
    // @ts-expect-error - unknown attribute behind a relation in a select path
    q.Task.select('status.nme');
    // @ts-expect-error - a path cannot continue after a scalar
    q.Task.select('name.length');
    // @ts-expect-error - unknown attribute in an order by path
    q.Task.orderBy('nme');
    // @ts-expect-error - only 'asc' or 'desc'
    q.Task.orderBy('name', 'up');
    // @ts-expect-error - where callbacks must return a condition
    q.Task.where((t) => t.name);
    // @ts-expect-error - unknown entity type
    void q.Tsk;
  });

  it('types interfaces as the generator emits them', () => {
    expectTypeOf<Context['parent']>().toEqualTypeOf<Context | null>();
    expectTypeOf<Status['name']>().toEqualTypeOf<string>();
    expectTypeOf<Timelog['start']>().toEqualTypeOf<Dayjs>();
  });
});
