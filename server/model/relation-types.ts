/** How a `$ref` attribute joins: owner columns equal target columns. */
export interface ReferenceLink {
  readonly kind: 'reference';
  readonly owner: string;
  readonly name: string;
  readonly target: string;
  /** Columns on the owner row (a schema foreign key, or one synthetic `@name` column). */
  readonly columns: readonly string[];
  /** Key columns on the target row. */
  readonly targetColumns: readonly string[];
  /** True when the schema has no foreign key for it and the server keeps a hidden column. */
  readonly synthetic: boolean;
}

/** How a collection or mapped array joins: item columns equal owner columns. */
export interface CollectionLink {
  readonly kind: 'collection';
  readonly owner: string;
  readonly name: string;
  /** The items' type. */
  readonly target: string;
  readonly itemColumns: readonly string[];
  readonly ownerColumns: readonly string[];
  /** Polymorphic back-link: the item column holding the owner's schema id (`parent_type`). */
  readonly typeColumn: string | undefined;
  /** Set for `custom_attributes`-like mapped arrays whose items come from configurations. */
  readonly configured: ConfiguredLink | undefined;
}

/** Dense mapped array: one item per applicable configuration row. */
export interface ConfiguredLink {
  /** Item column holding the configuration's key (`configuration_id`). */
  readonly configColumn: string;
  readonly configType: string;
  /** Configuration key column (usually `id`). */
  readonly configKey: string;
  /** Item attribute holding the mapping key (copied from the configuration), e.g. `key`. */
  readonly keyAttribute: string;
  /** Item attribute holding the value, e.g. `value`. */
  readonly valueAttribute: string;
}

/** A relation the server could not infer from metadata: reads as null / empty, cannot be assigned. */
export interface UnresolvedLink {
  readonly kind: 'unresolved';
  readonly owner: string;
  readonly name: string;
  readonly target: string;
  readonly reason: string;
}

/**
 * A many-to-many collection through rows of a link type `via` (`WorkflowSchema.statuses` through
 * `WorkflowSchemaStatus`): link rows whose `viaOwnerColumns` equal the owner's `ownerColumns` name
 * targets whose `targetColumns` equal the link row's `viaTargetColumns`.
 */
export interface ThroughLink {
  readonly kind: 'through';
  readonly owner: string;
  readonly name: string;
  readonly target: string;
  readonly via: string;
  readonly viaOwnerColumns: readonly string[];
  readonly ownerColumns: readonly string[];
  readonly viaTargetColumns: readonly string[];
  readonly targetColumns: readonly string[];
}

/**
 * A many-to-many collection the schema gives no link type for (`Context.scopes`): the server keeps
 * the members' primary keys in a hidden owner column `@name` (saved with `--data`).
 */
export interface HiddenLink {
  readonly kind: 'hidden';
  readonly owner: string;
  readonly name: string;
  readonly target: string;
  readonly column: string;
}

/** A relation computed by a rule of `server/rules/computed-attributes.ts` (`ancestors`, `latest_version`). */
export interface ComputedLink {
  readonly kind: 'computed';
  readonly owner: string;
  readonly name: string;
  readonly target: string;
  /** The rule's attribute name in the rules table. */
  readonly rule: string;
}

export type Link = ReferenceLink | CollectionLink | ThroughLink | HiddenLink | ComputedLink | UnresolvedLink;

/** A foreign key pointing at rows of `target`'s family, used for cascades on delete. */
export interface IncomingKey {
  /** Type declaring the column (a schema type; its concrete family members hold the rows). */
  readonly source: string;
  readonly columns: readonly string[];
  readonly targetColumns: readonly string[];
  readonly typeColumn: string | undefined;
  /** The source row cannot exist without it (required or part of the primary key). */
  readonly required: boolean;
  readonly inPrimaryKey: boolean;
  /** The column is one of the source type's system projections (an ownership link such as `context_id`). */
  readonly systemProjection: boolean;
  /** Some collection of the target declares this key as its back-link (ownership). */
  readonly owned: boolean;
  /** A mapped array (metadata, custom attribute values or links) of the target holds these rows. */
  readonly mapped: boolean;
}
