import { ArgumentError, MultipleResultsFoundError, RequestAbortedError, UnknownAttributeError } from '../errors.js';
import { compileQuery } from '../query/compile-query.js';
import { scalarKind, toLiteral } from '../query/literal.js';
import { comparisonNode, junctionNode, pathNode, queryNode, valueNode } from '../query/node-factory.js';
import type { ConditionNode, QueryNode } from '../query/nodes.js';
import { pathSegment, splitPath } from '../query/quote.js';
import { throwIfAborted } from '../transport/abort.js';
import { assignAttribute } from '../entity/assign-attribute.js';
import { isEntity, type BaseEntity } from '../entity/base-entity.js';
import { RUNTIME } from '../entity/entity-internals.js';
import { selectPaths } from '../entity/entity-paths.js';
import type { IdentityMap } from '../identity/identity-map.js';
import { resolveReference } from '../identity/reference-input.js';
import type { AttributeRuntime, TypeRuntime } from '../entity/type-runtime.js';

/** What `ensure` needs from the session. */
export interface EnsureHost {
  readonly identityMap: IdentityMap;
  /** At most two results of the query (as `.one()` asks: `limit 2`). */
  findTwo(query: QueryNode): Promise<BaseEntity[]>;
  create(type: string, data: Record<string, unknown>): BaseEntity;
  /** Drops an entity `create` made (before anything was sent). */
  discard(entity: BaseEntity): void;
  commit(): Promise<unknown>;
}

/**
 * Finds the entity of `type` whose identifying keys equal `data` (default: every key of `data`),
 * or creates it; then sets the other values of `data` that differ. It commits (the whole session,
 * as the Python client does) when it created or changed something. Values are quoted by the one
 * quoting function, so no value can become query syntax.
 *
 * @example await session.ensure('User', { username: 'martin', email: 'm@x.io' }, ['username'])
 * // select id, username, email from User where username is "martin" limit 2
 * // then: nothing, an update of email, or a create + commit
 */
export async function ensureEntity(
  host: EnsureHost,
  type: string,
  data: Record<string, unknown>,
  identifyingKeys?: readonly string[],
  signal?: AbortSignal,
): Promise<BaseEntity> {
  const runtime = host.identityMap.runtime(type);
  if (data === null || typeof data !== 'object') throw new ArgumentError(`ensure('${type}', data) needs an object of attribute values.`, { cause: { data } });
  const keys = [...(identifyingKeys ?? Object.keys(data))];
  if (keys.length === 0) throw new ArgumentError(`ensure('${type}', …) needs at least one identifying key.`, { cause: { type } });
  const conditions = keys.map((key) => {
    if (!Object.prototype.hasOwnProperty.call(data, key)) throw new ArgumentError(`The identifying key "${key}" is missing from the data given to ensure('${type}', …).`, { cause: { key } });
    return condition(host.identityMap, runtime, attributeOf(runtime, key), data[key]);
  });
  const projections = new Set(runtime.model.primaryKey.map(pathSegment));
  for (const key of Object.keys(data)) for (const path of selectPaths(host.identityMap.schema, type, pathSegment(attributeOf(runtime, key).name))) projections.add(path);
  const query = queryNode({
    entityType: type,
    projections: [...projections].map((path) => pathNode(splitPath(path))),
    defaultProjections: false,
    where: junctionNode('and', conditions.flat()),
    orderBy: [],
    offset: undefined,
    limit: undefined,
  });
  const found = await host.findTwo(query);
  // Aborted while the answer was decoded: nothing is created or changed.
  throwIfAborted(signal, `ensure('${type}', …)`);
  if (found.length > 1) {
    const expression = compileQuery(query);
    throw new MultipleResultsFoundError(`ensure('${type}', …) found more than one entity for "${expression}"; pass identifying keys that are unique.`, {
      cause: { expression },
    });
  }
  const entity = found[0];
  if (entity === undefined) {
    const created = host.create(type, data);
    try {
      await host.commit();
    } catch (error) {
      // Aborted before the create was sent: it is undone, nothing is left half-applied.
      if (error instanceof RequestAbortedError && created.$state === 'created') host.discard(created);
      throw error;
    }
    return created;
  }
  for (const [key, value] of Object.entries(data)) {
    if (!keys.includes(key) && value !== undefined) assignAttribute(entity, attributeOf(runtime, key), value);
  }
  if (entity.$state === 'modified') await host.commit();
  return entity;
}

function attributeOf(runtime: TypeRuntime, name: string): AttributeRuntime {
  const attribute = runtime.byName.get(name);
  if (attribute === undefined) throw new UnknownAttributeError(runtime.name, name);
  return attribute;
}

/** `key is <literal>`; a reference compares its target's primary key (`parent.id is "…"`). */
function condition(identity: IdentityMap, runtime: TypeRuntime, attribute: AttributeRuntime, value: unknown): ConditionNode[] {
  const model = attribute.model;
  const path = pathNode([attribute.name]);
  if (value === null || value === undefined) return [comparisonNode(path, 'is', valueNode(null))];
  if (model.kind === 'scalar') return [comparisonNode(path, 'is', valueNode(toLiteral(scalarKind(model), value, `${runtime.name}.${attribute.name}`)))];
  const target = model.kind === 'reference' ? (isEntity(value) ? value : resolveReference(identity, value)) : undefined;
  if (target === undefined) {
    throw new ArgumentError(`ensure('${runtime.name}', …) cannot identify by ${attribute.name}: pass an entity for a reference; lists cannot identify.`, {
      cause: { attribute: attribute.name },
    });
  }
  const key = target.$primaryKey();
  return target[RUNTIME].primaryKey.map((pk, i) => comparisonNode(pathNode([attribute.name, pk.name]), 'is', valueNode(pk.isNumeric ? Number(key[i]) : key[i]!)));
}
