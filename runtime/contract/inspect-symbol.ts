/**
 * The key of Node's custom `util.inspect` method (`Symbol.for('nodejs.util.inspect.custom')`),
 * named without importing `node:util`, so that browser bundles need no Node built-in.
 */
export const INSPECT: unique symbol = Symbol.for('nodejs.util.inspect.custom') as typeof INSPECT;
