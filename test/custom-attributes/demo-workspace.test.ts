import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchSchema, type WorkspaceWarning } from '../../codegen/index.js';
import { startServer, type ServerHandle } from '../../server/index.js';
import { query } from '../server/support/api-client.js';

// Issue 12: the demo workspace has custom attributes of the kinds the generated client will type
// (fps number, a date, a single- and a multi-select enumerator), and generation reads its workspace
// although its schema lacks some of ftrack's types (Schema, ProjectSchemaOverride).

describe('custom attributes of the demo workspace', () => {
  let server: ServerHandle;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.close());

  it('has fps (number, hierarchical), a date and enumerators, with values that filter as typed', async () => {
    const configs = (await query(server, 'select key, type.name, is_hierarchical, config from CustomAttributeConfiguration', { 'ftrack-api-options': 'strict:1;denormalize:1' })).data;
    const kind = (key: string) => (configs.find((c) => c.key === key)?.type as { name: string } | undefined)?.name;
    expect([kind('fps'), kind('delivery_date'), kind('complexity'), kind('tags')]).toEqual(['number', 'date', 'enumerator', 'enumerator']);
    expect(JSON.parse(String(configs.find((c) => c.key === 'tags')!.config))).toMatchObject({ multiSelect: true });
    const shots = (await query(server, 'select id, custom_attributes from Shot')).data;
    const valueOf = (shot: Record<string, unknown>, key: string) => (shot.custom_attributes as { key: string; value: unknown }[]).find((i) => i.key === key)?.value;
    const expected = (test: (v: unknown) => boolean, key: string) => new Set(shots.filter((s) => test(valueOf(s, key))).map((s) => s.id));
    const found = async (condition: string) => new Set((await query(server, `select id from Shot where custom_attributes any (${condition})`)).data.map((s) => s.id));
    for (const [condition, key, test] of [
      ['key is "complexity" and value is "medium"', 'complexity', (v: unknown) => Array.isArray(v) && v.includes('medium')],
      ['key is "tags" and value is "fx"', 'tags', (v: unknown) => Array.isArray(v) && v.includes('fx')],
      ['key is "tags" and value not_in ("fx", "crowd")', 'tags', (v: unknown) => Array.isArray(v) && !v.includes('fx') && !v.includes('crowd')],
    ] as const) {
      const want = expected(test, key);
      expect(want.size).toBeGreaterThan(0);
      expect(await found(condition), condition).toEqual(want);
    }
  });

  it('generation reads its workspace although its schema lacks Schema and ProjectSchemaOverride', async () => {
    const warnings: WorkspaceWarning[] = [];
    const fetched = await fetchSchema({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey, workspace: true, onWorkspaceWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual([]);
    const workspace = fetched.workspace!;
    expect(workspace.customAttributes.find((c) => c.key === 'complexity')).toMatchObject({ type: 'enumerator', multiSelect: false, default: ['medium'], options: [{ value: 'simple' }, { value: 'medium' }, { value: 'complex' }] });
    const statuses = (await query(server, 'select name from Status')).data.map((s) => s.name).sort();
    expect(workspace.statuses.map((s) => s.name).sort()).toEqual(statuses);
    const schemas = (await query(server, 'select name from ProjectSchema')).data.map((s) => s.name).sort();
    expect(workspace.projectSchemas.map((s) => s.name)).toEqual(schemas);
    expect(workspace.projectSchemas.every((s) => s.taskStatusIds.length > 0 && s.objectTypeIds.length > 0)).toBe(true);
  });
});
