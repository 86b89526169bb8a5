import { Session } from '@ftrack/api';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session as OurSession } from '../../runtime/index.js';
import { decodePng, encodePng } from '../../server/files/png.js';
import { startServer, type ServerHandle } from '../../server/index.js';
import { query } from '../server/support/api-client.js';
import { fixturePath, hasShared, SHARED_MISSING } from '../support/shared.js';
import { tempDir } from '../support/temp-dirs.js';
import { installBrowserGlobals } from '../../bench/support/files-node-xhr.js';

// Issue 15, acceptance 2: @ftrack/api's createComponent (single and multi-part) uploads to the local
// server and OUR client downloads the same bytes; the JS client's getComponentUrl and thumbnailUrl resolve there.
if (!hasShared) console.warn(`[skip] official JS client upload tests: ${SHARED_MISSING}`);
const CHUNK = 64 * 1024;

describe.skipIf(!hasShared)('@ftrack/api createComponent against the local server', () => {
  let server: ServerHandle;
  let session: Session;
  let ours: OurSession;
  let restore: () => void;
  const folder = tempDir('files-official-js');
  beforeAll(async () => {
    server = await startServer({ schema: fixturePath('schemas', 'workspace-a.query_schemas.json'), storage: { memory: true } });
    session = new Session(server.url, server.apiUser, server.apiKey, { autoConnectEventHub: false });
    ours = new OurSession({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey });
    await session.initializing;
    restore = installBrowserGlobals(CHUNK);
  });
  afterAll(async () => {
    restore?.();
    await ours?.close();
    await server?.close();
  });

  const digest = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');

  async function roundTrip(size: number, name: string): Promise<{ id: string; metadata: Record<string, unknown> }> {
    const bytes = new Uint8Array(size).map((_, i) => (i * 7 + size) & 0xff);
    const progress: number[] = [];
    const [component, , metadata] = await session.createComponent(new File([bytes], name), { onProgress: (p: number) => progress.push(p) });
    const id = String(component.data.id);
    expect(progress.at(-1)).toBe(100);
    const [row] = (await query(server, `select name, file_type, size, system_type, component_locations.location.name from Component where id is "${id}"`)).data;
    expect(row).toMatchObject({ file_type: '.bin', size, system_type: 'file', component_locations: [{ location: { name: 'ftrack.server' } }] });
    const url = session.getComponentUrl(id)!;
    const downloaded = new Uint8Array(await (await fetch(url)).arrayBuffer());
    expect(downloaded.length).toBe(size);
    expect(digest(downloaded)).toBe(digest(bytes));
    // Our client: the component reads back typed, and its download (streamed to disk) has the same bytes.
    const typed = await ours.query(`select id, name, file_type, size from FileComponent where id is "${id}"`).one();
    expect(typed.$type).toBe('FileComponent');
    expect([typed.name, typed.file_type, typed.size]).toEqual([name.replace(/\.bin$/, ''), '.bin', size]);
    const target = join(folder, `${id}.bin`);
    expect((await ours.download(id, target)).bytes).toBe(size);
    expect(digest(new Uint8Array(readFileSync(target)))).toBe(digest(bytes));
    expect(ours.getComponentUrl(id)).toBe(url);
    return { id, metadata: metadata as unknown as Record<string, unknown> };
  }

  it('single part (≤ 2 chunks)', async () => {
    const { metadata } = await roundTrip(CHUNK + 10, 'single.bin');
    expect(metadata.url).toBeTypeOf('string');
  });

  it('multi part (5 chunks, sent from the end, 6 at a time)', async () => {
    const { metadata } = await roundTrip(4 * CHUNK + 123, 'multi.bin');
    // The uploader consumes `urls` as it sends the parts; `upload_id` marks the multi-part form.
    expect(metadata.upload_id).toBeTypeOf('string');
  });

  it('thumbnailUrl resolves (placeholder without id, 404 for an unknown one)', async () => {
    expect((await fetch(session.thumbnailUrl(null as unknown as string))).status).toBe(200);
    expect((await fetch(session.thumbnailUrl('00000000-0000-0000-0000-000000000000', { size: 10 }))).status).toBe(404);
  });

  it('thumbnailUrl of a PNG uploaded with createComponent serves it scaled (40×30 → 10×8); our thumbnailUrl agrees', async () => {
    const pixels = new Uint8Array(40 * 30 * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 5) & 0xff));
    const png = encodePng({ width: 40, height: 30, pixels });
    const [component] = await session.createComponent(new File([new Uint8Array(png)], 'thumb.png'));
    const id = String(component.data.id);
    const response = await fetch(session.thumbnailUrl(id, { size: 10 }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const image = decodePng(Buffer.from(await response.arrayBuffer()));
    expect(image).toMatchObject({ width: 10, height: 8 });
    const theirs = new URL(session.thumbnailUrl(id, { size: 10 }));
    const mine = new URL(await ours.thumbnailUrl(id, { size: 10 }));
    expect(mine.pathname).toBe(theirs.pathname);
    expect(mine.searchParams.get('id')).toBe(id);
  });
});
