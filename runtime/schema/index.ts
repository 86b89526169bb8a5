export type * from './model.js';
export { parseSchemas, compareNames, type ParseSchemaOptions } from './parse-schema.js';
export type { RawEntitySchema, RawProperty, RawStorageAlias } from './raw-schema.js';
export type { SchemaWarning, SchemaWarningCode, SchemaWarningHandler } from './schema-warnings.js';
export type { KnownValueShape } from './known-shapes.js';
export {
  getEntityType,
  getAttribute,
  storageName,
  storageRoot,
  possibleTypes,
  isConcrete,
  concreteTypes,
  selectableAttributes,
} from './schema-lookup.js';
export { computeSchemaHash, pythonJson } from './schema-hash.js';
