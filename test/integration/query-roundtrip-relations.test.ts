import { describe, expect, it } from 'vitest';
import { and, not, or } from 'ftrack-codegen';
import { q } from '../../generated/index.js';
import { PROJECT_IDS } from '../../server/demo/ids.js';
import { allKeys, byId, dateOf, membersOf, rowsOf, type SeedRow } from './support/demo-oracle.js';
import { keysOf, trip, useDemoSession, type RoundTrip } from './support/round-trip.js';

// References, collections, mapped arrays, condition combinators and subqueries of the generated
// demo client against the local server: typed = hand-written = answer computed from the seed.

const session = useDemoSession();

const statusOf = (r: SeedRow) => byId('Status', r.status_id);
const logsOf = (r: SeedRow) => membersOf('Timelog', 'context_id', r.id);
const entriesOf = (type: 'Metadata' | 'ContextCustomAttributeValue', r: SeedRow) =>
  rowsOf(type).filter((item) => (type === 'Metadata' ? item.parent_id : item.entity_id) === r.id);
const valueOf = (type: 'Metadata' | 'ContextCustomAttributeValue', r: SeedRow, key: string) => entriesOf(type, r).find((item) => item.key === key)?.value;
const bunny = PROJECT_IDS.bunny;

const references: RoundTrip[] = [
  trip('nested path', q.Task.where((t) => t.status.name.eq('On hold')), 'Task where status.name is "On hold"', (r) => statusOf(r)?.name === 'On hold'),
  trip('two-level path', q.Task.where((t) => t.status.state.short.eq('DONE')), 'Task where status.state.short is DONE', (r) => byId('State', statusOf(r)?.state_id)?.short === 'DONE'),
  trip('parent path', q.Task.where((t) => t.parent.name.eq('sh010')), 'Task where parent.name = "sh010"', (r) => byId('Context', r.parent_id)?.name === 'sh010'),
  trip('has', q.Task.where((t) => t.priority.has((p) => p.value.gte(3))), 'Task where priority has (value >= 3)', (r) => Number(byId('Priority', r.priority_id)?.value) >= 3),
  trip('has (two conditions)', q.Note.where((n) => n.author.has((a) => a.first_name.eq('Ada').and(a.last_name.eq('Lovelace')))), 'Note where author has (first_name is "Ada" and last_name is "Lovelace")', (r) => {
    const author = byId('BaseUser', r.user_id);
    return author?.first_name === 'Ada' && author.last_name === 'Lovelace';
  }),
  trip('reference isNone', q.Context.where((c) => c.parent.isNone()), 'Context where parent_id is None', (r) => r.parent_id === null),
  trip('reference isNotNone', q.Context.where((c) => c.parent.isNotNone()), 'Context where parent_id is_not None', (r) => r.parent_id !== null),
  trip('reference eq(entity)', q.Task.where((t) => t.project.eq({ id: bunny })), `Task where project_id is "${bunny}"`, (r) => r.project_id === bunny),
  trip('reference ne(entity)', q.Task.where((t) => t.project.ne({ id: bunny })), `Task where project_id != "${bunny}"`, (r) => r.project_id !== bunny),
];

const collections: RoundTrip[] = [
  trip('member number', q.Task.where((t) => t.timelogs.duration.gte(14400)), 'Task where timelogs.duration >= 14400', (r) => logsOf(r).some((l) => Number(l.duration) >= 14400)),
  trip('member datetime', q.Task.where((t) => t.timelogs.start.after('2026-06-01')), 'Task where timelogs.start after "2026-06-01T00:00:00"', (r) => logsOf(r).some((l) => dateOf(l.start)! > '2026-06-01T00:00:00')),
  trip('any(cb)', q.Task.where((t) => t.timelogs.any((l) => l.duration.gte(14400).and(l.comment.eq('')))), 'Task where timelogs any (duration >= 14400 and comment = "")', (r) => logsOf(r).some((l) => Number(l.duration) >= 14400 && l.comment === '')),
  trip('any()', q.Task.where((t) => t.timelogs.any()), 'Task where timelogs any ()', (r) => logsOf(r).length > 0),
  trip('none()', q.Task.where((t) => t.timelogs.none()), 'Task where not timelogs any ()', (r) => logsOf(r).length === 0),
  trip('none(cb)', q.Task.where((t) => t.timelogs.none((l) => l.duration.lt(7200))), 'Task where not timelogs any (duration < 7200)', (r) => !logsOf(r).some((l) => Number(l.duration) < 7200)),
  trip('every(cb)', q.Task.where((t) => t.timelogs.every((l) => l.duration.gte(7200))), 'Task where not timelogs any (not duration >= 7200)', (r) => logsOf(r).every((l) => Number(l.duration) >= 7200)),
  trip('collection → reference', q.User.where((u) => u.timelogs.any((l) => l.context.name.eq('modeling'))), 'User where timelogs any (context.name is "modeling")', (r) => membersOf('Timelog', 'user_id', r.id).some((l) => byId('Context', l.context_id)?.name === 'modeling')),
  trip('children any', q.Project.where((p) => p.children.any((c) => c.name.like('sq%'))), 'Project where children any (name like "sq%")', (r) => membersOf('Context', 'parent_id', r.id).some((c) => String(c.name).toLowerCase().startsWith('sq'))),
];

const mapped: RoundTrip[] = [
  trip('metadata entry', q.Project.where((p) => p.metadata.entry('delivery_format').eq('EXR')), 'Project where metadata any (key=delivery_format and value=EXR)', (r) => valueOf('Metadata', r, 'delivery_format') === 'EXR'),
  trip('metadata key', q.Project.where((p) => p.metadata.key.eq('purpose')), 'Project where metadata.key is "purpose"', (r) => valueOf('Metadata', r, 'purpose') !== undefined),
  trip('metadata value', q.Project.where((p) => p.metadata.value.contains('Pictures')), 'Project where metadata.value like "%pictures%"', (r) => entriesOf('Metadata', r).some((m) => String(m.value).toLowerCase().includes('pictures'))),
  trip('metadata any(cb)', q.Shot.where((s) => s.metadata.any((m) => m.key.eq('frame_rate').and(m.value.eq('25')))), 'Shot where metadata any (key is "frame_rate" and value is "25")', (r) => valueOf('Metadata', r, 'frame_rate') === '25'),
  trip('metadata none(cb)', q.Project.where((p) => p.metadata.none((m) => m.key.eq('client'))), 'Project where not metadata any (key is client)', (r) => valueOf('Metadata', r, 'client') === undefined),
  trip('metadata every(cb)', q.Shot.where((s) => s.metadata.every((m) => m.key.eq('frame_rate'))), 'Shot where not metadata any (not (key is "frame_rate"))', (r) => entriesOf('Metadata', r).every((m) => m.key === 'frame_rate')),
  trip('custom number', q.Shot.where((s) => s.custom_attributes.entry('fend').gt(1100)), 'Shot where custom_attributes any (key is "fend" and value > 1100)', (r) => Number(valueOf('ContextCustomAttributeValue', r, 'fend')) > 1100),
  trip('custom boolean', q.Task.where((t) => t.custom_attributes.entry('outsourced').eq(true)), 'Task where custom_attributes any (key = outsourced and value = true)', (r) => valueOf('ContextCustomAttributeValue', r, 'outsourced') === true),
  trip('custom datetime', q.Project.where((p) => p.custom_attributes.entry('delivery_date').lt(new Date('2027-01-01T00:00:00Z'))), 'Project where custom_attributes any (key is "delivery_date" and value < "2027-01-01T00:00:00")', (r) => (dateOf(valueOf('ContextCustomAttributeValue', r, 'delivery_date')) ?? '9999') < '2027-01-01T00:00:00'),
];

const combined: RoundTrip[] = [
  trip('and()', q.Task.where((t) => and(t.bid.gt(40000), t.name.eq('modeling'))), 'Task where bid > 40000 and name is modeling', (r) => Number(r.bid) > 40000 && r.name === 'modeling'),
  trip('or()', q.Task.where((t) => or(t.name.eq('rigging'), t.bid.lt(10000))), 'Task where name is rigging or bid < 10000', (r) => r.name === 'rigging' || Number(r.bid) < 10000),
  trip('not()', q.Task.where((t) => not(t.name.eq('edit'))), 'Task where not name is "edit"', (r) => r.name !== 'edit'),
  trip('methods and precedence', q.Task.where((t) => t.bid.gt(40000).and(t.name.eq('modeling').or(t.name.eq('rigging').not()))), 'Task where (bid > 40000) and ((name = "modeling") or (not (name = "rigging")))', (r) => Number(r.bid) > 40000 && (r.name === 'modeling' || r.name !== 'rigging')),
  trip('or of and', q.Task.where((t) => or(and(t.name.eq('rigging'), t.bid.gt(50000)), t.name.eq('edit'))), 'Task where (name is rigging and bid > 50000) or name is edit', (r) => (r.name === 'rigging' && Number(r.bid) > 50000) || r.name === 'edit'),
  trip('not of or', q.Project.where((p) => not(or(p.status.eq('hidden'), p.name.eq('bunny')))), 'Project where not (status is hidden or name is bunny)', (r) => !(r.status === 'hidden' || r.name === 'bunny')),
  trip('where twice', q.Task.where((t) => t.status.name.eq('In progress')).where((t) => t.bid.gte(20000)), 'Task where status.name is "In progress" and bid >= 20000', (r) => statusOf(r)?.name === 'In progress' && Number(r.bid) >= 20000),
  trip('in (subquery)', q.Project.where((p) => p.id.in(q.Task.select('project_id').where((t) => t.bid.gt(60000)))), 'Project where id in (select project_id from Task where bid > 60000)', (r) => rowsOf('Task').some((t) => t.project_id === r.id && Number(t.bid) > 60000)),
  trip('notIn (subquery)', q.Task.where((t) => t.parent_id.notIn(q.Shot.select('id').where((s) => s.name.eq('sh010')))), 'Task where parent_id not_in (select id from Shot where name is "sh010")', (r) => byId('Shot', r.parent_id)?.name !== 'sh010'),
];

describe('query builder ↔ local server: relations and combinations', () => {
  describe.each([
    ['references', references],
    ['collections', collections],
    ['mapped arrays', mapped],
    ['combinations and subqueries', combined],
  ] as const)('%s', (_group, cases) => {
    it.each(cases)('$name: typed = hand-written = expected from the seed', async ({ type, typed, text, expected }) => {
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(allKeys(type).length);
      expect(await keysOf(session(), text)).toEqual(expected);
      expect(await keysOf(session(), typed)).toEqual(expected);
    });
  });

  it('eq() takes a loaded entity as well as a key object', async () => {
    const project = await session().query(q.Project.where((p) => p.name.eq('bunny'))).one();
    const expected = await keysOf(session(), `Task where project.name is bunny`);
    expect(expected.length).toBeGreaterThan(0);
    expect(await keysOf(session(), q.Task.where((t) => t.project.eq(project)))).toEqual(expected);
  });
});
