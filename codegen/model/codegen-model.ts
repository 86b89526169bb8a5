import type { EntityTypeModel, SchemaModel } from '../../runtime/schema/model.js';
import { concreteTypes, storageRoot } from '../../runtime/schema/schema-lookup.js';
import type { WorkspaceMetadata } from '../workspace/workspace-metadata.js';
import { allocateTypeNames, type TypeNames } from './names.js';

/** What the generator knows about one entity type beyond the schema model. */
export interface CodegenType {
  readonly entity: EntityTypeModel;
  readonly names: TypeNames;
  /** Values `$type` can take for an object of this type: the type and every `$mixin` descendant. */
  readonly typeNames: readonly string[];
  /** Result types of `from <type>`: its concrete (leaf) family members. */
  readonly queryResults: readonly string[];
  /** The type a relation targeting this type is written with (its storage root, see `storageRoot`). */
  readonly relationTarget: string;
}

/** The generator's input: the schema model plus names and per-type facts, in name order. */
export interface CodegenModel {
  readonly schema: SchemaModel;
  readonly schemaHash: string;
  readonly generatorVersion: string;
  readonly types: ReadonlyMap<string, CodegenType>;
  /** What was read of the workspace besides the schema; undefined: generated from the schema alone. */
  readonly workspace: WorkspaceMetadata | undefined;
}

export interface CodegenModelOptions {
  readonly schemaHash: string;
  readonly generatorVersion: string;
  readonly workspace?: WorkspaceMetadata | undefined;
}

/** Builds the generator model: pure, deterministic for a given schema. */
export function buildCodegenModel(schema: SchemaModel, options: CodegenModelOptions): CodegenModel {
  const names = allocateTypeNames([...schema.types.keys()]);
  const types = new Map<string, CodegenType>();
  for (const entity of schema.types.values()) {
    types.set(entity.name, {
      entity,
      names: names.get(entity.name)!,
      typeNames: entity.family,
      queryResults: concreteTypes(schema, entity.name),
      relationTarget: storageRoot(schema, entity).name,
    });
  }
  return { schema, schemaHash: options.schemaHash, generatorVersion: options.generatorVersion, types, workspace: options.workspace };
}

/** The generator facts of `name` (the schema model guarantees every target exists). */
export function typeOf(model: CodegenModel, name: string): CodegenType {
  const type = model.types.get(name);
  if (type === undefined) throw new Error(`internal: no entity type "${name}" in the generator model`);
  return type;
}
