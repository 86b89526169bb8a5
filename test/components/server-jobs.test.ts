import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigurationError } from '../../runtime/index.js';
import type { EventHub } from '../../server/events/event-hub.js';
import { startServer, type ServerHandle } from '../../server/index.js';
import { query } from '../server/support/api-client.js';
import { batch } from '../server/support/demo-server.js';
import { fixturePath, hasShared, SHARED_MISSING } from '../support/shared.js';

// The local server's encode_media Job over time (spec components.md 1.4, 7): queued for
// `jobs.queuedMs`, running for `jobs.runningMs`, then done with its outputs registered; failed
// when the outputs cannot be registered.
const SERVER_LOCATION = '3a372bde-05bc-11e4-8908-20c9d081909b';
const REVIEW_LOCATION = 'cd41be70-8809-11e3-b98a-20c9d081909b';
const SCHEMA = hasShared ? fixturePath('schemas', 'workspace-a.query_schemas.json') : '';
if (!hasShared) console.warn(`[skip] file server job tests: ${SHARED_MISSING}`);

type JobData = { output: { format: string; component_id: string }[]; source_component_id: string; keep_original: boolean; error?: string };

async function upload(server: ServerHandle, body: Buffer): Promise<string> {
  const id = randomUUID();
  const [, metadata] = (await batch(server, [
    { action: 'create', entity_type: 'FileComponent', entity_data: { id, name: 'clip', file_type: '.mov', size: body.length } },
    { action: 'get_upload_metadata', component_id: id, file_name: 'clip.mov', file_size: body.length },
  ])) as [unknown, { url: string; headers: Record<string, string> }];
  expect((await fetch(metadata.url, { method: 'PUT', body, headers: { 'Content-Type': metadata.headers['Content-Type']! } })).status).toBe(200);
  await batch(server, [{ action: 'create', entity_type: 'ComponentLocation', entity_data: { component_id: id, location_id: SERVER_LOCATION, resource_identifier: id } }]);
  return id;
}

async function jobRow(server: ServerHandle, jobId: string): Promise<{ status: string; data: JobData }> {
  const [row] = (await query(server, `select status, data from Job where id is "${jobId}"`)).data;
  return { status: String(row!.status), data: JSON.parse(String(row!.data)) as JobData };
}

/** Polls the job every 10 ms until `done` or `failed`, recording every status seen (in order, without repeats). */
async function statusesUntilSettled(server: ServerHandle, jobId: string): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < 1000; i++) {
    const { status } = await jobRow(server, jobId);
    if (seen.at(-1) !== status) seen.push(status);
    if (status === 'done' || status === 'failed') return seen;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`job ${jobId} did not settle: ${seen.join(' → ')}`);
}

describe.skipIf(!hasShared)('file server: encode_media jobs over time', () => {
  let server: ServerHandle;
  beforeAll(async () => {
    server = await startServer({ schema: SCHEMA, storage: { memory: true }, seed: 'small', jobs: { queuedMs: 400, runningMs: 500 } });
  });
  afterAll(() => server?.close());

  it('goes queued → running → done; its data lists the outputs at once, they are registered when done', async () => {
    const id = await upload(server, Buffer.from('a movie'));
    const [answer] = await batch(server, [{ action: 'encode_media', component_id: id, version_id: null, keep_original: true }]);
    const jobId = String(answer!.job_id);
    const first = await jobRow(server, jobId);
    expect(first.status).toBe('queued');
    expect(first.data.output.map((o) => o.format)).toEqual(['video/mp4', 'image/png']);
    const outputIds = first.data.output.map((o) => o.component_id);
    // Not registered yet: no component, no ComponentLocation, no data.
    expect((await query(server, `select id from Component where id in (${outputIds.map((o) => `"${o}"`).join(', ')})`)).data).toEqual([]);
    expect((await fetch(`${server.url}/component/get?${new URLSearchParams({ id: outputIds[0]!, username: server.apiUser, apiKey: server.apiKey }).toString()}`)).status).toBe(404);

    expect(await statusesUntilSettled(server, jobId)).toEqual(['queued', 'running', 'done']);
    for (const output of outputIds) {
      const links = await query(server, `select location_id from ComponentLocation where component_id is "${output}"`);
      expect(links.data.map((l) => l.location_id).sort()).toEqual([SERVER_LOCATION, REVIEW_LOCATION].sort());
    }
    const [job] = (await query(server, `select job_components.component_id from Job where id is "${jobId}"`)).data;
    expect((job!.job_components as { component_id: string }[]).map((c) => c.component_id).sort()).toEqual([...outputIds].sort());
    const mp4 = await fetch(`${server.url}/component/get?${new URLSearchParams({ id: outputIds[0]!, username: server.apiUser, apiKey: server.apiKey }).toString()}`);
    expect(Buffer.from(await mp4.arrayBuffer()).toString()).toBe('a movie');
  });

  it('fails, with the reason in data.error, when the source data is removed before it finishes; nothing is registered', async () => {
    const id = await upload(server, Buffer.from('short-lived'));
    const [answer] = await batch(server, [{ action: 'encode_media', component_id: id, version_id: null, keep_original: false }]);
    const jobId = String(answer!.job_id);
    const remove = await fetch(`${server.url}/component/remove?${new URLSearchParams({ id, username: server.apiUser, apiKey: server.apiKey }).toString()}`);
    expect(remove.status).toBe(200);
    expect((await statusesUntilSettled(server, jobId)).at(-1)).toBe('failed');
    const { data } = await jobRow(server, jobId);
    expect(data.error).toMatch(/removed/);
    const outputIds = data.output.map((o) => `"${o.component_id}"`).join(', ');
    expect((await query(server, `select id from Component where id in (${outputIds})`)).data).toEqual([]);
  });

  it('with queuedMs 0 a job starts running at once', async () => {
    await using quick = await startServer({ schema: SCHEMA, storage: { memory: true }, jobs: { queuedMs: 0, runningMs: 400 } });
    const id = await upload(quick, Buffer.from('x'));
    const [answer] = await batch(quick, [{ action: 'encode_media', component_id: id, version_id: null, keep_original: true }]);
    expect((await jobRow(quick, String(answer!.job_id))).status).toBe('running');
    expect(await statusesUntilSettled(quick, String(answer!.job_id))).toEqual(['running', 'done']);
  });

  it("a failing ftrack.update after the server's own batch loses only the event: the job is done and its outputs keep their data", async () => {
    await using quick = await startServer({ schema: SCHEMA, storage: { memory: true }, jobs: { queuedMs: 0, runningMs: 100 } });
    const id = await upload(quick, Buffer.from('published or not'));
    // Someone listens, and publishing breaks: every committed batch (the API's and the server's own) meets the failure.
    vi.spyOn(quick.events as EventHub, 'hasSubscribers', 'get').mockReturnValue(true);
    const publish = vi.spyOn(quick.events, 'publish').mockImplementation(() => {
      throw new Error('hub broken');
    });
    const warnings = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const [answer] = await batch(quick, [{ action: 'encode_media', component_id: id, version_id: null, keep_original: true }]);
      const jobId = String(answer!.job_id);
      expect(await statusesUntilSettled(quick, jobId)).toEqual(['running', 'done']);
      const { data } = await jobRow(quick, jobId);
      expect(data.error).toBeUndefined();
      const mp4 = await fetch(`${quick.url}/component/get?${new URLSearchParams({ id: data.output[0]!.component_id, username: quick.apiUser, apiKey: quick.apiKey }).toString()}`);
      expect(Buffer.from(await mp4.arrayBuffer()).toString()).toBe('published or not');
      expect(publish).toHaveBeenCalled();
      expect(warnings.mock.calls.map(([message]) => String(message))).toContain('ftrack.update not published: hub broken');
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('refuses timings that are not durations', async () => {
    await expect(startServer({ schema: SCHEMA, storage: { memory: true }, jobs: { queuedMs: -1 } })).rejects.toBeInstanceOf(ConfigurationError);
    await expect(startServer({ schema: SCHEMA, storage: { memory: true }, jobs: { runningMs: Number.NaN } })).rejects.toBeInstanceOf(ConfigurationError);
  });
});
