import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `../shared` beside the checkout (third-party fixtures; never copied into the repo). */
export const sharedDir = resolve(repoRoot, '..', 'shared');

/** True when `../shared/fixtures` is present. */
export const hasShared = existsSync(join(sharedDir, 'fixtures', 'schemas', 'workspace-a.query_schemas.json'));

/** Message printed by suites that skip because `../shared` is absent. */
export const SHARED_MISSING = `../shared/fixtures not found at ${sharedDir}: fixture-based tests are skipped`;

if (!hasShared) console.warn(`[skip] ${SHARED_MISSING}`);

/** Path of a fixture file under `../shared/fixtures`. */
export function fixturePath(...parts: string[]): string {
  return join(sharedDir, 'fixtures', ...parts);
}

/** Parsed JSON of a fixture file. */
export function readFixture<T = unknown>(...parts: string[]): T {
  return JSON.parse(readFileSync(fixturePath(...parts), 'utf8')) as T;
}

/** The real 130-type schema of workspace-a. */
export function workspaceASchema(): unknown[] {
  return readFixture<unknown[]>('schemas', 'workspace-a.query_schemas.json');
}
