/**
 * Attribute names that never become properties of an entity object, because the runtime or the
 * language already gives them a meaning. Such attributes stay fully usable through
 * `entity.$get(name)` / `entity.$set(name, value)` (and in create data, queries and commits).
 *
 * - `then`: an object with a callable `then` is a promise to `await`; entities are never thenable.
 * - Every name starting with `$`: the runtime's own members (`$type`, `$get`, `$set`, `$state`…).
 * - Names every object inherits (`constructor`, `__proto__`, `toString`, `hasOwnProperty`…) and
 *   `toJSON` (JSON serialisation of entities).
 *
 * @example isProtectedName('then') // true: read it with await entity.$get('then')
 * @example isProtectedName('my-attr') // false: entity['my-attr'] works too
 */
export function isProtectedName(name: string): boolean {
  return name.charCodeAt(0) === 36 /* $ */ || PROTECTED_NAMES.has(name);
}

/**
 * True for the names every object inherits from `Object.prototype`. TypeScript sees them on every
 * object literal too, so generated input types leave such attributes out (set them with `$set`).
 */
export function isObjectMemberName(name: string): boolean {
  return OBJECT_MEMBERS.has(name);
}

// Object.prototype's names, listed (not read at run time) so generated code does not depend on the Node version.
const OBJECT_MEMBERS: ReadonlySet<string> = new Set([
  'constructor',
  '__proto__',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf',
]);

/** The fixed protected names (besides every `$…` name). */
export const PROTECTED_NAMES: ReadonlySet<string> = new Set(['then', 'toJSON', ...OBJECT_MEMBERS]);
