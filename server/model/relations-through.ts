import type { CollectionAttribute, EntityTypeModel, ScalarAttribute } from '../../runtime/schema/index.js';
import { LINK_DIRECTIONS } from '../rules/link-directions.js';
import type { HiddenLink, ThroughLink, UnresolvedLink } from './relation-types.js';
import type { TypeGraph } from './type-graph.js';

interface Option {
  readonly via: string;
  readonly ownerColumn: ScalarAttribute;
  readonly targetColumn: ScalarAttribute;
  /** 1: the pair is the link type's primary key; 2: both are required foreign keys; 3: the target side is an untyped required `*_id`. */
  readonly rank: number;
}

/**
 * A collection whose items carry no key of the owner: a many-to-many through a link type — a type
 * with a foreign key to the owner's family and one to the items' family (best: the pair is its
 * primary key, `WorkflowSchemaStatus`; then both required, `AssetVersionLink`; then one side an
 * untyped required `*_id`, `ListObject.entity_id`). Self-links are directed by `LINK_DIRECTIONS`.
 * Without any link type, the membership lives in a hidden owner column.
 *
 * @example
 * inferThrough(graph, workflowSchemaStatuses);
 * // { kind: 'through', via: 'WorkflowSchemaStatus', viaOwnerColumns: ['workflow_schema_id'], viaTargetColumns: ['status_id'], … }
 */
export function inferThrough(graph: TypeGraph, attribute: CollectionAttribute): ThroughLink | HiddenLink | UnresolvedLink {
  const owner = attribute.entityType;
  const target = attribute.target;
  const base = { owner, name: attribute.name, target };
  const options: Option[] = [];
  for (const { via, keys, untyped } of linkCandidates(graph)) {
    if (via.name === graph.root(owner) || via.name === graph.root(target)) continue;
    const toOwner = keys.filter((s) => pointsAt(graph, s, owner));
    const toTarget = keys.filter((s) => pointsAt(graph, s, target));
    for (const ownerColumn of toOwner) {
      for (const targetColumn of toTarget) {
        if (ownerColumn === targetColumn) continue;
        const pair = [ownerColumn.name, targetColumn.name];
        const rank = via.primaryKey.length === 2 && pair.every((c) => via.primaryKey.includes(c)) ? 1 : ownerColumn.required && targetColumn.required ? 2 : 0;
        if (rank > 0) options.push({ via: via.name, ownerColumn, targetColumn, rank });
      }
      if (toTarget.length === 0 && ownerColumn.required) for (const column of untyped) options.push({ via: via.name, ownerColumn, targetColumn: column, rank: 3 });
    }
    if (toOwner.length === 0) {
      for (const targetColumn of toTarget) {
        if (targetColumn.required) for (const column of untyped) options.push({ via: via.name, ownerColumn: column, targetColumn, rank: 3 });
      }
    }
  }
  if (options.length === 0) {
    const key = graph.type(target).primaryKey;
    if (key.length !== 1) return { ...base, kind: 'unresolved', reason: `${target} has no key of ${owner} and no link type joins them` };
    return { ...base, kind: 'hidden', column: `@${attribute.name}` };
  }
  const bestRank = Math.min(...options.map((o) => o.rank));
  let best = options.filter((o) => o.rank === bestRank);
  const direction = Object.prototype.hasOwnProperty.call(LINK_DIRECTIONS, attribute.name) ? LINK_DIRECTIONS[attribute.name] : undefined;
  if (best.length > 1 && direction !== undefined) best = best.filter((o) => o.ownerColumn.name === direction.ownerColumn);
  if (best.length !== 1) {
    const shown = options.filter((o) => o.rank === bestRank).map((o) => `${o.via}.${o.ownerColumn.name}`);
    return { ...base, kind: 'unresolved', reason: `ambiguous link types ${shown.join(', ')}` };
  }
  const chosen = best[0]!;
  return {
    ...base,
    kind: 'through',
    via: chosen.via,
    viaOwnerColumns: [chosen.ownerColumn.name],
    ownerColumns: keyColumns(graph, owner, chosen.ownerColumn),
    viaTargetColumns: [chosen.targetColumn.name],
    targetColumns: keyColumns(graph, target, chosen.targetColumn),
  };
}

interface Candidate {
  readonly via: EntityTypeModel;
  /** Foreign-key scalars. */
  readonly keys: readonly ScalarAttribute[];
  /** Required untyped `*_id` scalars (see `isUntypedKey`). */
  readonly untyped: readonly ScalarAttribute[];
}

const candidateCache = new WeakMap<TypeGraph, readonly Candidate[]>();

/** Root types with at least two key columns: the only possible link types (computed once per schema). */
function linkCandidates(graph: TypeGraph): readonly Candidate[] {
  let list = candidateCache.get(graph);
  if (list === undefined) {
    const found: Candidate[] = [];
    for (const via of graph.model.types.values()) {
      if (via.base !== undefined && graph.model.types.has(via.base)) continue;
      const scalars = graph.scalars(via.name);
      const keys = scalars.filter((s) => graph.foreignKeyTarget(s) !== undefined);
      const untyped = scalars.filter((s) => s.required && !s.isPrimaryKey && isUntypedKey(graph, s, scalars));
      if (keys.length + untyped.length >= 2 && keys.length >= 1) found.push({ via, keys, untyped });
    }
    list = found;
    candidateCache.set(graph, list);
  }
  return list;
}

/** A foreign key whose target shares `typeName`'s relation family. */
function pointsAt(graph: TypeGraph, column: ScalarAttribute, typeName: string): boolean {
  const fk = graph.foreignKeyTarget(column);
  return fk !== undefined && (graph.relationFamily(fk.type).has(typeName) || graph.relationFamily(typeName).has(fk.type));
}

function keyColumns(graph: TypeGraph, typeName: string, column: ScalarAttribute): readonly string[] {
  const fk = graph.foreignKeyTarget(column);
  return graph.targetColumns(typeName, fk?.attribute);
}

/** A `*_id` column with no foreign key and no `*_type` / `*_entity_type` companion (those are polymorphic pairs). */
function isUntypedKey(graph: TypeGraph, column: ScalarAttribute, scalars: readonly ScalarAttribute[]): boolean {
  if (!column.name.endsWith('_id') || graph.foreignKeyTarget(column) !== undefined) return false;
  const stem = column.name.slice(0, -'_id'.length);
  return !scalars.some((s) => s.name === `${stem}_type` || s.name === `${stem}_entity_type`);
}
