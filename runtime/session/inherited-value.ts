import { configurationsFor } from '../contract/custom-attribute-lookup.js';
import { InvalidStateError } from '../errors.js';
import { decodeDateTime, isWireDateTime } from '../protocol/datetime.js';
import type { BaseEntity } from '../entity/base-entity.js';
import type { EntityContext } from '../entity/entity-context.js';
import { NOT_SET, RUNTIME } from '../entity/entity-internals.js';
import { mappedItemLink } from '../entity/mapped-item-link.js';
import { localValue, slotValue } from '../entity/slots.js';
import type { AttributeRuntime } from '../entity/type-runtime.js';
import type { SchemaModel } from '../schema/model.js';
import { comparisonNode, junctionNode, membershipNode, pathNode, queryNode, valueNode } from '../query/node-factory.js';
import type { QueriesRunner } from '../unit-of-work/upsert-keys.js';

/**
 * The inherited value of hierarchical custom attribute `key` of `owner`: the nearest value set
 * explicitly on the owner, its parents (its `link`, nearest first) or its project, else the
 * configuration's default. Stored values are explicit ones only, so one query finds them:
 * `select entity_id, value from ContextCustomAttributeValue where configuration_id is "<fps>" and entity_id in ("<shot>", "<sequence>", "<project>")`.
 * The configuration comes from the generated metadata, else from the owner's loaded item.
 */
export async function inheritedValue(
  schema: SchemaModel,
  context: EntityContext,
  runQueries: QueriesRunner,
  owner: BaseEntity,
  attribute: AttributeRuntime,
  key: string,
): Promise<unknown> {
  const runtime = owner[RUNTIME];
  const link = mappedItemLink(schema, owner.$type, attribute.name);
  if (link?.kind !== 'configured') {
    throw new InvalidStateError(`${owner.$type}.${attribute.name} has no configured items: getInherited() is for custom attributes.`, { cause: { attribute: attribute.name, key } });
  }
  const paths = [...runtime.model.attributes.values()].filter((a) => a.kind === 'scalar' && a.valueShape === 'link');
  const pathAttribute = paths.find((a) => a.deprecated === undefined) ?? paths[0];
  await context.load([owner], [attribute.name, ...(pathAttribute === undefined ? [] : [pathAttribute.name])]);
  const items = (owner as unknown as Record<string, { items(): readonly BaseEntity[] }>)[attribute.name]!.items();
  const own = items.find((item) => read(item, link.keyAttribute) === key);
  const generated = configurationsFor(context.customAttributes, owner.$type, attribute.name).filter((c) => c.key === key && c.isHierarchical);
  const configId = own !== undefined ? read(own, link.configColumn) : generated.length === 1 ? generated[0]!.id : undefined;
  if (configId === undefined || configId === null) {
    throw new InvalidStateError(`${owner.$type}.${attribute.name} has no custom attribute "${key}".`, { cause: { attribute: attribute.name, key } });
  }
  // a value set but not committed yet is the entity's own
  const valueSlot = own?.[RUNTIME].byName.get(link.valueAttribute);
  if (own !== undefined && valueSlot !== undefined && localValue(own, valueSlot) !== NOT_SET) return read(own, link.valueAttribute);
  const ownerId = owner.$primaryKey()[0]!;
  const path = pathAttribute === undefined ? [] : ((read(owner, pathAttribute.name) as readonly { id?: unknown }[] | null) ?? []);
  const chain = [ownerId, ...path.map((entry) => entry.id).filter((id): id is string => typeof id === 'string' && id !== ownerId).reverse()];
  const where = junctionNode('and', [
    comparisonNode(pathNode([link.configColumn]), 'is', valueNode(String(configId))),
    membershipNode(pathNode([link.backLink]), false, chain.map((id) => valueNode(id))),
  ]);
  const [rows] = await runQueries([
    queryNode({ entityType: link.itemType, projections: [link.backLink, link.configColumn, link.valueAttribute].map((name) => pathNode([name])), defaultProjections: false, where, orderBy: [], offset: undefined, limit: undefined }),
  ]);
  const byEntity = new Map((rows ?? []).map((row) => [read(row, link.backLink), read(row, link.valueAttribute)]));
  for (const id of chain) if (byEntity.has(id)) return byEntity.get(id);
  const config = context.customAttributes?.configurations.find((c) => c.id === configId);
  // without metadata, the owner's item holds the default when nothing is set on it
  if (config === undefined) return own === undefined ? null : read(own, link.valueAttribute);
  return isWireDateTime(config.default) ? (decodeDateTime(config.default) ?? null) : config.default;
}

/** Reads an attribute through its accessor (decoded values); null when unknown or not set. */
function read(entity: BaseEntity, name: string): unknown {
  const runtime = entity[RUNTIME];
  const slot = runtime.byName.get(name);
  if (slot === undefined || slotValue(entity, slot) === NOT_SET) return null;
  return runtime.accessors[slot.ordinal]!.get.call(entity);
}
