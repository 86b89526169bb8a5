import { LocationError } from '../errors.js';
import { REVIEW_LOCATION, SERVER_LOCATION, UNMANAGED_LOCATION } from './builtin-locations.js';
import type { ComponentStore, StoreRequest, StoreResult } from './component-store.js';
import { componentUrl } from './component-urls.js';
import { registeredIdentifier, requireResourceUrl, resourceUrl, type LocationReader, type UrlLocation } from './location-url.js';
import { uploadToServer } from './server-upload.js';

/**
 * `ftrack.server`: data uploaded to the server (resource identifier = the component id).
 * @example await session.createComponent(file, { location: session.locations.server })
 * // [get_upload_metadata] → PUT … → [create FileComponent, create ComponentLocation {location_id: "3a372bde-…", resource_identifier: "<component id>"}]
 */
export class ServerLocation implements ComponentStore, UrlLocation {
  readonly name = SERVER_LOCATION.name;
  readonly id = SERVER_LOCATION.id;
  readonly registersContainer = true;

  locationId(): Promise<string> {
    return Promise.resolve(this.id);
  }

  async store(request: StoreRequest): Promise<StoreResult> {
    const fileName = request.name + request.fileType;
    const operations = await uploadToServer(request.call, request.http, { componentId: request.componentId, fileName, source: request.source }, request.upload);
    return { resourceIdentifier: request.componentId, operations };
  }

  /** `{server}/component/get?id=<component id>&username=…&apiKey=…` (no request: the resource identifier is the id). */
  componentUrl(componentId: string, reader: LocationReader): Promise<string> {
    return Promise.resolve(componentUrl(reader.credentials, componentId));
  }
}

/** A location that records where data already is (a path or URL), copying nothing. */
abstract class PathLocation implements ComponentStore, UrlLocation {
  abstract readonly name: string;
  abstract readonly id: string;
  protected readonly resourceIdentifier: string | undefined;

  constructor(resourceIdentifier?: string) {
    this.resourceIdentifier = resourceIdentifier;
  }

  locationId(): Promise<string> {
    return Promise.resolve(this.id);
  }

  store(request: StoreRequest): Promise<StoreResult> {
    const resourceIdentifier = this.resourceIdentifier ?? request.source.path;
    if (resourceIdentifier === undefined) {
      return Promise.reject(
        new LocationError(`${this.name} registers a path: pass a file path (Node) or \`location.at("<path>")\`.`, { cause: { componentId: request.componentId, location: this.name } }),
      );
    }
    return Promise.resolve({ resourceIdentifier, operations: [] });
  }

  abstract componentUrl(componentId: string, reader: LocationReader): Promise<string>;
}

/**
 * `ftrack.unmanaged`: records where the file already is (its path), copying nothing. Node file
 * sources give their absolute path; other sources need `at(resourceIdentifier)`. `$url` gives a
 * `file:` URL of that path.
 * @example await session.createComponent('/mnt/plates/a.exr', { location: session.locations.unmanaged })
 * // [create FileComponent, create ComponentLocation {location_id: "cb268ecc-…", resource_identifier: "/mnt/plates/a.exr"}]
 */
export class UnmanagedLocation extends PathLocation {
  readonly name = UNMANAGED_LOCATION.name;
  readonly id = UNMANAGED_LOCATION.id;

  /** The same location with an explicit resource identifier (for sources without a path). */
  at(resourceIdentifier: string): UnmanagedLocation {
    return new UnmanagedLocation(resourceIdentifier);
  }

  /**
   * The registered path as a `file:` URL (an URL registered stays as it is).
   * @example await component.$url({ location: session.locations.unmanaged }) // 'file:///mnt/plates/a.exr'
   * // select resource_identifier from ComponentLocation where component_id is "…" and location_id is "cb268ecc-…"
   */
  async componentUrl(componentId: string, reader: LocationReader): Promise<string> {
    return requireResourceUrl(await registeredIdentifier(reader.call, reader.signal, componentId, this.id, this.name), componentId, this.name);
  }
}

/**
 * `ftrack.review`: where reviewable media is registered. `encodeMedia`'s outputs are put there
 * by the server (resource identifier = the output's id, data on the ftrack server); a client can
 * register a reviewable path or URL there too, copying nothing (like `ftrack.unmanaged`).
 * `$url` reads the registration: an URL as it is, a path as a `file:` URL, a component id as the
 * server's `/component/get` URL of that data.
 * @example const { outputs } = await job.done(); await (await session.get('FileComponent', outputs[0].componentId))?.$url({ location: session.locations.review })
 * // select resource_identifier from ComponentLocation where component_id is "…" and location_id is "cd41be70-…"
 */
export class ReviewLocation extends PathLocation {
  readonly name = REVIEW_LOCATION.name;
  readonly id = REVIEW_LOCATION.id;

  /** The same location with an explicit resource identifier (a path or an URL of the reviewable). */
  at(resourceIdentifier: string): ReviewLocation {
    return new ReviewLocation(resourceIdentifier);
  }

  async componentUrl(componentId: string, reader: LocationReader): Promise<string> {
    const identifier = await registeredIdentifier(reader.call, reader.signal, componentId, this.id, this.name);
    return resourceUrl(identifier) ?? componentUrl(reader.credentials, identifier);
  }
}
