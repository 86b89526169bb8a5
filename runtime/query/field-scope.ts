import { QueryError, UnknownAttributeError } from '../errors.js';
import type { CustomAttributeMetadata } from '../contract/custom-attributes.js';
import type { Attribute, EntityTypeModel, SchemaModel } from '../schema/model.js';

/** What field objects are built from: the schema model, a cache of field sets and the generated custom attributes. */
export interface FieldScope {
  readonly model: SchemaModel;
  readonly cache: Map<string, object>;
  /** Generated custom attribute configurations: `custom_attributes.<key>` fields (absent: `entry(key)` only). */
  readonly customAttributes?: CustomAttributeMetadata | undefined;
}

/** The schema model of `name`, as a QueryError when the schema does not know it. */
export function typeOf(model: SchemaModel, name: string): EntityTypeModel {
  const type = model.types.get(name);
  if (type === undefined) throw new QueryError(`Unknown entity type "${name}": it is not in the schema.`, { cause: { entityType: name } });
  return type;
}

/** The attribute `name` of `type`; QueryError (caused by UnknownAttributeError) when absent. */
export function attributeOf(type: EntityTypeModel, name: string, prefix: readonly string[] = []): Attribute {
  const attribute = type.attributes.get(name);
  if (attribute !== undefined) return attribute;
  const at = prefix.length > 0 ? ` (at ${[...prefix, name].join('.')})` : '';
  throw new QueryError(`${type.name} has no attribute "${name}"${at}.`, { cause: new UnknownAttributeError(type.name, name) });
}
