import { describe, expectTypeOf, it } from 'vitest';
import { breadcrumb, raw, type LinkEntry, type RawName, type RowOf } from 'ftrack-codegen';
import {
  q,
  type ObjectTypeName,
  type PriorityName,
  type Shot,
  type StateName,
  type Status,
  type StatusName,
  type Task,
  type TypeName,
} from '../../generated/index.js';

// Issue 12, acceptance 2: the demo client (generated/) was generated with the demo workspace, so
// comparisons on the names of statuses, types, priorities, object types and states take the names
// that workspace has; raw('…') takes any other; reads stay plain strings.

describe('workspace value names in queries', () => {
  it('accept the names the workspace has', () => {
    q.Task.where((t) => t.status.name.eq('Approved'));
    q.Task.where((t) => t.type.name.eq('Compositing'));
    q.Task.where((t) => t.priority.name.eq('Urgent'));
    q.Task.where((t) => t.object_type.name.eq('Task'));
    q.Task.where((t) => t.status.state.name.eq('Done'));
    q.AssetVersion.where((v) => v.status.name.ne('Omitted'));
    q.Task.where((t) => t.status.name.in(['Not started', 'In progress']).and(t.priority.name.notIn(['Low', 'None'])));
    q.Status.where((s) => s.name.eq('Pending review'));
    q.Task.where((t) => t.status.has((s) => s.name.eq('Revise')));
    q.AssetVersion.where((v) => v.task.status.name.eq('On hold'));
    q.ObjectType.where((o) => o.tasks.any((c) => c.priority.name.eq('High')));
  });

  it('refuse names the workspace does not have', () => {
    // @ts-expect-error - a typo in a status name
    q.Task.where((t) => t.status.name.eq('Aproved'));
    // @ts-expect-error - a typo in a type name
    q.Task.where((t) => t.type.name.eq('Compositng'));
    // @ts-expect-error - not a priority of the workspace
    q.Task.where((t) => t.priority.name.eq('Critical'));
    // @ts-expect-error - not an object type of the workspace
    q.Task.where((t) => t.object_type.name.eq('Shotgun'));
    // @ts-expect-error - not a state
    q.Task.where((t) => t.status.state.name.eq('Finished'));
    // @ts-expect-error - one typo in a list
    q.Task.where((t) => t.status.name.in(['Approved', 'Aproved']));
    // @ts-expect-error - a plain string variable is not a known name
    q.Task.where((t) => t.status.name.eq(String('Approved')));
  });

  it('take any name through raw()', () => {
    q.Task.where((t) => t.status.name.eq(raw('Waiting on client')));
    q.Task.where((t) => t.status.name.in(['Approved', raw('Client approved')]));
    q.Task.where((t) => t.priority.name.ne(raw(String('Critical'))));
    expectTypeOf(raw).returns.toEqualTypeOf<RawName>();
    expectTypeOf(raw).parameter(0).toEqualTypeOf<string>();
  });

  it('types the comparison operands as the names and raw()', () => {
    q.Task.where((t) => {
      expectTypeOf(t.status.name.eq).parameter(0).toEqualTypeOf<'Not started' | 'Ready' | 'In progress' | 'Pending review' | 'Revise' | 'Approved' | 'On hold' | 'Omitted' | RawName>();
      expectTypeOf(t.type.name.eq).parameter(0).toEqualTypeOf<TypeName | RawName>();
      expectTypeOf(t.priority.name.eq).parameter(0).toEqualTypeOf<PriorityName | RawName>();
      expectTypeOf(t.object_type.name.eq).parameter(0).toEqualTypeOf<ObjectTypeName | RawName>();
      expectTypeOf(t.status.state.name.eq).parameter(0).toEqualTypeOf<StateName | RawName>();
      // other string attributes are untouched
      expectTypeOf(t.name.eq).parameter(0).toEqualTypeOf<string>();
      expectTypeOf(t.status.color.eq).parameter(0).toEqualTypeOf<string>();
      return t.status.name.eq('Approved');
    });
  });

  it('keep pattern operators on plain text', () => {
    q.Task.where((t) => t.status.name.like('Pend%').or(t.status.name.startsWith('App')));
  });
});

describe('reads stay plain strings', () => {
  it('entity and row values are string, the names a separate type', () => {
    expectTypeOf<Status['name']>().toEqualTypeOf<string | null>();
    const withStatus = q.Task.select('status.name');
    type Row = RowOf<typeof withStatus>;
    expectTypeOf<NonNullable<Row['status']>['name']>().toEqualTypeOf<string | null>();
    expectTypeOf<'Approved'>().toMatchTypeOf<StatusName>();
    // @ts-expect-error - StatusName lists the workspace's names only
    const typo: StatusName = 'Aproved';
    void typo;
    const status = {} as Status;
    status.name = 'A status added on the server';
  });
});

describe('link', () => {
  it('is an array of { id, name, type } from the project down', () => {
    expectTypeOf<Shot['link']>().toEqualTypeOf<readonly LinkEntry[]>();
    expectTypeOf<Shot['link'][number]>().toEqualTypeOf<LinkEntry>();
    expectTypeOf<LinkEntry>().toEqualTypeOf<{ readonly id: string; readonly name: string; readonly type: string }>();
    const withLink = q.Task.select('link');
    type Row = RowOf<typeof withLink>;
    expectTypeOf<Row['link']>().toEqualTypeOf<readonly LinkEntry[]>();
  });

  it('gives breadcrumb() its path', () => {
    const task = {} as Task;
    expectTypeOf(breadcrumb(task)).toEqualTypeOf<string>();
    expectTypeOf(breadcrumb(task.link, ' > ')).toEqualTypeOf<string>();
    // @ts-expect-error - a status has no link
    breadcrumb({} as Status);
  });
});
