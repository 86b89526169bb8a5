import { LocationError } from '../errors.js';
import { ORIGIN_LOCATION } from './builtin-locations.js';
import type { ComponentStore, StoreRequest, StoreResult } from './component-store.js';
import { requireResourceUrl, type LocationReader, type UrlLocation } from './location-url.js';

/**
 * `ftrack.origin`: the source file as given — nothing copied, nothing registered on the server.
 * As in ftrack's Python client, the registration lives in this session's memory only: the
 * component is created (one `create`), no `ComponentLocation` row, so `$locations()` does not
 * list it and another session does not see it; `$url({ location: origin })` gives the source's
 * path as a `file:` URL while this session lives.
 * @example const c = await session.createComponent('/mnt/plates/a.exr', { location: session.locations.origin });
 * // [{"action": "create", "entity_type": "FileComponent", …}] — no ComponentLocation
 * await c.$url({ location: session.locations.origin }) // 'file:///mnt/plates/a.exr'
 */
export class OriginLocation implements ComponentStore, UrlLocation {
  readonly name = ORIGIN_LOCATION.name;
  readonly id = ORIGIN_LOCATION.id;
  readonly #paths: Map<string, string>;
  readonly #resourceIdentifier: string | undefined;

  constructor(paths: Map<string, string> = new Map(), resourceIdentifier?: string) {
    this.#paths = paths;
    this.#resourceIdentifier = resourceIdentifier;
  }

  /** The same location with an explicit path (for sources without one: a Blob, bytes, a stream). */
  at(resourceIdentifier: string): OriginLocation {
    return new OriginLocation(this.#paths, resourceIdentifier);
  }

  locationId(): Promise<string> {
    return Promise.resolve(this.id);
  }

  store(request: StoreRequest): Promise<StoreResult> {
    const resourceIdentifier = this.#resourceIdentifier ?? request.source.path;
    if (resourceIdentifier === undefined) {
      return Promise.reject(new LocationError(`${this.name} registers a path: pass a file path (Node) or \`location.at("<path>")\`.`, { cause: { componentId: request.componentId, location: this.name } }));
    }
    return Promise.resolve({ resourceIdentifier, operations: [], inMemory: true });
  }

  registered(componentId: string, resourceIdentifier: string): void {
    this.#paths.set(componentId, resourceIdentifier);
  }

  /** The source path recorded by this session, or `LocationError`. */
  path(componentId: string): string {
    const path = this.#paths.get(componentId);
    if (path === undefined) throw new LocationError(`Component ${componentId} is not in ${this.name} (its registrations live in the memory of the session that made them).`, { cause: { componentId, location: this.name } });
    return path;
  }

  componentUrl(componentId: string, _reader: LocationReader): Promise<string> {
    try {
      return Promise.resolve(requireResourceUrl(this.path(componentId), componentId, this.name));
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }
}
