import { Session } from '@ftrack/api';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerHandle } from '../../server/index.js';
import { query } from '../server/support/api-client.js';
import { fixturePath, hasShared, SHARED_MISSING } from '../support/shared.js';
import { installBrowserGlobals } from './support/node-xhr.js';

// @ftrack/api's createComponent (single and multi-part) uploads to the local server; its URLs resolve there.
if (!hasShared) console.warn(`[skip] official JS client upload tests: ${SHARED_MISSING}`);
const CHUNK = 64 * 1024;

describe.skipIf(!hasShared)('@ftrack/api createComponent against the local server', () => {
  let server: ServerHandle;
  let session: Session;
  let restore: () => void;
  beforeAll(async () => {
    server = await startServer({ schema: fixturePath('schemas', 'workspace-a.query_schemas.json'), storage: { memory: true } });
    session = new Session(server.url, server.apiUser, server.apiKey, { autoConnectEventHub: false });
    await session.initializing;
    restore = installBrowserGlobals(CHUNK);
  });
  afterAll(async () => {
    restore?.();
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
});
