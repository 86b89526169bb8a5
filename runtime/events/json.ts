/** Any JSON value: the payload type of an event topic the client has no type for. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** True when `value` is a plain JSON object (not an array, not null). */
export { isPlainObject as isJsonObject } from '../schema/normalize-property.js';
