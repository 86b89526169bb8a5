/**
 * A few checks of parsed JSON, small enough for a browser bundle: strings, numbers, booleans,
 * literals, arrays, records, objects, unions. `safeParse` returns the value or the first issue
 * with its path (`data.0.id`).
 *
 * @example
 * const point = object({ x: number, label: optional(string) });
 * point.safeParse({ x: '1' }); // { success: false, issue: { path: ['x'], code: 'invalid_type', message: 'expected a number, got a string' } }
 */
import { isPlainObject } from './normalize-property.js';

/** Where a value was wrong and why. */
export interface ShapeIssue {
  readonly path: readonly (string | number)[];
  /** `invalid_type`, `invalid_value` or `too_small`. */
  readonly code: string;
  readonly message: string;
}

export type ShapeResult<T> = { readonly success: true; readonly data: T } | { readonly success: false; readonly issue: ShapeIssue };

/** A check of one JSON value. */
export interface Shape<T> {
  /** The value (for an object that drops unknown keys: a copy with the declared keys) or the first issue. */
  safeParse(value: unknown): ShapeResult<T>;
  /** What the value should be, for messages (`a string`). */
  readonly expected: string;
  /** An object key with this shape may be missing. */
  readonly optional: boolean;
  /** Reads `value` at `path`; throws `Failure` on the first issue. */
  read(value: unknown, path: Path): T;
}

/** The type a shape checks. */
export type Infer<S> = S extends Shape<infer T> ? T : never;

/** A path kept as a linked list while reading (built into an array only for the issue). */
type Path = { readonly key: string | number; readonly parent: Path } | undefined;

/** Thrown inside `read`, caught by `safeParse`: the only exception of this module. */
class Failure {
  constructor(readonly issue: ShapeIssue) {}
}

function shape<T>(expected: string, read: (value: unknown, path: Path) => T, optional = false): Shape<T> {
  return {
    expected,
    optional,
    read,
    safeParse(value: unknown): ShapeResult<T> {
      try {
        return { success: true, data: read(value, undefined) };
      } catch (error) {
        if (error instanceof Failure) return { success: false, issue: error.issue };
        throw error;
      }
    },
  };
}

function fail(path: Path, code: string, message: string): never {
  const keys: (string | number)[] = [];
  for (let at = path; at !== undefined; at = at.parent) keys.unshift(at.key);
  throw new Failure({ path: keys, code, message });
}

/** `a string`, `an array`, `null`…: what a JSON value is, for messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
}

function typed<T>(expected: string, test: (value: unknown) => value is T): Shape<T> {
  return shape(expected, (value, path) => (test(value) ? value : fail(path, 'invalid_type', `expected ${expected}, got ${describeValue(value)}`)));
}

export const string: Shape<string> = typed('a string', (value): value is string => typeof value === 'string');
export const number: Shape<number> = typed('a number', (value): value is number => typeof value === 'number' && Number.isFinite(value));
export const boolean: Shape<boolean> = typed('a boolean', (value): value is boolean => typeof value === 'boolean');
export const unknown: Shape<unknown> = shape('any value', (value) => value, true);

/** A whole number ≥ 0. */
export const count: Shape<number> = shape('a whole number ≥ 0', (value, path) => {
  const n = number.read(value, path);
  return Number.isInteger(n) && n >= 0 ? n : fail(path, 'too_small', `expected a whole number ≥ 0, got ${n}`);
});

/** Exactly `expected`. */
export function literal<const L extends string | number | boolean>(expected: L): Shape<L> {
  const text = JSON.stringify(expected);
  return shape(text, (value, path) => (value === expected ? expected : fail(path, 'invalid_value', `expected ${text}, got ${describeValue(value)}`)));
}

export function nullable<T>(inner: Shape<T>): Shape<T | null> {
  return shape(`${inner.expected} or null`, (value, path) => (value === null ? null : inner.read(value, path)), inner.optional);
}

/** May be missing from its object (or `undefined`). */
export function optional<T>(inner: Shape<T>): Shape<T | undefined> {
  return shape(inner.expected, (value, path) => (value === undefined ? undefined : inner.read(value, path)), true);
}

/** `a string, a number, or null`. */
const ALTERNATIVES = new Intl.ListFormat('en', { type: 'disjunction' });

/** One of `options`: the first that reads the value. */
export function union<T extends readonly Shape<unknown>[]>(...options: T): Shape<Infer<T[number]>> {
  const expected = ALTERNATIVES.format(options.map((option) => option.expected));
  return shape(expected, (value, path) => {
    for (const option of options) {
      const result = option.safeParse(value);
      if (result.success) return result.data as Infer<T[number]>;
    }
    return fail(path, 'invalid_type', `expected ${expected}, got ${describeValue(value)}`);
  });
}

/** An array whose items all have `item`'s shape (`unknown` items are not copied). */
export function array<T>(item: Shape<T>): Shape<T[]> {
  return shape('an array', (value, path) => {
    if (!Array.isArray(value)) return fail(path, 'invalid_type', `expected an array, got ${describeValue(value)}`);
    if (item === unknown) return value as T[];
    return value.map((entry, index) => item.read(entry, { key: index, parent: path }));
  });
}

/** An object whose every value has `item`'s shape. */
export function record<T>(item: Shape<T>): Shape<Record<string, T>> {
  return shape('an object', (value, path) => {
    if (!isPlainObject(value)) return fail(path, 'invalid_type', `expected an object, got ${describeValue(value)}`);
    if (item === unknown) return value as Record<string, T>;
    for (const [key, entry] of Object.entries(value)) item.read(entry, { key, parent: path });
    return value as Record<string, T>;
  });
}

type Fields = Readonly<Record<string, Shape<unknown>>>;
type OptionalKeys<F extends Fields> = { [K in keyof F]: F[K] extends { readonly optional: true } ? K : never }[keyof F];
type Simplify<T> = { [K in keyof T]: T[K] } & {};
/** The object type of `fields`: keys of optional shapes are optional. */
export type ObjectOf<F extends Fields> = Simplify<
  { [K in Exclude<keyof F, OptionalKeys<F>>]: Infer<F[K]> } & { [K in OptionalKeys<F>]?: Infer<F[K]> }
>;

/**
 * An object with `fields`. `unknownKeys: 'keep'` (envelopes of the wire) returns the object read
 * as it is, other keys included; `'drop'` returns a copy with the declared keys only.
 */
export function object<F extends Fields>(fields: F, unknownKeys: 'keep'): Shape<ObjectOf<F> & Record<string, unknown>>;
export function object<F extends Fields>(fields: F, unknownKeys?: 'drop'): Shape<ObjectOf<F>>;
export function object<F extends Fields>(fields: F, unknownKeys: 'keep' | 'drop' = 'drop'): Shape<ObjectOf<F>> {
  const entries = Object.entries(fields);
  return shape('an object', (value, path) => {
    if (!isPlainObject(value)) return fail(path, 'invalid_type', `expected an object, got ${describeValue(value)}`);
    const copy: Record<string, unknown> = {};
    for (const [key, field] of entries) {
      const present = Object.prototype.hasOwnProperty.call(value, key);
      if (!present && field.optional) continue;
      const read = field.read(present ? value[key] : undefined, { key, parent: path });
      if (unknownKeys === 'drop' && (present || read !== undefined)) copy[key] = read;
    }
    return (unknownKeys === 'keep' ? value : copy) as ObjectOf<F>;
  });
}
