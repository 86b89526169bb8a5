import type { EntityTypeModel, SchemaModel } from '../schema/model.js';
import type { SignalOptions } from '../contract/signal-options.js';
import { FILE_TYPES } from '../contract/file-types.js';
import type { BaseEntity } from '../entity/base-entity.js';
import type { FilesHost } from '../session/files-hook.js';
import { componentAvailability, type ComponentAvailability } from './component-availability.js';
import { componentUrl } from './component-urls.js';
import type { UrlLocation } from './location-url.js';

/** Options of `component.$url(options)`. */
export interface ComponentUrlOptions extends SignalOptions {
  /** The location to read from (any `session.locations.*`); default `ftrack.server`. */
  readonly location?: UrlLocation | undefined;
}

/**
 * Members every component entity has (the schema's `Component` type and every type deriving from
 * it: `FileComponent`, `ContainerComponent`, `SequenceComponent`…). The generated client types
 * them on `Component`.
 */
export interface ComponentMembers {
  /**
   * The URL of the component's data. Without `location`: its `ftrack.server` URL, built without a
   * request (it carries the API key: never log it). With a location: what that location holds,
   * read from its `ComponentLocation` (`LocationError` when the component is not there).
   * @example await component.$url() // https://…/component/get?id=…&username=…&apiKey=…
   * @example await component.$url({ location: session.locations.review })
   * // select resource_identifier from ComponentLocation where component_id is "…" and location_id is "cd41be70-…"
   */
  $url(options?: ComponentUrlOptions): Promise<string>;
  /**
   * Where the component is available now: one entry per `ComponentLocation` (read on every call,
   * never cached, since other clients add and remove data).
   * @example await component.$locations() // [{ locationId: '3a372bde-…', locationName: 'ftrack.server', resourceIdentifier: '…' }]
   * // select location_id, location.name, resource_identifier from ComponentLocation where component_id is "…"
   */
  $locations(options?: SignalOptions): Promise<ComponentAvailability[]>;
}

/**
 * The `$url` / `$locations` members for the entity class of `type` when the schema makes it a
 * component (it is, or derives from, the type `FILE_TYPES.component` names); undefined otherwise.
 */
export function componentMembers(type: EntityTypeModel, schema: SchemaModel, host: () => FilesHost): PropertyDescriptorMap | undefined {
  if (schema.types.get(FILE_TYPES.component)?.family.includes(type.name) !== true) return undefined;
  const members: ComponentMembers & ThisType<BaseEntity> = {
    $url(this: BaseEntity, options: ComponentUrlOptions = {}): Promise<string> {
      const files = host();
      const id = this.$primaryKey()[0]!;
      if (options.location === undefined) return Promise.resolve(componentUrl(files, id));
      return options.location.componentUrl(id, { credentials: files, call: files.call, signal: options.signal });
    },
    $locations(this: BaseEntity, options: SignalOptions = {}): Promise<ComponentAvailability[]> {
      return componentAvailability(host().call, this.$primaryKey()[0]!, options.signal);
    },
  };
  return {
    $url: { value: members.$url, writable: false, enumerable: false, configurable: false },
    $locations: { value: members.$locations, writable: false, enumerable: false, configurable: false },
  };
}
