import { QueryError } from '../errors.js';
import { parseSchemas } from '../schema/parse-schema.js';
import type { SchemaModel } from '../schema/model.js';
import type { AnyEntity, SchemaMetadata } from '../contract/entity-types.js';
import { typeOf, type FieldScope } from './field-scope.js';
import { defaultProjectionPaths } from './default-projections.js';
import { queryNode } from './node-factory.js';
import { identifier } from './quote.js';
import { QueryBuilder } from './query-builder.js';

/**
 * `q`: one query builder per entity type, with the type's default projections. `M` maps type
 * names to entity interfaces, `R` maps them to the result interfaces of `from <name>` (the union of
 * concrete subtypes for abstract types).
 */
export type QueryRoot<M extends object, R extends { [K in keyof M]: unknown } = M> = {
  readonly [N in keyof M & string]: QueryBuilder<M[N], R[N]>;
};

/**
 * Creates `q` from schema metadata (parsed once, on first use) or an already parsed schema model.
 * An unknown entity type throws QueryError.
 *
 * @example
 * const q = createQueryRoot<EntityTypeMap, QueryResultMap>(schemaMetadata);
 * q.Project.where((p) => p.status.eq('active')).toString();
 * // select context_type, id, name from Project where status is "active"
 */
export function createQueryRoot<M extends object = Record<string, AnyEntity>, R extends { [K in keyof M]: unknown } = M>(
  source: SchemaMetadata | SchemaModel,
): QueryRoot<M, R> {
  let scope: FieldScope | undefined;
  const roots = new Map<string, QueryBuilder<unknown>>();
  const customAttributes = 'schemas' in source ? (source as SchemaMetadata).customAttributes : undefined;
  const getScope = (): FieldScope => (scope ??= { model: toModel(source), cache: new Map(), customAttributes });
  const builderFor = (name: string): QueryBuilder<unknown> => {
    let root = roots.get(name);
    if (root === undefined) {
      const current = getScope();
      const type = typeOf(current.model, name);
      const node = queryNode({
        entityType: identifier(type.name, 'Entity type'),
        projections: defaultProjectionPaths(type),
        defaultProjections: true,
        where: undefined,
        orderBy: [],
        offset: undefined,
        limit: undefined,
      });
      root = new QueryBuilder(current, node);
      roots.set(name, root);
    }
    return root;
  };
  const known = (property: string | symbol): property is string =>
    typeof property === 'string' && getScope().model.types.has(property);
  // The target stays empty and extensible; every member is computed (Proxy invariants allow it).
  return new Proxy({} as QueryRoot<M, R>, {
    get: (_target, property) => (typeof property === 'symbol' || property === 'then' ? undefined : builderFor(property)),
    has: (_target, property) => known(property),
    ownKeys: () => [...getScope().model.types.keys()],
    getOwnPropertyDescriptor: (_target, property) =>
      known(property) ? { configurable: true, enumerable: true, writable: false, value: builderFor(property) } : undefined,
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  });
}

function toModel(source: SchemaMetadata | SchemaModel): SchemaModel {
  if ('types' in source && source.types instanceof Map) return source as SchemaModel;
  const schemas = (source as SchemaMetadata).schemas;
  if (!Array.isArray(schemas)) throw new QueryError('createQueryRoot() needs schema metadata with a `schemas` array or a parsed schema model.');
  return parseSchemas(schemas);
}
