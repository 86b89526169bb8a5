import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import { and, not, or, type Condition } from 'ftrack-codegen';
import { q } from '../types/support/mini-client.js';

// Golden strings: each operator, alias form and combination on the synthetic mini schema.
dayjs.extend(utc);
const where = (query: { toString(): string }) => String(query).replace(/^select .*? from \w+ where /, '');

describe('query builder: default projections and clauses', () => {
  it('uses the default projections when nothing is selected', () => {
    expect(q.Project.toString()).toBe('select context_type, id, name from Project');
    expect(q.Metadata.toString()).toBe('select parent_id, key, value from Metadata');
  });

  it('matches the acceptance example', () => {
    expect(q.Project.where((p) => p.status.eq('active')).toString()).toBe(
      'select context_type, id, name from Project where status is "active"',
    );
  });

  it('selects by strings and by callback; later selects add, duplicates are dropped', () => {
    expect(q.Task.select('name', 'status.name').toString()).toBe('select name, status.name from Task');
    expect(q.Task.select((t) => [t.name, t.status.name, t.timelogs.user.username]).toString()).toBe(
      'select name, status.name, timelogs.user.username from Task',
    );
    expect(q.Task.select((t) => t.parent).toString()).toBe('select parent from Task');
    expect(q.Task.select('name').select('bid', 'name').toString()).toBe('select name, bid from Task');
  });

  it('orders (repeatable, by string or callback), offsets and limits', () => {
    const query = q.Task.orderBy('name').orderBy((t) => t.status.sort, 'desc').offset(20).limit(10);
    expect(query.toString()).toBe('select context_type, id, name from Task order by name asc, status.sort desc offset 20 limit 10');
    expect(q.Task.limit(5).offset(0).toString()).toBe('select context_type, id, name from Task offset 0 limit 5');
  });

  it('joins repeated where calls with and', () => {
    const query = q.Task.where((t) => t.bid.gt(1)).where((t) => t.name.eq('a'));
    expect(where(query)).toBe('bid > 1 and name is "a"');
  });

  it('is immutable: every call returns a new builder with a frozen node', () => {
    const base = q.Task;
    const filtered = base.where((t) => t.bid.gt(1));
    expect(filtered).not.toBe(base);
    expect(base.toString()).toBe('select context_type, id, name from Task');
    expect(Object.isFrozen(filtered.node)).toBe(true);
    expect(Object.isFrozen(filtered.node.where)).toBe(true);
    expect(filtered.node).toMatchObject({ kind: 'query', entityType: 'Task', where: { kind: 'comparison', operator: '>' } });
    expect(filtered.entityType).toBe('Task');
  });
});

describe('query builder: scalar operators', () => {
  const d = '2024-03-01T10:30:00Z';
  it.each([
    ['eq', () => q.Project.where((p) => p.name.eq('x')), 'name is "x"'],
    ['ne', () => q.Project.where((p) => p.name.ne('x')), 'name is_not "x"'],
    ['in', () => q.Project.where((p) => p.name.in(['a', 'b'])), 'name in ("a", "b")'],
    ['notIn', () => q.Project.where((p) => p.name.notIn(['a'])), 'name not_in ("a")'],
    ['isNone', () => q.Project.where((p) => p.end_date.isNone()), 'end_date is None'],
    ['isNotNone', () => q.Project.where((p) => p.end_date.isNotNone()), 'end_date is_not None'],
    ['like', () => q.Project.where((p) => p.name.like('sh_%')), 'name like "sh_%"'],
    ['notLike', () => q.Project.where((p) => p.name.notLike('%tmp')), 'name not_like "%tmp"'],
    ['startsWith', () => q.Project.where((p) => p.name.startsWith('sh')), 'name like "sh%"'],
    ['endsWith', () => q.Project.where((p) => p.name.endsWith('comp')), 'name like "%comp"'],
    ['contains', () => q.Project.where((p) => p.name.contains('light')), 'name like "%light%"'],
    ['number eq', () => q.Task.where((t) => t.bid.eq(2.5)), 'bid is 2.5'],
    ['number in', () => q.Task.where((t) => t.sort.in([1, 2])), 'sort in (1, 2)'],
    ['gt', () => q.Task.where((t) => t.bid.gt(10)), 'bid > 10'],
    ['gte', () => q.Task.where((t) => t.bid.gte(10)), 'bid >= 10'],
    ['lt', () => q.Task.where((t) => t.bid.lt(-1)), 'bid < -1'],
    ['lte', () => q.Task.where((t) => t.bid.lte(0.000001)), 'bid <= 0.000001'],
    ['after (ISO string)', () => q.Task.where((t) => t.start_date.after(d)), 'start_date after "2024-03-01T10:30:00"'],
    ['before (Date)', () => q.Task.where((t) => t.start_date.before(new Date(Date.UTC(2024, 0, 2)))), 'start_date before "2024-01-02T00:00:00"'],
    ['gt (dayjs with offset)', () => q.Task.where((t) => t.start_date.gt(dayjs('2024-03-01T12:00:00+02:00'))), 'start_date after "2024-03-01T10:00:00"'],
    ['gte (date only)', () => q.Task.where((t) => t.start_date.gte('2024-03-01')), 'start_date >= "2024-03-01T00:00:00"'],
    ['lt', () => q.Task.where((t) => t.start_date.lt(d)), 'start_date before "2024-03-01T10:30:00"'],
    ['lte', () => q.Task.where((t) => t.start_date.lte(d)), 'start_date <= "2024-03-01T10:30:00"'],
    ['datetime eq', () => q.Task.where((t) => t.start_date.eq(d)), 'start_date is "2024-03-01T10:30:00"'],
    ['datetime in', () => q.Task.where((t) => t.start_date.in([d, '2024-01-01'])), 'start_date in ("2024-03-01T10:30:00", "2024-01-01T00:00:00")'],
    ['boolean eq', () => q.Project.where((p) => p.is_global.eq(true)), 'is_global is true'],
    ['boolean ne', () => q.Project.where((p) => p.is_global.ne(false)), 'is_global is_not false'],
    ['json isNone', () => q.Project.where((p) => p.thumbnail_url.isNone()), 'thumbnail_url is None'],
    ['variable number', () => q.CustomAttributeValue.where((c) => c.value.eq(24)), 'value is 24'],
    ['variable ordering', () => q.CustomAttributeValue.where((c) => c.value.gte(1.5).and(c.value.lt(dayjs.utc('2024-01-01')))), 'value >= 1.5 and value < "2024-01-01T00:00:00"'],
    ['variable string', () => q.CustomAttributeValue.where((c) => c.value.eq('24')), 'value is "24"'],
    ['variable bool/date', () => q.CustomAttributeValue.where((c) => c.value.in([true, dayjs.utc('2024-01-01')])), 'value in (true, "2024-01-01T00:00:00")'],
  ])('%s', (_name, build, expected) => {
    expect(where(build())).toBe(expected);
  });

  it('quotes strings with escaped backslashes and quotes', () => {
    expect(where(q.Project.where((p) => p.name.eq('a "b" \\ c')))).toBe('name is "a \\"b\\" \\\\ c"');
  });
});

describe('query builder: relations', () => {
  it.each([
    ['nested path', () => q.Task.where((t) => t.status.name.eq('Done')), 'status.name is "Done"'],
    ['deep path', () => q.Task.where((t) => t.project.created_by.username.eq('ada')), 'project.created_by.username is "ada"'],
    ['has', () => q.Task.where((t) => t.status.has((s) => s.name.eq('Done').and(s.sort.gt(1)))), 'status has (name is "Done" and sort > 1)'],
    ['reference isNone', () => q.Task.where((t) => t.parent.isNone()), 'parent is None'],
    ['reference isNotNone', () => q.Task.where((t) => t.assignee.isNotNone()), 'assignee is_not None'],
    ['reference eq (entity)', () => q.Task.where((t) => t.status.eq({ id: 's1' })), 'status.id is "s1"'],
    ['reference ne', () => q.Task.where((t) => t.status.ne({ id: 's1' })), 'not (status.id is "s1")'],
    [
      'reference eq (composite key)',
      () => q.User.where((u) => u.preferred_setting.eq({ name: 'fps', group: 'render' })),
      'preferred_setting.name is "fps" and preferred_setting.group is "render"',
    ],
    [
      'composite key inside or',
      () => q.User.where((u) => or(u.preferred_setting.eq({ name: 'a', group: 'g' }), u.username.eq('x'))),
      '(preferred_setting.name is "a" and preferred_setting.group is "g") or username is "x"',
    ],
    ['collection member (existential)', () => q.Task.where((t) => t.timelogs.start.after('2021-03-01T00:00:00+01:00')), 'timelogs.start after "2021-02-28T23:00:00"'],
    ['any with condition', () => q.Task.where((t) => t.timelogs.any((l) => l.duration.gt(60).and(l.user.username.eq('ada')))), 'timelogs any (duration > 60 and user.username is "ada")'],
    ['any without callback', () => q.Task.where((t) => t.timelogs.any()), 'timelogs any ()'],
    ['none', () => q.Task.where((t) => t.notes.none((n) => n.author.isNone())), 'not notes any (author is None)'],
    ['none without callback', () => q.Task.where((t) => t.notes.none()), 'not notes any ()'],
    ['every', () => q.Task.where((t) => t.timelogs.every((l) => l.duration.gt(0))), 'not timelogs any (not (duration > 0))'],
    ['every with and', () => q.Task.where((t) => t.timelogs.every((l) => and(l.duration.gt(0), l.comment.isNotNone()))), 'not timelogs any (not (duration > 0 and comment is_not None))'],
    ['nested any in has', () => q.Task.where((t) => t.project.has((p) => p.tasks.any((x) => x.bid.gt(5)))), 'project has (tasks any (bid > 5))'],
    ['mapped entry', () => q.Task.where((t) => t.metadata.entry('fps').eq('24')), 'metadata any (key is "fps" and value is "24")'],
    ['mapped entry isNone', () => q.Task.where((t) => t.custom_attributes.entry('bid').isNone()), 'custom_attributes any (key is "bid" and value is None)'],
    ['mapped key/value (existential)', () => q.Task.where((t) => t.metadata.key.eq('fps').and(t.metadata.value.eq('24'))), 'metadata.key is "fps" and metadata.value is "24"'],
    ['mapped any', () => q.Task.where((t) => t.custom_attributes.any((c) => c.key.eq('fps').and(c.value.eq(25)))), 'custom_attributes any (key is "fps" and value is 25)'],
    ['mapped none / every', () => q.Task.where((t) => t.metadata.none().or(t.metadata.every((m) => m.key.ne('tmp')))), 'not metadata any () or not metadata any (not (key is_not "tmp"))'],
    ['restricted mapped member in where', () => q.Task.where((t: any) => t.custom_attribute_links.any((l: any) => l.content.eq('x'))), 'custom_attribute_links any (content is "x")'],
  ])('%s', (_name, build, expected) => {
    expect(where(build())).toBe(expected);
  });
});

describe('query builder: combinations and subqueries', () => {
  it.each([
    ['and()', () => q.Task.where((t) => and(t.bid.gt(1), t.bid.lt(5))), 'bid > 1 and bid < 5'],
    ['or()', () => q.Task.where((t) => or(t.name.eq('a'), t.name.eq('b'))), 'name is "a" or name is "b"'],
    ['not()', () => q.Task.where((t) => not(t.name.like('%tmp%'))), 'not (name like "%tmp%")'],
    ['.not()', () => q.Task.where((t) => t.name.eq('a').not()), 'not (name is "a")'],
    ['not of and', () => q.Task.where((t) => not(and(t.bid.gt(1), t.bid.lt(5)))), 'not (bid > 1 and bid < 5)'],
    ['not of any', () => q.Task.where((t) => not(t.timelogs.any())), 'not timelogs any ()'],
    ['or inside and', () => q.Task.where((t) => t.bid.gt(1).and(or(t.name.eq('a'), t.name.eq('b')))), 'bid > 1 and (name is "a" or name is "b")'],
    ['and inside or', () => q.Task.where((t) => t.bid.gt(1).and(t.bid.lt(3)).or(t.name.eq('a'))), '(bid > 1 and bid < 3) or name is "a"'],
    ['flattened chains', () => q.Task.where((t) => t.bid.gt(1).and(t.bid.lt(3)).and(t.sort.eq(0))), 'bid > 1 and bid < 3 and sort is 0'],
    ['single-operand and', () => q.Task.where((t) => and(t.bid.gt(1))), 'bid > 1'],
    [
      'or of where-chains',
      () => q.Task.where((t) => or(t.bid.gt(1), t.bid.lt(0))).where((t) => or(t.name.eq('a'), t.name.eq('b'))),
      '(bid > 1 or bid < 0) and (name is "a" or name is "b")',
    ],
  ])('%s', (_name, build, expected) => {
    expect(where(build())).toBe(expected);
  });

  it('accepts a condition object in where()', () => {
    let captured: Condition | undefined;
    q.Task.where((t) => (captured = t.bid.gt(1)));
    expect(where(q.Shot.where(captured!))).toBe('bid > 1');
  });

  it('renders subqueries in in / notIn', () => {
    const sub = q.Task.select('project_id').where((t) => t.status.name.eq('Done'));
    expect(where(q.Project.where((p) => p.id.in(sub)))).toBe('id in (select project_id from Task where status.name is "Done")');
    expect(where(q.Project.where((p) => p.id.notIn(q.Task.select((t) => t.project_id))))).toBe('id not_in (select project_id from Task)');
  });

  it('compiles a whole query with every clause', () => {
    const query = q.TypedContext.select('name', 'status.name')
      .where((t) => t.bid.gte(8).or(t.timelogs.any((l) => l.start.before('2024-01-01'))))
      .orderBy('name', 'desc')
      .offset(10)
      .limit(5);
    expect(query.toString()).toBe(
      'select name, status.name from TypedContext where bid >= 8 or timelogs any (start before "2024-01-01T00:00:00") order by name desc offset 10 limit 5',
    );
  });
});
