import { DiskLocation, type DiskLocationOptions } from './node-disk-location.js';
import type { CallApi } from './server-upload.js';
import { Locations, type ComponentIdOf } from './session-files.js';

/** The Node entry's `session.locations`: the built-in ones and disk locations. */
export class NodeLocations extends Locations {
  readonly #call: CallApi;
  readonly #componentIdOf: ComponentIdOf;
  readonly #disks = new Map<string, DiskLocation>();

  constructor(call: CallApi, componentIdOf: ComponentIdOf) {
    super();
    this.#call = call;
    this.#componentIdOf = componentIdOf;
  }

  /**
   * A disk location named `name` (its `Location` row is found by name, or created) whose data
   * lives under `prefix`; the same name gives the same object.
   * @example session.locations.disk('studio.nas', { prefix: '/mnt/nas' }) // select id from Location where name is "studio.nas"
   */
  disk(name: string, options: DiskLocationOptions): DiskLocation {
    let location = this.#disks.get(name);
    if (location === undefined) {
      location = new DiskLocation(name, options, this.#call, this.#componentIdOf);
      this.#disks.set(name, location);
    }
    return location;
  }
}
