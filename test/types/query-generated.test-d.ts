import type { Dayjs } from 'dayjs';
import { describe, expectTypeOf, it } from 'vitest';
import type { AnyEntity, Collection, QueryResult, RowOf } from 'ftrack-codegen';
import {
  createSession,
  q,
  type Context,
  type EntityTypeMap,
  type Metadata,
  type Project,
  type QueryResultTypeMap,
  type Shot,
  type Task,
} from '../../generated/index.js';

// Result types of the generated demo client's query builders (demo workspace, see
// docs/demo-workspace.md): what a row holds follows the selection.

declare const session: ReturnType<typeof createSession>;

describe('default projections', () => {
  it('q.Project rows have $type, the primary key and the default projections only', () => {
    type Row = RowOf<typeof q.Project>;
    expectTypeOf<Row['$type']>().toEqualTypeOf<'Project'>();
    expectTypeOf<Row['id']>().toEqualTypeOf<string>();
    expectTypeOf<Row['name']>().toEqualTypeOf<string>();
    expectTypeOf<Row['context_type']>().toEqualTypeOf<string>();
    expectTypeOf<Row>().not.toHaveProperty('start_date');
    expectTypeOf<Row>().not.toHaveProperty('status');
    expectTypeOf<Row>().not.toHaveProperty('full_name');
    expectTypeOf<Row['$primaryKey']>().toEqualTypeOf<Project['$primaryKey']>();
  });

  it('acceptance 1: where() keeps the row type of q.Project', () => {
    const active = q.Project.where((p) => p.status.eq('active'));
    expectTypeOf<RowOf<typeof active>>().toEqualTypeOf<RowOf<typeof q.Project>>();
    expectTypeOf(session.query(active).all()).resolves.items.toHaveProperty('name').toEqualTypeOf<string>();
  });

  it('a composite primary key is typed as loaded; a type without default projections gives its key', () => {
    type MetaRow = RowOf<typeof q.Metadata>;
    expectTypeOf<MetaRow['parent_id']>().toEqualTypeOf<string>();
    expectTypeOf<MetaRow['key']>().toEqualTypeOf<string>();
    expectTypeOf<MetaRow['value']>().toEqualTypeOf<Metadata['value']>();
    type StatusRow = RowOf<typeof q.Status>;
    expectTypeOf<StatusRow['id']>().toEqualTypeOf<string>();
    expectTypeOf<StatusRow>().not.toHaveProperty('name');
  });
});

describe('select', () => {
  it('by strings: selected attributes plus $type and primary key, nothing else', () => {
    const query = q.Project.select('full_name', 'start_date', 'is_global');
    type Row = RowOf<typeof query>;
    expectTypeOf<Row['$type']>().toEqualTypeOf<'Project'>();
    expectTypeOf<Row['id']>().toEqualTypeOf<string>();
    expectTypeOf<Row['full_name']>().toEqualTypeOf<string>();
    expectTypeOf<Row['start_date']>().toEqualTypeOf<Dayjs | null>();
    expectTypeOf<Row['is_global']>().toEqualTypeOf<boolean>();
    expectTypeOf<Row>().not.toHaveProperty('name');
    expectTypeOf<Row>().not.toHaveProperty('context_type');
  });

  it('nested paths give nested loaded objects (references and collections)', () => {
    const query = q.Task.select('name', 'status.name', 'parent.name', 'timelogs.user.username', 'project');
    type Row = RowOf<typeof query>;
    expectTypeOf<Row['name']>().toEqualTypeOf<string>();
    expectTypeOf<Row>().not.toHaveProperty('bid');
    type Status = NonNullable<Row['status']>;
    expectTypeOf<Status['$type']>().toEqualTypeOf<'Status'>();
    expectTypeOf<Status['id']>().toEqualTypeOf<string>();
    expectTypeOf<Status['name']>().toEqualTypeOf<string | null>();
    expectTypeOf<Status>().not.toHaveProperty('sort');
    expectTypeOf<null>().toMatchTypeOf<Row['status']>();
    type Parent = NonNullable<Row['parent']>;
    expectTypeOf<Parent['$type']>().toEqualTypeOf<Context['$type']>();
    expectTypeOf<Parent['name']>().toEqualTypeOf<string>();
    expectTypeOf<Parent>().not.toHaveProperty('context_type');
    type Log = Row['timelogs'] extends Collection<infer L> ? L : never;
    expectTypeOf<Log['$type']>().toEqualTypeOf<'Timelog'>();
    expectTypeOf<NonNullable<Log['user']>['username']>().toEqualTypeOf<string>();
    expectTypeOf<NonNullable<Log['user']>>().not.toHaveProperty('email');
    expectTypeOf<Log>().not.toHaveProperty('duration');
    type ProjectRef = NonNullable<Row['project']>;
    expectTypeOf<ProjectRef['id']>().toEqualTypeOf<string>();
    expectTypeOf<ProjectRef>().not.toHaveProperty('name');
  });

  it('a collection of a composite-key type loads its key columns', () => {
    const query = q.Type.select('task_type_schemas');
    type Row = RowOf<typeof query>;
    type Item = Row['task_type_schemas'] extends Collection<infer I> ? I : never;
    expectTypeOf<Item['task_type_schema_id']>().toEqualTypeOf<string>();
    expectTypeOf<Item['type_id']>().toEqualTypeOf<string>();
    expectTypeOf<Item>().not.toHaveProperty('task_type_schema');
  });

  it('by callback: the same row type as the equivalent strings', () => {
    const byCallback = q.Task.select((t) => [t.name, t.status.name, t.parent.name, t.start_date]);
    const byStrings = q.Task.select('name', 'status.name', 'parent.name', 'start_date');
    expectTypeOf<RowOf<typeof byCallback>>().toEqualTypeOf<RowOf<typeof byStrings>>();
    const single = q.Shot.select((s) => s.bid);
    expectTypeOf<RowOf<typeof single>['bid']>().toEqualTypeOf<number>();
    expectTypeOf<RowOf<typeof single>['$type']>().toEqualTypeOf<'Shot'>();
  });

  it('listed paths (names and two segments) and longer ones give the same rows, whatever their count', () => {
    // seven listed paths (membership check) and the same seven with a three-segment one (walked)
    const listed = q.Task.select('name', 'bid', 'sort', 'status.name', 'parent.name', 'type.name', 'timelogs.duration');
    type Row = RowOf<typeof listed>;
    expectTypeOf<Row['sort']>().toEqualTypeOf<number>();
    expectTypeOf<NonNullable<Row['type']>['name']>().toEqualTypeOf<string | null>();
    expectTypeOf<Row>().not.toHaveProperty('priority');
    type Log = Row['timelogs'] extends Collection<infer L> ? L : never;
    expectTypeOf<Log['duration']>().toEqualTypeOf<number>();
    const walked = q.Task.select('name', 'bid', 'sort', 'status.name', 'parent.name', 'type.name', 'timelogs.user.username');
    type Walked = RowOf<typeof walked>;
    expectTypeOf<Walked['sort']>().toEqualTypeOf<number>();
    type WalkedLog = Walked['timelogs'] extends Collection<infer L> ? L : never;
    expectTypeOf<NonNullable<WalkedLog['user']>['username']>().toEqualTypeOf<string>();
    expectTypeOf<WalkedLog>().not.toHaveProperty('duration');
    // order by: listed and longer paths
    expectTypeOf(q.Task.orderBy('status.name').orderBy('parent.parent.name', 'desc')).toEqualTypeOf(q.Task);
  });

  it('later selects add; where / orderBy / limit / offset keep the selection', () => {
    const query = q.Task.select('name').select('bid').where((t) => t.bid.gt(1)).orderBy('name').orderBy((t) => t.sort, 'desc').limit(5).offset(1);
    type Row = RowOf<typeof query>;
    expectTypeOf<Row['name']>().toEqualTypeOf<string>();
    expectTypeOf<Row['bid']>().toEqualTypeOf<number>();
    expectTypeOf<Row>().not.toHaveProperty('context_type');
    expectTypeOf<Row>().not.toHaveProperty('sort');
  });
});

describe('polymorphic types', () => {
  it('q.TypedContext rows are the union of the concrete subtypes, discriminable by $type', () => {
    type Row = RowOf<typeof q.TypedContext>;
    expectTypeOf<Row['$type']>().toEqualTypeOf<'AssetBuild' | 'Episode' | 'Folder' | 'Milestone' | 'Sequence' | 'Shot' | 'Task'>();
    expectTypeOf<Row['$type']>().toEqualTypeOf<QueryResultTypeMap['TypedContext']['$type']>();
    const rows = [] as Row[];
    for (const row of rows) {
      if (row.$type === 'Shot') expectTypeOf(row).toEqualTypeOf<RowOf<typeof q.Shot>>();
      if (row.$type === 'Task') expectTypeOf(row.$get).toEqualTypeOf<Task['$get']>();
    }
  });

  it('a selection applies to every member of the union', () => {
    const query = q.TypedContext.select('name', 'status.name');
    const rows = [] as RowOf<typeof query>[];
    for (const row of rows) {
      if (row.$type === 'Shot') {
        expectTypeOf(row.$get).toEqualTypeOf<Shot['$get']>();
        expectTypeOf<NonNullable<typeof row.status>['name']>().toEqualTypeOf<string | null>();
      }
    }
    expectTypeOf<RowOf<typeof query>>().not.toHaveProperty('bid');
  });

  it('q.Context includes Project; single-concrete families give that type', () => {
    expectTypeOf<RowOf<typeof q.Context>['$type']>().toEqualTypeOf<QueryResultTypeMap['Context']['$type']>();
    expectTypeOf<'Project'>().toMatchTypeOf<RowOf<typeof q.Context>['$type']>();
    expectTypeOf<RowOf<typeof q.Resource>['$type']>().toEqualTypeOf<'User'>();
    expectTypeOf<RowOf<typeof q.Component>['$type']>().toEqualTypeOf<'FileComponent'>();
    expectTypeOf<RowOf<typeof q.Status>['$type']>().toEqualTypeOf<EntityTypeMap['Status']['$type']>();
  });
});

describe('session.query(builder)', () => {
  it('is typed by the builder selection; strings stay untyped', () => {
    const query = q.Task.select('name', 'status.name');
    type Row = RowOf<typeof query>;
    expectTypeOf(session.query(query)).toEqualTypeOf<QueryResult<Row>>();
    expectTypeOf(session.query(query).all()).resolves.toEqualTypeOf<Row[]>();
    expectTypeOf(session.query(query).first()).resolves.toEqualTypeOf<Row | undefined>();
    expectTypeOf(session.query(query).one()).resolves.toEqualTypeOf<Row>();
    expectTypeOf(session.query(query, { pageSize: 10 })).toEqualTypeOf<QueryResult<Row>>();
    expectTypeOf(session.query('select name from Task')).toEqualTypeOf<QueryResult<AnyEntity>>();
  });

  it('for await yields typed rows', async () => {
    for await (const row of session.query(q.Project.select('full_name'))) {
      expectTypeOf(row.full_name).toEqualTypeOf<string>();
      expectTypeOf(row).not.toHaveProperty('name');
    }
  });
});
