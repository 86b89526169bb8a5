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

  it('and the check fails on a broken app (the compile test can fail)', async () => {
    const result = await compileWithApp(demoSchema, "import { q } from './client/index.js';\nexport const x: number = q.Sequence;\n");
    expect(result.ok).toBe(false);
    expect(result.output).toContain('app.ts');
  });
});

describe('edge cases', () => {
  it('an empty schema still gives a client that compiles', async () => {
    const result = await compileWithApp([], undefined);
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });
});
