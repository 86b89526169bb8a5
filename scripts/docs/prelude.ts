/**
 * The names a docs code block may use without declaring them: a session on the demo workspace and a
 * few entities of it. A block that declares or imports a name shadows these. Keep it short: a block
 * that needs more should declare it.
 */

/** Where the prelude sits (relative to the repository root) for module resolution. */
export const PRELUDE_PATH = 'docs/code-block-prelude.ts';

export const PRELUDE = `
import type { Session } from 'ftrack-codegen';
import type { Project, Sequence, Shot, Task, Workspace } from '../generated/index.js';
import type { q as demoQueries } from '../generated/index.js';

declare global {
  /** A session typed by the generated demo client: \`await using session = createSession()\`. */
  const session: Session<Workspace>;
  /** The demo client's typed query root: \`import { q } from './generated/index.js'\`. */
  const q: typeof demoQueries;
  /** Connection values the tutorial receives. */
  const serverUrl: string;
  const apiUser: string;
  const apiKey: string;
  /** Entities of the demo workspace, as a block before would have read them. */
  const project: Project;
  const sequence: Sequence;
  const shot: Shot;
  const oldShot: Shot;
  const task: Task;
  const tasks: Task[];
  /** Some primary key. */
  const id: string;
}
`;
