import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { get, request as httpRequest, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../server/support/api-client.js';
import { runServe } from '../server/support/run-serve.js';
import { fixturePath, hasShared, SHARED_MISSING } from '../support/shared.js';
import { KEEP_FREED_MEMORY, memoryFolder } from './support/memory-folder.js';

// A 512 MiB upload and download through `ftrack-codegen serve --storage DIR` (a child process):
// the data streams to its files, so the server's peak RSS (Linux VmHWM) grows far less than the
// file. DIR is on tmpfs when there is room and the server runs with KEEP_FREED_MEMORY (both in
// support/memory-folder.ts): tmpfs pages are not in a process's RSS, and freed memory kept by
// malloc is, so the bound holds at least as strictly.
const SIZE = 512 * 1024 * 1024;
const CHUNK = 1024 * 1024;
const canMeasure = existsSync('/proc/self/status');
if (!hasShared) console.warn(`[skip] large upload test: ${SHARED_MISSING}`);
if (!canMeasure) console.warn('[skip] large upload test: no /proc/<pid>/status to read the peak RSS from');

function peakRssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'))!;
  return Number(/(\d+)/.exec(line)![1]) / 1024;
}

/** Chunk `index` of the data: 1 MiB of `index & 0xff`, its first byte `index >> 8` (so no two chunks are equal). */
function chunkAt(index: number): Buffer {
  const chunk = Buffer.alloc(CHUNK, index & 0xff);
  chunk[0] = (index >> 8) & 0xff;
  return chunk;
}

/** SIZE bytes in 1 MiB chunks. */
function generated(): Readable {
  let index = 0;
  return new Readable({
    read() {
      if (index * CHUNK >= SIZE) return void this.push(null);
      this.push(chunkAt(index++));
    },
  });
}

/** A GET through node:http (fetch's web streams cost several CPU-seconds per GiB; the bytes are the same). */
function download(url: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => get(url, resolve).on('error', reject));
}

/**
 * Reads `body` to its end, comparing it byte for byte with what `generated()` sent (an exact
 * comparison, cheaper than hashing both sides): the count and the offset of the first byte that
 * differs (or lies past SIZE), -1 when none does.
 */
async function compareWithGenerated(body: AsyncIterable<Buffer>): Promise<{ bytes: number; firstDifference: number }> {
  let bytes = 0;
  let firstDifference = -1;
  let expected: { index: number; chunk: Buffer } = { index: -1, chunk: Buffer.alloc(0) };
  for await (const received of body) {
    // a received buffer may span chunk boundaries: compare it piece by piece
    for (let at = 0; at < received.length && firstDifference === -1; ) {
      const offset = bytes + at;
      const index = Math.floor(offset / CHUNK);
      if (offset >= SIZE) {
        firstDifference = offset;
        break;
      }
      if (expected.index !== index) expected = { index, chunk: chunkAt(index) };
      const start = offset % CHUNK;
      const length = Math.min(CHUNK - start, received.length - at);
      if (!received.subarray(at, at + length).equals(expected.chunk.subarray(start, start + length))) {
        let i = 0;
        while (received[at + i] === expected.chunk[start + i]) i++;
        firstDifference = offset + i;
      }
      at += length;
    }
    bytes += received.length;
  }
  return { bytes, firstDifference };
}

describe.skipIf(!hasShared || !canMeasure)('file server: a 512 MiB upload with bounded memory', () => {
  const storage = memoryFolder('files-large', SIZE + CHUNK);
  // started by the first hook, not while collecting: a run that filters this test out starts no process
  let serve: ReturnType<typeof runServe>;
  let url = '';
  beforeAll(async () => {
    serve = runServe(['--schema', hasShared ? fixturePath('schemas', 'workspace-a.query_schemas.json') : '', '--api-key', 'large-key', '--storage', storage], { ...KEEP_FREED_MEMORY });
    await serve.started;
    url = /FTRACK_SERVER=(\S+)/.exec(serve.output())![1]!;
  }, 60_000);
  afterAll(async () => {
    if (serve === undefined) return;
    serve.child.kill('SIGTERM');
    await serve.exited;
  });

  it('streams to disk and back; the peak RSS grows by less than 96 MiB', async () => {
    const server = { url, apiUser: 'admin', apiKey: 'large-key' };
    const before = peakRssMiB(serve.child.pid!);
    const id = '11111111-2222-3333-4444-555555555555';
    const { body } = await callApi<{ url: string }[]>(server, [{ action: 'get_upload_metadata', component_id: id, file_name: 'big.bin', file_size: SIZE }]);
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(body[0]!.url, { method: 'PUT', headers: { 'Content-Length': String(SIZE) } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      generated().pipe(request);
    });
    expect(status).toBe(200);
    expect(readdirSync(join(storage, 'blobs'))).toHaveLength(1);
    const response = await download(`${url}/component/get?${new URLSearchParams({ id, username: 'admin', apiKey: 'large-key' }).toString()}`);
    expect(response.statusCode).toBe(200);
    const { bytes, firstDifference } = await compareWithGenerated(response);
    expect(bytes).toBe(SIZE);
    expect(firstDifference).toBe(-1);
    const growth = peakRssMiB(serve.child.pid!) - before;
    console.log(`serve peak RSS: ${before.toFixed(0)} MiB before, +${growth.toFixed(0)} MiB for a ${SIZE / 1024 / 1024} MiB upload and download`);
    expect(growth).toBeLessThan(96);
  }, 300_000);
});
