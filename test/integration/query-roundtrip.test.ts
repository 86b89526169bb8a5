import dayjs from 'dayjs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { q } from '../../generated/index.js';
import { allKeys, byId, dateOf, keysWhere, rowsOf, type SeedRow } from './support/demo-oracle.js';
import { keysOf, trip, useDemoSession, type RoundTrip } from './support/round-trip.js';

// Typed builders of the generated demo client against the local server: each returns the same
// entities as a hand-written expression (written in other accepted forms where there are any) and
// as the answer computed from the demo seed. Relations, mapped arrays, combinations, subqueries:
// query-roundtrip-relations.test.ts; selection, ordering and paging: query-roundtrip-results.test.ts.

const session = useDemoSession();

const lower = (value: unknown) => String(value ?? '').toLowerCase();
const start = (row: SeedRow) => dateOf(row.start_date) ?? '';

const cases: RoundTrip[] = [
  trip('string eq', q.Task.where((t) => t.name.eq('modeling')), 'select id from Task where name = modeling', (r) => r.name === 'modeling'),
  trip('string ne', q.Task.where((t) => t.name.ne('modeling')), 'Task where name != "modeling"', (r) => r.name !== 'modeling'),
  trip('string in', q.Task.where((t) => t.name.in(['rigging', 'texture'])), 'select id from Task where name in (rigging, "texture")', (r) => ['rigging', 'texture'].includes(String(r.name))),
  trip('string notIn', q.Task.where((t) => t.name.notIn(['rigging', 'texture'])), 'Task where name not_in ("rigging","texture")', (r) => !['rigging', 'texture'].includes(String(r.name))),
  trip('like %', q.Task.where((t) => t.name.like('%ing')), 'select id from Task where name like "%ing"', (r) => lower(r.name).endsWith('ing')),
  trip('like _', q.Shot.where((s) => s.name.like('sh0_0')), 'Shot where name like "sh0_0"', (r) => /^sh0.0$/i.test(String(r.name))),
  trip('notLike', q.Task.where((t) => t.name.notLike('%ing')), 'Task where name not_like "%ing"', (r) => !lower(r.name).endsWith('ing')),
  trip('startsWith', q.Task.where((t) => t.name.startsWith('anim')), 'Task where name like "anim%"', (r) => lower(r.name).startsWith('anim')),
  trip('endsWith', q.Task.where((t) => t.name.endsWith('ture')), 'Task where name like "%ture"', (r) => lower(r.name).endsWith('ture')),
  trip('contains', q.Timelog.where((l) => l.comment.contains('day')), 'Timelog where comment like "%day%"', (r) => lower(r.comment).includes('day')),
  trip('number eq', q.Task.where((t) => t.bid.eq(43200)), 'Task where bid = 43200', (r) => r.bid === 43200),
  trip('number ne', q.Task.where((t) => t.bid.ne(43200)), 'Task where bid is_not 43200', (r) => r.bid !== 43200),
  trip('number in', q.Task.where((t) => t.bid.in([3600, 43200])), 'Task where bid in (3600,43200)', (r) => r.bid === 3600 || r.bid === 43200),
  trip('number notIn', q.Task.where((t) => t.bid.notIn([3600, 43200])), 'Task where bid not_in (3600, 43200)', (r) => r.bid !== 3600 && r.bid !== 43200),
  trip('number gt', q.Task.where((t) => t.bid.gt(43200)), 'Task where bid greater_than 43200', (r) => Number(r.bid) > 43200),
  trip('number gte', q.Task.where((t) => t.bid.gte(43200)), 'Task where bid >= 43200', (r) => Number(r.bid) >= 43200),
  trip('number lt', q.Task.where((t) => t.bid.lt(43200)), 'Task where bid less_than 43200', (r) => Number(r.bid) < 43200),
  trip('number lte', q.Task.where((t) => t.bid.lte(43200)), 'Task where bid <= 43200', (r) => Number(r.bid) <= 43200),
  trip('datetime after (Date)', q.Task.where((t) => t.start_date.after(new Date('2026-02-01T00:00:00Z'))), 'Task where start_date > "2026-02-01T00:00:00"', (r) => start(r) > '2026-02-01T00:00:00'),
  trip('datetime after (ISO with offset)', q.Task.where((t) => t.start_date.after('2026-02-01T01:00:00+01:00')), 'Task where start_date after "2026-02-01"', (r) => start(r) > '2026-02-01T00:00:00'),
  trip('datetime before (ISO date)', q.Task.where((t) => t.start_date.before('2026-02-01')), 'Task where start_date < "2026-02-01T00:00:00"', (r) => start(r) < '2026-02-01T00:00:00'),
  trip('datetime gt (Dayjs)', q.Task.where((t) => t.start_date.gt(dayjs('2026-06-01T00:00:00Z'))), 'Task where start_date after "2026-06-01T00:00:00"', (r) => start(r) > '2026-06-01T00:00:00'),
  trip('datetime gte', q.Task.where((t) => t.start_date.gte('2026-02-04')), 'Task where start_date >= "2026-02-04T00:00:00"', (r) => start(r) >= '2026-02-04T00:00:00'),
  trip('datetime lt', q.Task.where((t) => t.start_date.lt(dayjs('2026-02-04T00:00:00Z'))), 'Task where start_date before "2026-02-04T00:00:00"', (r) => start(r) < '2026-02-04T00:00:00'),
  trip('datetime lte', q.Task.where((t) => t.start_date.lte(new Date('2026-02-12T00:00:00Z'))), 'Task where start_date <= "2026-02-12T00:00:00"', (r) => start(r) <= '2026-02-12T00:00:00'),
  trip('datetime eq', q.Task.where((t) => t.start_date.eq('2026-02-04T00:00:00Z')), 'Task where start_date is "2026-02-04T00:00:00"', (r) => start(r) === '2026-02-04T00:00:00'),
  trip('datetime in', q.Timelog.where((l) => l.start.in(['2026-02-09T09:00:00', new Date('2026-02-06T09:00:00Z')])), 'Timelog where start in ("2026-02-09T09:00:00", "2026-02-06T09:00:00")', (r) => ['2026-02-09T09:00:00', '2026-02-06T09:00:00'].includes(dateOf(r.start) ?? '')),
  trip('boolean eq', q.Project.where((p) => p.is_private.eq(true)), 'Project where is_private is True', (r) => r.is_private === true),
  trip('boolean ne', q.Project.where((p) => p.is_private.ne(true)), 'Project where is_private != true', (r) => r.is_private === false),
  trip('boolean eq false', q.User.where((u) => u.is_active.eq(false)), 'User where is_active = false', (r) => r.is_active === false),
  trip('isNone', q.Note.where((n) => n.in_reply_to_id.isNone()), 'Note where in_reply_to_id is None', (r) => r.in_reply_to_id === null),
  trip('isNotNone (string)', q.Note.where((n) => n.in_reply_to_id.isNotNone()), 'Note where in_reply_to_id is_not None', (r) => r.in_reply_to_id !== null),
  trip('isNotNone (datetime)', q.Note.where((n) => n.completed_at.isNotNone()), 'Note where completed_at != null', (r) => r.completed_at !== null),
  trip('isNotNone (number)', q.Note.where((n) => n.frame_number.isNotNone()), 'Note where frame_number is_not none', (r) => r.frame_number !== null),
  trip('TypedContext', q.TypedContext.where((t) => t.name.startsWith('sh0')), 'TypedContext where name like "sh0%"', (r) => lower(r.name).startsWith('sh0')),
];

describe('query builder ↔ local server (generated demo client)', () => {
  it('acceptance 1: q.Project.where(p => p.status.eq("active")) returns exactly the active demo projects, typed', async () => {
    const query = q.Project.where((p) => p.status.eq('active'));
    expect(query.toString()).toMatch(/^select .+ from Project where status is "active"$/);
    const rows = await session().query(query).all();
    expectTypeOf(rows[0]!.name).toEqualTypeOf<string>();
    const active = keysWhere('Project', (r) => r.status === 'active');
    expect(active.length).toBeGreaterThan(0);
    expect(active.length).toBeLessThan(allKeys('Project').length);
    expect(rows.map((row) => row.id).sort()).toEqual(active);
    expect(rows.map((row) => row.name).sort()).toEqual(active.map((id) => String(byId('Project', id)!.name)).sort());
    expect(rows.every((row) => row.$type === 'Project')).toBe(true);
  });

  it.each(cases)('$name: typed = hand-written = expected from the seed', async ({ type, typed, text, expected }) => {
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(allKeys(type).length);
    expect(await keysOf(session(), text)).toEqual(expected);
    expect(await keysOf(session(), typed)).toEqual(expected);
  });

  it('q.TypedContext returns rows of several concrete types, each with its own $type', async () => {
    const rows = await session().query(q.TypedContext.where((t) => t.name.in(['sq010', 'sh010', 'modeling', 'Assets']))).all();
    const types = new Set(rows.map((row) => row.$type));
    const expected = new Set(['Folder', 'Sequence', 'Shot', 'Task'].filter((type) => rowsOf(type).some((r) => ['sq010', 'sh010', 'modeling', 'Assets'].includes(String(r.name)))));
    expect(types).toEqual(expected);
    for (const row of rows) expect(byId(row.$type, row.id)?.name).toBe(row.name);
  });
});
