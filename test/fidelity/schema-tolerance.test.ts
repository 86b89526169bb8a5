import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, type AnyEntity, type SchemaWarning } from 'ftrack-codegen';
import { startServer, type ServerHandle } from 'ftrack-codegen/server';
import { runCliProcess, type CliRun } from '../codegen/support/cli-process.js';
import { runServe } from '../server/support/run-serve.js';
import { tempDir, typeCheck } from '../codegen/support/type-check.js';
import { tolerantSchema, TOLERANT_SCHEMA_WARNINGS } from './support/tolerant-schema.js';

// A schema with foreign keys carrying $ref + type, foreign keys without type, unknown formats and
// types, unknown keys, a property that is no object, missing properties, a $mixin to an unknown
// type, primary keys naming missing properties, `required` naming missing properties, `items`
// without $ref (see support/tolerant-schema.ts): generator, session and server all read it and
// report the same warnings.

const APP = `import { createSession, q } from './client/index.js';
import type { JsonValue, LinkEntry, Thing, ThingCreate } from './client/index.js';

export async function use(thing: Thing): Promise<string> {
  const status: string | null = thing.status_id; // $ref + type: the declared scalar
  const owner: string | null = thing.owner_id; // foreign key without type: a string
  const size: JsonValue | undefined = thing.size; // unknown type: any JSON value
  const code: string | null = thing.code; // unknown format: the plain type
  const kind: 'small' | 'large' | null = thing.kind; // enum without type
  const tags: JsonValue | undefined = thing.tags; // array without items.$ref
  const steps: readonly LinkEntry[] = thing.link; // declared string, really an array
  const input: ThingCreate = { name: 'x', status_id: 'id', size: { any: ['json'] }, kind: 'large' };
  const session = createSession({ onWarning: (w) => console.warn(w.code, w.message) });
  const rows = await session.query(q.Thing.where((t) => t.status.name.eq('Open')).select('name', 'status.name')).all();
  return [status, owner, size, code, kind, tags, steps[0]?.type, input.name, rows.length].join();
}
`;

let server: ServerHandle;
const serverWarnings: string[] = [];

beforeAll(async () => {
  server = await startServer({ schema: tolerantSchema(), onWarning: (w) => serverWarnings.push(w.message) });
});
afterAll(async () => {
  await server?.close();
});

/** The generator's run on the schema (one process, started by the first test that asks), and its folder. */
let generation: Promise<{ dir: string; run: CliRun }> | undefined;
const generated = () =>
  (generation ??= (async () => {
    const dir = tempDir('tolerance');
    writeFileSync(join(dir, 'schema.json'), JSON.stringify(tolerantSchema()));
    return { dir, run: await runCliProcess(['--schema-file', join(dir, 'schema.json'), '--out', join(dir, 'client'), '--quiet']) };
  })());

const connect = (extra: Partial<ConstructorParameters<typeof Session>[0]> = {}) =>
  new Session({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey, ...extra });

describe('a schema with shapes a strict reader refuses', () => {
  it('the generator prints each warning once on stderr, and its client compiles under --strict', async () => {
    const { dir, run } = await generated();
    expect(run.code).toBe(0);
    expect(run.stderr.trim().split('\n')).toEqual(TOLERANT_SCHEMA_WARNINGS.map((message) => `ftrack-codegen: warning: ${message}`));
    writeFileSync(join(dir, 'app.ts'), APP);
    const files = ['client.ts', 'entities.d.ts', 'entity-map.d.ts', 'index.ts', 'inputs.d.ts', 'scalars.d.ts', 'schema-metadata.ts'].map((f) => `client/${f}`);
    const result = await typeCheck(dir, [...files, 'app.ts']);
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  }, 300_000);

  it('the check fails when the app misuses a tolerant type (the compile check can fail)', async () => {
    const { dir: source, run } = await generated();
    expect(run.code).toBe(0);
    const dir = tempDir('tolerance-bad');
    cpSync(join(source, 'client'), join(dir, 'client'), { recursive: true });
    writeFileSync(join(dir, 'app.ts'), "import type { Thing } from './client/index.js';\nexport const f = (t: Thing): string => t.link;\n");
    const result = await typeCheck(dir, ['client/index.ts', 'app.ts']);
    expect(result.ok).toBe(false);
    expect(result.output).toContain('app.ts');
  }, 300_000);

  it('the local server starts on it and reports the same warnings', () => {
    expect(serverWarnings).toEqual(TOLERANT_SCHEMA_WARNINGS);
  });

  it('`ftrack-codegen serve --schema` prints the warnings on stderr and serves it', async () => {
    const dir = tempDir('tolerance-serve');
    writeFileSync(join(dir, 'schema.json'), JSON.stringify(tolerantSchema()));
    const run = runServe(['--port', '0', '--schema', join(dir, 'schema.json'), '--api-key', 'serve-key']);
    try {
      await run.started;
      expect(run.errors().split('\n').filter((line) => line.includes('warning:'))).toEqual(TOLERANT_SCHEMA_WARNINGS.map((message) => `ftrack-codegen serve: warning: ${message}`));
      const url = /listening on (http:\/\/\S+)/.exec(run.output())![1]!;
      await using session = new Session({ serverUrl: url, apiUser: 'admin', apiKey: 'serve-key', onWarning: () => {} });
      expect(await session.query('select id from Thing').all()).toEqual([]);
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
  }, 120_000);

  it('with generated schema metadata, warnings go to onWarning only (the generator printed them)', async () => {
    const schema = { schemaHash: 'x', schemas: tolerantSchema() };
    const warnings: string[] = [];
    const logged: string[] = [];
    await using quiet = connect({ schema, logger: { warn: (message) => logged.push(message) } });
    await using told = connect({ schema, onWarning: (w) => warnings.push(w.message) });
    expect(quiet.types.has('Thing') && told.types.has('Thing')).toBe(true);
    expect(warnings).toEqual(TOLERANT_SCHEMA_WARNINGS);
    expect(logged).toEqual([]);
  });

  it('a session starts (ready) and hands each warning to onWarning', async () => {
    const warnings: SchemaWarning[] = [];
    await using session = connect({ onWarning: (w) => warnings.push(w) });
    await session.ready();
    expect(warnings.map((w) => w.message)).toEqual(TOLERANT_SCHEMA_WARNINGS);
    expect(warnings.find((w) => w.code === 'ref_with_type')?.places).toEqual(['Thing.status_id']);
    const thing = session.types.get('Thing')!;
    expect(thing.attributes.get('status_id')).toMatchObject({ kind: 'scalar', type: 'string', references: 'Status' });
    expect(thing.attributes.get('owner_id')).toMatchObject({ kind: 'scalar', type: 'string', format: 'foreign_key' });
    expect(thing.attributes.get('size')).toMatchObject({ kind: 'scalar', type: 'object' });
    expect(thing.attributes.get('link')).toMatchObject({ kind: 'scalar', valueShape: 'link', computed: true });
    expect(session.types.get('Widget')!.primaryKey).toEqual(['uid']);
  });

  it('without onWarning the session logs the warnings through its logger', async () => {
    const logged: string[] = [];
    await using session = connect({ logger: { warn: (message) => logged.push(message) } });
    await session.ready();
    expect(logged).toEqual(TOLERANT_SCHEMA_WARNINGS.map((message) => `ftrack schema: ${message}`));
  });

  it('creates and queries work over the tolerant attributes', async () => {
    {
      await using session = connect({ onWarning: () => {} });
      await session.ready();
      const status = session.create('Status', { name: 'Open' });
      const person = session.create('Person', { id: 'person-1' });
      const thing = session.create('Thing', { name: 'lamp', status, owner: person, size: 3.5, code: 'lamp-1', kind: 'small', rank: 2, tags: ['a', 'b'] });
      session.create('Note', { text: 'bright', thing });
      session.create('Legacy', { label: 'old' });
      session.create('Widget', { uid: 'w-1', label: 'knob' });
      await session.commit();
      expect(thing.$state).toBe('unchanged');
    }
    await using session = connect({ onWarning: () => {} });
    const [thing] = (await session
      .query('select name, status_id, status.name, owner_id, size, code, kind, rank, tags, notes.text from Thing where status.name is "Open"')
      .all()) as AnyEntity[];
    expect(thing).toMatchObject({ name: 'lamp', owner_id: 'person-1', size: 3.5, code: 'lamp-1', kind: 'small', rank: 2, tags: ['a', 'b'] });
    expect((thing!.status as AnyEntity).name).toBe('Open');
    expect(thing!.status_id).toBe((thing!.status as AnyEntity).id);
    expect([...(thing!.notes as Iterable<AnyEntity>)].map((n) => n.text)).toEqual(['bright']);
    const owned = await session.query('select id from Thing where owner.id is "person-1"').all();
    expect(owned).toHaveLength(1);
    expect(await session.query('select label from Legacy').all()).toMatchObject([{ label: 'old' }]);
    expect(await session.query('select uid, label from Widget where uid is "w-1"').all()).toMatchObject([{ uid: 'w-1', label: 'knob' }]);
  });
});
