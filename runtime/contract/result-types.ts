import type { Dayjs } from 'dayjs';
import type { AttributeName, Collection, RelationOf } from './entity-attributes.js';
import type { PrimaryKeyOf } from './entity-facts.js';

// Result types that follow the selection, and compile-time checking of path strings.

// Both test for a dot first: a plain name (most paths) is settled without instantiating an `infer` pattern.

/** First segment of each dotted path: `'status.name' | 'id'` → `'status' | 'id'`. */
type Heads<S extends string> = S extends `${string}.${string}` ? (S extends `${infer H}.${string}` ? H : never) : S;

/** Rest of the paths that start with `H.`: `Tail<'status.name' | 'id', 'status'>` → `'name'`. */
type Tail<S extends string, H extends string> = S extends `${string}.${string}` ? (S extends `${H}.${infer R}` ? R : never) : never;

/**
 * The members of `Entity` (type, state, methods): always present on a row. A fixed list, so a row
 * never walks every key of its entity, and type-level phantoms (`$primaryKeyNames`…) stay off rows.
 * `$url` / `$locations` are the members of component entities (`ComponentMembers`), kept where `E` has them.
 */
type EntityMemberKeys = '$type' | '$state' | '$keys' | '$primaryKey' | '$isLoaded' | '$get' | '$set' | '$load' | '$url' | '$locations';

/** What every row of `E` has, whatever the selection: the `Entity` members (cached per `E`). */
export type RowBase<E> = Pick<E, EntityMemberKeys & keyof E>;

/**
 * One result row of entity interface `E` for the selected paths `S`: `Entity` members, primary key
 * and the selected attributes (modifiers kept); a path through a relation loads a nested row. Other
 * attributes are absent. Only the selected keys are mapped (a `Pick`-like mapped type).
 */
export type Row<E, S extends string> = RowBase<E> & LoadedAttributes<E, (Heads<S> | PrimaryKeyOf<E>) & keyof E, S>;

// `K extends keyof E` keeps the modifiers and the JSDoc of `E`'s properties (as `Pick` does).
type LoadedAttributes<E, K extends keyof E, S extends string> = { [A in K]: LoadedValue<E[A], S, A> };

/** A union of rows, one per (concrete) type in `T`: discriminable by `$type`. */
export type Rows<T, S extends string> = T extends unknown ? Row<T, S> : never;

// Date-times count as scalars: nothing below them to load, and no structural tests against them.
type Scalar = string | number | boolean | null | undefined | Dayjs;

// Scalars (most selected attributes) are settled by one check; only relations compute the paths
// below them. Distributive (`null` and scalars stay as they are, each relation gives a row): a plain
// check instantiates no one-element tuple, which is cheaper per row property.
type LoadedValue<V, S extends string, A> = V extends Scalar ? V : LoadedRelation<V, Tail<S, A & string>>;

// References first: a `$type` test is cheaper than inferring a `Collection`'s item types.
type LoadedRelation<V, S extends string> = V extends { readonly $type: string }
  ? Row<V, S>
  : V extends Collection<infer T, infer I>
    ? Collection<Row<T, S>, I>
    : V;

/** The entity interface a relation attribute leads to (never for scalars and mapped arrays). */
export type RelationTarget<V> = Exclude<V, null | undefined> extends infer N
  ? [N] extends [Collection<infer T>]
    ? T
    : [N] extends [{ readonly $type: string }]
      ? N
      : never
  : never;

/**
 * Valid attribute names at a failed segment (the error lists them, editors complete them). A template
 * rather than a conditional: TypeScript would re-evaluate `AttributeName<E>` through a conditional.
 */
type Suggest<E, Pre extends string> = `${Pre}${AttributeName<E> & string}`;

/**
 * Checks a dotted path against `E`: a valid path gives itself; otherwise the valid paths at the
 * segment that failed (the error lists them, editors complete them). An attribute name is settled
 * by one check; everything else is behind `NoInfer`, so inferring the path (`S` stands naked in the
 * first branch) neither walks nor even instantiates it.
 */
export type CheckPath<E, S extends string> = S extends AttributeName<E> ? S : NoInfer<CheckRest<E, S>>;

// A non-literal `string` (what editors check while completing) gives the suggestions directly.
type CheckRest<E, S extends string> = string extends S ? AttributeName<E> & string : CheckDotted<E, S, ''>;

/** The dotted walk of `CheckPath`: linear in the path's length, `Pre` the checked prefix. */
type CheckDotted<E, S extends string, Pre extends string> = S extends `${infer H}.${infer R}`
  ? H extends AttributeName<E>
    ? [RelationOf<E, H>] extends [never]
      ? `${Pre}${H}`
      : CheckDotted<RelationOf<E, H>, R, `${Pre}${H}.`>
    : Suggest<E, Pre>
  : S extends AttributeName<E>
    ? `${Pre}${S}`
    : Suggest<E, Pre>;

/** Checks every path of a tuple (see `CheckPath`). */
export type CheckPaths<E, P extends readonly string[]> = { [I in keyof P]: CheckPath<E, P[I]> };
