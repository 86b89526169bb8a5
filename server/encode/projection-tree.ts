import type { Workspace } from '../store/workspace.js';
import type { PathRef } from '../query/ast.js';
import { resolvePath } from '../query/resolve-path.js';

/** Requested attributes at one level, each with the attributes requested below it. */
export type ProjectionTree = Map<string, ProjectionTree>;

/**
 * Builds the projection tree of `select a, b.c, b.d` (validating each path) — or of the type's
 * default projections when the query names none.
 */
export function buildProjectionTree(workspace: Workspace, typeName: string, paths: readonly PathRef[] | undefined): ProjectionTree {
  const tree: ProjectionTree = new Map();
  if (paths === undefined) {
    const type = workspace.graph.type(typeName);
    for (const name of type.defaultProjections) {
      const attribute = type.attributes.get(name);
      if (attribute !== undefined && !attribute.restricted) tree.set(name, new Map());
    }
    return tree;
  }
  for (const ref of paths) {
    resolvePath(workspace, typeName, ref, 'select');
    let level = tree;
    for (const segment of ref.path) {
      let next = level.get(segment);
      if (next === undefined) {
        next = new Map();
        level.set(segment, next);
      }
      level = next;
    }
  }
  return tree;
}
