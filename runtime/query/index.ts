export { createQueryRoot, type QueryRoot } from './query-root.js';
export { QueryBuilder, type RowOf, type Selection } from './query-builder.js';
export { Condition, and, or, not } from './condition.js';
export { compileQuery, compileCondition } from './compile-query.js';
export { parseQuery } from './parse-query.js';
export { raw } from './raw-name.js';
export type { RawName, ValueNameFacts } from '../contract/value-names.js';
export { quoteValue, pathSegment } from './quote.js';
export type * from './nodes.js';
export type * from './field-types.js';
export type {
  Fields,
  FieldOf,
  ReferenceField,
  CollectionField,
  MappedField,
  MappedItemFields,
  ReferenceOps,
  CollectionOps,
} from './fields-type.js';
export type { QueryFacts, PrimaryKeyOf, DefaultProjectionsOf } from '../contract/entity-facts.js';
export type { Row, RowBase, Rows, CheckPath, CheckPaths, RelationTarget } from '../contract/result-types.js';
