import { describe, expect, expectTypeOf, it } from 'vitest';
import type { RowOf } from 'ftrack-codegen';
import { q } from '../../generated/index.js';
import { PROJECT_IDS } from '../../server/demo/ids.js';
import { byId, dateOf, indexById, keysWhere, rowsOf } from './support/demo-oracle.js';
import { keysOf, useDemoSession } from './support/round-trip.js';

// What typed queries of the generated demo client load, in which order, and how they run
// (.all / .first / .one / for await) against the local server; values checked against the seed.

const session = useDemoSession();

describe('query builder ↔ local server: selection, ordering, paging, running', () => {
  it('select by strings loads the selected attributes and nested paths with the seed values', async () => {
    const rows = await session().query(q.Task.select('name', 'bid', 'status.name', 'parent.name').where((t) => t.project.eq({ id: PROJECT_IDS.test }))).all();
    const seed = indexById('Task');
    expect(rows.length).toBe(rowsOf('Task').filter((r) => r.project_id === PROJECT_IDS.test).length);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const expected = seed.get(row.id)!;
      expect(row.$type).toBe('Task');
      expect(row.name).toBe(expected.name);
      expect(row.bid).toBe(expected.bid);
      expect(row.status?.name).toBe(byId('Status', expected.status_id)?.name);
      expect(row.parent?.name).toBe(byId('Context', expected.parent_id)?.name);
    }
  });

  it('select by callback loads the same as by strings (datetimes decoded as dayjs)', async () => {
    const byCallback = q.Project.select((p) => [p.full_name, p.start_date]);
    const byStrings = q.Project.select('full_name', 'start_date');
    expect(String(byCallback)).toBe(String(byStrings));
    const rows = await session().query(byCallback).all();
    expect(rows.length).toBe(rowsOf('Project').length);
    for (const row of rows) {
      const expected = byId('Project', row.id)!;
      expect(row.full_name).toBe(expected.full_name);
      expect(row.start_date?.utc().format('YYYY-MM-DDTHH:mm:ss')).toBe(dateOf(expected.start_date));
    }
  });

  it('orderBy (strings and callbacks, asc/desc), offset and limit', async () => {
    const typed = q.Task.select('name', 'bid').orderBy('bid', 'desc').orderBy((t) => t.name).offset(3).limit(7);
    const text = 'select name, bid from Task order by bid descending, name ascending offset 3 limit 7';
    const rows = await session().query(typed).all();
    const expectedPairs = rowsOf('Task')
      .map((r) => [Number(r.bid), String(r.name)] as const)
      .sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
      .slice(3, 10);
    expect(rows.map((row) => [row.bid, row.name])).toEqual(expectedPairs);
    const byText = (await session().query(text).all()).map((row) => row.$primaryKey().join(','));
    expect(rows.map((row) => row.id)).toEqual(byText);
  });

  it('order by a nested path', async () => {
    const rows = await session().query(q.Task.select('status.sort').orderBy((t) => t.status.sort, 'desc').limit(10)).all();
    const sorts = rows.map((row) => row.status?.sort ?? -1);
    expect(sorts).toEqual([...sorts].sort((a, b) => b - a));
    const max = Math.max(...rowsOf('Task').map((r) => Number(byId('Status', r.status_id)?.sort)));
    expect(sorts[0]).toBe(max);
  });

  it('.first(), .one() and for await are typed by the builder', async () => {
    const query = q.Status.select('name', 'sort').orderBy('sort');
    const first = await session().query(query).first();
    expectTypeOf(first).toEqualTypeOf<RowOf<typeof query> | undefined>();
    const lowest = rowsOf('Status').reduce((a, b) => (Number(a.sort) <= Number(b.sort) ? a : b));
    expect(first?.name).toBe(lowest.name);

    const bunny = await session().query(q.Project.select('full_name').where((p) => p.name.eq('bunny'))).one();
    expect(bunny.id).toBe(PROJECT_IDS.bunny);
    expect(bunny.full_name).toBe(byId('Project', PROJECT_IDS.bunny)!.full_name);

    const names: (string | null)[] = [];
    for await (const status of session().query(q.Status.select('name').orderBy('sort'), { pageSize: 3 })) names.push(status.name);
    expect(names).toEqual([...rowsOf('Status')].sort((a, b) => Number(a.sort) - Number(b.sort)).map((r) => r.name));
  });

  it('a typed query and its toString() return the same entities', async () => {
    const typed = q.Timelog.where((l) => l.user.username.eq('ada')).orderBy('start');
    const expected = keysWhere('Timelog', (r) => byId('User', r.user_id)?.username === 'ada');
    expect(expected.length).toBeGreaterThan(0);
    expect(await keysOf(session(), typed.toString())).toEqual(expected);
    expect(await keysOf(session(), typed)).toEqual(expected);
  });
});
