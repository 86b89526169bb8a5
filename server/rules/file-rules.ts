/**
 * ftrack's own rules for files (docs: server/README.md, "Files"; spec components.md): the
 * built-in location names, the entity types and columns the upload, download and `encode_media`
 * code reads and writes, and the reviewable outputs `encode_media` produces. Like
 * `ftrack-rules.ts`, this is data: `server/files/` names no entity type or attribute itself, and
 * every rule applies only where the served schema has the type it names.
 *
 * @example
 * FILE_RULES.locations.server; // 'ftrack.server' — the location whose data the server stores
 */
export const FILE_RULES = {
  /** Built-in location names (their rows are seeded by the bootstrap with the well-known ids). */
  locations: {
    server: 'ftrack.server',
    review: 'ftrack.review',
    unmanaged: 'ftrack.unmanaged',
    origin: 'ftrack.origin',
    connect: 'ftrack.connect',
  },
  /** Location rows: type and name column. */
  location: { type: 'Location', name: 'name' },
  /** Components: the family, the type `encode_media` creates, and the columns it reads. */
  component: { family: 'Component', fileType: 'FileComponent', name: 'name', extension: 'file_type', size: 'size', version: 'version_id' },
  /** "Component C is in location L under resource identifier R". */
  componentLocation: { type: 'ComponentLocation', component: 'component_id', location: 'location_id', resourceIdentifier: 'resource_identifier' },
  /** `encode_media`'s job, its attachments and the job's fixed values; its statuses in the order a job goes through them. */
  job: { type: 'Job', status: 'status', jobType: 'type', data: 'data', queued: 'queued', running: 'running', done: 'done', failed: 'failed', apiJob: 'api_job', finishedAt: 'finished_at' },
  jobComponent: { type: 'JobComponent', component: 'component_id', job: 'job_id' },
  /** The version an `encode_media` with `version_id` links outputs to; its image output becomes the thumbnail. */
  version: { type: 'AssetVersion', thumbnail: 'thumbnail_id' },
} as const;

/** Where an encoded output's bytes come from: a copy of the source, or a tiny generated PNG. */
export type ReviewableSource = 'copy' | 'placeholder-png';

/** One reviewable output of `encode_media` (no transcoding: see `source`). */
export interface ReviewableOutput {
  /** Component name, per ftrack's reviewable naming (`ftrackreview-mp4`, `ftrackreview-image`). */
  readonly name: string;
  /** `format` in the job's `data.output`. */
  readonly format: string;
  /** `file_type` of the output component. */
  readonly extension: string;
  readonly source: ReviewableSource;
  /** With a `version_id`, this output becomes the version's thumbnail. */
  readonly thumbnail: boolean;
}

/**
 * The outputs of `encode_media`, registered in `ftrack.server` (their data is served by
 * `/component/get`) and in `ftrack.review` ([I]: the real encoder's placement is unknown).
 */
export const REVIEWABLE_OUTPUTS: readonly ReviewableOutput[] = [
  { name: 'ftrackreview-mp4', format: 'video/mp4', extension: '.mp4', source: 'copy', thumbnail: false },
  { name: 'ftrackreview-image', format: 'image/png', extension: '.png', source: 'placeholder-png', thumbnail: true },
];
