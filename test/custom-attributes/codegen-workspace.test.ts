import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSchemaDocumentFile, runGenerate, WORKSPACE_DOCUMENT_FORMAT, type WorkspaceWarning } from '../../codegen/index.js';
import { readWorkspaceAnswers } from '../../codegen/workspace/read-workspace.js';
import { workspaceOperations } from '../../codegen/workspace/workspace-queries.js';
import { SchemaError } from '../../runtime/errors.js';
import { startServer, type ServerHandle } from '../../server/index.js';
import { query } from '../server/support/api-client.js';
import { hasShared, SHARED_MISSING, workspaceASchema } from '../support/shared.js';

// Issue 12 (item 1): a live run reads the workspace in the same request as query_schemas, saves it
// in one versioned document, and --schema-file reads both that document and a plain schema array.

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ca-codegen-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

if (!hasShared) console.warn(`[skip] codegen workspace on workspace-a: ${SHARED_MISSING}`);

describe.skipIf(!hasShared)('generation reads the workspace (local server, workspace-a)', () => {
  let server: ServerHandle;
  beforeAll(async () => {
    server = await startServer({ schema: workspaceASchema(), seed: 'custom-attributes' });
  });
  afterAll(() => server?.close());

  it('reads configurations and workspace values live, saves them in one document, and regenerates the same files offline', async () => {
    const dir = tempDir();
    const lines: string[] = [];
    const live = await runGenerate({ server: server.url, apiUser: server.apiUser, apiKey: server.apiKey, out: join(dir, 'live'), saveSchema: join(dir, 'saved.json'), report: (l) => lines.push(l), env: {} });
    const workspace = live.workspace!;
    // every configuration, with its type name, parsed config and enumerator options
    const configs = (await query(server, 'select id, key, type.name, object_type_id, is_hierarchical from CustomAttributeConfiguration', { 'ftrack-api-options': 'strict:1;denormalize:1' })).data;
    expect(workspace.customAttributes.map((c) => c.id).sort()).toEqual(configs.map((c) => String(c.id)).sort());
    for (const config of configs) {
      const read = workspace.customAttributes.find((c) => c.id === config.id)!;
      expect([read.key, read.type, read.objectTypeId, read.isHierarchical]).toEqual([config.key, (config.type as { name: string }).name, config.object_type_id ?? null, config.is_hierarchical]);
    }
    expect(workspace.customAttributes.filter((c) => c.key === 'fstart').map((c) => c.type).sort()).toEqual(['number', 'text']);
    expect(workspace.customAttributes.find((c) => c.key === 'tags')).toMatchObject({ multiSelect: true, options: [{ value: 'fx' }, { value: 'crowd' }, { value: 'water' }, { value: 'hero' }] });
    expect(workspace.customAttributes.find((c) => c.key === 'stage')).toMatchObject({ multiSelect: false, options: [{ menu: 'Blocking', value: 'blocking' }, { value: 'spline' }, { value: 'polish' }] });
    // workspace values match the server's rows
    for (const [part, type] of [['statuses', 'Status'], ['types', 'Type'], ['priorities', 'Priority'], ['objectTypes', 'ObjectType'], ['states', 'State']] as const) {
      const names = (await query(server, `select name from ${type}`)).data.map((r) => r.name).sort();
      expect(workspace[part].map((v) => v.name).sort(), part).toEqual(names);
    }
    const [schema] = (await query(server, 'select id, task_workflow_schema.statuses.id, object_types.id from ProjectSchema')).data;
    const read = workspace.projectSchemas.find((p) => p.id === schema!.id)!;
    expect(read.taskStatusIds).toEqual(((schema!.task_workflow_schema as { statuses: { id: string }[] }).statuses).map((s) => s.id).sort());
    expect(read.objectTypeIds).toEqual(((schema!.object_types as { id: string }[])).map((o) => o.id).sort());
    expect(lines.some((l) => new RegExp(`^Workspace: ${configs.length} custom attributes, \\d+ statuses`).test(l))).toBe(true);
    // the saved document: format, version, schema verbatim, workspace
    const saved = JSON.parse(readFileSync(join(dir, 'saved.json'), 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({ format: WORKSPACE_DOCUMENT_FORMAT, version: 1 });
    expect(saved.schemas).toEqual(workspaceASchema());
    expect((await readSchemaDocumentFile(join(dir, 'saved.json'))).workspace).toEqual(workspace);
    // offline from the document: the live files; from a plain array (schema only): untyped custom attributes
    const offline = await runGenerate({ schemaFile: join(dir, 'saved.json'), out: join(dir, 'offline') });
    expect(offline.workspace).toEqual(workspace);
    writeFileSync(join(dir, 'plain.json'), JSON.stringify(workspaceASchema()));
    const plain = await runGenerate({ schemaFile: join(dir, 'plain.json'), out: join(dir, 'plain') });
    expect(plain.workspace).toBeUndefined();
    for (const file of ['entities.d.ts', 'index.ts', 'custom-attributes.ts']) expect(readFileSync(join(dir, 'offline', file), 'utf8')).toBe(readFileSync(join(dir, 'live', file), 'utf8'));
    const shot = (folder: string) => /export interface Shot extends [^{]*\{[^}]*?custom_attributes: ([^;]+);/.exec(readFileSync(join(dir, folder, 'entities.d.ts'), 'utf8'))?.[1];
    expect([shot('offline'), shot('plain')]).toEqual(['CustomAttributeMap<ShotCustomAttributes>', undefined]);
    expect(readFileSync(join(dir, 'plain', 'entities.d.ts'), 'utf8')).toMatch(/custom_attributes: KeyValueMap<VariableValue>;/);
    expect(existsSync(join(dir, 'plain', 'custom-attributes.ts'))).toBe(false);
  });
});

describe('workspace document and reader', () => {
  it('refuses documents of another version or with a malformed workspace, naming the field', async () => {
    const dir = tempDir();
    const write = (name: string, value: unknown) => {
      writeFileSync(join(dir, name), JSON.stringify(value));
      return join(dir, name);
    };
    const newer = write('newer.json', { format: WORKSPACE_DOCUMENT_FORMAT, version: 2, schemas: [] });
    await expect(readSchemaDocumentFile(newer)).rejects.toThrow(/version 2; this generator reads version 1/);
    const bad = write('bad.json', { format: WORKSPACE_DOCUMENT_FORMAT, version: 1, schemas: [], workspace: { customAttributes: [{ id: 1 }] } });
    const error = await readSchemaDocumentFile(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaError);
    expect((error as Error).message).toMatch(/workspace\.customAttributes\.0\.id is not valid/);
    await expect(readSchemaDocumentFile(write('other.json', { hello: 1 }))).rejects.toThrow(/--save-schema/);
    expect((await readSchemaDocumentFile(write('null.json', { format: WORKSPACE_DOCUMENT_FORMAT, version: 1, schemas: [], workspace: null }))).workspace).toBeUndefined();
  });

  it('reads tolerantly: bad config and records without ids are warnings; shared entities sent once are merged', () => {
    const warnings: WorkspaceWarning[] = [];
    const statuses = [{ __entity_type__: 'Status', id: 's1' }, { __entity_type__: 'Status', id: 's2' }];
    const workspace = readWorkspaceAnswers(
      ['customAttributes', 'statuses', 'projectSchemas'],
      [
        {
          action: 'query',
          data: [
            { id: 'c1', key: 'stage', type: { __entity_type__: 'CustomAttributeType', id: 't1', name: 'enumerator' }, config: '{"multiSelect": true, "data": "[{\\"menu\\": \\"A\\", \\"value\\": \\"a\\"}]"}' },
            { id: 'c2', key: 'broken', type: { __entity_type__: 'CustomAttributeType', id: 't1' }, config: 'not json' },
            { key: 'no id' },
          ],
        },
        'not a query result',
        {
          action: 'query',
          data: [
            { __entity_type__: 'ProjectSchema', id: 'p1', name: 'One', task_workflow_schema: { __entity_type__: 'WorkflowSchema', id: 'w1', statuses } },
            { __entity_type__: 'ProjectSchema', id: 'p2', name: 'Two', task_workflow_schema: { __entity_type__: 'WorkflowSchema', id: 'w1' } },
          ],
        },
      ],
      (w) => warnings.push(w),
    );
    expect(workspace.customAttributes.map((c) => [c.key, c.type, c.multiSelect, c.options.length])).toEqual([['broken', 'enumerator', false, 0], ['stage', 'enumerator', true, 1]]);
    expect(workspace.projectSchemas.map((p) => p.taskStatusIds)).toEqual([['s1', 's2'], ['s1', 's2']]);
    expect(warnings.map((w) => w.code).sort()).toEqual(['invalid_config', 'invalid_record', 'invalid_record']);
  });

  it('limits the queries to what a schema has', () => {
    const schema = [
      { id: 'Status', properties: { id: { type: 'string' }, name: { type: 'string' }, sort: { type: 'integer' } } },
      { id: 'Type', properties: { id: { type: 'string' }, name: { type: 'string' } } },
    ];
    expect(workspaceOperations(schema).map((o) => o.operation)).toEqual([
      { action: 'query', expression: 'select id, name, sort from Status' },
      { action: 'query', expression: 'select id, name from Type' },
    ]);
  });

  it('a server refusing the workspace queries: one retry for the schema, the workspace queries limited to its types, else a warning', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const schema = [{ id: 'Status', primary_key: ['id'], properties: { id: { type: 'string' }, name: { type: 'string' } } }];
    const bodies: unknown[][] = [];
    agent
      .get('https://ftrack.example.com')
      .intercept({ path: '/api', method: 'POST' })
      .reply((request) => {
        const body = JSON.parse(String(request.body)) as { action: string }[];
        bodies.push(body);
        if (body.length > 2) return { statusCode: 200, data: JSON.stringify({ exception: 'ValidationError', content: 'Unknown entity type "Priority".', error_code: null }) };
        const data = body.map((op) => (op.action === 'query_server_information' ? { version: '4.13', schema_hash: 'abc' } : op.action === 'query_schemas' ? schema : { action: 'query', data: [{ id: 's1', name: 'Approved' }], metadata: { next: { offset: null } } }));
        return { statusCode: 200, data: JSON.stringify(data) };
      })
      .persist();
    try {
      const dir = tempDir();
      const result = await runGenerate({ server: 'https://ftrack.example.com', apiUser: 'jane', apiKey: 'secret-key', out: join(dir, 'out'), dispatcher: agent, env: {} });
      expect(bodies.map((b) => b.length)).toEqual([11, 2, 1]);
      expect(result.workspace?.statuses.map((s) => s.name)).toEqual(['Approved']);
    } finally {
      await agent.close();
    }
  });
});
