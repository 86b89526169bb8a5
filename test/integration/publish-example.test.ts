import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, q } from '../../generated/index.js';
import { startServer, type ServerHandle } from '../../server/index.js';
import { runPublish, type PublishSummary } from '../../examples/publish.js';

// examples/publish.ts against the local server on the demo workspace: its summary, the operations it
// prints, and what it left on the server, read back by another session. Then the script as a user
// runs it (no FTRACK_SERVER: it starts its own server) must exit by itself with code 0.
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
let server: ServerHandle;
let summary: PublishSummary;
const lines: string[] = [];

beforeAll(async () => {
  server = await startServer({ storage: { memory: true } });
  summary = await runPublish({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey, log: (line) => lines.push(line) });
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('examples/publish.ts (runPublish)', () => {
  it('round-trips the file: multi-part upload, download equal, disk copy equal, thumbnail served', () => {
    expect(summary).toMatchObject({ bytes: 1024 * 1024, parts: 4, downloadEqual: true, diskEqual: true, thumbnailServed: true, locations: ['ftrack.server'] });
    expect(summary.diskPath).toMatch(/^test\/.+\/v\d{3}\/plate\.exr$/);
    // The demo workspace has Job: encode_media's job is polled until done, its movie served from ftrack.review.
    expect(summary.jobStatuses.at(-1)).toBe('done');
    expect(summary.jobStatuses.length).toBeGreaterThan(1);
    expect(summary.reviewServed).toBe(true);
  });

  it('prints each step with the operations it sends, in order', () => {
    const out = lines.join('\n');
    const order = [
      '1. Publish plate.exr',
      'get_upload_metadata',
      'create FileComponent',
      'complete_multipart_upload',
      'create ComponentLocation',
      '2. Set the version thumbnail',
      'update AssetVersion',
      '3. Download the file',
      'equal to the upload: yes',
      '4. Register the file in a disk location',
      'select id from Location where name is "examples.nas"',
      'resource_identifier":"test/',
      'equal to the source: yes',
      '5. Encode reviewable media',
      'encode_media',
      'select status, data from Job',
      'in ftrack.review> → 200',
    ].map((text) => out.indexOf(text));
    expect(order.every((index) => index >= 0), out).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(out).not.toContain(server.apiKey);
  });

  it('leaves the published components on the server, readable by another session', async () => {
    await using reader = createSession({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey });
    const plates = await reader.query(q.FileComponent.where((c) => c.name.eq('plate')).select('size', 'file_type', 'version_id')).all();
    expect(plates.map((c) => [c.size, c.file_type])).toEqual([[1024 * 1024, '.exr'], [1024 * 1024, '.exr']]);
    const versionId = plates[0]!.version_id!;
    const version = await reader.query(q.AssetVersion.where((v) => v.id.eq(versionId)).select('thumbnail_id')).first();
    expect(version?.thumbnail_id).toEqual(expect.any(String));
    const where = await Promise.all(plates.map(async (c) => (await reader.componentLocations(c.id)).map((l) => l.locationName)));
    expect(where.flat().sort()).toEqual(['examples.nas', 'ftrack.server']);
  });
});

describe('examples/publish.ts (as a script)', () => {
  it('starts its own server, prints "publish OK" and exits by itself with code 0', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'examples/publish.ts'], {
      cwd: repoRoot,
      env: { ...process.env, FTRACK_SERVER: '', FTRACK_API_KEY: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.signal, 'killed by the timeout: something kept the process alive').toBeNull();
    expect(child.status, child.stderr).toBe(0);
    expect(child.stdout).toContain('publish OK');
  }, 70_000);
});
