export * from './errors.js';
export * from './schema/index.js';
export * from './protocol/index.js';
export type * from './session/entity-types.js';
