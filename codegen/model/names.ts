import { NameAllocator } from '../naming/name-allocator.js';
import { typeIdentifier } from '../naming/identifiers.js';

/** Names of the helper types the generated files declare or import. */
export const HELPER_TYPES = {
  json: 'JsonValue',
  variable: 'VariableValue',
  dateTimeInput: 'DateTimeInput',
  linkEntry: 'LinkEntry',
  entityMap: 'EntityTypeMap',
  createMap: 'CreateTypeMap',
  updateMap: 'UpdateTypeMap',
  resultMap: 'QueryResultTypeMap',
  typeName: 'EntityTypeName',
  workspace: 'Workspace',
} as const;

/** Names imported from the runtime package (`Dayjs` included) and the TypeScript globals the output uses. */
const IMPORTED_AND_GLOBAL = [
  'Entity', 'Collection', 'KeyValueMap', 'CustomAttributeMap', 'CustomAttributeMetadata', 'SchemaMetadata', 'Session', 'SessionOptions', 'Dayjs',
  'Date', 'Omit', 'Readonly', 'Record', 'Array', 'ReadonlyArray', 'Promise', 'Partial', 'Pick',
  'Exclude', 'Extract', 'Iterable', 'Map', 'Set', 'Error', 'String', 'Number', 'Boolean', 'Symbol',
  'Function', 'Object', 'JSON',
];

/** The identifiers an entity type is written with. */
export interface TypeNames {
  /** Read shape, e.g. `Shot`. */
  readonly read: string;
  /** Create input, e.g. `ShotCreate`. */
  readonly create: string;
  /** Update input, e.g. `ShotUpdate`. */
  readonly update: string;
  /** What a reference input accepts (`$type` + primary key), e.g. `ShotRef`. */
  readonly ref: string;
}

/**
 * Identifiers for every entity type, unique across the whole output: helper and imported names
 * are reserved first, then read shapes, then create, update and ref shapes, all in name order.
 */
export function allocateTypeNames(typeNames: readonly string[]): ReadonlyMap<string, TypeNames> {
  const allocator = new NameAllocator([...Object.values(HELPER_TYPES), ...IMPORTED_AND_GLOBAL]);
  const read = new Map(typeNames.map((name) => [name, allocator.allocate(typeIdentifier(name))]));
  const derived = (suffix: string) => new Map(typeNames.map((name) => [name, allocator.allocate(typeIdentifier(name, suffix))]));
  const create = derived('Create');
  const update = derived('Update');
  const ref = derived('Ref');
  return new Map(
    typeNames.map((name) => [name, { read: read.get(name)!, create: create.get(name)!, update: update.get(name)!, ref: ref.get(name)! }]),
  );
}
