import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../server/support/api-client.js';
import { runServe } from '../server/support/run-serve.js';
import { fixturePath, hasShared, SHARED_MISSING } from '../support/shared.js';
import { tempDir } from '../support/temp-dirs.js';

// A 512 MiB upload and download through `ftrack-codegen serve --storage DIR` (a child process):
// the data streams to disk, so the server's peak RSS (Linux VmHWM) grows far less than the file.
const SIZE = 512 * 1024 * 1024;
const CHUNK = 1024 * 1024;
const canMeasure = existsSync('/proc/self/status');
if (!hasShared) console.warn(`[skip] large upload test: ${SHARED_MISSING}`);
if (!canMeasure) console.warn('[skip] large upload test: no /proc/<pid>/status to read the peak RSS from');

function peakRssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'))!;
  return Number(/(\d+)/.exec(line)![1]) / 1024;
}

/** SIZE bytes in 1 MiB chunks (each chunk's first byte is its index), and their MD5. */
function generated(hash: ReturnType<typeof createHash>): Readable {
  let index = 0;
  return new Readable({
    read() {
      if (index * CHUNK >= SIZE) return void this.push(null);
      const chunk = Buffer.alloc(CHUNK, index & 0xff);
      chunk[0] = (index >> 8) & 0xff;
      index++;
      hash.update(chunk);
      this.push(chunk);
    },
  });
}

describe.skipIf(!hasShared || !canMeasure)('file server: a 512 MiB upload with bounded memory', () => {
  const storage = tempDir('files-large');
  const serve = runServe(['--schema', hasShared ? fixturePath('schemas', 'workspace-a.query_schemas.json') : '', '--api-key', 'large-key', '--storage', storage]);
  let url = '';
  beforeAll(async () => {
    await serve.started;
    url = /FTRACK_SERVER=(\S+)/.exec(serve.output())![1]!;
  }, 60_000);
  afterAll(async () => {
    serve.child.kill('SIGTERM');
    await serve.exited;
  });

  it('streams to disk and back; the peak RSS grows by less than 96 MiB', async () => {
    const server = { url, apiUser: 'admin', apiKey: 'large-key' };
    const before = peakRssMiB(serve.child.pid!);
    const id = '11111111-2222-3333-4444-555555555555';
    const { body } = await callApi<{ url: string }[]>(server, [{ action: 'get_upload_metadata', component_id: id, file_name: 'big.bin', file_size: SIZE }]);
    const sent = createHash('md5');
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(body[0]!.url, { method: 'PUT', headers: { 'Content-Length': String(SIZE) } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      generated(sent).pipe(request);
    });
    expect(status).toBe(200);
    expect(readdirSync(join(storage, 'blobs'))).toHaveLength(1);
    const received = createHash('md5');
    let bytes = 0;
    const download = await fetch(`${url}/component/get?${new URLSearchParams({ id, username: 'admin', apiKey: 'large-key' }).toString()}`);
    await pipeline(Readable.fromWeb(download.body as never), async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        bytes += chunk.length;
        received.update(chunk);
      }
      yield* [];
    });
    expect(bytes).toBe(SIZE);
    expect(received.digest('hex')).toBe(sent.digest('hex'));
    const growth = peakRssMiB(serve.child.pid!) - before;
    console.log(`serve peak RSS: ${before.toFixed(0)} MiB before, +${growth.toFixed(0)} MiB for a ${SIZE / 1024 / 1024} MiB upload and download`);
    expect(growth).toBeLessThan(96);
  }, 300_000);
});
