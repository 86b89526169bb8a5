import type { Operation } from '../protocol/operations.js';
import type { FileHttp } from './file-http.js';
import type { CallApi, UploadOptions } from './server-upload.js';
import type { UploadSource } from './upload-source.js';

/** What a location is handed to take in a new component's data. */
export interface StoreRequest {
  readonly componentId: string;
  /** Component name and `file_type` (with the dot). */
  readonly name: string;
  readonly fileType: string;
  readonly source: UploadSource;
  /** The component's other creation data (`version_id`…), for structures that need it. */
  readonly data: Readonly<Record<string, unknown>>;
  readonly call: CallApi;
  readonly http: FileHttp;
  readonly upload: UploadOptions;
}

/** Where the data went: the resource identifier to register and the operations to send with the registration. */
export interface StoreResult {
  readonly resourceIdentifier: string;
  /** Sent in the registering batch, after the component's create and before the ComponentLocation's. */
  readonly operations: readonly Operation[];
  /** Removes what `store` wrote when the registration was refused (best effort). */
  readonly undo?: (() => Promise<void>) | undefined;
  /** Kept in the session's memory only (`ftrack.origin`): no `ComponentLocation` is created. */
  readonly inMemory?: boolean | undefined;
}

/**
 * A location as `createComponent` uses it: its `Location` id on the server and how it takes in
 * data. `ftrack.server` uploads; `ftrack.unmanaged` registers the source's path; a disk location
 * copies under its prefix.
 */
export interface ComponentStore {
  readonly name: string;
  /** Called once the component is registered (after the registering batch): e.g. ftrack.origin remembers the path. */
  registered?(componentId: string, resourceIdentifier: string): void;
  /** A container stored here gets its own `ComponentLocation` too (resource identifier = its id), as in `ftrack.server`. */
  readonly registersContainer?: boolean;
  locationId(call: CallApi, signal: AbortSignal | undefined): Promise<string>;
  store(request: StoreRequest): Promise<StoreResult>;
}
