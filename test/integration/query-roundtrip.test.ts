import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQueryRoot, Session, type QueryLike } from 'ftrack-codegen';
import { startServer, type ServerHandle } from 'ftrack-codegen/server';
import { demoSchema } from '../../server/demo/index.js';

// Typed builder ↔ hand-written expression against the local server (demo workspace): both must
// return the same entities. Until generated/ exists the root is untyped (the same run-time code).
const q = createQueryRoot({ schemaHash: 'demo', schemas: demoSchema }) as Record<string, any>;
let server: ServerHandle;
let session: Session;

beforeAll(async () => {
  server = await startServer();
  session = new Session({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey });
});
afterAll(async () => {
  await session?.close();
  await server?.close();
});

async function keys(query: string | QueryLike<unknown>): Promise<string[]> {
  const rows = (await session.query(query as QueryLike<{ $primaryKey(): string[] }>).all()) as { $primaryKey(): string[] }[];
  return rows.map((row) => row.$primaryKey().join(','));
}

const sorted = (list: string[]) => [...list].sort();
const since = '2026-02-01T00:00:00';

// [name, typed builder, hand-written expression]: each expected result is a non-empty proper subset.
const cases: [string, () => QueryLike<unknown>, string][] = [
  ['string eq', () => q.Task.where((t: any) => t.name.eq('modeling')), 'select id from Task where name is "modeling"'],
  ['string ne', () => q.Task.where((t: any) => t.name.ne('modeling')), 'select id from Task where name is_not "modeling"'],
  ['string in', () => q.Task.where((t: any) => t.name.in(['rigging', 'texture'])), 'select id from Task where name in ("rigging", "texture")'],
  ['string notIn', () => q.Task.where((t: any) => t.name.notIn(['rigging', 'texture'])), 'select id from Task where name not_in ("rigging", "texture")'],
  ['like', () => q.Task.where((t: any) => t.name.like('%ing')), 'select id from Task where name like "%ing"'],
  ['notLike', () => q.Task.where((t: any) => t.name.notLike('%ing')), 'select id from Task where name not_like "%ing"'],
  ['startsWith', () => q.Task.where((t: any) => t.name.startsWith('anim')), 'select id from Task where name like "anim%"'],
  ['endsWith', () => q.Task.where((t: any) => t.name.endsWith('ture')), 'select id from Task where name like "%ture"'],
  ['contains', () => q.Timelog.where((l: any) => l.comment.contains('day')), 'select id from Timelog where comment like "%day%"'],
  ['number gt', () => q.Task.where((t: any) => t.bid.gt(43200)), 'select id from Task where bid > 43200'],
  ['number gte', () => q.Task.where((t: any) => t.bid.gte(43200)), 'select id from Task where bid >= 43200'],
  ['number lt', () => q.Task.where((t: any) => t.bid.lt(43200)), 'select id from Task where bid < 43200'],
  ['number lte', () => q.Task.where((t: any) => t.bid.lte(43200)), 'select id from Task where bid <= 43200'],
  ['number eq/in', () => q.Priority.where((p: any) => p.value.eq(4).or(p.value.in([1, 2]))), 'select id from Priority where value is 4 or value in (1, 2)'],
  ['datetime after', () => q.Task.where((t: any) => t.start_date.after(new Date(`${since}Z`))), `select id from Task where start_date after "${since}"`],
  ['datetime before', () => q.Task.where((t: any) => t.start_date.before(since)), `select id from Task where start_date before "${since}"`],
  ['datetime gte/lte', () => q.Task.where((t: any) => t.start_date.gte('2026-02-04').and(t.start_date.lte('2026-02-12T00:00:00Z'))), 'select id from Task where start_date >= "2026-02-04T00:00:00" and start_date <= "2026-02-12T00:00:00"'],
  ['boolean eq', () => q.Project.where((p: any) => p.is_private.eq(false).or(p.is_global.eq(true))), 'select id from Project where is_private is false or is_global is true'],
  ['reference isNone', () => q.Context.where((c: any) => c.parent.isNone()), 'select id from Context where parent is None'],
  ['isNotNone', () => q.Note.where((n: any) => n.in_reply_to_id.isNotNone()), 'select id from Note where in_reply_to_id is_not None'],
  ['isNone', () => q.Note.where((n: any) => n.in_reply_to_id.isNone()), 'select id from Note where in_reply_to_id is None'],
  ['nested path', () => q.Task.where((t: any) => t.status.name.eq('On hold')), 'select id from Task where status.name is "On hold"'],
  ['has', () => q.Task.where((t: any) => t.priority.has((p: any) => p.value.gte(3))), 'select id from Task where priority has (value >= 3)'],
  ['reference eq(entity)', () => q.Task.where((t: any) => t.project.eq({ id: '10f50e1f-7aef-4d40-93e8-9f3c602daa28' })), 'select id from Task where project.id is "10f50e1f-7aef-4d40-93e8-9f3c602daa28"'],
  ['collection member', () => q.Task.where((t: any) => t.timelogs.duration.gte(14400)), 'select id from Task where timelogs.duration >= 14400'],
  ['any(cb)', () => q.Task.where((t: any) => t.timelogs.any((l: any) => l.duration.gte(14400))), 'select id from Task where timelogs any (duration >= 14400)'],
  ['any()', () => q.Task.where((t: any) => t.timelogs.any()), 'select id from Task where timelogs any ()'],
  ['none()', () => q.Task.where((t: any) => t.timelogs.none()), 'select id from Task where not timelogs any ()'],
  ['none(cb)', () => q.Task.where((t: any) => t.timelogs.none((l: any) => l.duration.lt(7200))), 'select id from Task where not timelogs any (duration < 7200)'],
  ['every(cb)', () => q.Task.where((t: any) => t.timelogs.any().and(t.timelogs.every((l: any) => l.duration.gte(7200)))), 'select id from Task where timelogs any () and not timelogs any (not (duration >= 7200))'],
  ['mapped entry', () => q.Shot.where((s: any) => s.custom_attributes.entry('fend').gt(1060)), 'select id from Shot where custom_attributes any (key is "fend" and value > 1060)'],
  ['mapped metadata', () => q.Project.where((p: any) => p.metadata.entry('delivery_format').eq('EXR')), 'select id from Project where metadata any (key is "delivery_format" and value is "EXR")'],
  ['and / or / not', () => q.Task.where((t: any) => t.bid.gt(40000).and(t.name.eq('modeling').or(t.name.eq('rigging').not()))), 'select id from Task where bid > 40000 and (name is "modeling" or not (name is "rigging"))'],
  ['subquery', () => q.Project.where((p: any) => p.id.in(q.Task.select('project_id').where((t: any) => t.bid.gt(60000)))), 'select id from Project where id in (select project_id from Task where bid > 60000)'],
  ['TypedContext', () => q.TypedContext.where((t: any) => t.name.startsWith('sh0')), 'select id from TypedContext where name like "sh0%"'],
];

describe('query builder ↔ local server', () => {
  it('acceptance: q.Project.where(p => p.status.eq("active")) returns exactly the active projects', async () => {
    const rows = (await session.query('select status from Project').all()) as unknown as { status: string; $primaryKey(): string[] }[];
    const active = rows.filter((row) => row.status === 'active').map((row) => row.$primaryKey().join(','));
    expect(active.length).toBeGreaterThan(0);
    expect(active.length).toBeLessThan(rows.length);
    const query = q.Project.where((p: any) => p.status.eq('active'));
    expect(String(query)).toMatch(/ from Project where status is "active"$/);
    expect(sorted(await keys(query))).toEqual(sorted(active));
  });

  it.each(cases)('%s returns what the hand-written expression returns', async (_name, build, expression) => {
    const all = await keys(`select id from ${/from (\w+)/.exec(expression)![1]}`);
    const expected = await keys(expression);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);
    expect(sorted(await keys(build()))).toEqual(sorted(expected));
  });

  it('keeps order, offset and limit', async () => {
    const typed = q.Task.select('name').orderBy('bid', 'desc').orderBy('name').offset(3).limit(7);
    const expected = await keys('select name from Task order by bid desc, name asc offset 3 limit 7');
    expect(expected).toHaveLength(7);
    expect(await keys(typed)).toEqual(expected);
  });

  it('finds exactly the entities named s, for any s (1,000 random hostile names)', async () => {
    const named = new Map<string, Set<string>>();
    const fragment = fc.constantFrom('"', '\\', "'", '%', '_', '\n', '" or name like "%', ') or (', 'é', '😀', ' ');
    const name = fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), fc.array(fc.oneof(fragment, fc.string({ maxLength: 4 })), { maxLength: 8 }).map((p) => p.join('')));
    await fc.assert(
      fc.asyncProperty(name, async (s) => {
        const [created] = (await session.call([{ action: 'create', entity_type: 'Priority', entity_data: { name: s } }])) as { data: { $primaryKey(): string[] } }[];
        const id = created!.data.$primaryKey().join(',');
        named.set(s, (named.get(s) ?? new Set()).add(id));
        const found = await keys(q.Priority.where((p: any) => p.name.eq(s)));
        expect(sorted(found)).toEqual(sorted([...named.get(s)!]));
      }),
      { numRuns: 1000 },
    );
  });
});
