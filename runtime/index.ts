export * from './errors.js';
export * from './schema/index.js';
export * from './protocol/index.js';
export type * from './contract/entity-types.js';
export { Session, type SessionOptions, type SessionLogger } from './session/index.js';
export { QueryResult, DEFAULT_PAGE_SIZE, type QueryOptions, type Retain } from './session/index.js';
export { NOT_SET, type NotSet, BaseEntity, isEntity, CollectionView, KeyValueView } from './session/index.js';
export type { EntityLoader, EntityContext, PrimaryKeyInput } from './session/index.js';
export { BatchingLoader, type BatchingLoaderOptions, type LoadOptions, type CommitResult, type PendingChanges } from './session/index.js';
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
