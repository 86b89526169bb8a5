import { randomUUID } from 'node:crypto';
import { apiError } from '../api/api-error.js';
import { rowKey } from '../store/row.js';
import type { Workspace } from '../store/workspace.js';
import { createEntity } from '../write/create-entity.js';
import { parseEntityKey, requireRow } from '../write/entity-ref.js';
import { updateEntity } from '../write/update-entity.js';
import type { WriteContext } from '../write/write-context.js';
import { FILE_RULES, REVIEWABLE_OUTPUTS } from '../rules/file-rules.js';
import type { BlobStorage } from './blob-storage.js';
import type { FileIndex } from './file-index.js';
import { placeholderPng } from './png.js';

/** What `encode_media` writes besides rows. */
export interface EncodeContext {
  readonly storage: BlobStorage;
  readonly index: FileIndex;
}

/**
 * `encode_media` (spec 7) without transcoding: in the calling batch, creates one FileComponent
 * per `REVIEWABLE_OUTPUTS` entry (a copy of the source's bytes, shared not duplicated, or a tiny
 * PNG), registers each in `ftrack.server` and `ftrack.review`, and a Job in status `done` whose
 * `data` lists them (`{output: [{format, component_id}], source_component_id, keep_original}`),
 * linked through JobComponents; with `version_id`, outputs belong to the version and the image
 * becomes its thumbnail. The source must have data on the server.
 *
 * @example
 * encodeMedia(files, context, { action: 'encode_media', component_id: id, version_id: null, keep_original: false });
 * // { job_id: '…' } — Job.status 'done', Job.data '{"output": [{"format": "video/mp4", "component_id": "…"}, …], …}'
 */
export function encodeMedia(files: EncodeContext, context: WriteContext, operation: Record<string, unknown>): { job_id: string } {
  const { workspace } = context;
  const sourceId = operation.component_id;
  if (typeof sourceId !== 'string' || sourceId === '') throw apiError('ValidationError', 'encode_media: "component_id" must be a component id.', 'invalid_operation');
  const missing = [FILE_RULES.job.type, FILE_RULES.jobComponent.type, FILE_RULES.component.fileType, FILE_RULES.componentLocation.type].filter((t) => !workspace.model.types.has(t));
  if (missing.length > 0) throw apiError('ServerError', `encode_media needs the ${missing.join(', ')} type(s), which this server's schema lacks.`, 'unsupported_schema');
  const source = files.index.get(sourceId);
  if (source === undefined) throw apiError('ValidationError', `encode_media: component ${sourceId} has no data in ${FILE_RULES.locations.server}; upload it first.`, 'no_component_data');
  const versionId = operation.version_id ?? null;
  if (versionId !== null && typeof versionId !== 'string') throw apiError('ValidationError', 'encode_media: "version_id" must be a version id or null.', 'invalid_operation');
  const version = versionId === null ? undefined : requireRow(workspace, FILE_RULES.version.type, parseEntityKey(workspace, FILE_RULES.version.type, [versionId]));
  const keepOriginal = operation.keep_original === true;
  const locations = [FILE_RULES.locations.server, FILE_RULES.locations.review].map((name) => locationId(workspace, name));
  const jobId = randomUUID();
  const output: { format: string; component_id: string }[] = [];
  let thumbnailId: string | undefined;
  for (const spec of REVIEWABLE_OUTPUTS) {
    const id = randomUUID();
    if (spec.source === 'copy') {
      files.index.set({ id, size: source.size, blobs: source.blobs, etag: source.etag });
    } else {
      const bytes = placeholderPng();
      const blob = files.storage.newBlob();
      files.storage.writeSmall(blob, bytes);
      files.index.set({ id, size: bytes.length, blobs: [blob], etag: '' });
    }
    const c = FILE_RULES.component;
    const values: Record<string, unknown> = { id, [c.name]: spec.name, [c.extension]: spec.extension, [c.size]: files.index.get(id)!.size };
    if (versionId !== null) values[c.version] = versionId;
    create(context, c.fileType, values);
    const link = FILE_RULES.componentLocation;
    for (const location of locations) create(context, link.type, { [link.component]: id, [link.location]: location, [link.resourceIdentifier]: id });
    output.push({ format: spec.format, component_id: id });
    if (spec.thumbnail) thumbnailId ??= id;
  }
  const job = FILE_RULES.job;
  const data = { output, source_component_id: sourceId, keep_original: keepOriginal };
  create(context, job.type, { id: jobId, [job.status]: job.done, [job.jobType]: job.apiJob, [job.data]: JSON.stringify(data) });
  const jobComponent = FILE_RULES.jobComponent;
  for (const item of output) create(context, jobComponent.type, { [jobComponent.component]: item.component_id, [jobComponent.job]: jobId });
  if (version !== undefined && thumbnailId !== undefined && workspace.graph.type(version.type).attributes.has(FILE_RULES.version.thumbnail)) {
    updateEntity(context, { action: 'update', entity_type: version.type, entity_key: [versionId], entity_data: { [FILE_RULES.version.thumbnail]: thumbnailId } });
  }
  return { job_id: jobId };
}

function create(context: WriteContext, type: string, values: Record<string, unknown>): void {
  createEntity(context, { action: 'create', entity_type: type, entity_data: { __entity_type__: type, ...values } });
}

function locationId(workspace: Workspace, name: string): string {
  const { type, name: column } = FILE_RULES.location;
  const key = rowKey({ type, values: { [column]: name }, seq: 0 }, [column]);
  const row = key === undefined || !workspace.model.types.has(type) ? undefined : [...workspace.store.find(workspace.graph.root(type), [column], key)][0];
  if (row === undefined) throw apiError('ServerError', `encode_media: the built-in location ${name} is missing on this server.`, 'missing_location');
  return String(row.values[workspace.graph.type(row.type).primaryKey[0]!]);
}
