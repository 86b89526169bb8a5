import type { Workspace } from '../store/workspace.js';
import { customAttributeSeed } from './custom-attribute-seed.js';
import { seedSmall } from './small-seed.js';

/** Names of the built-in seeds (`--seed <name>`). */
export type BuiltinSeed = 'small' | 'custom-attributes';

/** Every built-in seed name, in the order messages list them. */
export const BUILTIN_SEEDS: readonly BuiltinSeed[] = ['small', 'custom-attributes'];

/**
 * Builds a built-in seed through the write path: `small` (a small production on any schema) or
 * `custom-attributes` (the same production with custom attribute configurations of every type).
 *
 * @example
 * runBuiltinSeed('custom-attributes', workspace, 'admin');
 */
export function runBuiltinSeed(name: BuiltinSeed, workspace: Workspace, apiUser: string): void {
  if (name === 'custom-attributes') seedSmall(workspace, apiUser, customAttributeSeed);
  else seedSmall(workspace, apiUser);
}
