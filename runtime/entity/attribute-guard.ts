import { ArgumentError, UnknownAttributeError } from '../errors.js';
import { RUNTIME } from './entity-internals.js';
import type { TypeRuntime } from './type-runtime.js';

/**
 * Makes assigning a name the schema does not have throw instead of silently adding a property
 * that is never sent: `task.nmae = 'x'` → `UnknownAttributeError`. Attribute accessors live on
 * each entity class's prototype, so only names that are not attributes reach the end of the
 * prototype chain, where this guard (a Proxy placed between `BaseEntity.prototype` and
 * `Object.prototype`) answers `set`. Reads, and the accessors of real attributes, never pass
 * through it. The per-entity slots (`slots`) get writable placeholders on the prototype, so the
 * constructor's stores stop there and create own properties as plain stores do (no trap, no
 * slowdown). A schema attribute with a protected name (`then`, `$type`…, which gets no property)
 * is pointed to `$set`.
 *
 * @example task.nmae = 'x' // throws UnknownAttributeError: Task has no attribute "nmae".
 */
export function guardUnknownAttributes(prototype: object, slots: readonly symbol[]): void {
  for (const slot of slots) Object.defineProperty(prototype, slot, { value: undefined, writable: true, enumerable: false, configurable: false });
  const base = Object.getPrototypeOf(prototype) as object;
  const guard = new Proxy(base, {
    set(target, key, value, receiver: object) {
      if (typeof key === 'symbol') return Reflect.set(target, key, value, receiver);
      const runtime = (receiver as { [RUNTIME]?: TypeRuntime })[RUNTIME];
      if (runtime === undefined) return Reflect.set(target, key, value, receiver);
      if (runtime.byName.has(key)) {
        throw new ArgumentError(`${runtime.name}.${key} has a protected name and no property; assign it with entity.$set('${key}', value).`, {
          cause: { entityType: runtime.name, attribute: key },
        });
      }
      throw new UnknownAttributeError(runtime.name, key);
    },
  });
  Object.setPrototypeOf(prototype, guard);
}
