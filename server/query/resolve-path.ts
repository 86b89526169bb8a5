import type { Attribute } from '../../runtime/schema/index.js';
import { apiError } from '../api/api-error.js';
import type { Link } from '../model/relation-types.js';
import type { Row } from '../store/row.js';
import type { Workspace } from '../store/workspace.js';
import type { PathRef } from './ast.js';

/** One hop of a path: the relation followed from the previous type. */
export interface Step {
  readonly attribute: Attribute;
  readonly link: Link;
}

/** A path checked against the schema: relation hops, then the final attribute. */
export interface ResolvedPath {
  readonly steps: readonly Step[];
  readonly last: Attribute;
  /** Type declaring the final attribute. */
  readonly lastOwner: string;
  /** Type the final attribute leads to when it is a relation. */
  readonly lastLink: Link | undefined;
  /** True when a hop goes through a collection (comparisons become existential). */
  readonly throughCollection: boolean;
}

/**
 * Resolves `a.b.c` from `typeName`: every segment must be an attribute, every non-final
 * segment a relation. `select` paths may not use restricted (filter-only) attributes.
 */
export function resolvePath(workspace: Workspace, typeName: string, ref: PathRef, purpose: 'select' | 'filter'): ResolvedPath {
  const steps: Step[] = [];
  let current = typeName;
  let throughCollection = false;
  for (let i = 0; i < ref.path.length; i++) {
    const name = ref.path[i]!;
    const attribute = workspace.graph.type(current).attributes.get(name);
    const shown = ref.path.slice(0, i + 1).join('.');
    if (attribute === undefined) {
      throw apiError('ValidationError', `${current} has no attribute "${name}" (in "${shown}" at position ${ref.position}).`, 'unknown_attribute');
    }
    if (purpose === 'select' && attribute.restricted) {
      throw apiError('ValidationError', `${current}.${name} is a restricted projection: it can be used in "where" but not selected.`, 'restricted_projection');
    }
    const isLast = i === ref.path.length - 1;
    if (attribute.kind === 'scalar') {
      if (!isLast) {
        throw apiError('ValidationError', `${current}.${name} is not a relation, so "${shown}" cannot continue (position ${ref.position}).`, 'invalid_path');
      }
      return { steps, last: attribute, lastOwner: current, lastLink: undefined, throughCollection };
    }
    const link = workspace.link(current, name);
    if (isLast) return { steps, last: attribute, lastOwner: current, lastLink: link, throughCollection };
    steps.push({ attribute, link });
    if (attribute.kind !== 'reference') throughCollection = true;
    current = attribute.target;
  }
  throw apiError('ParseError', `Empty attribute path at position ${ref.position}.`);
}

/**
 * Calls `visit` with every value the path reaches from `row` until it returns true.
 * A missing reference yields `null` (left join); an empty collection yields nothing.
 */
export function someValue(workspace: Workspace, row: Row, steps: readonly Step[], last: (row: Row) => unknown, visit: (value: unknown) => boolean): boolean {
  return walk(workspace, row, steps, 0, (end) => visit(end === undefined ? null : last(end)));
}

/** Calls `visit` with every row at the end of `steps` (undefined for a missing reference). */
export function walk(workspace: Workspace, row: Row, steps: readonly Step[], index: number, visit: (row: Row | undefined) => boolean): boolean {
  if (index === steps.length) return visit(row);
  const { attribute, link } = steps[index]!;
  if (link.kind === 'reference') {
    const next = workspace.referenced(row, link);
    return next === undefined ? visit(undefined) : walk(workspace, next, steps, index + 1, visit);
  }
  if (link.kind === 'unresolved') return attribute.kind === 'reference' ? visit(undefined) : false;
  const members = link.kind === 'collection' ? workspace.members(row, link) : workspace.follow(row, link);
  if (attribute.kind === 'reference') return members.length === 0 ? visit(undefined) : walk(workspace, members[0]!, steps, index + 1, visit);
  for (const member of members) {
    if (walk(workspace, member, steps, index + 1, visit)) return true;
  }
  return false;
}
