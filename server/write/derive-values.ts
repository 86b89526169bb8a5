import type { EntityTypeModel, ReferenceAttribute, ScalarAttribute } from '../../runtime/schema/index.js';
import { formatNaiveUtc } from '../../runtime/protocol/datetime.js';
import type { Row } from '../store/row.js';
import type { Workspace } from '../store/workspace.js';

const MAX_DEPTH = 5;
const MAX_VISITED = 5000;

/** Per-batch memo of derived values (the workflow configuration rarely changes inside a batch). */
export type DeriveCache = Map<string, unknown>;

/**
 * Fills values a server derives for a new row (README "Server-filled values"):
 * 1. foreign keys listed in `system_projections` are inherited through the row's references
 *    (a Task under a Sequence gets the Sequence's `project_id`; under a Project, its id);
 * 2. required foreign keys still empty are taken from the configuration reachable from those
 *    anchors through references and link rows (many-to-many items whose primary key holds the
 *    back-link), nearest first, lowest `sort`: a Task's status and type from its project's schema;
 * 3. immutable date-time attributes (`created_at`) get the current time.
 */
export function deriveValues(workspace: Workspace, type: EntityTypeModel, values: Record<string, unknown>, cache: DeriveCache): void {
  const pending: Row = { type: type.name, values, seq: 0 };
  const graph = workspace.graph;
  const references = referencesByPreference(workspace, type);
  for (const name of type.systemProjections) {
    const attribute = type.attributes.get(name);
    const fk = attribute === undefined ? undefined : graph.foreignKeyTarget(attribute);
    if (fk === undefined || values[name] != null) continue;
    for (const reference of references) {
      const link = workspace.link(type.name, reference.name);
      const parent = link.kind === 'reference' ? workspace.referenced(pending, link) : undefined;
      if (parent === undefined) continue;
      const inherited = parent.values[name];
      if (inherited != null && graph.type(parent.type).attributes.has(name)) values[name] = inherited;
      else if (graph.relationFamily(fk.type).has(parent.type)) values[name] = parent.values[graph.targetColumns(fk.type, fk.attribute)[0]!];
      if (values[name] != null) break;
    }
  }
  const anchors = anchorRows(workspace, type, pending);
  for (const name of type.raw.required ?? []) {
    const attribute = type.attributes.get(name);
    const fk = attribute === undefined ? undefined : graph.foreignKeyTarget(attribute);
    if (fk === undefined || values[name] != null || anchors.length === 0) continue;
    const cacheKey = `${anchors.map((a) => workspace.describeRow(a)).join('|')}>${type.name}.${name}`;
    if (!cache.has(cacheKey)) {
      const found = nearestRow(workspace, anchors, graph.relationFamily(fk.type), graph.root(type.name));
      cache.set(cacheKey, found?.values[graph.targetColumns(fk.type, fk.attribute)[0]!] ?? null);
    }
    values[name] = cache.get(cacheKey);
  }
  for (const attribute of type.attributes.values()) {
    if (attribute.kind === 'scalar' && attribute.isDateTime && attribute.immutable && !attribute.computed && values[attribute.name] == null) {
      values[attribute.name] = formatNaiveUtc(new Date());
    }
  }
}

/** References of the type, those pointing into its own family (tree parents) first. */
function referencesByPreference(workspace: Workspace, type: EntityTypeModel): ReferenceAttribute[] {
  const refs = workspace.graph.ordered(type.name).filter((a): a is ReferenceAttribute => a.kind === 'reference');
  const tree = refs.filter((r) => workspace.graph.relationFamily(r.target).has(type.name));
  return [...tree, ...refs.filter((r) => !tree.includes(r))];
}

/** Rows referenced by the new row's system-projection foreign keys (e.g. its project). */
function anchorRows(workspace: Workspace, type: EntityTypeModel, pending: Row): Row[] {
  const anchors: Row[] = [];
  for (const name of type.systemProjections) {
    const attribute = type.attributes.get(name) as ScalarAttribute | undefined;
    const fk = attribute === undefined ? undefined : workspace.graph.foreignKeyTarget(attribute);
    const value = pending.values[name];
    if (fk === undefined || value == null) continue;
    const row = workspace.getRow(fk.type, [value]);
    if (row !== undefined) anchors.push(row);
  }
  return anchors;
}

/** Breadth-first search from the anchors for the nearest rows of `family`; lowest `sort` wins. */
function nearestRow(workspace: Workspace, anchors: Row[], family: ReadonlySet<string>, excludedRoot: string): Row | undefined {
  const visited = new Set<Row>(anchors);
  let frontier = anchors;
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    const next: Row[] = [];
    for (const row of frontier) {
      for (const attribute of workspace.graph.ordered(row.type)) {
        if (attribute.kind === 'scalar' || attribute.kind === 'mapped') continue;
        const link = workspace.link(row.type, attribute.name);
        if (link.kind === 'collection' && !isLinkRows(workspace, link.target, link.itemColumns)) continue;
        for (const related of workspace.follow(row, link)) {
          if (visited.has(related) || workspace.graph.root(related.type) === excludedRoot) continue;
          visited.add(related);
          next.push(related);
        }
      }
      if (visited.size > MAX_VISITED) break;
    }
    const candidates = next.filter((row) => family.has(row.type));
    if (candidates.length > 0) return candidates.sort(bySortThenSeq)[0];
    frontier = next;
  }
  return undefined;
}

/** Link rows (many-to-many): items whose primary key contains the back-link. */
function isLinkRows(workspace: Workspace, itemType: string, itemColumns: readonly string[]): boolean {
  const primaryKey = workspace.graph.type(itemType).primaryKey;
  return itemColumns.every((column) => primaryKey.includes(column));
}

function bySortThenSeq(a: Row, b: Row): number {
  const sa = typeof a.values.sort === 'number' ? a.values.sort : Infinity;
  const sb = typeof b.values.sort === 'number' ? b.values.sort : Infinity;
  return sa !== sb ? (sa < sb ? -1 : 1) : a.seq - b.seq;
}
