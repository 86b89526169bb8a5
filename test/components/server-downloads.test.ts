import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePng, encodePng } from '../../server/files/png.js';
import { startServer, type ServerHandle } from '../../server/index.js';
import { query } from '../server/support/api-client.js';
import { batch, failing } from '../server/support/demo-server.js';
import { fixturePath, hasShared, SHARED_MISSING } from '../support/shared.js';

// The local server's download side (spec components.md 5, 6, 7): /component/get|remove|thumbnail, encode_media, storage.
const SERVER_LOCATION = '3a372bde-05bc-11e4-8908-20c9d081909b';
const REVIEW_LOCATION = 'cd41be70-8809-11e3-b98a-20c9d081909b';
const SCHEMA = hasShared ? fixturePath('schemas', 'workspace-a.query_schemas.json') : '';
if (!hasShared) console.warn(`[skip] file server tests: ${SHARED_MISSING}`);

type SingleMetadata = { url: string; headers: Record<string, string> };

/** Uploads `body` as component `id` (created as a FileComponent named `name`) and registers it in ftrack.server. */
async function upload(server: ServerHandle, body: Buffer, name = 'main', extension = '.bin', id = randomUUID()): Promise<string> {
  const [, metadata] = (await batch(server, [
    { action: 'create', entity_type: 'FileComponent', entity_data: { id, name, file_type: extension, size: body.length } },
    { action: 'get_upload_metadata', component_id: id, file_name: `${name}${extension}`, file_size: body.length },
  ])) as [unknown, SingleMetadata];
  const response = await fetch(metadata.url, { method: 'PUT', body, headers: { 'Content-Type': metadata.headers['Content-Type']! } });
  expect(response.status).toBe(200);
  await batch(server, [{ action: 'create', entity_type: 'ComponentLocation', entity_data: { component_id: id, location_id: SERVER_LOCATION, resource_identifier: id } }]);
  return id;
}

function endpoint(server: ServerHandle, path: string, params: Record<string, string>, credentials = true): string {
  const all = credentials ? { ...params, username: server.apiUser, apiKey: server.apiKey } : params;
  return `${server.url}${path}?${new URLSearchParams(all).toString()}`;
}

/** A `width` × `height` RGBA gradient PNG. */
function gradient(width: number, height: number): Buffer {
  const pixels = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) pixels.set([i % 256, (i >> 8) % 256, 128, 255], i * 4);
  return encodePng({ width, height, pixels });
}

describe.skipIf(!hasShared)('file server: downloads, thumbnails, encode_media', () => {
  let server: ServerHandle;
  beforeAll(async () => {
    // The small seed has versions to attach thumbnails and encoded media to. Jobs finish within
    // the encode_media call here (server-jobs.test.ts covers queued → running → done over time).
    server = await startServer({ schema: SCHEMA, storage: { memory: true }, seed: 'small', jobs: { queuedMs: 0, runningMs: 0 } });
  });
  afterAll(() => server?.close());

  it('/component/get needs valid credentials (query parameters or headers)', async () => {
    const body = Buffer.from('secret bytes');
    const id = await upload(server, body, 'notes', '.txt');
    expect((await fetch(endpoint(server, '/component/get', { id }, false))).status).toBe(401);
    expect((await fetch(`${server.url}/component/get?${new URLSearchParams({ id, username: server.apiUser, apiKey: 'wrong' }).toString()}`)).status).toBe(401);
    const viaHeaders = await fetch(endpoint(server, '/component/get', { id }, false), { headers: { 'ftrack-user': server.apiUser, 'ftrack-api-key': server.apiKey } });
    expect(viaHeaders.status).toBe(200);
    expect(viaHeaders.headers.get('content-type')).toBe('text/plain');
    expect(Buffer.from(await viaHeaders.arrayBuffer())).toEqual(body);
  });

  it('HEAD gives the headers only; other methods are 405', async () => {
    const id = await upload(server, Buffer.from('twelve bytes'), 'head', '.txt');
    const head = await fetch(endpoint(server, '/component/get', { id }), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('12');
    expect((await fetch(endpoint(server, '/component/get', { id }), { method: 'POST', body: 'x' })).status).toBe(405);
    expect((await fetch(`${server.url}/component/upload`, { method: 'GET' })).status).toBe(405);
  });

  it('/component/remove deletes the data only; get and remove then answer 404 (spec A1)', async () => {
    const id = await upload(server, Buffer.from('to be removed'));
    expect((await fetch(endpoint(server, '/component/remove', { id }))).status).toBe(200);
    expect((await fetch(endpoint(server, '/component/get', { id }))).status).toBe(404);
    expect((await fetch(endpoint(server, '/component/remove', { id }))).status).toBe(404);
    expect((await query(server, `select id from ComponentLocation where component_id is "${id}"`)).data).toHaveLength(1);
  });

  it('deleting a FileComponent without a ComponentLocation succeeds (JS failure cleanup)', async () => {
    const id = randomUUID();
    await batch(server, [{ action: 'create', entity_type: 'FileComponent', entity_data: { id, name: 'orphan', size: 3 } }]);
    expect(await batch(server, [{ action: 'delete', entity_type: 'FileComponent', entity_key: [id] }])).toEqual([{ action: 'delete', data: true }]);
  });

  it('refuses to delete built-in locations and locations that still hold components', async () => {
    expect((await failing(server, [{ action: 'delete', entity_type: 'Location', entity_key: [SERVER_LOCATION] }])).error_code).toBe('protected_row');
    const location = randomUUID();
    const id = randomUUID();
    await batch(server, [
      { action: 'create', entity_type: 'Location', entity_data: { id: location, name: 'studio.nas' } },
      { action: 'create', entity_type: 'FileComponent', entity_data: { id, name: 'x' } },
      { action: 'create', entity_type: 'ComponentLocation', entity_data: { component_id: id, location_id: location, resource_identifier: '/mnt/x' } },
    ]);
    expect((await failing(server, [{ action: 'delete', entity_type: 'Location', entity_key: [location] }])).error_code).toBe('still_in_use');
    const [link] = (await query(server, `select id from ComponentLocation where location_id is "${location}"`)).data;
    await batch(server, [
      { action: 'delete', entity_type: 'ComponentLocation', entity_key: [link!.id] },
      { action: 'delete', entity_type: 'Location', entity_key: [location] },
    ]);
  });

  it('/component/thumbnail scales a PNG to fit size × size keeping the aspect ratio (768×576 → 10×8)', async () => {
    const png = gradient(768, 576);
    const id = await upload(server, png, 'thumbnail', '.png');
    const scaled = await fetch(endpoint(server, '/component/thumbnail', { id, size: '10' }));
    expect(scaled.status).toBe(200);
    expect(scaled.headers.get('content-type')).toBe('image/png');
    const image = decodePng(Buffer.from(await scaled.arrayBuffer()));
    expect([image?.width, image?.height]).toEqual([10, 8]);
    const tall = await upload(server, gradient(40, 200), 'tall', '.png');
    const tallImage = decodePng(Buffer.from(await (await fetch(endpoint(server, '/component/thumbnail', { id: tall, size: '50' }))).arrayBuffer()));
    expect([tallImage?.width, tallImage?.height]).toEqual([10, 50]);
    // Without size: the stored bytes.
    expect(Buffer.from(await (await fetch(endpoint(server, '/component/thumbnail', { id }))).arrayBuffer()).equals(png)).toBe(true);
    expect((await fetch(endpoint(server, '/component/thumbnail', { id: randomUUID(), size: '10' }))).status).toBe(404);
    expect((await fetch(endpoint(server, '/component/thumbnail', { id }, false))).status).toBe(401);
  });

  it('a thumbnail_id set on a version resolves through thumbnail and is served scaled', async () => {
    const id = await upload(server, gradient(40, 20), 'thumbnail', '.png');
    const [version] = (await query(server, 'select id from AssetVersion limit 1')).data;
    await batch(server, [{ action: 'update', entity_type: 'AssetVersion', entity_key: [version!.id], entity_data: { thumbnail_id: id } }]);
    const [read] = (await query(server, `select thumbnail.name, thumbnail_id from AssetVersion where id is "${String(version!.id)}"`)).data;
    expect(read).toMatchObject({ thumbnail_id: id, thumbnail: { name: 'thumbnail' } });
    const image = decodePng(Buffer.from(await (await fetch(endpoint(server, '/component/thumbnail', { id, size: '4' }))).arrayBuffer()));
    expect([image?.width, image?.height]).toEqual([4, 2]);
  });

  it('/img/thumbnail2.png is a PNG placeholder, no credentials needed', async () => {
    const response = await fetch(`${server.url}/img/thumbnail2.png`);
    expect(response.status).toBe(200);
    expect(decodePng(Buffer.from(await response.arrayBuffer()))?.width).toBe(16);
  });

  it('encode_media returns a Job that is done, with outputs in ftrack.server and ftrack.review', async () => {
    const source = Buffer.from('not really a movie');
    const id = await upload(server, source, 'clip', '.mov');
    const [answer] = await batch(server, [{ action: 'encode_media', component_id: id, version_id: null, keep_original: false }]);
    const jobId = String(answer!.job_id);
    const [job] = (await query(server, `select status, type, data, user_id, job_components.component_id from Job where id is "${jobId}"`)).data;
    expect(job).toMatchObject({ status: 'done', type: 'api_job' });
    const [me] = (await query(server, `select id from User where username is "${server.apiUser}"`)).data;
    expect(me?.id).toBeTruthy();
    expect(job!.user_id).toBe(me!.id);
    const data = JSON.parse(String(job!.data)) as { output: { format: string; component_id: string }[]; source_component_id: string; keep_original: boolean };
    expect(data.source_component_id).toBe(id);
    expect(data.keep_original).toBe(false);
    expect(data.output.map((o) => o.format)).toEqual(['video/mp4', 'image/png']);
    expect((job!.job_components as { component_id: string }[]).map((c) => c.component_id).sort()).toEqual(data.output.map((o) => o.component_id).sort());
    for (const output of data.output) {
      const links = await query(server, `select location_id from ComponentLocation where component_id is "${output.component_id}"`);
      expect(links.data.map((l) => l.location_id).sort()).toEqual([SERVER_LOCATION, REVIEW_LOCATION].sort());
      expect((await fetch(endpoint(server, '/component/get', { id: output.component_id }))).status).toBe(200);
    }
    const mp4 = await fetch(endpoint(server, '/component/get', { id: data.output[0]!.component_id }));
    expect(Buffer.from(await mp4.arrayBuffer())).toEqual(source);
    const [component] = (await query(server, `select name, file_type from Component where id is "${data.output[0]!.component_id}"`)).data;
    expect(component).toMatchObject({ name: 'ftrackreview-mp4', file_type: '.mp4' });
    // The source's data stays while the copy shares it; removing the source keeps the output.
    expect((await fetch(endpoint(server, '/component/remove', { id }))).status).toBe(200);
    expect(Buffer.from(await (await fetch(endpoint(server, '/component/get', { id: data.output[0]!.component_id }))).arrayBuffer())).toEqual(source);
  });

  it('encode_media with a version: outputs belong to the version, the image becomes its thumbnail', async () => {
    const id = await upload(server, Buffer.from('frames'), 'clip', '.mov');
    const [version] = (await query(server, 'select id from AssetVersion limit 1')).data;
    const versionId = String(version!.id);
    const [answer] = await batch(server, [{ action: 'encode_media', component_id: id, version_id: versionId, keep_original: true }]);
    const [job] = (await query(server, `select data from Job where id is "${String(answer!.job_id)}"`)).data;
    const data = JSON.parse(String(job!.data)) as { output: { format: string; component_id: string }[]; keep_original: boolean };
    expect(data.keep_original).toBe(true);
    const outputs = await query(server, `select id, version_id from Component where version_id is "${versionId}" and name like "ftrackreview-%"`);
    expect(outputs.data.map((c) => c.id)).toEqual(expect.arrayContaining(data.output.map((o) => o.component_id)));
    const [read] = (await query(server, `select thumbnail_id from AssetVersion where id is "${versionId}"`)).data;
    expect(read!.thumbnail_id).toBe(data.output.find((o) => o.format.startsWith('image/'))!.component_id);
  });

  it('encode_media refuses a component without data', async () => {
    expect((await failing(server, [{ action: 'encode_media', component_id: randomUUID(), version_id: null, keep_original: true }])).error_code).toBe('no_component_data');
  });
});

describe.skipIf(!hasShared)('file server: storage', () => {
  it('--storage DIR keeps the data across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'files-server-test-'));
    try {
      const first = await startServer({ schema: SCHEMA, storage: dir });
      const id = await upload(first, Buffer.from('kept'));
      // An unfinished multipart upload: its part is deleted at the next start.
      const [multi] = (await batch(first, [{ action: 'get_upload_metadata', component_id: randomUUID(), file_name: 'a.bin', file_size: 30, parts: 3 }])) as [
        { urls: { signed_url: string }[] },
      ];
      expect((await fetch(multi.urls[0]!.signed_url, { method: 'PUT', body: Buffer.alloc(10) })).status).toBe(200);
      expect(readdirSync(join(dir, 'blobs'))).toHaveLength(2);
      await first.close();
      const second = await startServer({ schema: SCHEMA, storage: dir });
      try {
        const response = await fetch(endpoint(second, '/component/get', { id }));
        expect(Buffer.from(await response.arrayBuffer()).toString()).toBe('kept');
        expect(readdirSync(join(dir, 'blobs'))).toHaveLength(1);
      } finally {
        await second.close();
      }
      expect(existsSync(dir)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an unusable --storage folder is a ConfigurationError', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'files-server-test-')), 'a-file');
    writeFileSync(file, 'not a folder');
    await expect(startServer({ schema: SCHEMA, storage: file })).rejects.toThrow(/Cannot use the storage folder/);
    rmSync(dirname(file), { recursive: true, force: true });
  });

  it('the default temporary folder is removed when the server closes', async () => {
    const server = await startServer({ schema: SCHEMA });
    const id = await upload(server, Buffer.alloc(1000, 7));
    expect((await fetch(endpoint(server, '/component/get', { id }))).status).toBe(200);
    // The folder whose records hold this component (other test files may run servers at the same time).
    const record = `${createHash('sha256').update(id).digest('hex')}.json`;
    const folders = readdirSync(tmpdir())
      .filter((name) => name.startsWith('ftrack-codegen-files-'))
      .map((name) => join(tmpdir(), name))
      .filter((folder) => existsSync(join(folder, 'records', record)));
    expect(folders).toHaveLength(1);
    await server.close();
    expect(existsSync(folders[0]!)).toBe(false);
  });
});
