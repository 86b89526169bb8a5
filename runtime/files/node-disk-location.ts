import { createWriteStream } from 'node:fs';
import { access, mkdir, rm } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import type { Entity } from '../contract/entity-types.js';
import { ArgumentError, LocationError } from '../errors.js';
import { randomUuid } from '../identity/random-uuid.js';
import { abortError, untilAborted } from '../transport/abort.js';
import { selectRows, selectWhere } from './file-queries.js';
import { chunksOf } from './node-file-http.js';
import type { ComponentStore, StoreRequest, StoreResult } from './component-store.js';
import { registeredIdentifier, type LocationReader, type UrlLocation } from './location-url.js';
import type { CallApi } from './server-upload.js';
import type { ComponentIdOf } from './session-files.js';
import { idStructure, standardStructure, type Structure } from './structure.js';
import { FILE_TYPES } from '../contract/file-types.js';

/** Options of `session.locations.disk(name, options)`. */
export interface DiskLocationOptions {
  /** The folder every resource identifier is relative to (a mount point). */
  readonly prefix: string;
  /** `'standard'` (default: project/…/asset/v###/name.ext, needs `version_id`), `'id'`, or your own. */
  readonly structure?: 'standard' | 'id' | Structure | undefined;
}

/**
 * A location on a file system: data is copied under `prefix` at the path the structure gives,
 * which is the resource identifier registered. The `Location` row is found by name (created
 * when missing).
 * @example const nas = session.locations.disk('studio.nas', { prefix: '/mnt/nas' });
 * await session.createComponent('/tmp/plate.exr', { location: nas, data: { version_id } });
 * // select id from Location where name is "studio.nas"; copy to /mnt/nas/<project>/…/v001/plate.exr;
 * // [create FileComponent, create ComponentLocation {location_id, resource_identifier: "<project>/…/v001/plate.exr"}]
 */
export class DiskLocation implements ComponentStore, UrlLocation {
  readonly name: string;
  readonly prefix: string;
  readonly #structure: Structure;
  readonly #call: CallApi;
  readonly #componentIdOf: ComponentIdOf;
  #id: Promise<string> | undefined;

  constructor(name: string, options: DiskLocationOptions, call: CallApi, componentIdOf: ComponentIdOf) {
    if (name.startsWith('ftrack.')) throw new LocationError(`Location names starting with "ftrack." are reserved: ${name}.`, { cause: { name } });
    this.name = name;
    this.prefix = resolve(options.prefix);
    const structure = options.structure ?? 'standard';
    this.#structure = structure === 'standard' ? standardStructure : structure === 'id' ? idStructure : structure;
    this.#call = call;
    this.#componentIdOf = componentIdOf;
  }

  /** The `Location` id, looked up once (without any caller's signal: the look-up is shared); each caller's signal ends only its own wait. */
  locationId(call: CallApi, signal: AbortSignal | undefined): Promise<string> {
    if (signal?.aborted) return Promise.reject(abortError(signal, 'locationId'));
    let lookup = this.#id;
    if (lookup === undefined) {
      const p = this.#findOrCreate(call);
      this.#id = lookup = p;
      // A failed look-up is forgotten (unless a newer one replaced it) so that the next call retries.
      p.catch(() => {
        if (this.#id === p) this.#id = undefined;
      });
    }
    return untilAborted(lookup, signal, 'locationId');
  }

  async store(request: StoreRequest): Promise<StoreResult> {
    const relative = await this.#structure({ ...request, signal: request.upload.signal });
    const target = this.#absolute(relative);
    if (await exists(target)) throw new LocationError(`${target} exists already: a disk location never overwrites.`, { cause: { componentId: request.componentId, resourceIdentifier: relative } });
    await mkdir(dirname(target), { recursive: true });
    const undo = () => rm(target, { force: true });
    try {
      await pipeline(chunksOf(request.source.range(0, request.source.size)), createWriteStream(target, { flags: 'wx' }), { signal: request.upload.signal });
    } catch (error) {
      await undo();
      throw error;
    }
    request.upload.onProgress?.({ loaded: request.source.size, total: request.source.size });
    return { resourceIdentifier: relative, operations: [], undo };
  }

  /**
   * The file system path of a component in this location (its resource identifier under the prefix).
   * @example await nas.filesystemPath(component) // select resource_identifier from ComponentLocation where component_id is "…" and location_id is "…"
   */
  async filesystemPath(component: Entity<string> | string, options: { readonly signal?: AbortSignal } = {}): Promise<string> {
    const componentId = this.#componentIdOf(component, 'filesystemPath');
    if (componentId === '') throw new ArgumentError('filesystemPath() takes a component or a component id.', { cause: { component: typeof component } });
    const locationId = await this.locationId(this.#call, options.signal);
    return this.#absolute(await registeredIdentifier(this.#call, options.signal, componentId, locationId, this.name));
  }

  /**
   * The `file:` URL of the component's file in this location (what `component.$url({ location })` gives).
   * @example await component.$url({ location: nas }) // 'file:///mnt/nas/<project>/…/v001/plate.exr'
   */
  async componentUrl(componentId: string, reader: LocationReader): Promise<string> {
    const locationId = await this.locationId(reader.call, reader.signal);
    return pathToFileURL(this.#absolute(await registeredIdentifier(reader.call, reader.signal, componentId, locationId, this.name))).href;
  }

  #absolute(relative: string): string {
    const target = resolve(join(this.prefix, relative));
    if (target !== this.prefix && !target.startsWith(this.prefix + sep)) {
      throw new LocationError(`The resource identifier ${JSON.stringify(relative)} leaves the prefix of ${this.name}.`, { cause: { resourceIdentifier: relative } });
    }
    return target;
  }

  async #findOrCreate(call: CallApi): Promise<string> {
    const [page] = await call([selectWhere(FILE_TYPES.location, ['id'], { name: this.name })], undefined);
    const row = selectRows(page)[0] as { id?: unknown } | undefined;
    if (typeof row?.id === 'string') return row.id;
    const id = randomUuid();
    await call([{ action: 'create', entity_type: FILE_TYPES.location, entity_data: { id, name: this.name } }], undefined);
    return id;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
