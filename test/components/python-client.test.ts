import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Session, type AnyEntity, type BaseEntity } from '../../runtime/index.js';
import { encodePng } from '../../server/files/png.js';
import { pythonPeerMissing, runPythonPeer } from '../fidelity/support/python-peer.js';
import { runServe } from '../server/support/run-serve.js';
import { fixturePath, hasShared, repoRoot, SHARED_MISSING } from '../support/shared.js';
import { tempDir } from '../support/temp-dirs.js';

// Issue 15, acceptance 3: the official Python client's file workflows against `ftrack-codegen serve
// --storage DIR` (upload to ftrack.server, get_url, thumbnails, a sequence, encode_media,
// remove_component); then OUR client reads what it uploaded back, typed, and downloads the same bytes.
const missing = hasShared ? pythonPeerMissing() : SHARED_MISSING;
if (missing) console.warn(`[skip] ${missing}`);

type Step = Record<string, unknown> & { step: string };

describe.skipIf(missing !== null)('the official Python client uploads to and downloads from serve', () => {
  const runs: ReturnType<typeof runServe>[] = [];
  afterAll(() => runs.forEach((run) => run.child.kill('SIGTERM')));

  it('create_component, get_url, thumbnails, sequences, encode_media, remove_component', async () => {
    const files = tempDir('files-python');
    const pixels = new Uint8Array(768 * 576 * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 13) & 0xff));
    writeFileSync(join(files, 'render.png'), encodePng({ width: 768, height: 576, pixels }));
    const schema = fixturePath('schemas', 'workspace-a.query_schemas.json');
    const run = runServe(['--schema', schema, '--seed', 'small', '--api-user', 'py-user', '--api-key', 'py-key', '--storage', tempDir('files-python-storage')]);
    runs.push(run);
    await run.started;
    const url = /listening on (http:\/\/\S+)/.exec(run.output())![1]!;
    const result = await runPythonPeer(join(repoRoot, 'test', 'components', 'support', 'python-files.py'), { url, apiUser: 'py-user', apiKey: 'py-key' }, { FILES_DIR: files });
    const steps = new Map<string, Step>();
    for (const line of result.stdout.split('\n')) if (line.startsWith('step: ')) steps.set((JSON.parse(line.slice(6)) as Step).step, JSON.parse(line.slice(6)) as Step);
    expect(result.code, `${result.stdout}\n${result.stderr.split('\n').slice(-15).join('\n')}`).toBe(0);
    expect(steps.get('single')).toMatchObject({ name: 'main', file_type: '.png', availability: 100, status: 200, same: true });
    expect(steps.get('thumbnail-url')).toEqual({ step: 'thumbnail-url', status: 200, width: 10, height: 8 });
    expect(steps.get('create-thumbnail')).toEqual({ step: 'create-thumbnail', same: true, name: 'thumbnail' });
    expect(steps.get('sequence')).toMatchObject({ file_type: '.exr', size: 600, members: 3, availability: 100, member_bytes: [100, 200, 300] });
    // The job is read back right after the call (queued or, on a slow machine, running), then polled until done.
    expect(['queued', 'running']).toContain(steps.get('encode-media')!.first_status);
    expect(steps.get('encode-media')).toMatchObject({ status: 'done', keep_original: false, outputs_served: [200, 200] });
    expect(steps.get('removed')).toEqual({ step: 'removed', status: 404, links: 0 });
    expect(steps.has('done')).toBe(true);

    const ours = new Session({ serverUrl: url, apiUser: 'py-user', apiKey: 'py-key' });
    try {
      const png = readFileSync(join(files, 'render.png'));
      const single = steps.get('single')!;
      const removed = await ours.query(`select name, file_type, size, component_locations from FileComponent where id is "${String(single.id)}"`).one();
      expect(removed.$type).toBe('FileComponent');
      expect((removed as unknown as BaseEntity).toJSON()).toMatchObject({ name: 'main', file_type: '.png', size: png.length });
      expect(Array.from(removed.component_locations as Iterable<AnyEntity>)).toEqual([]);
      const keptId = String(steps.get('kept')!.id);
      const kept = await ours.query(`select name, file_type, size, component_locations.location.name from FileComponent where id is "${keptId}"`).one();
      expect(kept.$type).toBe('FileComponent');
      expect((kept as unknown as BaseEntity).toJSON()).toMatchObject({ name: 'kept', file_type: '.png', size: png.length });
      expect(Array.from(kept.component_locations as Iterable<AnyEntity>, (link) => (link.location as AnyEntity).name)).toEqual(['ftrack.server']);
      const target = join(files, 'kept.png');
      expect((await ours.download(kept, target)).bytes).toBe(png.length);
      expect(readFileSync(target).equals(png)).toBe(true);
    } finally {
      await ours.close();
    }
  }, 180_000);
});
