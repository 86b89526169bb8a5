import type { ValidationProblem } from '../errors.js';
import { CUSTOM_ATTRIBUTE_SCOPE } from '../schema/custom-attribute-scope.js';
import { configurationsFor } from '../contract/custom-attribute-lookup.js';
import { membershipNode, pathNode, queryNode, valueNode } from '../query/node-factory.js';
import type { QueryNode } from '../query/nodes.js';
import type { BaseEntity } from '../entity/base-entity.js';
import { register } from '../identity/create-entity.js';
import { NOT_SET, RUNTIME } from '../entity/entity-internals.js';
import { mappedItemLink, type MappedItemLink } from '../entity/mapped-item-link.js';
import { localValue, setLocalValue, slotValue } from '../entity/slots.js';
import type { UnitOfWork } from './unit-of-work.js';

/** Runs queries in one request and returns their entities. */
export type QueriesRunner = (queries: readonly QueryNode[], signal?: AbortSignal) => Promise<BaseEntity[][]>;

/**
 * ftrack's applicability rule for custom attribute configurations (the same rule as the local
 * server's rules module): the configuration's `entity_type` is the owner's table (the owner type's
 * storage name in lower case: `show`, `task`…) unless it is hierarchical (`is_hierarchical`), and
 * each scope column (`object_type_id`, `project_id`) is empty or the owner's value of that column.
 * Each column is used only where the configuration type has it.
 */
const RULE = Object.freeze({
  tableColumn: CUSTOM_ATTRIBUTE_SCOPE.entityTypeColumn,
  hierarchicalColumn: CUSTOM_ATTRIBUTE_SCOPE.hierarchicalColumn,
  scopeColumns: Object.freeze([CUSTOM_ATTRIBUTE_SCOPE.objectTypeColumn, CUSTOM_ATTRIBUTE_SCOPE.projectColumn]),
});
/** A configuration as the picking rule sees it: its id, key and scope columns (null: any). */
interface Candidate {
  readonly id: unknown;
  readonly key: unknown;
  readonly table: unknown;
  readonly hierarchical: boolean;
  /** Scope columns (`object_type_id`, `project_id`) → the configuration's value. */
  readonly scope: ReadonlyMap<string, unknown>;
}

type Open = { item: BaseEntity; owner: { owner: BaseEntity; attribute: { name: string } }; link: Extract<MappedItemLink, { kind: 'configured' }> };

/**
 * New custom-attribute keys name a configuration: the one with that key that applies to the owner
 * (ftrack's rule: the owner's table, its object type and its project, or hierarchical), the most
 * specific one when several do. With generated metadata (`schema.customAttributes`) no request is
 * needed; otherwise one query per configuration type, before the commit, finds the candidates:
 * `select id, key, entity_type, object_type_id, project_id, is_hierarchical from CustomAttributeConfiguration where key in ("fps", "fstart")`.
 * So the same key configured for Sequence and for Shot never collides. Returns a problem per key
 * that matches none or several.
 */
export async function resolveUpsertKeys(uow: UnitOfWork, runQueries: QueriesRunner, signal?: AbortSignal): Promise<ValidationProblem[]> {
  const open: Open[] = [];
  for (const item of uow.upserts) {
    const owner = uow.mappedOwners.get(item)!;
    const link = mappedItemLink(uow.schema, owner.owner.$type, owner.attribute.name);
    if (link?.kind === 'configured' && localValue(item, item[RUNTIME].byName.get(link.configColumn)!) === NOT_SET) open.push({ item, owner, link });
  }
  if (open.length === 0) return [];
  const generated = (entry: Open) => configurationsFor(uow.customAttributes, entry.owner.owner.$type, entry.owner.attribute.name);
  // entries without generated configurations: one query per configuration type, all in one request
  const byType = new Map<string, Open[]>();
  for (const entry of open) {
    if (generated(entry).length > 0) continue;
    byType.set(entry.link.configType, [...(byType.get(entry.link.configType) ?? []), entry]);
  }
  const types = [...byType.keys()];
  const queries = types.map((type) => {
    const entries = byType.get(type)!;
    const { link } = entries[0]!;
    const keys = [...new Set(entries.map(({ item }) => String(slotValue(item, item[RUNTIME].byName.get(link.keyAttribute)!))))];
    const config = uow.schema.types.get(type)!;
    const named = [RULE.tableColumn, RULE.hierarchicalColumn, ...RULE.scopeColumns].filter((name) => config.attributes.get(name)?.kind === 'scalar');
    const columns = new Set([link.configKey, link.keyAttribute, ...named]);
    const where = membershipNode(pathNode([link.keyAttribute]), false, keys.map((key) => valueNode(key)));
    return queryNode({ entityType: type, projections: [...columns].map((name) => pathNode([name])), defaultProjections: false, where, orderBy: [], offset: undefined, limit: undefined });
  });
  const results = queries.length === 0 ? [] : await runQueries(queries, signal);
  const fetched = new Map(types.map((type, i) => [type, results[i] ?? []]));
  const problems: ValidationProblem[] = [];
  for (const entry of open) {
    const { item, owner, link } = entry;
    const key = slotValue(item, item[RUNTIME].byName.get(link.keyAttribute)!);
    const shared = scopeColumns(uow, link.configType, owner.owner);
    const fromMetadata = generated(entry);
    const candidates: Candidate[] =
      fromMetadata.length > 0
        ? fromMetadata.map((c) => ({ id: c.id, key: c.key, table: null, hierarchical: c.isHierarchical, scope: new Map(metadataScope(c, shared)) }))
        : (fetched.get(link.configType) ?? []).map((row) => ({
            id: read(row, link.configKey),
            key: read(row, link.keyAttribute),
            table: read(row, RULE.tableColumn),
            hierarchical: read(row, RULE.hierarchicalColumn) === true,
            scope: new Map(shared.map((name) => [name, read(row, name)])),
          }));
    const chosen = pick(candidates.filter((c) => c.key === key), owner.owner, shared);
    if (chosen === undefined || chosen.length !== 1) {
      const why = chosen === undefined || chosen.length === 0 ? 'no configuration applies to it' : 'several configurations apply to it';
      problems.push({ entityType: owner.owner.$type, primaryKey: owner.owner.$primaryKey(), attribute: `${owner.attribute.name}.${String(key)}`, message: `${why}.` });
      continue;
    }
    setLocalValue(item, item[RUNTIME].byName.get(link.configColumn)!, chosen[0]!.id);
    register(uow.identity, item);
  }
  return problems;
}

/** The generated configuration's values of the shared columns (`object_type_id` → objectTypeId, `project_id` → projectId). */
function metadataScope(config: { objectTypeId: string | null; projectId: string | null }, shared: readonly string[]): [string, unknown][] {
  return shared.map((name) => [name, name === 'object_type_id' ? config.objectTypeId : name === 'project_id' ? config.projectId : null]);
}

/**
 * The applicable candidates with the most constraints known to match: a candidate is out when its
 * table is another one (unless hierarchical) or a shared column differs from the owner's known value.
 */
function pick(candidates: readonly Candidate[], owner: BaseEntity, shared: readonly string[]): Candidate[] | undefined {
  const model = owner[RUNTIME].model;
  const table = (model.storage ?? model.name).toLowerCase();
  let best = -1;
  let chosen: Candidate[] = [];
  for (const candidate of candidates) {
    if (candidate.table !== null && candidate.table !== table && !candidate.hierarchical) continue;
    let score = 0;
    let out = false;
    for (const name of shared) {
      const wanted = candidate.scope.get(name) ?? null;
      if (wanted === null) continue;
      const actual = ownerValue(owner, name);
      if (actual === NOT_SET) continue;
      if (actual !== wanted) out = true;
      else score += 1;
    }
    if (out) continue;
    if (score > best) [best, chosen] = [score, [candidate]];
    else if (score === best) chosen.push(candidate);
  }
  return chosen;
}

/** The owner's value of `name`: set or loaded, else its classifier (a Shot's object type), else a plain schema default. */
function ownerValue(owner: BaseEntity, name: string): unknown {
  const runtime = owner[RUNTIME];
  const slot = runtime.byName.get(name);
  const value = slot === undefined ? NOT_SET : slotValue(owner, slot);
  if (value !== NOT_SET) return value;
  const classifier = runtime.model.classifiers.find((c) => c.attribute === name);
  if (classifier !== undefined) return classifier.value;
  const attribute = runtime.model.attributes.get(name);
  return attribute?.hasDefault === true && typeof attribute.default === 'string' && !attribute.default.startsWith('{') ? attribute.default : NOT_SET;
}

/** Scope columns of the rule that the configuration type has and the owner has too (or sets by classifier). */
function scopeColumns(uow: UnitOfWork, configType: string, owner: BaseEntity): string[] {
  const config = uow.schema.types.get(configType)!;
  const model = owner[RUNTIME].model;
  return RULE.scopeColumns.filter((name) => config.attributes.get(name)?.kind === 'scalar' && (model.attributes.has(name) || model.classifiers.some((c) => c.attribute === name)));
}

function read(entity: BaseEntity, name: string): unknown {
  const slot = entity[RUNTIME].byName.get(name);
  const value = slot === undefined ? NOT_SET : slotValue(entity, slot);
  return value === NOT_SET ? null : value;
}
