import type { Dayjs } from 'dayjs';
import type { CustomAttributeKey, CustomAttributeMap } from '../contract/custom-attributes.js';
import type { AttributeName, KeyValueMap, collectionItem } from '../contract/entity-attributes.js';
import type { QueryValueOf } from '../contract/value-names.js';
import type { Condition } from './condition.js';
import type {
  BooleanField,
  DateTimeField,
  EntityKeyInput,
  FieldBase,
  JsonField,
  NullChecks,
  NumberField,
  StringField,
  VariableField,
  VariableQueryValue,
} from './field-types.js';

// Type-level mapping from generated entity interfaces to query fields. Everything is a mapped or
// conditional type over one interface at a time, resolved lazily when a property is used, so a
// large cyclic schema costs only what a query touches.

/**
 * The query fields of entity interface `E`, their paths prefixed by `P`.
 * @example (p: Fields<Project>) => p.status.eq('active') // status is "active"
 */
export type Fields<E, P extends string = ''> = FieldsOf<E, AttributeName<E>, P>;

// `K extends keyof E` makes the mapping keep the link to `E`'s properties (as `Pick` does), so a
// field shows the attribute's JSDoc on hover inside `where((t) => t.…)`.
type FieldsOf<E, K extends keyof E, P extends string> = {
  readonly [A in K]: FieldOf<QueryValueOf<E, A>, `${P}${A & string}`>;
};

/** A reference field: the operators of the reference plus the related entity's fields. */
export type ReferenceField<T, P extends string> = ReferenceOps<T, P> & Fields<T, `${P}.`>;

/** A collection field: `any`/`none`/`every` plus the member's fields (existential comparisons). */
export type CollectionField<T, P extends string> = CollectionOps<T, P> & Fields<T, `${P}.`>;

/** The fields of one mapped-array item: its key and its value. */
export interface MappedItemFields<V> {
  readonly key: StringField<'key'>;
  readonly value: FieldOf<V, 'value'>;
}

/** A mapped array (`metadata`, `custom_attributes`): key/value conditions. */
export interface MappedField<V, P extends string> extends FieldBase<P> {
  /** Existential on keys. @example p.metadata.key.eq('fps') // metadata.key is "fps" */
  readonly key: StringField<`${P}.key`>;
  /** Existential on values. @example p.metadata.value.eq('24') // metadata.value is "24" */
  readonly value: FieldOf<V, `${P}.value`>;
  /** The value stored under `key`. @example p.metadata.entry('fps').eq('24') // metadata any (key is "fps" and value is "24") */
  entry(key: string): FieldOf<V, `${P}.value`>;
  /** @example p.metadata.any((m) => m.key.eq('fps')) // metadata any (key is "fps") */
  any(where?: (item: MappedItemFields<V>) => Condition): Condition;
  /** @example p.metadata.none() // not metadata any () */
  none(where?: (item: MappedItemFields<V>) => Condition): Condition;
  /** @example p.metadata.every((m) => m.key.ne('tmp')) // not metadata any (not (key is_not "tmp")) */
  every(where: (item: MappedItemFields<V>) => Condition): Condition;
}

/**
 * `custom_attributes` of a generated client: the mapped-array operators plus one field per configured
 * key, with the operators of its value type (a multi-select enumerator: those of one option, matched per option).
 * @example s.custom_attributes.fps.gte(24) // custom_attributes any (key is "fps" and value >= 24)
 */
export type CustomAttributeField<T, P extends string> = MappedField<VariableQueryValue, P> & {
  // a key named like a mapped-array member (`key`, `any`…) is reached with `entry(key)`
  readonly [K in Exclude<CustomAttributeKey<T>, keyof MappedField<VariableQueryValue, P>>]: CustomAttributeValueField<Exclude<T[K], null | undefined>, `${P}.value`>;
};

type CustomAttributeValueField<V, P extends string> = [V] extends [readonly (infer O)[]] ? FieldOf<O, P> : FieldOf<V, P>;

type Primitive = string | number | boolean;

/** The field type of an attribute whose value type is `V`, at path `P`. */
export type FieldOf<V, P extends string> = FieldOfNonNull<NonNullable<V>, P>;

// Cheapest checks first: primitives fail fast against object types, entities are told apart by
// `$type` before the structural Collection / KeyValueMap / Dayjs checks.
type FieldOfNonNull<N, P extends string> = [N] extends [never]
  ? JsonField<P>
  : [N] extends [string]
    ? StringField<P, N>
    : [N] extends [number]
      ? NumberField<P>
      : [N] extends [boolean]
        ? BooleanField<P>
        : [N] extends [{ readonly $type: string }]
          ? ReferenceField<N, P>
          : [N] extends [Dayjs]
            ? DateTimeField<P>
            : [N] extends [{ readonly [collectionItem]?: infer T }]
              ? CollectionField<T, P>
              : [N] extends [CustomAttributeMap<infer T>]
                ? CustomAttributeField<T, P>
              : [N] extends [KeyValueMap<infer V>]
                ? MappedField<V, P>
                : [N] extends [Primitive | Dayjs | Date | readonly string[]]
                  ? VariableKind<N, P>
                  : JsonField<P>;

// A `variable` value (scalars, plus string lists for enumerators): compared as a scalar, since list
// values are not comparable in queries; a list-only type has no scalar member and stays a JsonField.
type VariableKind<N, P extends string> = [Exclude<N, readonly string[]>] extends [never] ? JsonField<P> : VariableField<P>;

/** Operators of a reference (`$ref`) attribute; the related entity's fields sit beside them. */
export interface ReferenceOps<T, P extends string> extends FieldBase<P>, NullChecks {
  /** @example t.status.has((s) => s.name.eq('Done')) // status has (name is "Done") */
  has(where: (fields: Fields<T>) => Condition): Condition;
  /** Compares by primary key. @example t.status.eq(done) // status.id is "…" */
  eq(entity: EntityKeyInput<T>): Condition;
  /** @example t.status.ne(done) // not (status.id is "…") */
  ne(entity: EntityKeyInput<T>): Condition;
}

/** Operators of a collection (`array`) attribute; member fields sit beside them (existential). */
export interface CollectionOps<T, P extends string> extends FieldBase<P> {
  /** Some member matches; no callback: non-empty. @example t.timelogs.any() // timelogs any () */
  any(where?: (fields: Fields<T>) => Condition): Condition;
  /** No member matches; no callback: empty. @example t.timelogs.none() // not timelogs any () */
  none(where?: (fields: Fields<T>) => Condition): Condition;
  /** Every member matches. @example t.timelogs.every((l) => l.duration.gt(0)) // not timelogs any (not (duration > 0)) */
  every(where: (fields: Fields<T>) => Condition): Condition;
}
