import type { UntypedWorkspace, WorkspaceShape } from '../contract/entity-types.js';
import type { Transport } from '../transport/transport.js';
import { UndiciTransport } from '../transport/undici-transport.js';
import { WebSocket as UndiciWebSocket } from 'undici';
import type { WebSocketConstructor } from '../events/hub-socket.js';
import { EventHub } from '../events/event-hub.js';
import type { EventHubFactory } from '../events/hub-factory.js';
import type { DefaultTransportOptions } from './session-options.js';
import { Session as PortableSession } from './session.js';
import { FILES_HOST } from './files-hook.js';
import type { HttpDispatcher } from '../transport/http-dispatcher.js';
import type { AnyEntity, Entity } from '../contract/entity-types.js';
import { UndiciFileHttp } from '../files/node-file-http.js';
import type { FileHttp } from '../files/file-http.js';
import { nodeSource, type NodeSource } from '../files/node-source.js';
import { NodeLocations } from '../files/node-locations.js';
import { downloadToFile, type DownloadOptions } from '../files/node-download.js';
import type { CreateComponentOptions } from '../files/create-component.js';
import { SessionFiles, type ComponentAvailability, type ComponentOf, type CreateThumbnailOptions, type EncodeMediaOptions } from '../files/session-files.js';
import type { Job } from '../files/job.js';
import type { ContainerMember, CreateContainerOptions } from '../files/create-container.js';
import { parseSequence } from '../files/node-sequence.js';
import { ArgumentError } from '../errors.js';

/**
 * A connection to an ftrack server with an identity map and a unit of work: every entity the
 * server returns is one JavaScript object per type + primary key for the life of the session;
 * changes are recorded on those objects and sent by `commit()` as one batch. On Node, requests go
 * through undici (keep-alive connections; the `dispatcher` option); the browser entry's `Session`
 * sends with `fetch`.
 *
 * @example
 * await using session = new Session(); // FTRACK_SERVER, FTRACK_API_USER, FTRACK_API_KEY
 * const projects = await session.query('Project where status is active').all();
 * // select context_type, id, name from Project where status is active limit 500
 */
export class Session<W extends WorkspaceShape = UntypedWorkspace> extends PortableSession<W> {
  protected static override createTransport(options: DefaultTransportOptions): Transport {
    return new UndiciTransport(options);
  }

  #files: SessionFiles<W> | undefined;

  /** The files API over undici (the session's `dispatcher`), with file paths, streams and disk locations. */
  get #filesApi(): SessionFiles<W> {
    this.#files ??= new SessionFiles<W>(this, {
      http: this.createFileHttp(this[FILES_HOST]().dispatcher),
      prepare: (source, signal) => nodeSource(source as NodeSource, signal),
      locations: (call, componentIdOf) => new NodeLocations(call, componentIdOf),
    });
    return this.#files;
  }

  /** How component data travels: undici with the session's `dispatcher` (else undici's global one). Tests wrap it. */
  protected createFileHttp(dispatcher: HttpDispatcher | undefined): FileHttp {
    return new UndiciFileHttp(dispatcher);
  }

  /**
   * The locations a component can be created in: `server` (`ftrack.server`, the default),
   * `unmanaged` (`ftrack.unmanaged`: a path recorded, nothing copied) and `disk(name, { prefix, structure })`.
   * @example session.locations.disk('studio.nas', { prefix: '/mnt/nas' })
   */
  get locations(): NodeLocations {
    return this.#filesApi.locations as NodeLocations;
  }

  /**
   * Creates a `FileComponent` from a file path (read range by range), a stream (a `Readable`:
   * written to a temporary file first, removed afterwards), a `Blob` or bytes, and registers it in
   * `location` (default `ftrack.server`): the data first (one PUT, or parts `concurrency` at a
   * time, each retried with back-off; `onProgress` monotone, ending at the size), then one batch
   * creating the component and its `ComponentLocation`. A failure or abort before that batch
   * creates nothing (see README "Files").
   * @example await session.createComponent('/renders/plate.exr', { data: { version_id: version.id } })
   * // [{"action": "get_upload_metadata", "component_id": "…", "file_name": "plate.exr", "file_size": 883, "parts": null}]
   * // PUT <url>; then [{"action": "create", "entity_type": "FileComponent", …}, {"action": "create", "entity_type": "ComponentLocation", …}]
   */
  createComponent(source: NodeSource, options?: CreateComponentOptions): Promise<ComponentOf<W>> {
    return this.#filesApi.createComponent(source as never, options);
  }

  /**
   * Where a component is available: one entry per `ComponentLocation`.
   * @example await session.componentLocations(component) // [{ locationId: '3a372bde-…', locationName: 'ftrack.server', resourceIdentifier: '…' }]
   * // select location_id, location.name, resource_identifier from ComponentLocation where component_id is "…"
   */
  componentLocations(component: Entity<string> | string, options?: { readonly signal?: AbortSignal }): Promise<ComponentAvailability[]> {
    return this.#filesApi.componentLocations(component, options);
  }

  /**
   * Creates a `ContainerComponent` (or, with `padding`, a `SequenceComponent`) with one
   * `FileComponent` per member (paths, streams, Blobs or bytes): all members' data first, then one
   * batch registers everything; a failure before it creates nothing.
   * @example await session.createContainer([{ source: '/out/a.json' }, { source: '/out/b.json' }], { name: 'bundle' })
   * // PUT × 2, then [create ContainerComponent {size: Σ}, create FileComponent {container_id} × 2, create ComponentLocation × 3]
   */
  createContainer(members: readonly ContainerMember<NodeSource>[], options?: CreateContainerOptions): Promise<{ readonly container: AnyEntity; readonly members: readonly ComponentOf<W>[] }> {
    return this.#filesApi.createContainer(members as readonly ContainerMember<never>[], options);
  }

  /**
   * A `SequenceComponent` from a pattern `'<head>%0Nd<tail> [<frames>]'`: one member per frame,
   * named by its frame (`0001`), padding N, name and file type from the pattern.
   * @example await session.createSequence('/renders/plate.%04d.exr [1001-1100]', { data: { version_id } })
   * // 100 uploads, then [create SequenceComponent {name: "plate", file_type: ".exr", padding: 4}, create FileComponent {name: "1001", container_id} × 100, create ComponentLocation × 101]
   */
  createSequence(pattern: string, options: Omit<CreateContainerOptions, 'padding'> = {}): Promise<{ readonly container: AnyEntity; readonly members: readonly ComponentOf<W>[] }> {
    const sequence = parseSequence(pattern);
    return this.createContainer(
      sequence.members.map((member) => ({ source: member.path, name: member.name })),
      { ...options, padding: sequence.padding, name: options.name ?? sequence.fileName },
    );
  }

  /**
   * The URL of a component's data in `ftrack.server`. It carries the API key (ftrack authenticates
   * downloads by query parameters): never log it.
   * @example session.getComponentUrl(id) // https://…/component/get?id=…&username=…&apiKey=…
   */
  getComponentUrl(componentId: string): string {
    return this.#filesApi.getComponentUrl(componentId);
  }

  /**
   * The thumbnail URL of a component id, a component, or an entity with `thumbnail_id` (loaded
   * when needed), scaled to fit `size` × `size` (default 300); no thumbnail: the placeholder image.
   * @example await session.thumbnailUrl(version, { size: 100 }) // https://…/component/thumbnail?id=…&size=100&username=…&apiKey=…
   */
  thumbnailUrl(target: string | Entity<string> | null | undefined, options?: { readonly size?: number; readonly signal?: AbortSignal }): Promise<string> {
    return this.#filesApi.thumbnailUrl(target, options);
  }

  /**
   * Uploads `source` to `ftrack.server` as a component named `thumbnail` and sets it as the
   * entity's `thumbnail_id` (one `update`, sent on its own: other pending changes stay pending).
   * @example await session.createThumbnail(version, '/renders/thumb.png')
   * // … createComponent …, then [{"action": "update", "entity_type": "AssetVersion", "entity_key": ["…"], "entity_data": {"thumbnail_id": "…"}}]
   */
  createThumbnail(entity: Entity<string>, source: NodeSource, options?: CreateThumbnailOptions): Promise<ComponentOf<W>> {
    return this.#filesApi.createThumbnail(entity, source as never, options);
  }

  /**
   * Asks the server to encode reviewable media from a component (kept by default) or new data
   * (uploaded first, removed after encoding unless `keepOriginal`); resolves with the `Job`.
   * @example const job = await session.encodeMedia('/renders/review.mov', { versionId: version.id }); await job.done({ pollMs: 500 });
   * // [{"action": "encode_media", "component_id": "…", "version_id": "…", "keep_original": false}] → {"job_id": "…"}
   */
  encodeMedia(source: NodeSource | Entity<string>, options?: EncodeMediaOptions): Promise<Job> {
    return this.#filesApi.encodeMedia(source as never, options);
  }

  /**
   * Streams a component's data in `ftrack.server` to the file `target` (through a partial file
   * renamed at the end: a failure or abort leaves `target` untouched). Resolves with the bytes written.
   * @example await session.download(component, '/tmp/plate.exr', { onProgress: ({ loaded, total }) => … })
   * // GET /component/get?id=…&username=…&apiKey=…
   */
  async download(component: Entity<string> | string, target: string, options: DownloadOptions = {}): Promise<{ readonly path: string; readonly bytes: number }> {
    const files = this.#filesApi;
    const componentId = files.componentIdOf(component, 'download');
    if (componentId === '') throw new ArgumentError('download() takes a component or a component id.', { cause: { component: typeof component } });
    const done = await downloadToFile(files.http, files.getComponentUrl(componentId), target, componentId, options);
    return { path: target, bytes: done.loaded };
  }

  /** The event hub's WebSocket on Node: undici's. */
  protected static override eventHubWebSocket(): WebSocketConstructor {
    return UndiciWebSocket as unknown as WebSocketConstructor;
  }

  /** On Node the event hub is always available. */
  protected static override eventHubFactory(): EventHubFactory {
    return (credentials, options, warn, schema) => new EventHub(credentials, options, warn, schema);
  }
}
