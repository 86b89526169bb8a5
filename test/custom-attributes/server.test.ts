import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerHandle } from '../../server/index.js';
import { callApi, query } from '../server/support/api-client.js';
import { hasShared, SHARED_MISSING, workspaceASchema } from '../support/shared.js';

// Issue 12 (item 7): the local server serves custom attributes as ftrack does, on workspace-a with
// `--seed custom-attributes`. Expected values are computed here from the raw configuration and
// value rows (ftrack's applicability rule written out independently), never read back from reads.

type Data = Record<string, unknown>;
type Context = { id: string; name: string; type: string; objectTypeId: string | null; projectId: string; parentId: string | null };
type Config = { id: string; key: string; entityType: string; objectTypeId: string | null; projectId: string | null; hierarchical: boolean; default: unknown };

if (!hasShared) console.warn(`[skip] custom attributes on workspace-a: ${SHARED_MISSING}`);

describe.skipIf(!hasShared)('custom attributes on workspace-a (--seed custom-attributes)', () => {
  let server: ServerHandle;
  let contexts: Context[];
  let configs: Config[];
  let stored: Map<string, unknown>;

  const batch = async (operations: Data[]) => (await callApi<Data[] | Data>(server, operations)).body;
  const loadOracle = async () => {
    const rows = (await query(server, 'select id, name, object_type_id, project_id, parent_id from TypedContext')).data;
    const projects = (await query(server, 'select id, name from Project')).data;
    contexts = [
      ...projects.map((p) => ({ id: String(p.id), name: String(p.name), type: 'Project', objectTypeId: null, projectId: String(p.id), parentId: null })),
      ...rows.map((r) => ({ id: String(r.id), name: String(r.name), type: String(r.__entity_type__), objectTypeId: String(r.object_type_id), projectId: String(r.project_id), parentId: String(r.parent_id) })),
    ];
    configs = (await query(server, 'select id, key, entity_type, object_type_id, project_id, is_hierarchical, default from CustomAttributeConfiguration')).data.map((c) => ({
      id: String(c.id), key: String(c.key), entityType: String(c.entity_type), objectTypeId: (c.object_type_id as string | null) ?? null,
      projectId: (c.project_id as string | null) ?? null, hierarchical: c.is_hierarchical === true, default: c.default,
    }));
    stored = new Map((await query(server, 'select configuration_id, entity_id, value from ContextCustomAttributeValue')).data.map((v) => [`${String(v.configuration_id)}:${String(v.entity_id)}`, v.value]));
  };
  /** ftrack's rule (spec 3.6 / 6.11): own table + object type + project, or hierarchical on show/task. */
  const applies = (config: Config, context: Context) => {
    const table = context.type === 'Project' ? 'show' : 'task';
    if (config.projectId !== null && config.projectId !== context.projectId) return false;
    return (config.entityType === table && (config.objectTypeId === null || config.objectTypeId === context.objectTypeId)) || config.hierarchical;
  };
  /** The value `custom_attributes` should show: the stored one, else the default. */
  const expectedValue = (config: Config, context: Context) => {
    const key = `${config.id}:${context.id}`;
    return stored.has(key) ? stored.get(key) : config.default;
  };
  const expectedMap = (context: Context) => Object.fromEntries(configs.filter((c) => applies(c, context)).map((c) => [c.key, expectedValue(c, context)]));
  const byPath = (path: string) => {
    const parts = path.split('/');
    let current = contexts.find((c) => c.type === 'Project' && c.name === parts[0])!;
    for (const name of parts.slice(1)) current = contexts.find((c) => c.parentId === current.id && c.name === name)!;
    return current;
  };
  const readMap = async (id: string) => {
    const [row] = (await query(server, `select custom_attributes from Context where id is "${id}"`)).data;
    return Object.fromEntries((row!.custom_attributes as Data[]).map((item) => [item.key, item.value]));
  };
  const names = async (type: string, condition: string) => new Set((await query(server, `select id from ${type} where ${condition}`)).data.map((r) => String(r.id)));
  const oracle = (type: string, key: string, test: (value: unknown) => boolean) =>
    new Set(contexts.filter((c) => c.type === type).flatMap((c) => configs.filter((k) => k.key === key && applies(k, c)).filter((k) => test(expectedValue(k, c))).map(() => c.id)));

  beforeAll(async () => {
    server = await startServer({ schema: workspaceASchema(), seed: 'custom-attributes' });
    await loadOracle();
  });
  afterAll(() => server?.close());

  it('seeds configurations of every type, the same key for Sequence (number) and Shot (text)', async () => {
    const types = (await query(server, 'select key, type.name, object_type.name from CustomAttributeConfiguration')).data;
    const kinds = new Set(types.map((t) => (t.type as Data).name));
    for (const kind of ['number', 'text', 'boolean', 'date', 'enumerator']) expect(kinds).toContain(kind);
    const fstart = types.filter((t) => t.key === 'fstart').map((t) => [(t.object_type as Data).name, (t.type as Data).name]).sort();
    expect(fstart).toEqual([['Sequence', 'number'], ['Shot', 'text']]);
    expect(configs.some((c) => c.hierarchical)).toBe(true);
    expect(configs.some((c) => c.projectId !== null)).toBe(true);
  });

  it('reads one entry per applicable configuration (value or default) on every project and typed context', async () => {
    const rows = [
      ...(await query(server, 'select custom_attributes from Project')).data,
      ...(await query(server, 'select custom_attributes from TypedContext')).data,
    ];
    expect(rows).toHaveLength(contexts.length);
    for (const row of rows) {
      const context = contexts.find((c) => c.id === row.id)!;
      const items = row.custom_attributes as Data[];
      expect(items.map((i) => i.configuration_id).sort()).toEqual(configs.filter((c) => applies(c, context)).map((c) => c.id).sort());
      expect(Object.fromEntries(items.map((i) => [i.key, i.value]))).toEqual(expectedMap(context));
    }
    // the project-specific attribute only on its project
    expect(await readMap(byPath('alpha').id)).toHaveProperty('client_code', 'ALP');
    expect(await readMap(byPath('bravo').id)).not.toHaveProperty('client_code');
  });

  it('creates a Sequence and a Shot and sets fstart on both in ONE request: each gets its own configuration and type', async () => {
    const alpha = byPath('alpha');
    const seqConfig = configs.find((c) => c.key === 'fstart' && c.objectTypeId === byPath('alpha/sq010').objectTypeId)!;
    const shotConfig = configs.find((c) => c.key === 'fstart' && c.objectTypeId === byPath('alpha/sq010/sh010').objectTypeId)!;
    const [seqId, shotId] = ['c0ffee00-0000-4000-8000-000000000001', 'c0ffee00-0000-4000-8000-000000000002'];
    const answer = await batch([
      { action: 'create', entity_type: 'Sequence', entity_data: { id: seqId, name: 'sq900', parent_id: alpha.id } },
      { action: 'create', entity_type: 'Shot', entity_data: { id: shotId, name: 'sh900', parent_id: seqId } },
      { action: 'update', entity_type: 'ContextCustomAttributeValue', entity_key: [seqConfig.id, seqId], entity_data: { value: 1201 } },
      { action: 'update', entity_type: 'ContextCustomAttributeValue', entity_key: [shotConfig.id, shotId], entity_data: { value: 'sh900-start' } },
    ]);
    expect(Array.isArray(answer)).toBe(true);
    expect((await readMap(seqId)).fstart).toBe(1201);
    expect((await readMap(shotId)).fstart).toBe('sh900-start');
    // the Shot's configuration refuses a number, the Sequence's a text
    const wrongType = (await batch([{ action: 'update', entity_type: 'ContextCustomAttributeValue', entity_key: [shotConfig.id, shotId], entity_data: { value: 5 } }])) as Data;
    expect(wrongType.content).toMatch(/must be of type string/);
    // the other object type's configuration does not apply: refused, and the whole batch rolled back
    const refused = (await batch([
      { action: 'create', entity_type: 'Shot', entity_data: { id: 'c0ffee00-0000-4000-8000-000000000003', name: 'sh901', parent_id: seqId } },
      { action: 'update', entity_type: 'ContextCustomAttributeValue', entity_key: [seqConfig.id, 'c0ffee00-0000-4000-8000-000000000003'], entity_data: { value: 7 } },
    ])) as Data;
    expect(refused).toMatchObject({ exception: 'ValidationError', error_code: 'custom_attribute_not_applicable' });
    expect((await query(server, 'select id from Shot where name is "sh901"')).data).toEqual([]);
  });

  it('a value row created by key picks the configuration of the entity type, object type and project', async () => {
    const shot = byPath('bravo/sq020/sh010');
    const seq = byPath('bravo/sq020');
    await batch([
      { action: 'create', entity_type: 'ContextCustomAttributeValue', entity_data: { entity_id: shot.id, key: 'fstart', value: 'by-key' } },
      { action: 'create', entity_type: 'ContextCustomAttributeValue', entity_data: { entity_id: seq.id, key: 'fstart', value: 3001 } },
    ]);
    expect((await readMap(shot.id)).fstart).toBe('by-key');
    expect((await readMap(seq.id)).fstart).toBe(3001);
    const missing = (await batch([{ action: 'create', entity_type: 'ContextCustomAttributeValue', entity_data: { entity_id: byPath('bravo').id, key: 'client_code', value: 'B' } }])) as Data;
    expect(missing).toMatchObject({ error_code: 'unknown_custom_attribute' });
    await loadOracle();
  });

  it('writes and reads every value type, checking the type', async () => {
    const shot = byPath('alpha/sq020/sh010');
    const task = contexts.find((c) => c.type === 'Task' && c.parentId === shot.id)!;
    const id = (key: string, context: Context) => configs.find((c) => c.key === key && applies(c, context))!.id;
    const set = (key: string, context: Context, value: unknown) =>
      batch([{ action: 'update', entity_type: 'ContextCustomAttributeValue', entity_key: [id(key, context), context.id], entity_data: { value } }]);
    await set('client_review', shot, true);
    await set('delivery', shot, { __type__: 'datetime', value: '2026-05-01T09:30:00' });
    await set('tags', shot, ['water', 'hero']);
    await set('stage', task, ['spline']);
    await set('fps', shot, 50);
    const values = await readMap(shot.id);
    expect(values).toMatchObject({ client_review: true, delivery: { __type__: 'datetime', value: '2026-05-01T09:30:00' }, tags: ['water', 'hero'], fps: 50 });
    expect((await readMap(task.id)).stage).toEqual(['spline']);
    for (const [key, bad] of [['client_review', 'yes'], ['delivery', 12], ['fps', 'fast'], ['tags', 3]] as const) {
      expect(((await set(key, shot, bad)) as Data).error_code).toBe('invalid_custom_attribute');
    }
    await loadOracle();
  });

  it('hierarchical: custom_attributes holds the own value or the default; the inherited value comes from the nearest explicit value up the hierarchy', async () => {
    const fps = configs.find((c) => c.key === 'fps')!;
    const explicit = async (ids: string[]) =>
      new Map((await query(server, `select entity_id, value from ContextCustomAttributeValue where configuration_id is "${fps.id}" and entity_id in (${ids.map((i) => `"${i}"`).join(', ')})`)).data.map((v) => [String(v.entity_id), v.value]));
    const inherited = async (context: Context) => {
      const chain: Context[] = [];
      for (let c: Context | undefined = context; c !== undefined; c = contexts.find((p) => p.id === (c!.parentId ?? c!.projectId) && p.id !== c!.id)) chain.push(c);
      const values = await explicit(chain.map((c) => c.id));
      const nearest = chain.find((c) => values.has(c.id));
      return nearest === undefined ? fps.default : values.get(nearest.id);
    };
    const cases: [string, unknown, unknown][] = [
      ['alpha/sq020/sh020', 24, 30], // own unset: default; inherited from alpha/sq020
      ['alpha/sq010/sh010', 24, 25], // inherited from project alpha
      ['bravo/sq020/sh020', 24, 24], // nothing set above: the default
      ['bravo/sq010/sh020', 48, 48], // own value
      ['alpha', 25, 25],
    ];
    for (const [path, own, expected] of cases) {
      expect((await readMap(byPath(path).id)).fps, path).toBe(own);
      expect(await inherited(byPath(path)), path).toBe(expected);
    }
  });

  it('evaluates custom_attributes any (key is … and value <op> …) with typed comparison, per value type', async () => {
    const iso = (v: unknown) => (v as { value?: string } | null)?.value;
    const cases: [string, string, string, (v: unknown) => boolean][] = [
      ['Sequence', 'fstart', 'value >= 1100', (v) => typeof v === 'number' && v >= 1100],
      ['Sequence', 'fstart', 'value < 1101', (v) => typeof v === 'number' && v < 1101],
      ['Shot', 'fstart', 'value like "A1%"', (v) => typeof v === 'string' && v.toLowerCase().startsWith('a1')],
      ['Shot', 'fstart', 'value is ""', (v) => v === ''],
      ['Shot', 'client_review', 'value is true', (v) => v === true],
      ['Shot', 'client_review', 'value is false', (v) => v === false],
      ['Shot', 'delivery', 'value > "2026-04-01"', (v) => iso(v) !== undefined && iso(v)! > '2026-04-01T00:00:00'],
      ['Shot', 'delivery', 'value in ("2026-03-02T00:00:00")', (v) => iso(v) === '2026-03-02T00:00:00'],
      ['Task', 'stage', 'value is "polish"', (v) => Array.isArray(v) && v.includes('polish')],
      ['Shot', 'tags', 'value is "fx"', (v) => Array.isArray(v) && v.includes('fx')],
      ['Shot', 'tags', 'value is_not "fx"', (v) => Array.isArray(v) && !v.includes('fx')],
      ['Shot', 'tags', 'value in ("water", "crowd")', (v) => Array.isArray(v) && v.some((t) => t === 'water' || t === 'crowd')],
      ['Shot', 'fps', 'value >= 30', (v) => typeof v === 'number' && v >= 30],
      ['Project', 'client_code', 'value is "ALP"', (v) => v === 'ALP'],
    ];
    for (const [type, key, condition, test] of cases) {
      const expected = oracle(type, key, test);
      expect(await names(type, `custom_attributes any (key is "${key}" and ${condition})`), `${type} ${key} ${condition}`).toEqual(expected);
      expect(expected.size, `${type} ${key} ${condition} matches something`).toBeGreaterThan(0);
    }
  });
});

describe.skipIf(!hasShared)('custom_attributes on other entity types (workspace-a)', () => {
  let server: ServerHandle;
  beforeAll(async () => {
    server = await startServer({ schema: workspaceASchema(), seed: 'custom-attributes' });
  });
  afterAll(() => server?.close());

  it('versions, assets and users get their own table\'s configurations; hierarchical ones reach versions and assets, not users', async () => {
    const call = async (operations: Data[]) => (await callApi<Data[] | Data>(server, operations)).body;
    const [number] = (await query(server, 'select id from CustomAttributeType where name is "number"')).data;
    const configure = (key: string, entityType: string) => ({
      action: 'create', entity_type: 'CustomAttributeConfiguration',
      entity_data: { key, label: key, entity_type: entityType, type_id: number!.id, config: '{}', core: false, default: 0, is_hierarchical: false },
    });
    const created = (await call([configure('frames', 'assetversion'), configure('shots', 'asset'), configure('seniority', 'user')])) as { data: Data }[];
    const [frames, , seniority] = created.map((r) => String(r.data.id));
    const keys = async (type: string) => {
      const [row] = (await query(server, `select id, custom_attributes from ${type} limit 1`)).data;
      return { id: String(row!.id), keys: (row!.custom_attributes as Data[]).map((i) => i.key).sort() };
    };
    const version = await keys('AssetVersion');
    expect(version.keys).toEqual(['fps', 'frames']); // own table + hierarchical
    expect((await keys('Asset')).keys).toEqual(['fps', 'shots']);
    const user = await keys('User');
    expect(user.keys).toEqual(['seniority']); // no hierarchical configurations on users
    // values upsert per configuration in each table's value type
    await call([
      { action: 'update', entity_type: 'AssetVersionCustomAttributeValue', entity_key: [frames, version.id], entity_data: { value: 120 } },
      { action: 'update', entity_type: 'UserCustomAttributeValue', entity_key: [seniority, user.id], entity_data: { value: 3 } },
    ]);
    expect((await query(server, `select id from AssetVersion where custom_attributes any (key is "frames" and value > 100)`)).data.map((r) => r.id)).toEqual([version.id]);
    expect((await query(server, `select id from User where custom_attributes any (key is "seniority" and value is 3)`)).data.map((r) => r.id)).toEqual([user.id]);
    // a version's configuration on a user: refused
    const refused = (await call([{ action: 'update', entity_type: 'UserCustomAttributeValue', entity_key: [frames, user.id], entity_data: { value: 1 } }])) as Data;
    expect(refused.error_code).toBe('custom_attribute_not_applicable');
  });
});
