export * from './errors.js';
export * from './schema/index.js';
export * from './protocol/index.js';
export type * from './contract/entity-types.js';
export { Session } from './session/session.js';
export { type SessionOptions, type SessionLogger } from './session/session-options.js';
export type { QueryEvent, QueryListener } from './session/query-event.js';
export { QueryResult, DEFAULT_PAGE_SIZE, type QueryOptions } from './loading/query-result.js';
export { type Retain } from './identity/result-group.js';
export { NOT_SET, type NotSet } from './entity/entity-internals.js';
export { BaseEntity, isEntity } from './entity/base-entity.js';
export { breadcrumb } from './entity/breadcrumb.js';
export type { LinkEntry } from './contract/link-entry.js';
export { CollectionView } from './entity/collection-view.js';
export { KeyValueView } from './entity/key-value-view.js';
export type { EntityLoader } from './loading/loader.js';
export type { EntityContext } from './entity/entity-context.js';
export type { PrimaryKeyInput } from './loading/primary-key.js';
export { BatchingLoader, type BatchingLoaderOptions } from './loading/batching-loader.js';
export { type LoadOptions } from './entity/entity-context.js';
export { type CommitResult, type PendingChanges } from './unit-of-work/commit.js';
export {
  UndiciTransport,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_MAX_RESPONSE_BYTES,
  type Transport,
  type TransportRequest,
  type UndiciTransportOptions,
} from './transport/index.js';
export type { SignalOptions } from './contract/signal-options.js';
export * from './query/index.js';
