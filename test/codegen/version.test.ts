import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { GENERATOR_VERSION } from 'ftrack-codegen/codegen';
import { repoRoot } from '../support/shared.js';

it('the generator version in @generated headers is the package version', () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  expect(GENERATOR_VERSION).toBe(pkg.version);
});
