/**
 * "No value loaded or set" — distinct from `null`, which is a real value. Attribute slots hold
 * it until the server sends the attribute (remote) or the user assigns it (local).
 */
export const NOT_SET: unique symbol = Symbol('ftrack.NOT_SET');
export type NotSet = typeof NOT_SET;

/** Own slot: remote values by attribute index; a hole means NOT_SET (read through `slots.ts`). */
export const REMOTE: unique symbol = Symbol('ftrack.remote');
/** Own slot: local (unsaved) values by attribute index (holes = NOT_SET), or null while there are none. */
export const LOCAL: unique symbol = Symbol('ftrack.local');
/** Own slot: the unit-of-work state. */
export const STATE: unique symbol = Symbol('ftrack.state');
/** Own slot: cached collection / key-value views by attribute ordinal. */
export const VIEWS: unique symbol = Symbol('ftrack.views');
/** Own slot: the result group (see `result-group.ts`) the entity was last returned in, or null. */
export const GROUP: unique symbol = Symbol('ftrack.group');
/** Prototype slot: the `TypeRuntime` of the entity's class. */
export const RUNTIME: unique symbol = Symbol('ftrack.runtime');

