// Workspace values as literal types (issue 12): the names a workspace had when its client was
// generated type query comparisons. Reads stay plain strings, since a value may be renamed or
// added on the server after generation.

declare const rawName: unique symbol;

/** A name given through `raw('…')`: any text, accepted where known value names are expected. */
export type RawName = string & { readonly [rawName]: true };

/**
 * The phantom a generated entity interface of a workspace value type declares: attribute → the
 * names the workspace had (type-level only, never set at run time).
 * @example
 * export interface Status extends Entity<'Status'> {
 *   readonly $valueNames?: { name: StatusName };  // StatusName = 'Not started' | 'In progress' | …
 *   name: string | null;
 * }
 */
export interface ValueNameFacts<M> {
  readonly $valueNames?: M;
}

type NamesOf<E> = NonNullable<E['$valueNames' & keyof E]>;

/**
 * The value type query fields use for attribute `K` of `E`: the known names plus `raw(…)` when `E`
 * declares names for `K` in `$valueNames`, else the attribute's own type.
 */
export type QueryValueOf<E, K extends keyof E> = '$valueNames' extends keyof E
  ? K extends keyof NamesOf<E>
    ? NamesOf<E>[K] | RawName
    : E[K]
  : E[K];
