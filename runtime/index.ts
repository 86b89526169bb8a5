// The Node entry point (`ftrack-codegen` under the `node`/`default` conditions): the portable API
// (./portable.ts; add public exports there) with a `Session` whose default transport is undici.
export * from './portable.js';
export { Session } from './session/node-session.js';
export { UndiciTransport, type UndiciTransportOptions } from './transport/index.js';
