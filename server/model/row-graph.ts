import type { Row } from '../store/row.js';
import type { Store } from '../store/store.js';
import type { Link } from './relation-types.js';
import type { TypeGraph } from './type-graph.js';

/**
 * What following relations needs from the workspace: its type graph, rows and links. The
 * workspace (server/store/workspace.ts) provides it; the relation model depends on this
 * interface, not on the workspace, so the two never import each other.
 */
export interface RowGraph {
  readonly graph: TypeGraph;
  readonly store: Store;
  link(type: string, attribute: string): Link;
  follow(row: Row, link: Link): Row[];
}
