import type { Workspace } from '../store/workspace.js';
import type { DeriveCache } from './derive-values.js';

/** What one write operation needs: the workspace and the batch's memo of derived values. */
export interface WriteContext {
  readonly workspace: Workspace;
  readonly derived: DeriveCache;
}
