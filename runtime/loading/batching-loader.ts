import type { SchemaModel } from '../schema/model.js';
import { nextTurn } from './next-turn.js';
import { compileQuery } from '../query/compile-query.js';
import { pathNode, queryNode } from '../query/node-factory.js';
import type { QueryNode } from '../query/nodes.js';
import { splitPath } from '../query/quote.js';
import { SharedAbort, abortError } from '../transport/abort.js';
import { isEntity, type BaseEntity } from '../entity/base-entity.js';
import type { LoadOptions } from '../entity/entity-context.js';
import { NOT_SET, RUNTIME, STATE } from '../entity/entity-internals.js';
import { isPathLoaded, selectPaths } from '../entity/entity-paths.js';
import type { EntityLoader } from './loader.js';
import { primaryKeysCondition } from './primary-key.js';
import { ResultGroup, resultGroupOf } from '../identity/result-group.js';
import { slotValue } from '../entity/slots.js';

/**
 * Sends several queries in ONE request and merges their entities; `signal` aborts it. It gets the
 * compiled expressions, and the same queries as nodes (`queries[i]` compiles to `expressions[i]`).
 */
export type QueryBatchRunner = (expressions: readonly string[], signal?: AbortSignal, queries?: readonly QueryNode[]) => Promise<unknown>;

/** Options of the batching loader. */
export interface BatchingLoaderOptions {
  /** Extend a lazy load to the other entities of the same result (default true). */
  readonly crossResult?: boolean;
  /** Primary keys per query before a load is split into several queries of the same request (default 500). */
  readonly chunkSize?: number;
}

interface Request {
  readonly entities: readonly BaseEntity[];
  readonly paths: readonly string[];
  readonly options: LoadOptions;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
  /** Set once the caller's signal aborted: the request is dropped (or its answer ignored). */
  aborted: boolean;
}

interface Plan {
  readonly type: string;
  readonly paths: readonly string[];
  readonly entities: Set<BaseEntity>;
}

/**
 * Loads coalesced: every load requested in the same tick (until `setImmediate`) becomes one
 * request holding one query per entity type and set of missing paths, split into chunks of
 * `chunkSize` keys. With cross-result batching, a load for an entity that came from a query
 * result (or from an earlier lazy load) also covers the other entities of that result that miss
 * the same paths, so a loop over a result costs one request per attribute, not one per entity.
 * Created entities never load.
 *
 * @example await Promise.all(tasks.map((t) => t.$get('status')))
 * // one request: select status.id from Task where id in ("t1", "t2", …)
 */
export class BatchingLoader implements EntityLoader {
  readonly #crossResult: boolean;
  readonly #chunkSize: number;
  readonly #projections = new Map<string, readonly string[] | null>();
  #queue: Request[] = [];
  #scheduled = false;

  constructor(
    readonly schema: SchemaModel,
    readonly runQueries: QueryBatchRunner,
    options: BatchingLoaderOptions = {},
  ) {
    this.#crossResult = options.crossResult !== false;
    this.#chunkSize = Math.max(1, options.chunkSize ?? 500);
  }

  load(entities: readonly BaseEntity[], paths: readonly string[], options: LoadOptions = {}): Promise<void> {
    try {
      for (const entity of entities) for (const path of paths) selectPaths(this.schema, entity.$type, path);
    } catch (error) {
      return Promise.reject(error);
    }
    const signal = options.signal;
    if (signal?.aborted) return Promise.reject(abortError(signal, 'The load'));
    return new Promise<void>((resolve, reject) => {
      let detach = (): void => undefined;
      const request: Request = {
        entities,
        paths,
        options,
        aborted: false,
        resolve: () => (detach(), resolve()),
        reject: (error) => (detach(), reject(error)),
      };
      if (signal !== undefined) {
        // The caller is rejected at once; the coalesced request is aborted only when all its callers are.
        const onAbort = () => {
          request.aborted = true;
          request.reject(abortError(signal, 'The load'));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        detach = () => signal.removeEventListener('abort', onAbort);
      }
      this.#queue.push(request);
      if (!this.#scheduled) {
        this.#scheduled = true;
        nextTurn(() => void this.#flush());
      }
    });
  }

  async #flush(): Promise<void> {
    this.#scheduled = false;
    const batch = this.#queue.filter((request) => !request.aborted);
    this.#queue = [];
    const wanted = new Map<BaseEntity, Set<string>>();
    for (const request of batch) this.#want(request, wanted);
    const plans = groupPlans(wanted);
    const queries: QueryNode[] = [];
    for (const plan of plans.values()) queries.push(...this.#queries(plan));
    const shared = new SharedAbort();
    for (const request of batch) shared.join(request.options.signal);
    try {
      if (queries.length > 0) await this.runQueries(queries.map(compileQuery), shared.stoppableSignal, queries);
      if (this.#crossResult) for (const plan of plans.values()) groupReached(plan);
      for (const request of batch) request.resolve();
    } catch (error) {
      for (const request of batch) request.reject(error);
    } finally {
      shared.release();
    }
  }

  /** Adds the paths each target of `request` misses (or all, when refreshing). */
  #want(request: Request, wanted: Map<BaseEntity, Set<string>>): void {
    for (const entity of this.#targets(request)) {
      if (entity[STATE] === 'created') continue;
      for (const path of request.paths) {
        if (this.#select(entity.$type, path) === null || (request.options.refresh !== true && isPathLoaded(entity, path))) continue;
        let paths = wanted.get(entity);
        if (paths === undefined) wanted.set(entity, (paths = new Set()));
        paths.add(path);
      }
    }
  }

  /** The requested entities, plus (cross-result) the other members of their result groups. */
  #targets(request: Request): Iterable<BaseEntity> {
    if (!this.#crossResult || request.options.expand === false) return request.entities;
    const targets = new Set(request.entities);
    for (const entity of request.entities) {
      const group = resultGroupOf(entity);
      if (group !== undefined) for (const member of group.members) targets.add(member);
    }
    return targets;
  }

  /** `select <paths> from <type> where <primary keys>`, one query per chunk of keys. */
  #queries(plan: Plan): QueryNode[] {
    const projections = [...new Set(plan.paths.flatMap((path) => this.#select(plan.type, path) ?? []))].map((path) => pathNode(splitPath(path)));
    const entities = [...plan.entities];
    const runtime = entities[0]![RUNTIME];
    const out: QueryNode[] = [];
    for (let i = 0; i < entities.length; i += this.#chunkSize) {
      const keys = entities.slice(i, i + this.#chunkSize).map((entity) => entity.$primaryKey());
      const where = primaryKeysCondition(runtime, keys);
      out.push(queryNode({ entityType: plan.type, projections, defaultProjections: false, where, orderBy: [], offset: undefined, limit: undefined }));
    }
    return out;
  }

  /** Projections of `path` on `type` (cached), or null when the path does not exist there. */
  #select(type: string, path: string): readonly string[] | null {
    const key = `${type}.${path}`;
    let projections = this.#projections.get(key);
    if (projections === undefined) {
      try {
        projections = selectPaths(this.schema, type, path);
      } catch {
        projections = null;
      }
      this.#projections.set(key, projections);
    }
    return projections;
  }
}

/** One plan per entity type and set of paths. */
function groupPlans(wanted: Map<BaseEntity, Set<string>>): Map<string, Plan> {
  const plans = new Map<string, Plan>();
  for (const [entity, set] of wanted) {
    const paths = [...set].sort();
    const key = `${entity.$type}\u0000${paths.join(',')}`;
    let plan = plans.get(key);
    if (plan === undefined) plans.set(key, (plan = { type: entity.$type, paths, entities: new Set() }));
    plan.entities.add(entity);
  }
  return plans;
}

/**
 * The entities a load reached along each path become result groups of their own; reached from
 * the entities of one bounded (`retain: 'none'`) page, they are released with that page.
 */
function groupReached(plan: Plan): void {
  const source = boundedSource(plan.entities);
  for (const path of plan.paths) {
    let current: BaseEntity[] = [...plan.entities];
    for (const segment of path.split('.')) {
      const next = new Set<BaseEntity>();
      for (const entity of current) {
        const attribute = entity[RUNTIME].byName.get(segment.trim());
        const value = attribute === undefined ? NOT_SET : slotValue(entity, attribute);
        if (isEntity(value)) next.add(value);
        else if (Array.isArray(value)) for (const item of value) if (isEntity(item)) next.add(item);
      }
      if (next.size === 0) break;
      new ResultGroup('all', source).add(next);
      current = [...next];
    }
  }
}

/** The first entity's group when every entity comes from a bounded (`retain: 'none'`) group, else undefined. */
function boundedSource(entities: Iterable<BaseEntity>): ResultGroup | undefined {
  let source: ResultGroup | undefined;
  for (const entity of entities) {
    const group = resultGroupOf(entity);
    if (group === undefined || group.retain !== 'none') return undefined;
    source ??= group;
  }
  return source;
}
