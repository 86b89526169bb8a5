import type { ValidationProblem } from '../errors.js';
import { membershipNode, pathNode, queryNode, valueNode } from '../query/node-factory.js';
import type { QueryNode } from '../query/nodes.js';
import type { BaseEntity } from '../entity/base-entity.js';
import { register } from '../identity/create-entity.js';
import { NOT_SET, RUNTIME } from '../entity/entity-internals.js';
import { foreignKeyTarget, mappedItemLink } from '../entity/mapped-item-link.js';
import { localValue, setLocalValue, slotValue } from '../entity/slots.js';
import type { UnitOfWork } from './unit-of-work.js';

/** Runs queries in one request and returns their entities. */
export type QueriesRunner = (queries: readonly QueryNode[], signal?: AbortSignal) => Promise<BaseEntity[][]>;

/**
 * New custom-attribute keys name a configuration; before a commit, one query per configuration
 * type finds them (`select id, key, … from CustomAttributeConfiguration where key in ("fps")`).
 * A configuration applies when every foreign key it shares with the owner is null or equal;
 * the most specific one wins. Returns a problem per key that matches none or several.
 */
export async function resolveUpsertKeys(uow: UnitOfWork, runQueries: QueriesRunner, signal?: AbortSignal): Promise<ValidationProblem[]> {
  const open = [...uow.upserts].map((item) => ({ item, owner: uow.mappedOwners.get(item)! })).filter(({ item, owner }) => {
    const link = mappedItemLink(uow.schema, owner.owner.$type, owner.attribute.name);
    return link?.kind === 'configured' && localValue(item, item[RUNTIME].byName.get(link.configColumn)!) === NOT_SET;
  });
  if (open.length === 0) return [];
  const problems: ValidationProblem[] = [];
  const byType = new Map<string, typeof open>();
  for (const entry of open) {
    const link = mappedItemLink(uow.schema, entry.owner.owner.$type, entry.owner.attribute.name)!;
    if (link.kind !== 'configured') continue;
    byType.set(link.configType, [...(byType.get(link.configType) ?? []), entry]);
  }
  const types = [...byType.keys()];
  const queries = types.map((type) => {
    const entries = byType.get(type)!;
    const link = mappedItemLink(uow.schema, entries[0]!.owner.owner.$type, entries[0]!.owner.attribute.name)!;
    const keys = [...new Set(entries.map(({ item }) => String(slotValue(item, item[RUNTIME].byName.get(link.keyAttribute)!))))];
    const columns = new Set([link.kind === 'configured' ? link.configKey : 'id', link.keyAttribute, ...sharedKeys(uow, type, entries[0]!.owner.owner)]);
    const where = membershipNode(pathNode([link.keyAttribute]), false, keys.map((key) => valueNode(key)));
    return queryNode({ entityType: type, projections: [...columns].map((name) => pathNode([name])), defaultProjections: false, where, orderBy: [], offset: undefined, limit: undefined });
  });
  const results = await runQueries(queries, signal);
  types.forEach((type, i) => {
    for (const { item, owner } of byType.get(type)!) {
      const link = mappedItemLink(uow.schema, owner.owner.$type, owner.attribute.name)!;
      if (link.kind !== 'configured') continue;
      const key = slotValue(item, item[RUNTIME].byName.get(link.keyAttribute)!);
      const shared = sharedKeys(uow, type, owner.owner);
      const candidates = results[i]!.filter((config) => read(config, link.keyAttribute) === key && shared.every((name) => applies(config, owner.owner, name)));
      const specificity = (config: BaseEntity) => shared.filter((name) => read(config, name) !== null).length;
      const best = Math.max(-1, ...candidates.map(specificity));
      const chosen = candidates.filter((config) => specificity(config) === best);
      if (chosen.length !== 1) {
        const why = chosen.length === 0 ? 'no configuration applies to it' : 'several configurations apply to it';
        problems.push({ entityType: owner.owner.$type, primaryKey: owner.owner.$primaryKey(), attribute: `${owner.attribute.name}.${String(key)}`, message: `${why}.` });
        continue;
      }
      setLocalValue(item, item[RUNTIME].byName.get(link.configColumn)!, read(chosen[0]!, link.configKey));
      register(uow.identity, item);
    }
  });
  return problems;
}

/** Foreign keys of the configuration type that the owner has too, to the same target. */
function sharedKeys(uow: UnitOfWork, configType: string, owner: BaseEntity): string[] {
  const config = uow.schema.types.get(configType)!;
  return [...config.attributes.values()]
    .filter((attribute) => {
      const target = foreignKeyTarget(uow.schema, attribute);
      const mine = owner[RUNTIME].model.attributes.get(attribute.name);
      return target !== undefined && mine !== undefined && foreignKeyTarget(uow.schema, mine)?.type === target.type;
    })
    .map((attribute) => attribute.name);
}

function applies(config: BaseEntity, owner: BaseEntity, name: string): boolean {
  const wanted = read(config, name);
  const slot = owner[RUNTIME].byName.get(name);
  const actual = slot === undefined ? NOT_SET : slotValue(owner, slot);
  return wanted === null || actual === NOT_SET || wanted === actual;
}

function read(entity: BaseEntity, name: string): unknown {
  const slot = entity[RUNTIME].byName.get(name);
  const value = slot === undefined ? NOT_SET : slotValue(entity, slot);
  return value === NOT_SET ? null : value;
}
