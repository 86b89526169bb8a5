import { LocationError } from '../errors.js';
import { SERVER_LOCATION, UNMANAGED_LOCATION } from './builtin-locations.js';
import type { ComponentStore, StoreRequest, StoreResult } from './component-store.js';
import { uploadToServer } from './server-upload.js';

/**
 * `ftrack.server`: data uploaded to the server (resource identifier = the component id).
 * @example await session.createComponent(file, { location: session.locations.server })
 * // [get_upload_metadata] → PUT … → [create FileComponent, create ComponentLocation {location_id: "3a372bde-…", resource_identifier: "<component id>"}]
 */
export class ServerLocation implements ComponentStore {
  readonly name = SERVER_LOCATION.name;
  readonly id = SERVER_LOCATION.id;

  locationId(): Promise<string> {
    return Promise.resolve(this.id);
  }

  async store(request: StoreRequest): Promise<StoreResult> {
    const fileName = request.name + request.fileType;
    const operations = await uploadToServer(request.call, request.http, { componentId: request.componentId, fileName, source: request.source }, request.upload);
    return { resourceIdentifier: request.componentId, operations };
  }
}

/**
 * `ftrack.unmanaged`: records where the file already is (its path), copying nothing. Node file
 * sources give their absolute path; other sources need `resourceIdentifier`.
 * @example await session.createComponent('/mnt/plates/a.exr', { location: session.locations.unmanaged })
 * // [create FileComponent, create ComponentLocation {location_id: "cb268ecc-…", resource_identifier: "/mnt/plates/a.exr"}]
 */
export class UnmanagedLocation implements ComponentStore {
  readonly name = UNMANAGED_LOCATION.name;
  readonly id = UNMANAGED_LOCATION.id;
  readonly #resourceIdentifier: string | undefined;

  constructor(resourceIdentifier?: string) {
    this.#resourceIdentifier = resourceIdentifier;
  }

  /** The same location with an explicit resource identifier (for sources without a path). */
  at(resourceIdentifier: string): UnmanagedLocation {
    return new UnmanagedLocation(resourceIdentifier);
  }

  locationId(): Promise<string> {
    return Promise.resolve(this.id);
  }

  store(request: StoreRequest): Promise<StoreResult> {
    const resourceIdentifier = this.#resourceIdentifier ?? request.source.path;
    if (resourceIdentifier === undefined) {
      return Promise.reject(
        new LocationError('ftrack.unmanaged registers a path: pass a file path (Node) or `session.locations.unmanaged.at("<path>")`.', { cause: { componentId: request.componentId } }),
      );
    }
    return Promise.resolve({ resourceIdentifier, operations: [] });
  }
}
