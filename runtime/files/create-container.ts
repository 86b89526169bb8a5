import { ArgumentError, ServerError } from '../errors.js';
import type { Operation } from '../protocol/operations.js';
import { throwIfAborted } from '../transport/abort.js';
import { randomUuid } from '../identity/random-uuid.js';
import type { ComponentStore, StoreResult } from './component-store.js';
import { entityOf, registerOperation, requireType, type ComponentHost, type CreatedComponent } from './create-component.js';
import type { FileHttp } from './file-http.js';
import type { UploadOptions } from './server-upload.js';
import { splitFileName } from './upload-plan.js';
import type { UploadSource } from './upload-source.js';
import { FILE_TYPES } from '../contract/file-types.js';

/** One member of a container or sequence: its data and its name (a frame number for a sequence). */
export interface ContainerMember<S = UploadSource> {
  readonly source: S;
  /** The member's name, e.g. `0001`; default its file name without the extension. */
  readonly name?: string | undefined;
}

/** Options of `createContainer(members, options)`. */
export interface CreateContainerOptions extends UploadOptions {
  /** The container's file name (`plate.exr` → name `plate`, `file_type` `.exr`); default `main`. */
  readonly name?: string | undefined;
  /** A `SequenceComponent` with this frame padding (e.g. 4 for `%04d`), else a `ContainerComponent`. */
  readonly padding?: number | undefined;
  /** Where the members' data goes; default `ftrack.server`. */
  readonly location?: ComponentStore | undefined;
  /** Other attributes of the container (`version_id`…). */
  readonly data?: Readonly<Record<string, unknown>> | undefined;
}

const FILE_COMPONENT = FILE_TYPES.fileComponent;
const COMPONENT_LOCATION = FILE_TYPES.componentLocation;

/**
 * Creates a container (or a sequence, with `padding`) and one `FileComponent` per member, with the
 * same ordering as `createComponent`: every member's data first (one after the other; progress over
 * the total size), then one batch creating the container (size = the members' sum), the members
 * (`container_id`), finishing multi-part uploads and creating the members' `ComponentLocation`s
 * (and, in `ftrack.server`, the container's own, resource identifier = its id). A failure or abort
 * before that batch creates nothing and undoes what the location wrote. Once registered,
 * `ftrack.location.component-added` is published for each registration if the event hub is connected.
 */
export async function createContainer<C>(
  host: ComponentHost,
  members: readonly ContainerMember[],
  options: CreateContainerOptions & { readonly location: ComponentStore },
  http: FileHttp,
): Promise<CreatedComponent<C> & { readonly members: readonly unknown[] }> {
  const { signal, location } = options;
  if (members.length === 0) throw new ArgumentError('createContainer() needs at least one member.');
  const model = await host.schema(signal);
  const containerType = options.padding === undefined ? FILE_TYPES.containerComponent : FILE_TYPES.sequenceComponent;
  for (const type of [containerType, FILE_COMPONENT, COMPONENT_LOCATION]) requireType(model, type, 'createContainer');
  const data = { ...options.data };
  const split = splitFileName(options.name ?? 'main');
  const containerId = typeof data.id === 'string' ? data.id : randomUuid();
  const total = members.reduce((sum, member) => sum + member.source.size, 0);
  const locationId = await location.locationId(host.call, signal);
  const stored: { id: string; name: string; fileType: string; size: number; result: StoreResult }[] = [];
  const undoAll = () => Promise.all(stored.map((entry) => entry.result.undo?.().catch(() => undefined)));
  let done = 0;
  let reported = -1;
  // Members one after the other: progress over the total, reported only when it grows.
  const report = (loaded: number) => {
    if (loaded <= reported) return;
    reported = loaded;
    options.onProgress?.({ loaded, total });
  };
  try {
    for (const member of members) {
      const memberSplit = splitFileName(member.source.fileName ?? split.name + split.fileType);
      const name = member.name ?? memberSplit.name;
      const fileType = memberSplit.fileType || split.fileType;
      const id = randomUuid();
      const offset = done;
      const result = await location.store({
        componentId: id,
        name,
        fileType,
        source: member.source,
        data: { ...data, container_id: containerId },
        call: host.call,
        http,
        upload: { ...options, onProgress: (p) => report(offset + p.loaded) },
      });
      stored.push({ id, name, fileType, size: member.source.size, result });
      done += member.source.size;
    }
    throwIfAborted(signal, 'createContainer');
  } catch (error) {
    await undoAll();
    throw error;
  }
  const containerData: Record<string, unknown> = { ...data, id: containerId, name: split.name, file_type: split.fileType, size: total };
  if (options.padding !== undefined) containerData.padding = options.padding;
  const operations: Operation[] = [
    { action: 'create', entity_type: containerType, entity_data: containerData },
    ...stored.map((entry): Operation => ({
      action: 'create',
      entity_type: FILE_COMPONENT,
      entity_data: { id: entry.id, name: entry.name, file_type: entry.fileType, size: entry.size, container_id: containerId },
    })),
    ...stored.flatMap((entry) => entry.result.operations),
    ...stored.filter((entry) => entry.result.inMemory !== true).map((entry): Operation => registerOperation(entry.id, locationId, entry.result.resourceIdentifier)),
  ];
  const containerRegistered = location.registersContainer === true;
  if (containerRegistered) operations.push(registerOperation(containerId, locationId, containerId));
  let results: readonly unknown[];
  try {
    results = await host.call(operations, undefined);
  } catch (error) {
    if (error instanceof ServerError) await undoAll();
    throw error;
  }
  for (const entry of stored) {
    location.registered?.(entry.id, entry.result.resourceIdentifier);
    host.componentAdded?.(entry.id, locationId);
  }
  if (containerRegistered) host.componentAdded?.(containerId, locationId);
  const entity = (index: number) => entityOf(results[index]);
  return {
    component: entity(0) as C,
    members: stored.map((_, index) => entity(index + 1)),
    componentLocation: containerRegistered ? entity(results.length - 1) : undefined,
  };
}
