import type { AttributeName, Collection } from './entity-attributes.js';
import type { PrimaryKeyOf } from './entity-facts.js';

// Result types that follow the selection, and compile-time checking of path strings.

/** First segment of each dotted path: `'status.name' | 'id'` → `'status' | 'id'`. */
type Heads<S extends string> = S extends `${infer H}.${string}` ? H : S;

/** Rest of the paths that start with `H.`: `Tail<'status.name' | 'id', 'status'>` → `'name'`. */
type Tail<S extends string, H extends string> = S extends `${H}.${infer R}` ? R : never;

/** `$`-members (type, state, methods, phantoms): always present on a row. */
type EntityMemberKeys<E> = Exclude<keyof E, AttributeName<E>>;

/** What every row of `E` has, whatever the selection: `$`-members and the primary key (cached per `E`). */
export type RowBase<E> = Pick<E, EntityMemberKeys<E> | (PrimaryKeyOf<E> & keyof E)>;

/**
 * One result row of entity interface `E` for the selected paths `S`: `$`-members, primary key and
 * the selected attributes (modifiers kept); a path through a relation loads a nested row. Other
 * attributes are absent. Built from `Pick`s so that only the selected keys are mapped.
 */
export type Row<E, S extends string> = RowBase<E> & LoadedAttributes<Pick<E, Heads<S> & keyof E>, S>;

type LoadedAttributes<P, S extends string> = { [K in keyof P]: LoadedValue<P[K], Tail<S, K & string>> };

/** A union of rows, one per (concrete) type in `T`: discriminable by `$type`. */
export type Rows<T, S extends string> = T extends unknown ? Row<T, S> : never;

type LoadedValue<V, S extends string> = V extends Collection<infer T, infer I>
  ? Collection<Row<T, S>, I>
  : V extends { readonly $type: string }
    ? Row<V, S>
    : V;

/** The entity interface a relation attribute leads to (never for scalars and mapped arrays). */
export type RelationTarget<V> = Exclude<V, null | undefined> extends infer N
  ? [N] extends [Collection<infer T>]
    ? T
    : [N] extends [{ readonly $type: string }]
      ? N
      : never
  : never;

/** Valid attribute names at a failed segment (the error lists them, editors complete them). */
type Suggest<E, Pre extends string> = Pre extends '' ? AttributeName<E> : `${Pre}${AttributeName<E> & string}`;

/**
 * Checks a dotted path against `E`: a valid path gives itself; otherwise the valid paths at the
 * segment that failed. Linear in the path's length; `keyof` checks keep the valid case cheap.
 */
export type CheckPath<E, S extends string, Pre extends string = ''> = S extends `$${string}`
  ? Suggest<E, Pre>
  : S extends `${infer H}.${infer R}`
    ? H extends keyof E
      ? [RelationTarget<E[H]>] extends [never]
        ? `${Pre}${H}`
        : CheckPath<RelationTarget<E[H]>, R, `${Pre}${H}.`>
      : Suggest<E, Pre>
    : S extends keyof E
      ? `${Pre}${S}`
      : Suggest<E, Pre>;

/** Checks every path of a tuple (see `CheckPath`). */
export type CheckPaths<E, P extends readonly string[]> = { [I in keyof P]: CheckPath<E, P[I]> };
