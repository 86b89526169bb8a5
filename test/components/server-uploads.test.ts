import { createHash, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { Session } from 'ftrack-codegen';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerHandle } from '../../server/index.js';
import { callApi, query } from '../server/support/api-client.js';
import { batch, failing } from '../server/support/demo-server.js';
import { fixturePath, hasShared, SHARED_MISSING } from '../support/shared.js';

// The local server's upload side (spec components.md 4.4, 4.5, 5.1): get_upload_metadata, signed PUTs, multipart completion.
const SERVER_LOCATION = '3a372bde-05bc-11e4-8908-20c9d081909b';
if (!hasShared) console.warn(`[skip] file server tests: ${SHARED_MISSING}`);

type SingleMetadata = { url: string; headers: Record<string, string>; component_id: string };
type MultiMetadata = { component_id: string; upload_id: string; urls: { signed_url: string; part_number: number }[] };

const md5hex = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');
const bytesOf = (size: number, seed = 1) => Buffer.from(Array.from({ length: size }, (_, i) => (i * 31 + seed) & 0xff));

/** PUT with `headers` except Content-Length (fetch sets it from the body). */
async function put(url: string, body: Buffer, headers: Record<string, string> = {}): Promise<Response> {
  const sent = Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'content-length'));
  return fetch(url, { method: 'PUT', body, headers: sent });
}

async function download(server: ServerHandle, id: string): Promise<Response> {
  return fetch(`${server.url}/component/get?${new URLSearchParams({ id, username: server.apiUser, apiKey: server.apiKey }).toString()}`);
}

describe.skipIf(!hasShared)('file server: uploads', () => {
  let server: ServerHandle;
  beforeAll(async () => {
    server = await startServer({ schema: fixturePath('schemas', 'workspace-a.query_schemas.json'), storage: { memory: true } });
  });
  afterAll(() => server?.close());

  it('single part (JS order): create, metadata, PUT with the returned headers, ComponentLocation, download', async () => {
    const id = randomUUID();
    const body = Buffer.from('{"foo":"bar"}');
    const [, metadata] = (await batch(server, [
      { action: 'create', entity_type: 'FileComponent', entity_data: { id, name: 'data', file_type: '.json', size: body.length, __entity_type__: 'FileComponent' } },
      { action: 'get_upload_metadata', file_name: 'data.json', file_size: body.length, component_id: id, parts: null },
    ])) as [unknown, SingleMetadata];
    expect(metadata.component_id).toBe(id);
    expect(metadata.headers).toEqual({ 'Content-Type': 'application/json', 'Content-Length': '13' });
    expect(metadata.url.startsWith(`${server.url}/component/upload?`)).toBe(true);
    const { 'Content-Length': _length, ...headers } = metadata.headers;
    const response = await put(metadata.url, body, headers);
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe(`"${md5hex(body)}"`);
    expect(response.headers.get('access-control-expose-headers')).toContain('ETag');
    await batch(server, [
      { action: 'create', entity_type: 'ComponentLocation', entity_data: { component_id: id, resource_identifier: id, location_id: SERVER_LOCATION, __entity_type__: 'ComponentLocation' } },
    ]);
    const located = await query(server, `select component_id, resource_identifier, location.name from ComponentLocation where component_id is "${id}"`);
    expect(located.data).toHaveLength(1);
    expect(located.data[0]).toMatchObject({ resource_identifier: id, location: { name: 'ftrack.server' } });
    const got = await download(server, id);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/json');
    expect(got.headers.get('content-disposition')).toBe('attachment; filename="data.json"');
    expect(Buffer.from(await got.arrayBuffer())).toEqual(body);
  });

  it('single part (PY order): metadata before the component exists, Content-MD5 honoured, references in the ComponentLocation', async () => {
    const id = randomUUID();
    const body = bytesOf(883);
    const checksum = createHash('md5').update(body).digest('base64');
    const [metadata] = (await batch(server, [{ action: 'get_upload_metadata', component_id: id, file_name: 'main.png', file_size: body.length, checksum }])) as [SingleMetadata];
    expect(metadata.headers).toEqual({ 'Content-Type': 'image/png', 'Content-Length': '883', 'Content-MD5': checksum });
    const wrongDigest = await put(metadata.url, body, { ...metadata.headers, 'Content-MD5': createHash('md5').update('other').digest('base64') });
    expect(wrongDigest.status).toBe(400);
    expect((await download(server, id)).status).toBe(404);
    expect((await put(metadata.url, body, metadata.headers)).status).toBe(200);
    await batch(server, [
      { action: 'create', entity_type: 'FileComponent', entity_key: [id], entity_data: { __entity_type__: 'FileComponent', id, name: 'main', file_type: '.png', size: 883 } },
      {
        action: 'create',
        entity_type: 'ComponentLocation',
        entity_data: { resource_identifier: id, component: { __entity_type__: 'FileComponent', id }, location: { __entity_type__: 'Location', id: SERVER_LOCATION } },
      },
    ]);
    const row = await query(server, `select system_type, size, file_type, component_locations.location_id from Component where id is "${id}"`);
    expect(row.data[0]).toMatchObject({ __entity_type__: 'FileComponent', system_type: 'file', size: 883, file_type: '.png' });
    expect(Buffer.from(await (await download(server, id)).arrayBuffer())).toEqual(body);
  });

  it('refuses a second ComponentLocation for the same component and location', async () => {
    const id = randomUUID();
    const location = { action: 'create', entity_type: 'ComponentLocation', entity_data: { component_id: id, resource_identifier: id, location_id: SERVER_LOCATION } };
    await batch(server, [{ action: 'create', entity_type: 'FileComponent', entity_data: { id, name: 'x' } }, location]);
    const error = await failing(server, [location]);
    expect(error.exception).toBe('DuplicateEntryError');
  });

  it('re-upload of the same component replaces its data', async () => {
    const id = randomUUID();
    for (const body of [bytesOf(40, 1), bytesOf(25, 2)]) {
      const [metadata] = (await batch(server, [{ action: 'get_upload_metadata', component_id: id, file_name: 'a.bin', file_size: body.length }])) as [SingleMetadata];
      expect((await put(metadata.url, body)).status).toBe(200);
    }
    expect(Buffer.from(await (await download(server, id)).arrayBuffer())).toEqual(bytesOf(25, 2));
  });

  it('refuses a bad signature (403), a changed URL (403), a wrong size (400) and a body over the announced size (413)', async () => {
    const id = randomUUID();
    const body = bytesOf(100);
    const [metadata] = (await batch(server, [{ action: 'get_upload_metadata', component_id: id, file_name: 'a.bin', file_size: 100 }])) as [SingleMetadata];
    const url = new URL(metadata.url);
    const forged = new URL(url);
    forged.searchParams.set('signature', '0'.repeat(64));
    expect((await put(forged.toString(), body)).status).toBe(403);
    const other = new URL(url);
    other.searchParams.set('id', randomUUID());
    expect((await put(other.toString(), body)).status).toBe(403);
    const unsigned = new URL(url);
    unsigned.searchParams.delete('signature');
    expect((await put(unsigned.toString(), body)).status).toBe(403);
    const short = await put(metadata.url, bytesOf(99));
    expect(short.status).toBe(400);
    expect(((await short.json()) as { error_code: string }).error_code).toBe('size_mismatch');
    const declaredTooLarge = await put(metadata.url, bytesOf(101));
    expect(declaredTooLarge.status).toBe(413);
    // Chunked body, no Content-Length: refused while streaming, once it passes 100 bytes.
    expect(await chunkedPut(metadata.url, [bytesOf(60), bytesOf(60)])).toBe(413);
    // 16 MiB still arriving when the answer goes out: the client reads the 413 all the same.
    expect(await chunkedPut(metadata.url, Array.from({ length: 64 }, () => Buffer.alloc(256 * 1024)))).toBe(413);
    expect((await download(server, id)).status).toBe(404);
    expect(await chunkedPut(metadata.url, [bytesOf(60), bytesOf(40)])).toBe(200);
    expect((await download(server, id)).status).toBe(200);
  });

  it('multi part: part URLs, ETags, completion in part order, ETag mismatch and missing parts refused', async () => {
    const id = randomUUID();
    const parts = [bytesOf(1000, 1), bytesOf(1000, 2), bytesOf(500, 3)];
    const whole = Buffer.concat(parts);
    const [, metadata] = (await batch(server, [
      { action: 'create', entity_type: 'FileComponent', entity_data: { id, name: 'plate', file_type: '.exr', size: whole.length } },
      { action: 'get_upload_metadata', file_name: 'plate.exr', file_size: whole.length, component_id: id, parts: 3 },
    ])) as [unknown, MultiMetadata];
    expect(metadata.component_id).toBe(id);
    expect(metadata.urls.map((u) => u.part_number)).toEqual([1, 2, 3]);
    const etags: string[] = [];
    for (const { signed_url, part_number } of [...metadata.urls].reverse()) {
      const response = await put(signed_url, parts[part_number - 1]!);
      expect(response.status).toBe(200);
      etags[part_number - 1] = response.headers.get('etag')!.replace(/"/g, '');
    }
    expect(etags).toEqual(parts.map(md5hex));
    const complete = (e_tags: string[], numbers = [1, 2, 3]) => ({
      action: 'complete_multipart_upload',
      upload_id: metadata.upload_id,
      component_id: id,
      parts: numbers.map((part_number, i) => ({ part_number, e_tag: e_tags[i] })),
    });
    expect((await failing(server, [complete([etags[0]!, md5hex(Buffer.from('x')), etags[2]!])])).error_code).toBe('etag_mismatch');
    expect((await failing(server, [complete([etags[0]!, etags[1]!], [1, 2])])).error_code).toBe('size_mismatch');
    expect((await failing(server, [complete([etags[1]!, etags[0]!, etags[2]!], [2, 1, 3])])).error_code).toBe('invalid_part_order');
    const [done, location] = await batch(server, [
      complete(etags.map((e) => `"${e}"`)),
      { action: 'create', entity_type: 'ComponentLocation', entity_data: { component_id: id, resource_identifier: id, location_id: SERVER_LOCATION } },
    ]);
    expect(done).toMatchObject({ action: 'complete_multipart_upload', component_id: id });
    expect(String(done!.url)).toContain('/component/get?id=');
    expect(location).toMatchObject({ action: 'create' });
    expect(Buffer.from(await (await download(server, id)).arrayBuffer())).toEqual(whole);
    // The upload is finished: its part URLs and a second completion are refused.
    expect((await put(metadata.urls[0]!.signed_url, parts[0]!)).status).toBe(404);
    expect((await failing(server, [complete(etags)])).error_code).toBe('unknown_upload');
  });

  it('a part over the file size is refused with 413', async () => {
    const id = randomUUID();
    const [metadata] = (await batch(server, [{ action: 'get_upload_metadata', file_name: 'a.bin', file_size: 30, component_id: id, parts: 3 }])) as [MultiMetadata];
    expect(await chunkedPut(metadata.urls[0]!.signed_url, [bytesOf(20), bytesOf(20)])).toBe(413);
  });

  it("our runtime Session's call runs the upload actions (metadata, PUT, completion, ComponentLocation)", async () => {
    const session = new Session({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey });
    try {
      const id = randomUUID();
      const parts = [bytesOf(300, 4), bytesOf(300, 5), bytesOf(10, 6)];
      const [metadata] = (await session.call([
        { action: 'get_upload_metadata', component_id: id, file_name: 'clip.mov', file_size: 610, parts: 3 },
      ])) as unknown as [MultiMetadata];
      const etags = [];
      for (const { signed_url, part_number } of metadata.urls) etags.push({ part_number, e_tag: (await put(signed_url, parts[part_number - 1]!)).headers.get('etag')! });
      const [done] = (await session.call([
        { action: 'complete_multipart_upload', upload_id: metadata.upload_id, component_id: id, parts: etags },
        { action: 'create', entity_type: 'FileComponent', entity_data: { id, name: 'clip', file_type: '.mov', size: 610 } },
        { action: 'create', entity_type: 'ComponentLocation', entity_data: { component_id: id, location_id: SERVER_LOCATION, resource_identifier: id } },
      ])) as unknown as [{ component_id: string }];
      expect(done.component_id).toBe(id);
      expect(Buffer.from(await (await download(server, id)).arrayBuffer())).toEqual(Buffer.concat(parts));
    } finally {
      await session.close();
    }
  });

  it('answers CORS preflights for the upload URL', async () => {
    const response = await fetch(`${server.url}/component/upload?id=x`, { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(response.headers.get('access-control-expose-headers')).toContain('ETag');
  });

  it('validates get_upload_metadata input', async () => {
    expect((await failing(server, [{ action: 'get_upload_metadata', component_id: 'c', file_name: 'a', file_size: -1 }])).exception).toBe('ValidationError');
    expect((await failing(server, [{ action: 'get_upload_metadata', file_name: 'a', file_size: 1 }])).exception).toBe('ValidationError');
    expect((await failing(server, [{ action: 'get_upload_metadata', component_id: 'c', file_name: 'a', file_size: 1, parts: 0 }])).exception).toBe('ValidationError');
  });

  it('refuses the upload actions to a read-only user', async () => {
    const readOnly = await startServer({ readOnlyUsers: [{ apiUser: 'viewer', apiKey: 'viewer-key' }], storage: { memory: true } });
    try {
      const { body } = await callApi<{ exception: string }>({ url: readOnly.url, apiUser: 'viewer', apiKey: 'viewer-key' }, [
        { action: 'get_upload_metadata', component_id: 'c', file_name: 'a', file_size: 1 },
      ]);
      expect(body.exception).toBe('PermissionError');
    } finally {
      await readOnly.close();
    }
  });
});

/** PUTs `chunks` with chunked transfer encoding (no Content-Length) and resolves with the status. */
function chunkedPut(url: string, chunks: Buffer[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'PUT', headers: { 'Transfer-Encoding': 'chunked' } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    for (const chunk of chunks) request.write(chunk);
    request.end();
  });
}
