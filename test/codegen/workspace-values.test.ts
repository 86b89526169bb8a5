import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from 'ftrack-codegen';
import { fetchSchema, generateClient, type WorkspaceMetadata } from '../../codegen/index.js';
import { computeValuesHash } from '../../runtime/schema/values-hash.js';
import { demoSchema } from '../../server/demo/index.js';
import { startServer, type ServerHandle } from '../../server/index.js';
import { query } from '../server/support/api-client.js';
import { hasShared, SHARED_MISSING, workspaceASchema } from '../support/shared.js';

// Issue 12 item 5: which attribute gets which literal names comes from the workspace document (the
// value lists and the types they were read from) and the schema; generated/ is one such client.

const value = (name: string, sort: number) => ({ id: `id-${name}`, name, sort });

/** A workspace with the given value lists (everything else empty). */
function workspace(values: Partial<Pick<WorkspaceMetadata, 'statuses' | 'types' | 'priorities' | 'objectTypes' | 'states'>>): WorkspaceMetadata {
  return { customAttributes: [], statuses: [], types: [], priorities: [], objectTypes: [], states: [], projectSchemas: [], ...values };
}

const fileOf = (client: ReturnType<typeof generateClient>, path: string) => client.files.find((file) => file.path === path)?.content;

/** `export type StatusName = 'a' | 'b';` → ['a', 'b'] */
function unionOf(text: string, alias: string): string[] | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`export type ${alias} = `));
  return line === undefined ? undefined : [...line.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1'));
}

describe('literal names from the workspace', () => {
  it('a schema alone gives no name types, no $valueNames and no values metadata', () => {
    const client = generateClient(demoSchema);
    expect(fileOf(client, 'workspace-values.d.ts')).toBeUndefined();
    expect(fileOf(client, 'entities.d.ts')).not.toContain('$valueNames');
    expect(fileOf(client, 'schema-metadata.ts')).not.toContain('values:');
    expect(fileOf(client, 'index.ts')).not.toContain('workspace-values');
  });

  it('types each value list present in the schema, in workspace order, each name once', () => {
    const client = generateClient(demoSchema, {
      workspace: workspace({
        statuses: [{ ...value('Done', 2), stateId: null }, { ...value("It's \"new\"", 0), stateId: null }, { ...value('Done', 3), stateId: null }],
        priorities: [value('P1', 0)],
      }),
    });
    const values = fileOf(client, 'workspace-values.d.ts')!;
    expect(unionOf(values, 'StatusName')).toEqual(['Done', 'It\'s "new"']);
    expect(unionOf(values, 'PriorityName')).toEqual(['P1']);
    // empty lists stay plain strings
    expect(unionOf(values, 'TypeName')).toBeUndefined();
    const entities = fileOf(client, 'entities.d.ts')!;
    expect(entities).toContain("import type { PriorityName, StatusName } from './workspace-values.js';");
    expect(entities).toContain('readonly $valueNames?: { name: StatusName };');
    expect(entities.match(/\$valueNames\?/g)).toHaveLength(2);
    const metadata = fileOf(client, 'schema-metadata.ts')!;
    const lists = [
      { entityType: 'Status', attribute: 'name', names: ['Done', 'It\'s "new"'] },
      { entityType: 'Priority', attribute: 'name', names: ['P1'] },
    ];
    expect(metadata).toContain(`  values: ${JSON.stringify({ hash: computeValuesHash(lists), lists })},`);
    expect(fileOf(client, 'index.ts')).toContain("export type * from './workspace-values.js';");
  });

  it('follows the schema: a value type it lacks, or whose name is no plain string, gets no literals', () => {
    const schema = (demoSchema as { id: string; properties: Record<string, { type?: string }> }[])
      .filter((entry) => entry.id !== 'Priority')
      .map((entry) => (entry.id === 'Type' ? { ...entry, properties: { ...entry.properties, name: { type: 'integer' } } } : entry));
    const client = generateClient(schema, { workspace: workspace({ priorities: [value('P1', 0)], types: [value('Comp', 0)], states: [value('Done', 0)] }) });
    const values = fileOf(client, 'workspace-values.d.ts')!;
    expect(unionOf(values, 'PriorityName')).toBeUndefined();
    expect(unionOf(values, 'TypeName')).toBeUndefined();
    expect(unionOf(values, 'StateName')).toEqual(['Done']);
  });

  it('never reuses an identifier the client already declares', () => {
    const schema = [...(demoSchema as unknown[]), { id: 'StatusName', primary_key: ['id'], properties: { id: { type: 'string' } } }];
    const client = generateClient(schema, { workspace: workspace({ statuses: [{ ...value('Done', 0), stateId: null }] }) });
    expect(unionOf(fileOf(client, 'workspace-values.d.ts')!, 'StatusName_')).toEqual(['Done']);
    expect(fileOf(client, 'entities.d.ts')).toContain('readonly $valueNames?: { name: StatusName_ };');
  });

  it('is deterministic', () => {
    const ws = workspace({ statuses: [{ ...value('B', 1), stateId: null }, { ...value('A', 0), stateId: null }] });
    expect(generateClient(demoSchema, { workspace: ws }).files).toEqual(generateClient(demoSchema, { workspace: ws }).files);
  });
});

if (!hasShared) console.warn(`[skip] workspace values on workspace-a: ${SHARED_MISSING}`);

describe.skipIf(!hasShared)('another workspace (workspace-a on the local server)', () => {
  let server: ServerHandle;
  beforeAll(async () => {
    server = await startServer({ schema: workspaceASchema(), seed: 'custom-attributes' });
  });
  afterAll(() => server?.close());

  it('types the names the server has, and a session of it warns once the server has others', async () => {
    const fetched = await fetchSchema({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey, workspace: true });
    const client = generateClient(fetched.schemas, { workspace: fetched.workspace });
    const values = fileOf(client, 'workspace-values.d.ts')!;
    for (const [alias, type] of [['StatusName', 'Status'], ['TypeName', 'Type'], ['PriorityName', 'Priority'], ['ObjectTypeName', 'ObjectType'], ['StateName', 'State']] as const) {
      const names = (await query(server, `select name from ${type}`)).data.map((row) => row['name'] as string);
      expect(names.length, type).toBeGreaterThan(0);
      expect(unionOf(values, alias)?.sort(), alias).toEqual([...new Set(names)].sort());
    }

    const metadataText = fileOf(client, 'schema-metadata.ts')!;
    const valuesMetadata = JSON.parse(/^ {2}values: (.*),$/m.exec(metadataText)![1]!) as { hash: string; lists: { entityType: string; attribute: string; names: string[] }[] };
    const schema = { schemaHash: client.schemaHash, schemas: fetched.schemas, values: valuesMetadata };
    const open = (warnings: string[]) => new Session({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey, schema, logger: { warn: (message) => warnings.push(message) } });

    const before: string[] = [];
    {
      await using session = open(before);
      await session.query('select id from Status').all();
    }
    expect(before).toEqual([]);

    {
      await using admin = new Session({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey });
      await admin.ready();
      admin.create('Type', { name: 'Previs' });
      await admin.commit();
    }
    const after: string[] = [];
    {
      await using session = open(after);
      await session.query('select id from Status').all();
      await session.query('select id from Type').all();
    }
    expect(after).toHaveLength(1);
    expect(after[0]).toContain('Type.name: new "Previs"');
  });
});
