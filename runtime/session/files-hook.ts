import type { BaseEntity } from '../entity/base-entity.js';
import type { Operation } from '../protocol/operations.js';
import type { SchemaModel } from '../schema/model.js';
import type { HttpDispatcher } from '../transport/http-dispatcher.js';

/** The key of the session method the files API (runtime/files) reaches the session through. */
export const FILES_HOST: unique symbol = Symbol('ftrack-codegen.files-host');

/** What the files API needs of a session: credentials for `/component/*` URLs, `/api` batches, the schema. */
export interface FilesHost {
  readonly serverUrl: string;
  readonly apiUser: string;
  /** Only for `/component/*` URLs, which authenticate by query parameters. */
  readonly apiKey: string;
  readonly dispatcher: HttpDispatcher | undefined;
  call(operations: Operation[], signal: AbortSignal | undefined): Promise<readonly unknown[]>;
  schema(signal: AbortSignal | undefined): Promise<SchemaModel>;
  /** `entity` when it belongs to this session, else `ArgumentError` naming `what`. */
  own(entity: unknown, what: string): BaseEntity;
  /** Publishes `ftrack.location.component-added` when the session's event hub is connected (else nothing: no connection is opened for it); a failed send goes to the hub's `onError`, phase `publish`. */
  componentAdded(componentId: string, locationId: string): void;
}
