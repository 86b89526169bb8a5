import { join } from 'node:path';
import { inject } from 'vitest';
import { repoRoot } from './shared.js';

/**
 * The node arguments that start `ftrack-codegen`: the run's transpiled copy (test/support/build-cli.ts),
 * or, when the test runs without that global setup, the TypeScript sources through tsx.
 */
export function cliCommand(): string[] {
  const entry = inject('cliEntry');
  return entry ? [entry] : ['--import', 'tsx', join(repoRoot, 'bin', 'ftrack-codegen.ts')];
}
