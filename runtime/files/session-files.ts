import { ArgumentError, MalformedResponseError } from '../errors.js';
import { isEntity, type BaseEntity } from '../entity/base-entity.js';
import type { SchemaModel } from '../schema/model.js';
import type { AnyEntity, Entity, UntypedWorkspace, WorkspaceShape } from '../contract/entity-types.js';
import type { Session } from '../session/session.js';
import { FILES_HOST, type FilesHost } from '../session/files-hook.js';
import { componentUrl, thumbnailUrl } from './component-urls.js';
import { createComponent, type CreateComponentOptions, type CreatedComponent } from './create-component.js';
import { createContainer, type ContainerMember, type CreateContainerOptions } from './create-container.js';
import { FetchFileHttp } from './fetch-file-http.js';
import type { FileHttp } from './file-http.js';
import { Job } from './job.js';
import { ReviewLocation, ServerLocation, UnmanagedLocation } from './portable-locations.js';
import { OriginLocation } from './origin-location.js';
import { componentAvailability, type ComponentAvailability } from './component-availability.js';
import type { ComponentMembers } from './component-members.js';
import type { CallApi, UploadOptions } from './server-upload.js';
import { splitFileName } from './upload-plan.js';
import { portableSource, type PortableSource, type UploadSource } from './upload-source.js';
import { FILE_TYPES } from '../contract/file-types.js';

/** Options of `session.createThumbnail(entity, source, options)`. */
export interface CreateThumbnailOptions extends UploadOptions {
  /** The component's file name; default `thumbnail` plus the source's extension. */
  readonly name?: string | undefined;
}

/** Options of `session.encodeMedia(source, options)`. */
export interface EncodeMediaOptions extends UploadOptions {
  /** The `AssetVersion` the reviewable outputs belong to. */
  readonly versionId?: string | undefined;
  /** Keep the source component after encoding; default false for new data, true for an existing component. */
  readonly keepOriginal?: boolean | undefined;
  /** The source component's file name, for new data. */
  readonly name?: string | undefined;
}

/** The locations every session knows (the built-in ones); the Node entry adds disk locations. */
export class Locations {
  /** `ftrack.server`: uploaded to the ftrack server. */
  readonly server = new ServerLocation();
  /** `ftrack.unmanaged`: a path recorded as it is, nothing copied. */
  readonly unmanaged = new UnmanagedLocation();
  /** `ftrack.review`: reviewable media (`encodeMedia`'s outputs); a path or URL recorded, nothing copied. */
  readonly review = new ReviewLocation();
  /** `ftrack.origin`: the source as given, registered in this session's memory only (no `ComponentLocation`). */
  readonly origin = new OriginLocation();
}

export type { ComponentAvailability } from './component-availability.js';

/** The entity type `createComponent` resolves with: the workspace's `FileComponent` (untyped: any entity with `$url` / `$locations`). */
export type ComponentOf<W extends WorkspaceShape> = W['entities'] extends { FileComponent: infer C } ? (C extends ComponentMembers ? C : C & ComponentMembers) : AnyEntity & ComponentMembers;

/** A source made ready for upload, and what releases it (a Node temporary file). */
export interface PreparedSource {
  readonly source: UploadSource;
  dispose(): Promise<void>;
}

/** A component's id from an id or an entity of the session (`SessionFiles.componentIdOf`). */
export type ComponentIdOf = (component: Entity<string> | string, what: string) => string;

/** How a `SessionFiles` is set up (the Node entry passes undici, file paths and disk locations). */
export interface SessionFilesOptions {
  /** How data travels; default `fetch` (`FetchFileHttp`). */
  readonly http?: FileHttp | undefined;
  /** Turns a source into an `UploadSource`; default: Blob, bytes, or an `UploadSource`. */
  readonly prepare?: ((source: unknown, signal: AbortSignal | undefined) => Promise<PreparedSource>) | undefined;
  /** The `locations` object; default the built-in ones. */
  readonly locations?: ((call: CallApi, componentIdOf: ComponentIdOf) => Locations) | undefined;
}

/**
 * The files API of a session: components from data, their URLs, thumbnails, encoding, locations.
 * The Node `Session` has these as methods (`session.createComponent(…)`); in browsers take them
 * from `sessionFiles(session)` (kept out of the session so that apps without files do not carry them).
 * @example const files = sessionFiles(session); await files.createComponent(file, { data: { version_id } });
 */
export class SessionFiles<W extends WorkspaceShape = UntypedWorkspace> {
  readonly #host: FilesHost;
  readonly #http: FileHttp;
  readonly #prepare: (source: unknown, signal: AbortSignal | undefined) => Promise<PreparedSource>;
  /** The locations a component can be created in: `server` (`ftrack.server`, the default) and `unmanaged`. */
  readonly locations: Locations;

  constructor(session: Session<W>, options: SessionFilesOptions = {}) {
    this.#host = session[FILES_HOST]();
    this.#http = options.http ?? new FetchFileHttp();
    this.#prepare = options.prepare ?? ((source) => Promise.resolve({ source: portableSource(source as PortableSource), dispose: () => Promise.resolve() }));
    this.locations = options.locations?.(this.#host.call, (component, what) => this.componentIdOf(component, what)) ?? new Locations();
  }

  /** The transport of file data (for downloads). */
  get http(): FileHttp {
    return this.#http;
  }

  /**
   * Creates a `FileComponent` from `source` and registers it in `location` (default
   * `ftrack.server`): the data first (one PUT, or parts `concurrency` at a time, each retried with
   * back-off; `onProgress` monotone, ending at the size), then one batch creating the component and
   * its `ComponentLocation`. A failure or abort before that batch creates nothing.
   * @example await files.createComponent(file, { data: { version_id: version.id } })
   * // [{"action": "get_upload_metadata", "component_id": "…", "file_name": "plate.exr", "file_size": 883, "parts": null}]
   * // PUT <url>; then [{"action": "create", "entity_type": "FileComponent", …}, {"action": "create", "entity_type": "ComponentLocation", …}]
   */
  async createComponent(source: PortableSource, options: CreateComponentOptions = {}): Promise<ComponentOf<W>> {
    return (await this.#create<ComponentOf<W>>(source, options)).component;
  }

  /**
   * The URL of a component's data in `ftrack.server`. It carries the API key (ftrack authenticates
   * downloads by query parameters): never log it.
   * @example files.getComponentUrl(id) // https://…/component/get?id=…&username=…&apiKey=…
   */
  getComponentUrl(componentId: string): string {
    return componentUrl(this.#host, componentId);
  }

  /**
   * The thumbnail URL of a component id, a component, or an entity with `thumbnail_id` (loaded),
   * scaled to fit `size` × `size` (default 300); no thumbnail: the server's placeholder image.
   * @example files.thumbnailUrl(version, { size: 100 }) // https://…/component/thumbnail?id=…&size=100&username=…&apiKey=…
   */
  async thumbnailUrl(target: string | Entity<string> | null | undefined, options: { readonly size?: number; readonly signal?: AbortSignal } = {}): Promise<string> {
    const size = options.size ?? 300;
    if (target === null || target === undefined || typeof target === 'string') return thumbnailUrl(this.#host, target, size);
    const entity = this.#host.own(target, 'thumbnailUrl');
    return thumbnailUrl(this.#host, await thumbnailIdOf(await this.#host.schema(options.signal), entity, options.signal), size);
  }

  /**
   * Uploads `source` to `ftrack.server` as a component named `thumbnail` and sets it as the
   * entity's `thumbnail_id` (one `update`, sent on its own: other pending changes stay pending).
   * @example await files.createThumbnail(version, image)
   * // … createComponent …, then [{"action": "update", "entity_type": "AssetVersion", "entity_key": ["…"], "entity_data": {"thumbnail_id": "…"}}]
   */
  async createThumbnail(entity: Entity<string>, source: PortableSource, options: CreateThumbnailOptions = {}): Promise<ComponentOf<W>> {
    const own = this.#host.own(entity, 'createThumbnail');
    const model = await this.#host.schema(options.signal);
    if (!model.types.get(own.$type)?.attributes.has('thumbnail_id')) {
      throw new ArgumentError(`createThumbnail() takes an entity whose type has \`thumbnail_id\`; ${own.$type} has none.`, { cause: { entityType: own.$type } });
    }
    const prepared = await this.#prepare(source, options.signal);
    try {
      const fileName = prepared.source.fileName;
      const extension = fileName === undefined ? '' : splitFileName(fileName).fileType;
      const created = await createComponent<BaseEntity>(this.#host, prepared.source, {
        ...options,
        name: options.name ?? `thumbnail${extension}`,
        location: this.locations.server,
      }, this.#http);
      const componentId = created.component.$primaryKey()[0];
      await this.#host.call([{ action: 'update', entity_type: own.$type, entity_key: own.$primaryKey(), entity_data: { thumbnail_id: componentId } }], undefined);
      return created.component as unknown as ComponentOf<W>;
    } finally {
      await prepared.dispose();
    }
  }

  /**
   * Asks the server to encode reviewable media from a component (kept by default) or new data
   * (uploaded to `ftrack.server` first, removed after encoding unless `keepOriginal`); resolves
   * with the `Job`: `await job.done({ signal, pollMs })`.
   * @example const job = await files.encodeMedia(movie, { versionId: version.id }); await job.done();
   * // [{"action": "encode_media", "component_id": "…", "version_id": "…", "keep_original": false}] → {"job_id": "…"}
   */
  async encodeMedia(source: PortableSource | Entity<string>, options: EncodeMediaOptions = {}): Promise<Job> {
    let componentId: string;
    let keepOriginal: boolean;
    if (isEntity(source)) {
      componentId = this.#host.own(source, 'encodeMedia').$primaryKey()[0]!;
      keepOriginal = options.keepOriginal ?? true;
    } else {
      keepOriginal = options.keepOriginal ?? false;
      const data = keepOriginal && options.versionId !== undefined ? { version_id: options.versionId } : undefined;
      const created = await this.#create<BaseEntity>(source, { ...options, data });
      componentId = created.component.$primaryKey()[0]!;
    }
    const [answer] = await this.#host.call(
      [{ action: 'encode_media', component_id: componentId, version_id: options.versionId ?? null, keep_original: keepOriginal }],
      options.signal,
    );
    const jobId = (answer as { job_id?: unknown } | undefined)?.job_id;
    if (typeof jobId !== 'string') throw new MalformedResponseError('The server answered encode_media without a `job_id`.', { action: 'encode_media', operationIndex: 0 });
    return new Job(jobId, this.#host.call);
  }

  /**
   * Where a component is available: one entry per `ComponentLocation` (location id and name,
   * resource identifier); the same as `component.$locations()`.
   * @example await files.componentLocations(component) // [{ locationId: '3a372bde-…', locationName: 'ftrack.server', resourceIdentifier: '…' }]
   * // select location_id, location.name, resource_identifier from ComponentLocation where component_id is "…"
   */
  async componentLocations(component: Entity<string> | string, options: { readonly signal?: AbortSignal } = {}): Promise<ComponentAvailability[]> {
    return componentAvailability(this.#host.call, this.componentIdOf(component, 'componentLocations'), options.signal);
  }

  /**
   * The id of a component given as an id or as an entity of this session (another session's entity:
   * `ArgumentError` naming `what`).
   * @example files.componentIdOf(component, 'download') // '…' (the component's id)
   */
  componentIdOf(component: Entity<string> | string, what: string): string {
    return typeof component === 'string' ? component : this.#host.own(component, what).$primaryKey()[0]!;
  }

  /**
   * Creates a `ContainerComponent` (or, with `padding`, a `SequenceComponent`) with one
   * `FileComponent` per member: all members' data first, then one batch registers everything.
   * @example await files.createContainer([{ source: a, name: '0001' }, { source: b, name: '0002' }], { name: 'plate.exr', padding: 4 })
   * // PUTs …, then [create SequenceComponent {padding: 4, size: Σ}, create FileComponent {name: "0001", container_id} ×2, create ComponentLocation ×3]
   */
  async createContainer(members: readonly ContainerMember<PortableSource>[], options: CreateContainerOptions = {}): Promise<{ readonly container: AnyEntity; readonly members: readonly ComponentOf<W>[] }> {
    const prepared: PreparedSource[] = [];
    try {
      for (const member of members) prepared.push(await this.#prepare(member.source, options.signal));
      const created = await createContainer<AnyEntity>(
        this.#host,
        prepared.map((entry, index) => ({ source: entry.source, name: members[index]!.name })),
        { ...options, location: options.location ?? this.locations.server },
        this.#http,
      );
      return { container: created.component, members: created.members as ComponentOf<W>[] };
    } finally {
      await Promise.all(prepared.map((entry) => entry.dispose()));
    }
  }

  async #create<C>(source: unknown, options: CreateComponentOptions): Promise<CreatedComponent<C>> {
    const prepared = await this.#prepare(source, options.signal);
    try {
      const location = options.location === undefined ? this.locations.server : options.location;
      return await createComponent<C>(this.#host, prepared.source, { ...options, location }, this.#http);
    } finally {
      await prepared.dispose();
    }
  }
}

const BY_SESSION = new WeakMap<object, SessionFiles<WorkspaceShape>>();

/**
 * The files API of `session` (made once per session; `fetch` for data): `createComponent` from a
 * `Blob`/`File` or bytes, `getComponentUrl`, `thumbnailUrl`, `createThumbnail`, `encodeMedia`,
 * `locations`. The Node `Session` has the same as methods, with file paths, streams and `download`.
 * @example const files = sessionFiles(session);
 * const component = await files.createComponent(input.files[0], { onProgress: ({ loaded, total }) => bar(loaded / total) });
 */
export function sessionFiles<W extends WorkspaceShape>(session: Session<W>): SessionFiles<W> {
  let files = BY_SESSION.get(session) as SessionFiles<W> | undefined;
  if (files === undefined) {
    files = new SessionFiles<W>(session);
    BY_SESSION.set(session, files as unknown as SessionFiles<WorkspaceShape>);
  }
  return files;
}

async function thumbnailIdOf(model: SchemaModel, entity: BaseEntity, signal: AbortSignal | undefined): Promise<string | null> {
  const type = model.types.get(entity.$type);
  if (type?.attributes.has('thumbnail_id')) return (await entity.$get('thumbnail_id' as never, { signal })) as string | null;
  // A component is its own thumbnail (a type of the schema's Component family).
  if (model.types.get(FILE_TYPES.component)?.family.includes(entity.$type)) return entity.$primaryKey()[0] ?? null;
  throw new ArgumentError(`thumbnailUrl() takes a component id, a component or an entity with \`thumbnail_id\`; ${entity.$type} has none.`, {
    cause: { entityType: entity.$type },
  });
}
