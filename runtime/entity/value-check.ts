import type { SchemaModel } from '../schema/model.js';
import { possibleTypes } from '../schema/schema-lookup.js';
import { dayjs } from '../protocol/datetime.js';
import { entityLabel, isEntity } from './base-entity.js';
import type { AttributeRuntime } from './type-runtime.js';

/**
 * Why `value` cannot be sent for `attribute` (schema type, enum, relation target), or undefined
 * when it fits. `null` is refused only for required attributes.
 *
 * @example valueProblem(schema, bid, 'ten') // 'expects a number, got the string "ten"'
 */
export function valueProblem(schema: SchemaModel, attribute: AttributeRuntime, value: unknown): string | undefined {
  const model = attribute.model;
  if (value === null) return model.required && !model.isPrimaryKey ? 'is required and cannot be null' : undefined;
  switch (model.kind) {
    case 'scalar': {
      if (attribute.isDateTime) return dayjs.isDayjs(value) && value.isValid() ? undefined : `expects a date, got ${describe(value)}`;
      const problem = scalarProblem(model.type, value);
      if (problem !== undefined) return problem;
      if (model.enum !== undefined && !model.enum.includes(value as string)) return `expects one of ${model.enum.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(value)}`;
      return undefined;
    }
    case 'reference':
      return memberProblem(schema, model.target, value);
    default: {
      if (!Array.isArray(value)) return `expects a list of ${model.target} entities, got ${describe(value)}`;
      for (const item of value) {
        const problem = memberProblem(schema, model.target, item);
        if (problem !== undefined) return problem;
      }
      return undefined;
    }
  }
}

function scalarProblem(type: string, value: unknown): string | undefined {
  switch (type) {
    case 'string':
      return typeof value === 'string' ? undefined : `expects a string, got ${describe(value)}`;
    case 'integer':
      return Number.isInteger(value) ? undefined : `expects an integer, got ${describe(value)}`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : `expects a number, got ${describe(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `expects a boolean, got ${describe(value)}`;
    case 'variable':
      return isVariableValue(value) ? undefined : `expects a string, number, boolean, date or list of strings, got ${describe(value)}`;
    default:
      // `object` (and shapes the schema reader could not type): any JSON value, as the generated `JsonValue`
      return ['string', 'number', 'boolean', 'object'].includes(typeof value) && !(typeof value === 'number' && !Number.isFinite(value))
        ? undefined
        : `expects a JSON value, got ${describe(value)}`;
  }
}

// Lists of strings are enumerator custom attribute values.
function isVariableValue(value: unknown): boolean {
  if (['string', 'number', 'boolean'].includes(typeof value) || dayjs.isDayjs(value)) return true;
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function memberProblem(schema: SchemaModel, target: string, value: unknown): string | undefined {
  if (!isEntity(value)) return `expects a ${target} entity, got ${describe(value)}`;
  if (!schema.types.has(target) || possibleTypes(schema, target, true).includes(value.$type)) return undefined;
  return `expects a ${target}, got ${entityLabel(value)}`;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `the ${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return 'a list';
  return value === undefined ? 'undefined' : `a ${typeof value}`;
}
