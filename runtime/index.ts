// The Node entry point (`ftrack-codegen` under the `node`/`default` conditions): the portable API
// (./portable.ts; add public exports there) with a `Session` whose default transport is undici.
export * from './portable.js';
export { Session } from './session/node-session.js';
export { UndiciTransport, type UndiciTransportOptions } from './transport/index.js';
// Node-only file classes are exported as types (the entries' value exports stay the same).
export type { UndiciFileHttp } from './files/node-file-http.js';
export type { NodeLocations } from './files/node-locations.js';
export type { DiskLocation, DiskLocationOptions } from './files/node-disk-location.js';
export type { DownloadOptions } from './files/node-download.js';
export type { NodeSource } from './files/node-source.js';
