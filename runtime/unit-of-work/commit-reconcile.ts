import { pathNode, queryNode } from '../query/node-factory.js';
import type { QueryNode } from '../query/nodes.js';
import { sameValue } from '../entity/assign-attribute.js';
import type { BaseEntity } from '../entity/base-entity.js';
import { planCommit, primaryKeyOf, type PlannedOperation } from './commit-plan.js';
import { NOT_SET, RUNTIME, STATE } from '../entity/entity-internals.js';
import { primaryKeysCondition } from '../loading/primary-key.js';
import { localValue, remoteValue, setLocalValue } from '../entity/slots.js';
import { KEY_SEPARATOR } from '../entity/type-runtime.js';
import type { UnitOfWork } from './unit-of-work.js';
import type { QueriesRunner } from './upsert-keys.js';

/** Primary keys per query (all queries go in one request). */
const KEYS_PER_QUERY = 500;

/**
 * The reconcile rule. After a commit of unknown outcome, the next commit first asks the server —
 * in one request, one query per entity type — about the pending operations of the entities that
 * commit was about, and takes as applied what already holds:
 * - a create: an entity with that primary key exists → it was created; each value the server holds
 *   equal to the local one is saved, the others are sent as an `update`;
 * - an update (also a custom-attribute upsert): each attribute whose server value equals the
 *   local value is saved; only the others are sent;
 * - a delete: no entity with that primary key exists → it was deleted.
 * Everything else is sent as planned. An entity stays "outcome unknown" until a commit of it
 * succeeds or the server shows it applied, so a batch the server applies late is still found.
 * Resolves to the number of operations found applied (wholly).
 *
 * @example reconcile(uow, runQueries)
 * // one request: select id, name, parent from Sequence where id in ("…", "…") + select id from Shot where id is "…"
 */
export async function reconcile(uow: UnitOfWork, runQueries: QueriesRunner, signal?: AbortSignal): Promise<number> {
  if (uow.outcomeUnknown.size === 0) return 0;
  const plan = planCommit(uow).filter((planned) => uow.outcomeUnknown.has(planned.entity) && !primaryKeyOf(planned.entity).includes(null));
  if (plan.length === 0) return 0;
  const queries = buildQueries(plan);
  const results = await runQueries(queries.map((query) => query.node), signal);
  const found = new Set<string>();
  results.forEach((entities, i) => {
    for (const entity of entities) found.add(identityKey(queries[i]!.type, entity));
  });
  let applied = 0;
  for (const planned of plan) {
    if (apply(uow, planned, found.has(identityKey(planned.entity.$type, planned.entity)))) applied++;
  }
  return applied;
}

interface TypeQuery {
  readonly type: string;
  readonly node: QueryNode;
}

/** One query per entity type (and chunk of keys): its primary key and every attribute to compare. */
function buildQueries(plan: readonly PlannedOperation[]): TypeQuery[] {
  const byType = new Map<string, { entities: Set<BaseEntity>; attributes: Set<string> }>();
  for (const planned of plan) {
    const type = planned.entity.$type;
    let entry = byType.get(type);
    if (entry === undefined) {
      entry = { entities: new Set(), attributes: new Set(planned.entity[RUNTIME].model.primaryKey) };
      byType.set(type, entry);
    }
    entry.entities.add(planned.entity);
    for (const attribute of planned.attributes) if (!attribute.model.restricted) entry.attributes.add(attribute.name);
  }
  const queries: TypeQuery[] = [];
  for (const [type, { entities, attributes }] of byType) {
    const runtime = [...entities][0]![RUNTIME];
    const keys = [...entities].map((entity) => primaryKeyOf(entity) as string[]);
    const projections = [...attributes].map((name) => pathNode([name]));
    for (let start = 0; start < keys.length; start += KEYS_PER_QUERY) {
      const where = primaryKeysCondition(runtime, keys.slice(start, start + KEYS_PER_QUERY));
      queries.push({ type, node: queryNode({ entityType: type, projections, defaultProjections: false, where, orderBy: [], offset: undefined, limit: undefined }) });
    }
  }
  return queries;
}

/** Applies the reconcile rule to one planned operation; true when it was found wholly applied. */
function apply(uow: UnitOfWork, planned: PlannedOperation, exists: boolean): boolean {
  const { entity } = planned;
  if (planned.kind === 'delete') {
    if (exists) return false;
    uow.confirmDeleted(entity);
    return true;
  }
  if (!exists) return false;
  for (const attribute of planned.attributes) {
    const local = localValue(entity, attribute);
    const remote = remoteValue(entity, attribute);
    if (local !== NOT_SET && remote !== NOT_SET && sameValue(remote, local)) setLocalValue(entity, attribute, NOT_SET);
  }
  uow.confirmCreated(entity);
  uow.outcomeUnknown.delete(entity);
  const whole = entity[STATE] === 'unchanged' || planned.attributes.every((attribute) => localValue(entity, attribute) === NOT_SET);
  uow.settled(entity);
  return whole;
}

function identityKey(type: string, entity: BaseEntity): string {
  return `${type}${KEY_SEPARATOR}${primaryKeyOf(entity).join(KEY_SEPARATOR)}`;
}
