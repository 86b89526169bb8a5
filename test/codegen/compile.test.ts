import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Session } from 'ftrack-codegen';
import { generateClient } from 'ftrack-codegen/codegen';
import { demoSchema } from '../../server/demo/index.js';
import { hasShared, SHARED_MISSING, workspaceASchema } from '../support/shared.js';
import { hostileSchema } from './support/synthetic-schemas.js';
import { sampleApp } from './support/sample-app.js';
import { tempDir, typeCheck, writeFiles } from './support/type-check.js';

const withCreate = typeof (Session.prototype as unknown as { create?: unknown }).create === 'function';

/** Generates into `<tmp>/client/`, adds the sample app and type-checks everything under --strict. */
async function compileWithApp(schemas: unknown, app: string | undefined) {
  const dir = tempDir('compile');
  const { files } = generateClient(schemas);
  writeFiles(join(dir, 'client'), files);
  const paths = files.map((f) => `client/${f.path}`);
  if (app !== undefined) {
    writeFileSync(join(dir, 'app.ts'), app);
    paths.push('app.ts');
  }
  return typeCheck(dir, paths);
}

describe('the generated client compiles under --strict --noUncheckedIndexedAccess', () => {
  it('for the demo workspace, with an app that uses it', async () => {
    const result = await compileWithApp(demoSchema, sampleApp({ withCreate }));
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  it.skipIf(!hasShared)(`for the real 130-type schema, with an app that uses it${hasShared ? '' : ` (skipped: ${SHARED_MISSING})`}`, async () => {
    const result = await compileWithApp(workspaceASchema(), sampleApp({ withCreate }));
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  it('for the hostile schema (reserved words, non-identifiers, colliding names)', async () => {
    const result = await compileWithApp(JSON.parse(JSON.stringify(hostileSchema())), undefined);
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  it('for the hostile schema, with an app reaching protected names through $get / $set only', async () => {
    const result = await compileWithApp(JSON.parse(JSON.stringify(hostileSchema())), HOSTILE_APP);
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  it('and the check fails on a broken app (the compile test can fail)', async () => {
    const result = await compileWithApp(demoSchema, "import { q } from './client/index.js';\nexport const x: number = q.Sequence;\n");
    expect(result.ok).toBe(false);
    expect(result.output).toContain('app.ts');
  });
});

describe('the check reads generated declaration files', () => {
  it('and fails on a broken one (skipLibCheck is off for them)', async () => {
    const dir = tempDir('compile-broken-dts');
    const { files } = generateClient(demoSchema);
    writeFiles(join(dir, 'client'), files);
    writeFileSync(join(dir, 'client', 'scalars.d.ts'), `${files.find((f) => f.path === 'scalars.d.ts')!.content}\nexport type Broken = NoSuchType;\n`);
    const result = await typeCheck(dir, files.map((f) => `client/${f.path}`));
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/client\/scalars\.d\.ts\(\d+,\d+\): error TS2304: Cannot find name 'NoSuchType'/);
  });
});

describe('edge cases', () => {
  it('an empty schema still gives a client that compiles', async () => {
    const result = await compileWithApp([], undefined);
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });
});

/** Protected attribute names are typed through `$get` / `$set` and `$protected`, never as properties. */
const HOSTILE_APP = [
  "import { createSession, type EntityTypeMap, type CreateTypeMap } from './client/index.js';",
  '',
  "export async function app(thing: EntityTypeMap['class']): Promise<void> {",
  "  await using session = createSession({ serverUrl: 'http://127.0.0.1:1', apiUser: 'u', apiKey: 'k' });",
  "  const then: string | null = await thing.$get('then');",
  "  const proto: string | null = await thing.$get('__proto__');",
  "  const type: string | null = await thing.$get('$type');",
  "  const ctor: string | null = await thing.$get('constructor');",
  "  const set: number | null = await thing.$get('$set');",
  "  const dash: string | null = await thing.$get('my-attr');",
  "  // @ts-expect-error - typed as string | null, not as never or any",
  "  const wrong: number = await thing.$get('then');",
  "  thing.$set('then', 'later');",
  "  thing.$set('$set', 3);",
  "  // @ts-expect-error - wrong value type for a protected attribute",
  "  thing.$set('$set', 'three');",
  "  // @ts-expect-error - no such attribute",
  "  await thing.$get('nope');",
  "  // @ts-expect-error - protected names are not properties",
  '  void thing.then;',
  "  const kind: 'class' = thing.$type;",
  '  const same: EntityTypeMap[\'class\'] = await thing.$load();',
  "  const data: CreateTypeMap['class'] = { then: 'x', $type: 'y', $get: 'g', 'my-attr': 'm', 'a b': 'ab' };",
  "  const created = session.create('class', data);",
  "  created.$set('constructor', 'z');",
  "  created.$set('__proto__', 'p');",
  "  created.$set('toJSON', null);",
  '  void [then, proto, type, ctor, set, dash, kind, same, created, wrong];',
  '}',
  '',
].join('\n');
