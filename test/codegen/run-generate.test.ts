import { inspect } from 'node:util';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { computeSchemaHash, ConfigurationError, FileAccessError, InvalidCredentialsError, SchemaError } from 'ftrack-codegen';
import { checkGeneratedFiles, generateClient, runGenerate, type RunGenerateOptions } from 'ftrack-codegen/codegen';
import { mixinSchema } from './support/synthetic-schemas.js';
import { tempDir } from './support/type-check.js';

const KEY = 'codegen-secret-key-91f3';
const ORIGIN = 'http://ftrack.test';

function schemaFile(dir: string, schemas: unknown[] = mixinSchema()): string {
  const path = join(dir, 'schema.json');
  writeFileSync(path, JSON.stringify(schemas));
  return path;
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    expect((error as Error).message).not.toContain(KEY);
    expect(inspect(error, { depth: 8 })).not.toContain(KEY);
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('runGenerate from a schema file', () => {
  it('writes the client, then rewrites only changed files', async () => {
    const dir = tempDir('run');
    const out = join(dir, 'out');
    const lines: string[] = [];
    const first = await runGenerate({ schemaFile: schemaFile(dir), out, report: (l) => lines.push(l) });
    expect(first.mode === 'write' && first.result.written.length).toBe(7);
    expect(lines.join('\n')).toMatch(/6 entity types, schema [0-9a-f]{32}/);
    const before = statSync(join(out, 'entities.d.ts')).mtimeMs;
    const header = readFileSync(join(out, 'index.ts'), 'utf8').split('\n')[0]!;
    writeFileSync(join(out, 'index.ts'), `${header}\n// edited by hand\n`); // stale but still ours: rewritten
    const second = await runGenerate({ schemaFile: schemaFile(dir), out });
    expect(second.mode === 'write' && second.result.written).toEqual(['index.ts']);
    expect(statSync(join(out, 'entities.d.ts')).mtimeMs).toBe(before);
  });

  it('runs twice to byte-identical output', async () => {
    const dir = tempDir('twice');
    await runGenerate({ schemaFile: schemaFile(dir), out: join(dir, 'a') });
    await runGenerate({ schemaFile: schemaFile(dir), out: join(dir, 'b') });
    for (const name of ['client.ts', 'entities.d.ts', 'entity-map.d.ts', 'index.ts', 'inputs.d.ts', 'scalars.d.ts', 'schema-metadata.ts']) {
      expect(readFileSync(join(dir, 'b', name), 'utf8')).toBe(readFileSync(join(dir, 'a', name), 'utf8'));
    }
  });

  it('--check passes on fresh output and fails, listing files, after the schema gains an attribute', async () => {
    const dir = tempDir('check');
    const out = join(dir, 'out');
    await runGenerate({ schemaFile: schemaFile(dir), out });
    const fresh = await runGenerate({ schemaFile: schemaFile(dir), out, check: true });
    expect(fresh.ok).toBe(true);
    const grown = mixinSchema() as Record<string, any>[];
    grown.find((s) => s.id === 'Note')!.properties.summary = { type: 'string' };
    const stale = await runGenerate({ schemaFile: schemaFile(dir, grown), out, check: true });
    expect(stale.ok).toBe(false);
    expect(stale.mode === 'check' && stale.result.stale).toContain('entities.d.ts');
    const missing = await runGenerate({ schemaFile: schemaFile(dir), out: join(dir, 'empty'), check: true });
    expect(missing.mode === 'check' && missing.result.missing.length).toBe(7);
  });

  it('reads standard input for "-"', async () => {
    const dir = tempDir('stdin');
    const result = await runGenerate({ schemaFile: '-', stdin: Readable.from([JSON.stringify(mixinSchema())]), out: join(dir, 'out') });
    expect(result.ok).toBe(true);
    const { files } = generateClient(mixinSchema());
    expect(await checkGeneratedFiles(join(dir, 'out'), files)).toEqual({ stale: [], missing: [], upToDate: true });
  });

  it('reports user errors as typed errors with one clear line', async () => {
    const dir = tempDir('errors');
    const missingFile = await failure(runGenerate({ schemaFile: join(dir, 'nope.json'), out: dir }));
    expect(missingFile).toBeInstanceOf(FileAccessError);
    expect(missingFile.message).toMatch(/Cannot read the schema file .*nope\.json: no such file or folder \(ENOENT\)\./);
    writeFileSync(join(dir, 'bad.json'), '{"not": "an array"}');
    expect(await failure(runGenerate({ schemaFile: join(dir, 'bad.json'), out: dir }))).toBeInstanceOf(SchemaError);
    writeFileSync(join(dir, 'broken.json'), JSON.stringify([{ primary_key: ['id'], properties: { id: { type: 'string' } } }]));
    const malformed = await failure(runGenerate({ schemaFile: join(dir, 'broken.json'), out: dir }));
    expect(malformed).toBeInstanceOf(SchemaError);
    expect(malformed.message).toContain('schema entry 0 has no entity type name');
    // an odd shape is no error: read best-effort, one warning line through `report`
    writeFileSync(join(dir, 'odd.json'), JSON.stringify([{ id: 'X', primary_key: ['id'], properties: { id: { type: 'string' }, n: { type: 'strange' } } }]));
    const lines: string[] = [];
    await runGenerate({ schemaFile: join(dir, 'odd.json'), out: join(dir, 'odd'), report: (line) => lines.push(line) });
    expect(lines).toContain('warning: X.n: has unknown type "strange": read as any JSON value.');
    writeFileSync(join(dir, 'a-file'), '');
    const unwritable = await failure(runGenerate({ schemaFile: schemaFile(dir), out: join(dir, 'a-file', 'sub') }));
    expect(unwritable).toBeInstanceOf(FileAccessError);
    expect(unwritable.message).toContain('Cannot create the output folder');
  });

  it('needs credentials without --schema-file, naming flag and variable', async () => {
    const error = await failure(runGenerate({ out: tempDir('creds'), env: {} }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe('Missing --server URL: pass it, or set FTRACK_SERVER (in the environment or .env) or "server" in the config file; or generate offline with --schema-file FILE.');
    const withServer = await failure(runGenerate({ out: tempDir('creds'), env: { FTRACK_SERVER: ORIGIN, FTRACK_API_USER: 'jane' } }));
    expect(withServer.message).toContain('--api-key KEY');
  });

  it('refuses --save-schema together with --schema-file', async () => {
    const dir = tempDir('save');
    expect(await failure(runGenerate({ schemaFile: schemaFile(dir), saveSchema: join(dir, 's.json'), out: dir }))).toBeInstanceOf(ConfigurationError);
  });
});

describe('runGenerate from a live server (MockAgent)', () => {
  let agent: MockAgent | undefined;
  afterEach(async () => {
    await agent?.close();
    agent = undefined;
  });

  function serve(reply: (body: unknown) => { status: number; data: unknown }) {
    agent = new MockAgent();
    agent.disableNetConnect();
    const seen: { headers: Record<string, string>; body: unknown }[] = [];
    agent
      .get(ORIGIN)
      .intercept({ path: '/api', method: 'POST' })
      .reply((request) => {
        const body = JSON.parse(String(request.body));
        seen.push({ headers: request.headers as Record<string, string>, body });
        const answer = reply(body);
        return { statusCode: answer.status, data: JSON.stringify(answer.data) };
      })
      .persist();
    return seen;
  }

  const live = (out: string, extra: Partial<RunGenerateOptions> = {}): RunGenerateOptions => ({
    server: ORIGIN,
    apiUser: 'jane',
    apiKey: KEY,
    out,
    dispatcher: agent!,
    ...extra,
  });

  it('sends query_server_information, query_schemas and the workspace queries in one batch and uses the server hash', async () => {
    const schemas = mixinSchema();
    const empty = { action: 'query', data: [], metadata: { next: { offset: null } } };
    const seen = serve((body) => ({ status: 200, data: [{ version: '4.13.8', schema_hash: 'feedface' }, schemas, ...(body as unknown[]).slice(2).map(() => empty)] }));
    const dir = tempDir('live');
    const lines: string[] = [];
    await runGenerate(live(join(dir, 'out'), { saveSchema: join(dir, 'saved.json'), report: (l) => lines.push(l) }));
    expect(seen).toHaveLength(1);
    expect((seen[0]!.body as unknown[]).slice(0, 2)).toEqual([{ action: 'query_server_information' }, { action: 'query_schemas' }]);
    expect((seen[0]!.body as { action: string }[]).slice(2).every((operation) => operation.action === 'query')).toBe(true);
    expect(seen[0]!.headers['ftrack-user']).toBe('jane');
    expect(readFileSync(join(dir, 'out', 'index.ts'), 'utf8')).toContain('from schema feedface.');
    expect(JSON.parse(readFileSync(join(dir, 'saved.json'), 'utf8'))).toMatchObject({ version: 1, schemas });
    expect(lines).toContain('Server version 4.13.8');
    expect(lines.join('\n')).not.toContain(KEY);
    // the saved answer regenerates the same client offline (hash computed, so only the header differs)
    const offline = await runGenerate({ schemaFile: join(dir, 'saved.json'), out: join(dir, 'offline') });
    expect(offline.ok).toBe(true);
    expect(readFileSync(join(dir, 'offline', 'entities.d.ts'), 'utf8').split('\n').slice(1)).toEqual(
      readFileSync(join(dir, 'out', 'entities.d.ts'), 'utf8').split('\n').slice(1),
    );
    expect(readFileSync(join(dir, 'offline', 'index.ts'), 'utf8')).toContain(computeSchemaHash(schemas));
  });

  it('reports bad credentials with the server message and never the key', async () => {
    serve(() => ({
      status: 401,
      data: { exception: 'InvalidCredentialsError', content: 'The supplied API key is not valid.', error_code: null },
    }));
    const error = await failure(runGenerate(live(tempDir('creds'))));
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    expect(error.message).toContain('The supplied API key is not valid.');
  });

  it('rejects an answer that is not from an ftrack server', async () => {
    serve(() => ({ status: 200, data: [{ hello: 'world' }, []] }));
    expect((await failure(runGenerate(live(tempDir('odd'))))).message).toContain('has no "version"');
  });
});
