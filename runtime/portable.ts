// The public API both entry points export (ftrack-codegen: ./index.ts on Node, ./browser.ts in
// browsers); only `Session`'s default transport differs between them. Add public exports here.
export * from './errors.js';
export * from './schema/index.js';
export * from './protocol/index.js';
export type * from './contract/entity-types.js';
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
export type { Transport, TransportRequest } from './transport/transport.js';
export { DEFAULT_TIMEOUT_MS, DEFAULT_MAX_RESPONSE_BYTES, type HttpTransportOptions } from './transport/http-endpoint.js';
export type { HttpDispatcher, HttpDispatchOptions, HttpDispatchResponse } from './transport/http-dispatcher.js';
export {
  FetchTransport,
  type FetchTransportOptions,
  type FetchFunction,
  type FetchInit,
  type FetchResponse,
  type FetchBodyReader,
} from './transport/fetch-transport.js';
export type { SignalOptions } from './contract/signal-options.js';
/** dayjs's date type, re-exported so generated code and apps need no `dayjs` import of their own (pnpm, Yarn PnP). */
export type { Dayjs } from 'dayjs';
export * from './query/index.js';
export * from './events/index.js';
export type { CreateComponentOptions } from './files/create-component.js';
export type { ContainerMember, CreateContainerOptions } from './files/create-container.js';
export type { UploadOptions } from './files/server-upload.js';
export type { RetryOptions } from './files/retry.js';
export type { TransferProgress } from './files/progress.js';
export type { UploadSource, UploadBody, PortableSource } from './files/upload-source.js';
export type { FileHttp, FilePutRequest, FilePutResponse, FileGetResponse } from './files/file-http.js';
export type { ComponentStore, StoreRequest, StoreResult } from './files/component-store.js';
export { FetchFileHttp } from './files/fetch-file-http.js';
export {
  Locations,
  SessionFiles,
  sessionFiles,
  type ComponentOf,
  type ComponentAvailability,
  type PreparedSource,
  type SessionFilesOptions,
  type CreateThumbnailOptions,
  type EncodeMediaOptions,
} from './files/session-files.js';
export { ServerLocation, UnmanagedLocation, ReviewLocation } from './files/portable-locations.js';
export { OriginLocation } from './files/origin-location.js';
export type { UrlLocation, LocationReader } from './files/location-url.js';
export type { ComponentMembers, ComponentUrlOptions } from './files/component-members.js';
export { SERVER_LOCATION, UNMANAGED_LOCATION, REVIEW_LOCATION, ORIGIN_LOCATION } from './files/builtin-locations.js';
export { Job, type JobResult, type JobOutput, type JobWaitOptions } from './files/job.js';
export { idStructure, standardStructure, type Structure, type StructureInput } from './files/structure.js';
