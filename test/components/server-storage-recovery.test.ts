import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ConfigurationError } from '../../runtime/errors.js';
import { startServer, type ServerHandle } from '../../server/index.js';
import { batch } from '../server/support/demo-server.js';
import { tempDir } from '../support/temp-dirs.js';

// --storage DIR: good records are served again after a stop; a damaged record stops the start and deletes nothing;
// a storage failure under an upload is reported (a process warning), not taken for a client that went away.
type SingleMetadata = { url: string; headers: Record<string, string> };

/** Creates a FileComponent and announces an upload of `size` bytes. */
async function announce(server: ServerHandle, id: string, size: number): Promise<SingleMetadata> {
  const [, metadata] = (await batch(server, [
    { action: 'create', entity_type: 'FileComponent', entity_data: { id, name: 'kept', file_type: '.bin', size } },
    { action: 'get_upload_metadata', component_id: id, file_name: 'kept.bin', file_size: size },
  ])) as [unknown, SingleMetadata];
  return metadata;
}

/** Creates a FileComponent and PUTs `body` as its data. */
async function upload(server: ServerHandle, body: Buffer): Promise<string> {
  const id = randomUUID();
  const metadata = await announce(server, id, body.length);
  const response = await fetch(metadata.url, { method: 'PUT', body, headers: { 'Content-Type': metadata.headers['Content-Type']! } });
  expect(response.status).toBe(200);
  return id;
}

function getComponent(server: ServerHandle, id: string): Promise<Response> {
  return fetch(`${server.url}/component/get?${new URLSearchParams({ id, username: server.apiUser, apiKey: server.apiKey }).toString()}`);
}

/** Starts a server on `dir`: it serves component `id` ('kept bytes') and its blobs folder holds exactly `blobs`. */
async function expectServedAgain(dir: string, id: string, blobs: readonly string[]): Promise<void> {
  const server = await startServer({ storage: dir });
  try {
    const response = await getComponent(server, id);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).toString()).toBe('kept bytes');
    expect(readdirSync(join(dir, 'blobs'))).toEqual(blobs);
  } finally {
    await server.close();
  }
}

describe('file server: --storage DIR recovery', () => {
  /** A storage folder holding one uploaded component (its record and blob). */
  async function storedComponent(): Promise<{ dir: string; id: string; record: string; blobs: string[] }> {
    const dir = tempDir('files-recovery');
    const server = await startServer({ storage: dir });
    const id = await upload(server, Buffer.from('kept bytes'));
    await server.close();
    const [record] = readdirSync(join(dir, 'records'));
    expect(record).toMatch(/\.json$/);
    return { dir, id, record: join(dir, 'records', record!), blobs: readdirSync(join(dir, 'blobs')) };
  }

  it('a storage folder that fails under an upload (here: its blobs folder is gone) is reported as a warning; nothing is stored', async () => {
    const dir = tempDir('files-recovery');
    await using server = await startServer({ storage: dir });
    const id = randomUUID();
    const metadata = await announce(server, id, 4);
    rmSync(join(dir, 'blobs'), { recursive: true });
    const warnings = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      await expect(fetch(metadata.url, { method: 'PUT', body: Buffer.from('lost'), headers: { 'Content-Type': metadata.headers['Content-Type']! } })).rejects.toThrow();
      const messages = warnings.mock.calls.map(([message]) => String(message));
      expect(messages).toEqual([expect.stringMatching(/^upload not stored: ENOENT: .*open '.*blobs/)]);
      // No query string (signature, credentials) in the warning.
      expect(messages[0]).not.toContain('?');
    } finally {
      warnings.mockRestore();
    }
    expect((await getComponent(server, id)).status).toBe(404);
  });

  it('a good storage folder is served again after a restart', async () => {
    const { dir, id, blobs } = await storedComponent();
    expect(blobs).toHaveLength(1);
    await expectServedAgain(dir, id, blobs);
  });

  it.each([
    ['bad JSON', '{"id": "trunc'],
    ['not a component record', '{"id": 42}'],
    ['a record filed under another key', JSON.stringify({ id: 'another-component', size: 1, blobs: [], etag: '' })],
  ])('a damaged record (%s) stops the start with a ConfigurationError naming it; no blob is deleted', async (_case, damaged) => {
    const { dir, id, record, blobs } = await storedComponent();
    const good = readFileSync(record, 'utf8');
    // A blob no record names (an unfinished upload) would be swept by a normal start: it must survive too.
    const orphan = randomUUID();
    writeFileSync(join(dir, 'blobs', orphan), 'part');
    writeFileSync(record, damaged);
    const start = startServer({ storage: dir });
    await expect(start).rejects.toThrow(ConfigurationError);
    await expect(start).rejects.toMatchObject({ code: 'CONFIGURATION', message: expect.stringContaining(record) as unknown });
    expect(readdirSync(join(dir, 'blobs')).sort()).toEqual([...blobs, orphan].sort());
    // Repaired, the folder serves the data again (and only then is the orphan swept).
    writeFileSync(record, good);
    await expectServedAgain(dir, id, blobs);
  });
});
