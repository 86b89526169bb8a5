/**
 * One property of a `query_schemas` entry after the tolerance rules (fields of the wrong JSON
 * type dropped, unknown fields kept as received).
 */
export interface RawProperty {
  readonly type?: string;
  readonly $ref?: string;
  readonly items?: { readonly $ref?: string; readonly [key: string]: unknown };
  readonly format?: string;
  readonly alias_for?: string;
  readonly description?: string;
  readonly default?: unknown;
  readonly restricted_projection?: boolean;
  readonly key_value_attributes?: { readonly key: string; readonly value: string };
  readonly transform?: Readonly<Record<string, string>>;
  readonly enum?: readonly string[];
  readonly deprecated?: unknown;
  readonly [key: string]: unknown;
}

/** A subtype's storage: the base storage and the discriminator values of its rows. */
export interface RawStorageAlias {
  readonly id: string;
  readonly classifiers: Readonly<Record<string, string>>;
  readonly [key: string]: unknown;
}

/**
 * One entity type of a `query_schemas` answer after the tolerance rules: `properties` is always
 * an object, lists hold strings only, `primary_key` is non-empty and names properties.
 */
export interface RawEntitySchema {
  readonly id: string;
  readonly type?: unknown;
  readonly properties: Readonly<Record<string, RawProperty>>;
  readonly primary_key: readonly string[];
  readonly required?: readonly string[];
  readonly immutable?: readonly string[];
  readonly computed?: readonly string[];
  readonly default_projections?: readonly string[];
  readonly system_projections?: readonly string[];
  readonly alias_for?: string | RawStorageAlias;
  readonly $mixin?: { readonly $ref: string; readonly [key: string]: unknown };
  readonly metadata?: { readonly group_by?: boolean; readonly [key: string]: unknown };
  readonly deprecated?: unknown;
  readonly [key: string]: unknown;
}
