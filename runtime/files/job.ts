import { JobFailedError, NoResultFoundError } from '../errors.js';
import { throwIfAborted } from '../transport/abort.js';
import { selectRows, selectWhere } from './file-queries.js';
import { sleep } from './retry.js';
import type { CallApi } from './server-upload.js';
import { FILE_TYPES } from '../contract/file-types.js';

/** An output of a finished `encode_media` job. */
export interface JobOutput {
  readonly componentId: string;
  /** MIME type, e.g. `video/mp4`, `image/jpeg`. */
  readonly format: string;
}

/** A finished job: its status and its `data` JSON, read. */
export interface JobResult {
  readonly id: string;
  readonly status: 'done';
  /** `Job.data` parsed (the raw string when it is not JSON). */
  readonly data: unknown;
  /** `data.output` of an `encode_media` job (empty for other jobs). */
  readonly outputs: readonly JobOutput[];
}

/** Options of `job.done()`. */
export interface JobWaitOptions {
  readonly signal?: AbortSignal | undefined;
  /** Interval between two status queries, in ms; default 1000. */
  readonly pollMs?: number | undefined;
  /** Called with the status each query read (`queued`, `running`, then `done` or `failed`), e.g. for a progress display. */
  readonly onStatus?: ((status: string) => void) | undefined;
}

/**
 * A server `Job` (e.g. from `encodeMedia`) that can be awaited.
 * @example const result = await job.done({ pollMs: 500 });
 * // select status, data from Job where id is "…" (every 500 ms until done or failed)
 */
export class Job {
  readonly id: string;
  readonly #call: CallApi;

  constructor(id: string, call: CallApi) {
    this.id = id;
    this.#call = call;
  }

  /**
   * Polls the job's status every `pollMs` until it is `done` (resolves with its outputs) or
   * `failed` (`JobFailedError`, the job's `data` in its cause); `RequestAbortedError` on abort,
   * also between two polls (nothing more is sent).
   */
  async done(options: JobWaitOptions = {}): Promise<JobResult> {
    const pollMs = Math.max(1, options.pollMs ?? 1000);
    for (;;) {
      throwIfAborted(options.signal, 'job.done()');
      const [page] = await this.#call([selectWhere(FILE_TYPES.job, ['status', 'data'], { id: this.id })], options.signal);
      const row = selectRows(page)[0] as { status?: unknown; data?: unknown } | undefined;
      if (row === undefined) throw new NoResultFoundError(`Job ${this.id} does not exist.`, { cause: { jobId: this.id } });
      options.onStatus?.(String(row.status));
      if (row.status === 'failed') throw new JobFailedError(`Job ${this.id} failed.`, this.id, { cause: { jobId: this.id, data: row.data } });
      if (row.status === 'done') return result(this.id, row.data);
      await sleep(pollMs, options.signal, 'job.done()');
    }
  }
}

function result(id: string, raw: unknown): JobResult {
  let data: unknown = raw;
  if (typeof raw === 'string') {
    try {
      data = JSON.parse(raw) as unknown;
    } catch {
      data = raw;
    }
  }
  const output = (data as { output?: unknown } | null)?.output;
  const outputs = Array.isArray(output)
    ? output.flatMap((item: { component_id?: unknown; format?: unknown }) =>
        typeof item?.component_id === 'string' ? [{ componentId: item.component_id, format: String(item.format ?? '') }] : [],
      )
    : [];
  return { id, status: 'done', data, outputs };
}
