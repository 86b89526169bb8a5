import type { Attribute, ScalarAttribute } from '../../runtime/schema/model.js';
import { quoteString } from '../naming/identifiers.js';
import { typeOf, type CodegenModel } from './codegen-model.js';
import { customAttributeMapType } from './custom-attributes.js';
import { HELPER_TYPES } from './names.js';
import { literalUnion, namedType, nonNull, nullable, renderType, usedNames, type TypeExpr } from './type-expr.js';

/**
 * Whether a scalar value may be null: everything except required and primary-key attributes and
 * known computed shapes (`link` is always an array).
 */
export function isNullable(attribute: Attribute): boolean {
  if (attribute.kind === 'collection' || attribute.kind === 'mapped') return false;
  if (attribute.kind === 'reference') return true;
  if (attribute.valueShape !== undefined) return false;
  return !attribute.required && !attribute.isPrimaryKey;
}

/**
 * The read type of an attribute: `string`, `number`, `boolean`, `Dayjs` (date-time), `JsonValue`
 * (object, and shapes the schema reader could not type), `VariableValue` (variable),
 * `readonly LinkEntry[]` (`link`, whatever its declaration), the related interface (`$ref`, widened to the storage
 * root), `Collection<Item, ItemRef>` (array: also accepts reference inputs) or `KeyValueMap<Value>`
 * (mapped_array); `| null` when nullable.
 */
export function readType(model: CodegenModel, attribute: Attribute): TypeExpr {
  const base = readBase(model, attribute);
  return isNullable(attribute) ? nullable(base) : base;
}

function readBase(model: CodegenModel, attribute: Attribute): TypeExpr {
  switch (attribute.kind) {
    case 'scalar':
      return scalarType(attribute, 'Dayjs');
    case 'reference': {
      const target = relationTarget(model, attribute.target);
      return { members: [{ text: typeOf(model, target).names.read, entity: target }] };
    }
    case 'collection': {
      const target = relationTarget(model, attribute.target);
      const { read, ref } = typeOf(model, target).names;
      return { members: [{ text: `Collection<${read}, ${ref}>`, entity: target, wrapper: 'Collection', uses: ['Collection'], refs: [ref] }] };
    }
    case 'mapped': {
      const typed = customAttributeMapType(model, attribute);
      if (typed !== undefined) return typed;
      const value = mappedValueType(model, attribute.target, attribute.valueAttribute);
      return namedType(`KeyValueMap<${renderType(value)}>`, ['KeyValueMap', ...usedNames(value)]);
    }
  }
}

/**
 * The input type of an attribute in create and update shapes: like the read type, except that
 * date-times accept `DateTimeInput` (Dayjs | Date | ISO string), references accept any object with
 * the target's `$type` and primary key (`…Ref`), and collections accept arrays of those.
 * Mapped arrays have no input type (undefined): they change through `entity.metadata.set()`.
 */
export function inputType(model: CodegenModel, attribute: Attribute): TypeExpr | undefined {
  let base: TypeExpr;
  switch (attribute.kind) {
    case 'scalar':
      base = scalarType(attribute, HELPER_TYPES.dateTimeInput);
      break;
    case 'reference': {
      const ref = typeOf(model, relationTarget(model, attribute.target)).names.ref;
      base = { members: [{ text: ref, refs: [ref] }] };
      break;
    }
    case 'collection': {
      const ref = typeOf(model, relationTarget(model, attribute.target)).names.ref;
      base = { members: [{ text: `readonly ${ref}[]`, refs: [ref] }] };
      break;
    }
    case 'mapped':
      return undefined;
  }
  return isNullable(attribute) ? nullable(base) : base;
}

function scalarType(attribute: ScalarAttribute, dateTime: string): TypeExpr {
  if (attribute.valueShape === 'link') return namedType(`readonly ${HELPER_TYPES.linkEntry}[]`, [HELPER_TYPES.linkEntry]);
  if (attribute.enum !== undefined && attribute.enum.length > 0) return literalUnion(attribute.enum, quoteString);
  if (attribute.isDateTime) return namedType(dateTime, [dateTime]);
  switch (attribute.type) {
    case 'string':
      return namedType('string');
    case 'number':
    case 'integer':
      return namedType('number');
    case 'boolean':
      return namedType('boolean');
    case 'object':
      return namedType(HELPER_TYPES.json, [HELPER_TYPES.json]);
    case 'variable':
      return namedType(HELPER_TYPES.variable, [HELPER_TYPES.variable]);
  }
}

/** The value type of a mapped array: the read type (without null) of the item's value attribute. */
function mappedValueType(model: CodegenModel, itemType: string, valueAttribute: string | undefined): TypeExpr {
  const attribute = valueAttribute === undefined ? undefined : typeOf(model, itemType).entity.attributes.get(valueAttribute);
  if (attribute === undefined || attribute.kind === 'mapped') return namedType('unknown');
  return nonNull(readBase(model, attribute));
}

/** The type a relation to `target` is written with. */
export function relationTarget(model: CodegenModel, target: string): string {
  return typeOf(model, target).relationTarget;
}
