import type { QueryNode } from '../query/nodes.js';

/** What a `session.on('query', …)` listener receives for each query the session sends. */
export interface QueryEvent {
  /** The query as data (frozen): the builder's node, or the node a raw string was parsed into. */
  readonly node: QueryNode;
  /** The ftrack expression sent, compiled from `node` (paging and default projections included). */
  readonly expression: string;
}

/** A `session.on('query', …)` listener. */
export type QueryListener = (event: QueryEvent) => void;
