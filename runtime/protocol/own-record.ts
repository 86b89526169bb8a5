/**
 * Writes `record[key] = value` as an own data property, whatever the key. A plain assignment with
 * the key `__proto__` would call the inherited setter and replace the record's prototype instead
 * (or be dropped); JSON keys from a server or attribute names from a schema may be exactly that.
 *
 * @example setOwn(out, '__proto__', 'x') // out has the own key "__proto__"; its prototype is unchanged
 */
export function setOwn(record: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}

/** True when `record` has `key` as its own property (never an inherited one such as `constructor`). */
export function hasOwn(record: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

/** The prototype of `bareRecord()`s: empty, frozen, itself without a prototype. */
const BARE_BASE: object = Object.freeze(Object.create(null) as object);

/**
 * A record that inherits nothing (`constructor`, `toString`, the `__proto__` accessor), so any
 * attribute name is an ordinary key; unlike `Object.create(null)`, V8 keeps it in fast mode, which
 * matters for rows read millions of times per query.
 *
 * @example const row = bareRecord(); row['__proto__'] = 1; // an own key; no prototype changed
 */
export function bareRecord<T = unknown>(): Record<string, T> {
  return Object.create(BARE_BASE) as Record<string, T>;
}
