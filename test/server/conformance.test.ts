import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoData } from '../../server/demo/index.js';
import { startServer, type ServerHandle } from '../../server/index.js';
import { callApi, query } from './support/api-client.js';
import { dateText, SeedOracle } from './support/seed-oracle.js';

// Every query string of spec 5.1 and 5.10, adapted to the demo workspace, checked against the seed.
const seed = new SeedOracle(demoData());
const TYPED = ['Folder', 'Episode', 'Sequence', 'Shot', 'Task', 'AssetBuild', 'Milestone'];
let server: ServerHandle;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const ids = (answer: { data: Record<string, unknown>[] }) => answer.data.map((row) => row.id);
const tasks = () => seed.rows('Task');
const stateShort = (row: Record<string, unknown>) => seed.get(seed.get(row.status_id)?.state_id)?.short;

describe('spec 5.1 examples', () => {
  it('select name from Task limit 1', async () => {
    const answer = await query(server, 'select name from Task limit 1');
    expect(answer.data).toEqual([expect.objectContaining({ __entity_type__: 'Task', id: tasks()[0]!.id, name: tasks()[0]!.name })]);
    expect(answer.metadata.next.offset).toBe(1);
  });

  it('select status.state.short from Task where status.state.short is NOT_STARTED limit 2', async () => {
    const answer = await query(server, 'select status.state.short from Task where status.state.short is NOT_STARTED limit 2');
    const expected = tasks().filter((t) => stateShort(t) === 'NOT_STARTED');
    expect(ids(answer)).toEqual(expected.slice(0, 2).map((t) => t.id));
    expect(answer.data[0]!.status).toMatchObject({ __entity_type__: 'Status', state: { __entity_type__: 'State', short: 'NOT_STARTED' } });
  });

  it('select version, asset.versions.version from AssetVersion where asset_id is_not None limit 1 (nested, deduplicated)', async () => {
    const answer = await query(server, 'select version, asset.versions.version from AssetVersion where asset_id is_not None limit 1');
    const first = seed.rows('AssetVersion').find((v) => v.asset_id != null)!;
    const siblings = seed.rows('AssetVersion').filter((v) => v.asset_id === first.asset_id);
    const root = answer.data[0]!;
    expect(root).toMatchObject({ id: first.id, version: first.version, asset_id: first.asset_id });
    const versions = (root.asset as { versions: Record<string, unknown>[] }).versions;
    expect(versions.map((v) => v.id)).toEqual(siblings.map((v) => v.id));
    // The root version reappears inside asset.versions as a bare reference.
    expect(versions.find((v) => v.id === first.id)).toEqual({ __entity_type__: 'AssetVersion', id: first.id });
    expect(versions.find((v) => v.id !== first.id)).toHaveProperty('version');
  });

  it('select id from User offset 0 limit 10', async () => {
    const answer = await query(server, 'select id from User offset 0 limit 10');
    // The server also holds its API user ("bootstrap"), created after the seed's users.
    const users = [...seed.rows('User').map((u) => u.id), (await query(server, 'select id from User where username is "admin"')).data[0]!.id];
    expect(ids(answer)).toEqual(users.slice(0, 10));
    expect(answer.metadata.next.offset).toBe(users.length > 10 ? 10 : null);
  });

  it('select context_type, id, name from Task where (id is "…")', async () => {
    const task = tasks()[3]!;
    const answer = await query(server, `select context_type, id, name from Task where (id is "${String(task.id)}")`);
    expect(answer.data).toEqual([{ __entity_type__: 'Task', id: task.id, project_id: task.project_id, context_type: 'task', object_type_id: task.object_type_id, name: task.name }]);
  });

  it('select email from User where id in (bare uuids)', async () => {
    const [a, b] = seed.rows('User').slice(1, 3);
    const answer = await query(server, `select email from User where id in (${String(a!.id)},${String(b!.id)})`);
    expect(answer.data.map((u) => u.email)).toEqual([a!.email, b!.email]);
  });

  it('select value from Metadata where (parent_id is "p1"and key is "k1") or (…)', async () => {
    const [m1, m2] = [seed.rows('Metadata')[0]!, seed.rows('Metadata')[5]!];
    const expression = `select value from Metadata where (parent_id is "${String(m1.parent_id)}"and key is "${String(m1.key)}") or (parent_id is "${String(m2.parent_id)}"and key is "${String(m2.key)}")`;
    const answer = await query(server, expression);
    expect(answer.data.map((m) => m.value).sort()).toEqual([m1.value, m2.value].sort());
  });

  it('select name, bid from Task where ((bid > N) and (name = "…")) order by name descending offset 1 limit 10', async () => {
    const name = String(tasks()[0]!.name);
    const answer = await query(server, `select name, bid from Task where ((bid > 0) and (name = "${name}")) order by name descending offset 1 limit 10`);
    const expected = tasks().filter((t) => (t.bid as number) > 0 && t.name === name);
    expect(ids(answer)).toEqual(expected.slice(1, 11).map((t) => t.id));
  });

  it('select default, label, key, project_id from CustomAttributeConfiguration order by sort (keyword-named attribute)', async () => {
    const answer = await query(server, 'select default, label, key, project_id from CustomAttributeConfiguration order by sort');
    const expected = [...seed.rows('CustomAttributeConfiguration')].sort((a, b) => (a.sort as number) - (b.sort as number));
    expect(answer.data.map((c) => [c.key, c.default])).toEqual(expected.map((c) => [c.key, c.default]));
  });

  it('attribute names that look like clause words work in conditions', async () => {
    const answer = await query(server, 'select key from CustomAttributeConfiguration where default is 24 and key is fps');
    expect(answer.data.map((c) => c.key)).toEqual(seed.rows('CustomAttributeConfiguration').filter((c) => c.default === 24 && c.key === 'fps').map((c) => c.key));
    expect(answer.data).toHaveLength(1);
  });

  it('Shot where metadata any (key=frame_rate and value=25)', async () => {
    const answer = await query(server, 'select name from Shot where metadata any (key=frame_rate and value=25)');
    const expected = seed.rows('Shot').filter((s) => seed.rows('Metadata').some((m) => m.parent_id === s.id && m.key === 'frame_rate' && m.value === '25'));
    expect(expected.length).toBeGreaterThan(0);
    expect(ids(answer)).toEqual(expected.map((s) => s.id));
  });

  it('Shot where not notes any () / notes any ()', async () => {
    const withNotes = (s: Record<string, unknown>) => seed.rows('Note').some((n) => n.parent_id === s.id);
    const empty = await query(server, 'select name from Shot where not notes any ()');
    const some = await query(server, 'select name from Shot where notes any ()');
    expect(ids(empty)).toEqual(seed.rows('Shot').filter((s) => !withNotes(s)).map((s) => s.id));
    expect(ids(some)).toEqual(seed.rows('Shot').filter(withNotes).map((s) => s.id));
    expect(some.data.length).toBeGreaterThan(0);
  });

  it('Note where author has (first_name is "Ada" and last_name is "Lovelace")', async () => {
    const answer = await query(server, 'Note where author has (first_name is "Ada" and last_name is "Lovelace")');
    const ada = seed.rows('User').find((u) => u.first_name === 'Ada')!;
    const expected = seed.rows('Note').filter((n) => n.user_id === ada.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(ids(answer)).toEqual(expected.map((n) => n.id));
  });

  it('Task where timelogs.start >= "…+01:00" (offset converted, compared chronologically)', async () => {
    const answer = await query(server, 'select name from Task where timelogs.start >= "2026-02-06T10:00:00+01:00"');
    const expected = tasks().filter((t) => seed.rows('Timelog').some((l) => l.context_id === t.id && dateText(l.start)! >= '2026-02-06T09:00:00'));
    expect(expected.length).toBeGreaterThan(0);
    expect(ids(answer)).toEqual(expected.map((t) => t.id));
  });

  it('select count(id) from Task group by project_id, status_id (strict API)', async () => {
    const answer = await query(server, 'select count(id) from Task group by project_id, status_id', { 'ftrack-strict-api': 'true' });
    const counts = new Map<string, number>();
    for (const t of tasks()) counts.set(`${String(t.project_id)}|${String(t.status_id)}`, (counts.get(`${String(t.project_id)}|${String(t.status_id)}`) ?? 0) + 1);
    expect(answer.data).toHaveLength(counts.size);
    for (const row of answer.data) {
      expect(row).not.toHaveProperty('__entity_type__');
      expect(row.count_id).toBe(counts.get(`${String(row.project_id)}|${String(row.status_id)}`));
    }
  });
});

describe('spec 5.10 client-built expressions', () => {
  it('projection-less queries use default projections', async () => {
    const answer = await query(server, `Task where name is "${String(tasks()[0]!.name)}"`);
    expect(Object.keys(answer.data[0]!).sort()).toEqual(['__entity_type__', 'context_type', 'id', 'name', 'object_type_id', 'project_id']);
  });

  it('PY paging: " offset <n> limit <page>" until next.offset is null (also on a full last page)', async () => {
    const all = tasks().length;
    const seen: unknown[] = [];
    let offset: number | null = 0;
    while (offset !== null) {
      const answer: Awaited<ReturnType<typeof query>> = await query(server, `select id from Task order by name, id offset ${offset} limit 10`);
      seen.push(...ids(answer));
      offset = answer.metadata.next.offset;
    }
    expect(new Set(seen).size).toBe(all);
    const fullLastPage = await query(server, `select id from Task offset ${all - 5} limit 5`);
    expect(fullLastPage.data).toHaveLength(5);
    expect(fullLastPage.metadata.next.offset).toBeNull();
  });

  it('limit before offset is accepted', async () => {
    const a = await query(server, 'select id from Task limit 3 offset 2');
    expect(ids(a)).toEqual(tasks().slice(2, 5).map((t) => t.id));
  });

  it('PY populate: where id in (v1,v2) and where id is v1 (bare)', async () => {
    const [a, b] = tasks();
    const both = await query(server, `select name, status from Task where id in (${String(a!.id)},${String(b!.id)})`);
    expect(ids(both)).toEqual([a!.id, b!.id]);
    expect(both.data[0]!.status).toEqual(expect.objectContaining({ __entity_type__: 'Status', id: a!.status_id }));
    const one = await query(server, `select name from Task where id is ${String(a!.id)}`);
    expect(ids(one)).toEqual([a!.id]);
  });

  it('PY ensure: True / None / naive datetimes; JS ensure: ISO with milliseconds and Z', async () => {
    const log = seed.rows('Timelog')[0]!;
    const py = await query(server, `Timelog where start is "${dateText(log.start)!}" and duration is ${String(log.duration)} and name is_not None`);
    expect(ids(py)).toContain(log.id);
    const js = await query(server, `select id from Timelog where start is "${dateText(log.start)!}.000Z" and duration is ${String(log.duration)}`);
    expect(ids(js)).toEqual(ids(py));
    const users = await query(server, 'select username from User where is_active is True');
    expect(users.data).toHaveLength(seed.rows('User').filter((u) => u.is_active === true).length + 1); // + the API user
  });

  it('CS style: parenthesised comparisons, like, order by … descending', async () => {
    const answer = await query(server, 'select name from Task where (bid >= 0) and (name like "%ing") order by name descending offset 0 limit 5');
    const expected = [...tasks().filter((t) => /ing$/i.test(String(t.name)))].sort((x, y) => (String(x.name) < String(y.name) ? 1 : String(x.name) > String(y.name) ? -1 : 0));
    expect(answer.data.map((t) => t.name)).toEqual(expected.slice(0, 5).map((t) => t.name));
  });
});

describe('more of the grammar', () => {
  it('subqueries: id in (select parent_id from Task where …) and not_in', async () => {
    const name = 'compositing';
    const answer = await query(server, `select name from Shot where id in (select parent_id from Task where name is "${name}")`);
    const parents = new Set(tasks().filter((t) => t.name === name).map((t) => t.parent_id));
    expect(ids(answer)).toEqual(seed.rows('Shot').filter((s) => parents.has(s.id)).map((s) => s.id));
    const others = await query(server, `select name from Shot where id not_in (select parent_id from Task where name is "${name}")`);
    expect(ids(others)).toEqual(seed.rows('Shot').filter((s) => !parents.has(s.id)).map((s) => s.id));
  });

  it('custom_attributes any (key is "fstart" and value >= N) uses dense values with defaults', async () => {
    const answer = await query(server, 'select name from Shot where custom_attributes any (key is "fstart" and value >= 1001)');
    expect(answer.data).toHaveLength(seed.rows('Shot').length);
    const none = await query(server, 'select name from Shot where custom_attributes any (key is "fstart" and value > 99999)');
    expect(none.data).toHaveLength(0);
  });

  it('polymorphic queries return concrete subtypes', async () => {
    const answer = await query(server, 'select name from TypedContext');
    expect(new Set(answer.data.map((r) => r.__entity_type__))).toEqual(new Set(TYPED.filter((t) => seed.rows(t).length > 0)));
    expect(answer.data).toHaveLength(seed.rowsOf(TYPED).length);
    const context = await query(server, 'select name from Context where context_type is show');
    expect(context.data.every((r) => r.__entity_type__ === 'Project')).toBe(true);
  });

  it('or / not / nested parentheses, and binds tighter than or', async () => {
    const [a, b] = tasks();
    const answer = await query(server, `select id from Task where id is "${String(a!.id)}" or id is "${String(b!.id)}" and name is_not "${String(b!.name)}"`);
    expect(ids(answer)).toEqual([a!.id]);
    const negated = await query(server, `select id from Task where not (id is "${String(a!.id)}" or (id = "${String(b!.id)}"))`);
    expect(negated.data).toHaveLength(tasks().length - 2);
  });

  it('multi-key order by with asc / desc', async () => {
    const answer = await query(server, 'select name, bid from Task order by bid desc, name asc');
    const expected = [...tasks()].sort((x, y) => (y.bid as number) - (x.bid as number) || (String(x.name) < String(y.name) ? -1 : String(x.name) > String(y.name) ? 1 : 0));
    expect(answer.data.map((t) => [t.bid, t.name])).toEqual(expected.map((t) => [t.bid, t.name]));
  });

  it('parent.parent paths, after / before aliases and like with _', async () => {
    const project = seed.rows('Project')[0]!;
    const answer = await query(server, `select name from Task where parent.parent.name is "${String(project.name)}" or parent.parent.parent.name is "${String(project.name)}"`);
    expect(answer.data.length).toBeGreaterThan(0);
    const dated = await query(server, 'select name from Project where start_date after "2026-01-01" and start_date before "2026-12-31"');
    expect(dated.data.map((p) => p.name)).toEqual(seed.rows('Project').filter((p) => dateText(p.start_date)! > '2026-01-01T00:00:00' && dateText(p.start_date)! < '2026-12-31T00:00:00').map((p) => p.name));
    const like = await query(server, 'select name from Shot where name like "SH0_0"');
    expect(like.data.map((s) => s.name)).toEqual(seed.rows('Shot').filter((s) => /^sh0.0$/i.test(String(s.name))).map((s) => s.name));
  });

  it('comparisons through a collection are existential each on its own; any () needs one member for all', async () => {
    const shot = seed.rows('Shot')[0]!;
    const [first, second] = seed.rows('Metadata').filter((m) => m.parent_id === shot.id).concat(seed.rows('Metadata').filter((m) => m.parent_id !== shot.id));
    // Key of one item and value of another: matches with separate comparisons, not inside any ().
    const separate = await query(server, `select id from Shot where id is "${String(shot.id)}" and metadata.key is "${String(first!.key)}" and metadata.value is "${String(second!.value)}"`);
    const together = await query(server, `select id from Shot where id is "${String(shot.id)}" and metadata any (key is "${String(first!.key)}" and value is "${String(second!.value)}")`);
    const shotValues = seed.rows('Metadata').filter((m) => m.parent_id === shot.id);
    const expectSeparate = shotValues.some((m) => m.key === first!.key) && shotValues.some((m) => m.value === second!.value);
    const expectTogether = shotValues.some((m) => m.key === first!.key && m.value === second!.value);
    expect(separate.data.length).toBe(expectSeparate ? 1 : 0);
    expect(together.data.length).toBe(expectTogether ? 1 : 0);
  });

  it('aggregates: sum, avg, min, max per group', async () => {
    const answer = await query(server, 'select sum(version), avg(version), min(version), max(date), asset_id from AssetVersion group by asset_id', { 'ftrack-strict-api': 'true' });
    for (const row of answer.data) {
      const versions = seed.rows('AssetVersion').filter((v) => v.asset_id === row.asset_id);
      const numbers = versions.map((v) => v.version as number);
      expect(row.sum_version).toBe(numbers.reduce((a, b) => a + b, 0));
      expect(row.avg_version).toBeCloseTo(numbers.reduce((a, b) => a + b, 0) / numbers.length);
      expect(row.min_version).toBe(Math.min(...numbers));
      expect(row.max_date).toEqual({ __type__: 'datetime', value: versions.map((v) => dateText(v.date)!).sort().at(-1) });
    }
    expect(answer.data).toHaveLength(new Set(seed.rows('AssetVersion').map((v) => v.asset_id)).size);
  });

  it('denormalize repeats full copies; default mode deduplicates', async () => {
    const expression = 'select name, status.name from Task limit 20';
    const normal = await query(server, expression);
    const full = await query(server, expression, { 'ftrack-api-options': 'strict=1;denormalize=1' });
    const named = (answer: typeof normal) => answer.data.filter((t) => (t.status as Record<string, unknown>).name !== undefined).length;
    expect(named(full)).toBe(20);
    expect(named(normal)).toBeLessThan(20);
  });

  it('errors name the position, the unknown type or attribute, and restricted projections', async () => {
    const cases: [string, RegExp][] = [
      ['select name from Task where name is', /position 35: expected a value/],
      ['select name from Task where (name is "a"', /expected "\)"/],
      ['select name from Nope', /Unknown entity type "Nope"/],
      ['select nmae from Task', /Task has no attribute "nmae"/],
      ['select name from Task where status.nope is 1', /Status has no attribute "nope"/],
      ['select custom_attribute_links from Task', /restricted projection/],
      ['select name from Task order by nope', /no attribute "nope"/],
      ['select name from Task where name is "unterminated', /closing "/],
    ];
    for (const [expression, message] of cases) {
      const { body } = await callApi<{ exception: string; content: string }>(server, [{ action: 'query', expression }]);
      expect(body.content, expression).toMatch(message);
    }
    const filterOnly = await query(server, 'select name from Task where custom_attribute_links any ()');
    expect(filterOnly.data).toEqual([]);
  });
});
