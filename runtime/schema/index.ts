export type * from './model.js';
export { parseSchemas, compareNames } from './parse-schema.js';
export { rawEntitySchema, type RawEntitySchema, type RawProperty } from './raw-schema.js';
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
