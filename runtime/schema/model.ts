import type { KnownValueShape } from './known-shapes.js';
import type { RawEntitySchema } from './raw-schema.js';
import type { SchemaWarning } from './schema-warnings.js';

/** JSON scalar types a schema attribute may declare. */
export type ScalarType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'variable';

/** What every attribute kind shares. */
export interface AttributeBase {
  /** Public attribute name, e.g. `start_date`. */
  readonly name: string;
  /** The entity type that declares it. */
  readonly entityType: string;
  readonly description: string | undefined;
  /** Internal storage name (informational). */
  readonly aliasFor: string | undefined;
  /** Deprecation message when the schema marks it (or it starts with `_`). */
  readonly deprecated: string | undefined;
  readonly isPrimaryKey: boolean;
  readonly immutable: boolean;
  readonly computed: boolean;
  /** Listed in the schema's `required`: NOT NULL after server defaults. */
  readonly required: boolean;
  /** Filter-only attribute: may appear in `where` but not in `select`. */
  readonly restricted: boolean;
  /** Whether the schema gives a `default`. */
  readonly hasDefault: boolean;
  /** The schema default; `"{uid}"` means "generate a UUID". */
  readonly default: unknown;
}

/** A plain value attribute. */
export interface ScalarAttribute extends AttributeBase {
  readonly kind: 'scalar';
  readonly type: ScalarType;
  /** `date-time`, `foreign_key`, `json`, `integer`, … */
  readonly format: string | undefined;
  /** `type: string` with `format: date-time`. */
  readonly isDateTime: boolean;
  readonly enum: readonly string[] | undefined;
  /** `transform` hint, e.g. `{client: "{schema_id}", server: "{table_name}"}`. */
  readonly transform: Readonly<Record<string, string>> | undefined;
  /** The entity type a foreign key points at when the schema gives it as `$ref` beside `type`. */
  readonly references?: string | undefined;
  /** The real wire shape when the declaration is known to be wrong (`link`: an array of `{id, name, type}`). */
  readonly valueShape?: KnownValueShape | undefined;
}

/** A `$ref` attribute: one related entity or null. */
export interface ReferenceAttribute extends AttributeBase {
  readonly kind: 'reference';
  readonly target: string;
}

/** An `array` attribute: a collection of related entities. */
export interface CollectionAttribute extends AttributeBase {
  readonly kind: 'collection';
  readonly target: string;
}

/** A `mapped_array` attribute (`metadata`, `custom_attributes`): items keyed by an attribute. */
export interface MappedAttribute extends AttributeBase {
  readonly kind: 'mapped';
  readonly target: string;
  /** Item attribute holding the key; undefined for restricted (filter-only) mapped arrays. */
  readonly keyAttribute: string | undefined;
  /** Item attribute holding the value. */
  readonly valueAttribute: string | undefined;
}

export type Attribute = ScalarAttribute | ReferenceAttribute | CollectionAttribute | MappedAttribute;
export type RelationAttribute = ReferenceAttribute | CollectionAttribute | MappedAttribute;

/** A discriminator that identifies a subtype inside its base's storage. */
export interface Classifier {
  /** Public attribute that holds the discriminator, e.g. `object_type_id`. */
  readonly attribute: string;
  /** Internal name given by the schema, e.g. `object_typeid`. */
  readonly internalName: string;
  readonly value: string;
}

/** One entity type of the workspace. */
export interface EntityTypeModel {
  readonly name: string;
  /** Internal storage name: for classifier subtypes the storage of the base (`Task`). */
  readonly storage: string | undefined;
  /** Classifiers that select this subtype's rows (empty when none). */
  readonly classifiers: readonly Classifier[];
  /** The `$mixin` base type, if any. */
  readonly base: string | undefined;
  /** Types whose `$mixin` is this one. */
  readonly subtypes: readonly string[];
  /** This type and every type below it in `$mixin` order (sorted). */
  readonly family: readonly string[];
  readonly primaryKey: readonly string[];
  /** Attributes sorted by name. */
  readonly attributes: ReadonlyMap<string, Attribute>;
  readonly defaultProjections: readonly string[];
  /** Public names of the system projections (internal names without a property are dropped). */
  readonly systemProjections: readonly string[];
  readonly groupBy: boolean;
  readonly deprecated: string | undefined;
  /** The schema entry as received, after the tolerance rules (see `RawEntitySchema`). */
  readonly raw: RawEntitySchema;
}

/** The parsed `query_schemas` answer. */
export interface SchemaModel {
  /** Entity types by name, sorted by name. */
  readonly types: ReadonlyMap<string, EntityTypeModel>;
  /** The schema entries in the server's order, after the tolerance rules (duplicates dropped). */
  readonly raw: readonly RawEntitySchema[];
  /** What the reader read best-effort (unknown shapes, dangling names); empty for a clean schema. */
  readonly warnings: readonly SchemaWarning[];
}
