import { ArgumentError, ServerError, UnrecognisedEntityTypeError } from '../errors.js';
import type { Operation } from '../protocol/operations.js';
import type { SchemaModel } from '../schema/model.js';
import { throwIfAborted } from '../transport/abort.js';
import { randomUuid } from '../identity/random-uuid.js';
import type { ComponentStore } from './component-store.js';
import type { FileHttp } from './file-http.js';
import type { CallApi, UploadOptions } from './server-upload.js';
import { splitFileName } from './upload-plan.js';
import type { UploadSource } from './upload-source.js';
import { FILE_TYPES } from '../contract/file-types.js';

/** Options of `session.createComponent(source, options)`. */
export interface CreateComponentOptions extends UploadOptions {
  /**
   * File name of the component, split into `name` and `file_type` at the last dot (`plate.exr` →
   * `plate`, `.exr`); default the source's file name, else `main` with no file type.
   */
  readonly name?: string | undefined;
  /**
   * Where the data goes: `session.locations.server` (default), `.unmanaged`, a disk location, or
   * `null` (the component is created, registered nowhere, no data sent).
   */
  readonly location?: ComponentStore | null | undefined;
  /** Other attributes of the component (`version_id`, `metadata`…); `id`, `name`, `file_type`, `size` override the derived ones. */
  readonly data?: Readonly<Record<string, unknown>> | undefined;
}

/** The session side of a component creation. */
export interface ComponentHost {
  readonly call: CallApi;
  schema(signal: AbortSignal | undefined): Promise<SchemaModel>;
  /** After a registration: publishes `ftrack.location.component-added` when the session's event hub is connected. */
  componentAdded?(componentId: string, locationId: string): void;
}

/** The created component and its registration (undefined with `location: null`). */
export interface CreatedComponent<C> {
  readonly component: C;
  readonly componentLocation: unknown;
}

const FILE_COMPONENT = FILE_TYPES.fileComponent;
const COMPONENT_LOCATION = FILE_TYPES.componentLocation;

/**
 * Creates a file component from `source` and registers it in a location, ordered so that a
 * failure leaves no half-registered component: (1) the location takes in the data (for
 * `ftrack.server`: `get_upload_metadata`, PUTs — the component does not exist yet), (2) one batch
 * creates the component, finishes a multi-part upload and creates the `ComponentLocation`. The
 * server runs that batch as a whole, so either both entities exist or neither. A failure or abort
 * before (2) creates nothing (uploaded bytes may remain in storage, unreferenced); the signal is not
 * applied to (2), so its outcome is always known. A refused (2) undoes what the location wrote
 * (a disk location removes its copy). Once registered, `ftrack.location.component-added`
 * `{component_id, location_id}` is published if the session's event hub is connected.
 */
export async function createComponent<C>(host: ComponentHost, source: UploadSource, options: CreateComponentOptions, http: FileHttp): Promise<CreatedComponent<C>> {
  const { signal } = options;
  const model = await host.schema(signal);
  requireType(model, FILE_COMPONENT, 'createComponent');
  const data = { ...options.data };
  const split = splitFileName(options.name ?? source.fileName ?? 'main');
  const name = typeof data.name === 'string' ? data.name : split.name;
  const fileType = typeof data.file_type === 'string' ? data.file_type : split.fileType;
  const componentId = typeof data.id === 'string' ? data.id : randomUuid();
  const size = typeof data.size === 'number' ? data.size : source.size;
  const create: Operation = { action: 'create', entity_type: FILE_COMPONENT, entity_data: { ...data, id: componentId, name, file_type: fileType, size } };
  const location = options.location;
  if (location === null) {
    throwIfAborted(signal, 'createComponent');
    const [created] = await host.call([create], undefined);
    return { component: entityOf(created) as C, componentLocation: undefined };
  }
  if (location === undefined) throw new ArgumentError('createComponent() needs a location (the session passes ftrack.server by default).');
  requireType(model, COMPONENT_LOCATION, 'createComponent');
  const locationId = await location.locationId(host.call, signal);
  const stored = await location.store({ componentId, name, fileType, source, data, call: host.call, http, upload: options });
  try {
    throwIfAborted(signal, 'createComponent');
  } catch (error) {
    await stored.undo?.().catch(() => undefined);
    throw error;
  }
  const register: Operation[] = stored.inMemory === true
    ? []
    : [registerOperation(componentId, locationId, stored.resourceIdentifier)];
  let results: readonly unknown[];
  try {
    results = await host.call([create, ...stored.operations, ...register], undefined);
  } catch (error) {
    // Refused: nothing of the batch holds, so the location's copy goes too. Any other failure has
    // an unknown outcome: the copy stays for a later look-up of `componentId`.
    if (error instanceof ServerError) await stored.undo?.().catch(() => undefined);
    throw error;
  }
  location.registered?.(componentId, stored.resourceIdentifier);
  host.componentAdded?.(componentId, locationId);
  return { component: entityOf(results[0]) as C, componentLocation: register.length === 0 ? undefined : entityOf(results[results.length - 1]) };
}

/** Throws `UnrecognisedEntityTypeError` when the schema lacks `type`, which `needed` (the operation's name) requires. */
export function requireType(model: SchemaModel, type: string, needed: string): void {
  if (!model.types.has(type)) throw new UnrecognisedEntityTypeError(type, { cause: { needed } });
}

/** The operation registering a component in a location: `create ComponentLocation {component_id, location_id, resource_identifier}`. */
export function registerOperation(componentId: string, locationId: string, resourceIdentifier: string): Operation {
  return { action: 'create', entity_type: COMPONENT_LOCATION, entity_data: { id: randomUuid(), component_id: componentId, location_id: locationId, resource_identifier: resourceIdentifier } };
}

/** The entity of one result of a `create` operation (its `data`). */
export function entityOf(result: unknown): unknown {
  return (result as { data?: unknown } | undefined)?.data;
}
