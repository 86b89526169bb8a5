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

/**
 * How long an `encode_media` job takes on the local server: `queuedMs` in `queued`, then
 * `runningMs` in `running`, then `done` (its outputs registered). Both 0: the job is done within
 * the `encode_media` call itself.
 */
export interface JobTimings {
  readonly queuedMs: number;
  readonly runningMs: number;
}

/** Default job timings: a short wait in each status, so that polling clients see them go by. */
export const DEFAULT_JOB_TIMINGS: JobTimings = { queuedMs: 50, runningMs: 150 };

/** What `encode_media` writes besides rows, and how it moves a job on later. */
export interface EncodeContext {
  readonly storage: BlobStorage;
  readonly index: FileIndex;
  readonly timings: JobTimings;
  /** Runs `work` after `ms` (timers the file service clears when the server closes). */
  schedule(ms: number, work: () => void): void;
  /** Applies operations as one batch of the server's own (journaled, published as `ftrack.update`); the refusal reason, or undefined when applied. */
  apply(operations: Record<string, unknown>[]): string | undefined;
}

type Operation = Record<string, unknown>;

/**
 * `encode_media` (spec 7) without transcoding. In the calling batch: checks the source (it must
 * have data on the server) and the version, and creates the Job — status `queued`, `data`
 * already listing the outputs (`{output: [{format, component_id}], source_component_id,
 * keep_original}`). After `timings.queuedMs` the job is `running`; after `timings.runningMs` more,
 * one batch of the server's own creates one FileComponent per `REVIEWABLE_OUTPUTS` entry (a copy
 * of the source's bytes, shared not duplicated, or a tiny PNG), registers each in `ftrack.server`
 * and `ftrack.review`, links them through JobComponents (with `version_id`: to the version, the
 * image becoming its thumbnail) and sets the job `done`. When that batch is refused (e.g. the
 * version was deleted meanwhile) or the source's data is gone, the job is `failed` with the reason
 * in `data.error`. With both timings 0 everything happens in the calling batch.
 *
 * @example
 * encodeMedia(files, context, { action: 'encode_media', component_id: id, version_id: null, keep_original: false });
 * // { job_id: '…' } — Job.status 'queued', then 'running', then 'done'; Job.data '{"output": [{"format": "video/mp4", "component_id": "…"}, …], …}'
 */
export function encodeMedia(files: EncodeContext, context: WriteContext, operation: Record<string, unknown>): { job_id: string } {
  const { workspace } = context;
  const sourceId = operation.component_id;
  if (typeof sourceId !== 'string' || sourceId === '') throw apiError('ValidationError', 'encode_media: "component_id" must be a component id.', 'invalid_operation');
  const missing = [FILE_RULES.job.type, FILE_RULES.jobComponent.type, FILE_RULES.component.fileType, FILE_RULES.componentLocation.type].filter((t) => !workspace.model.types.has(t));
  if (missing.length > 0) throw apiError('ServerError', `encode_media needs the ${missing.join(', ')} type(s), which this server's schema lacks.`, 'unsupported_schema');
  if (files.index.get(sourceId) === undefined) throw apiError('ValidationError', `encode_media: component ${sourceId} has no data in ${FILE_RULES.locations.server}; upload it first.`, 'no_component_data');
  const versionId = operation.version_id ?? null;
  if (versionId !== null && typeof versionId !== 'string') throw apiError('ValidationError', 'encode_media: "version_id" must be a version id or null.', 'invalid_operation');
  const version = versionId === null ? undefined : requireRow(workspace, FILE_RULES.version.type, parseEntityKey(workspace, FILE_RULES.version.type, [versionId]));
  const keepOriginal = operation.keep_original === true;
  const locations = [FILE_RULES.locations.server, FILE_RULES.locations.review].map((name) => locationId(workspace, name));
  const jobId = randomUUID();
  const outputs = REVIEWABLE_OUTPUTS.map((spec) => ({ spec, id: randomUUID() }));
  const job = FILE_RULES.job;
  const data = { output: outputs.map(({ spec, id }) => ({ format: spec.format, component_id: id })), source_component_id: sourceId, keep_original: keepOriginal };
  const thumbnail = version !== undefined && workspace.graph.type(version.type).attributes.has(FILE_RULES.version.thumbnail) ? { type: version.type, id: versionId! } : undefined;
  const finish = (): Operation[] => [...registerOutputs(files, sourceId, outputs, locations, versionId, jobId, thumbnail), setStatus(jobId, job.done)];
  const { queuedMs, runningMs } = files.timings;
  if (queuedMs <= 0 && runningMs <= 0) {
    createJob(context, { id: jobId, [job.status]: job.done, [job.jobType]: job.apiJob, [job.data]: JSON.stringify(data) });
    for (const write of finish().slice(0, -1)) apply(context, write);
    return { job_id: jobId };
  }
  createJob(context, { id: jobId, [job.status]: queuedMs > 0 ? job.queued : job.running, [job.jobType]: job.apiJob, [job.data]: JSON.stringify(data) });
  // The batch that created the job may have been refused: then there is nothing to move on.
  const jobExists = () => workspace.getRow(job.type, [jobId]) !== undefined;
  if (queuedMs > 0) {
    files.schedule(queuedMs, () => {
      if (!jobExists()) return;
      const refused = files.apply([setStatus(jobId, job.running)]);
      if (refused !== undefined) process.emitWarning(`encode_media job ${jobId} not set running: ${refused}`);
    });
  }
  files.schedule(queuedMs + runningMs, () => {
    if (!jobExists()) return;
    let failure: string | undefined;
    try {
      failure = files.apply(finish());
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    if (failure === undefined) return;
    for (const { id } of outputs) files.index.remove(id);
    const refused = files.apply([{ action: 'update', entity_type: job.type, entity_key: [jobId], entity_data: { [job.status]: job.failed, [job.data]: JSON.stringify({ ...data, error: failure }) } }]);
    if (refused !== undefined) process.emitWarning(`encode_media job ${jobId} failed (${failure}), but could not be marked failed: ${refused}`);
  });
  return { job_id: jobId };
}

/** The writes that register the outputs (their data stored first) and link them to the job and the version. */
function registerOutputs(
  files: EncodeContext,
  sourceId: string,
  outputs: readonly { readonly spec: (typeof REVIEWABLE_OUTPUTS)[number]; readonly id: string }[],
  locations: readonly string[],
  versionId: string | null,
  jobId: string,
  thumbnail: { readonly type: string; readonly id: string } | undefined,
): Operation[] {
  const source = files.index.get(sourceId);
  if (source === undefined) throw new Error(`the data of the source component ${sourceId} was removed before encoding finished`);
  const c = FILE_RULES.component;
  const link = FILE_RULES.componentLocation;
  const jobComponent = FILE_RULES.jobComponent;
  const writes: Operation[] = [];
  let thumbnailId: string | undefined;
  for (const { spec, id } of outputs) {
    if (spec.source === 'copy') {
      files.index.set({ id, size: source.size, blobs: source.blobs, etag: source.etag });
    } else {
      const bytes = placeholderPng();
      const blob = files.storage.newBlob();
      files.storage.writeSmall(blob, bytes);
      files.index.set({ id, size: bytes.length, blobs: [blob], etag: '' });
    }
    const values: Record<string, unknown> = { id, [c.name]: spec.name, [c.extension]: spec.extension, [c.size]: files.index.get(id)!.size };
    if (versionId !== null) values[c.version] = versionId;
    writes.push(createOperation(c.fileType, values));
    for (const location of locations) writes.push(createOperation(link.type, { [link.component]: id, [link.location]: location, [link.resourceIdentifier]: id }));
    writes.push(createOperation(jobComponent.type, { [jobComponent.component]: id, [jobComponent.job]: jobId }));
    if (spec.thumbnail) thumbnailId ??= id;
  }
  if (thumbnail !== undefined && thumbnailId !== undefined) {
    writes.push({ action: 'update', entity_type: thumbnail.type, entity_key: [thumbnail.id], entity_data: { [FILE_RULES.version.thumbnail]: thumbnailId } });
  }
  return writes;
}

function setStatus(jobId: string, status: string): Operation {
  return { action: 'update', entity_type: FILE_RULES.job.type, entity_key: [jobId], entity_data: { [FILE_RULES.job.status]: status } };
}

function createOperation(type: string, values: Record<string, unknown>): Operation {
  return { action: 'create', entity_type: type, entity_data: { __entity_type__: type, ...values } };
}

/** Creates the job row in the calling batch. */
function createJob(context: WriteContext, values: Record<string, unknown>): void {
  createEntity(context, createOperation(FILE_RULES.job.type, values));
}

function apply(context: WriteContext, operation: Operation): void {
  if (operation.action === 'create') createEntity(context, operation);
  else updateEntity(context, operation);
}

function locationId(workspace: Workspace, name: string): string {
  const { type, name: column } = FILE_RULES.location;
  const key = rowKey({ type, values: { [column]: name }, seq: 0 }, [column]);
  const row = key === undefined || !workspace.model.types.has(type) ? undefined : [...workspace.store.find(workspace.graph.root(type), [column], key)][0];
  if (row === undefined) throw apiError('ServerError', `encode_media: the built-in location ${name} is missing on this server.`, 'missing_location');
  return String(row.values[workspace.graph.type(row.type).primaryKey[0]!]);
}
