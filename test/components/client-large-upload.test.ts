import { spawn } from 'node:child_process';
import { build } from 'esbuild';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerHandle } from '../../server/index.js';
import { query } from '../server/support/api-client.js';
import { fixturePath, hasShared, repoRoot, SHARED_MISSING } from '../support/shared.js';
import { KEEP_FREED_MEMORY, memoryFolder } from './support/memory-folder.js';

// Issue 15, acceptance 1: our client uploads a file over 1 GiB (sparse, with random markers) through
// the local server (in this process, storing to a temporary folder) from a child process whose peak
// RSS (Linux VmHWM, read by the child itself) stays far below the file size. The child runs plain
// node on an esbuild bundle (a TypeScript loader would add its own memory to the figure), with
// KEEP_FREED_MEMORY; the file and the server's storage are on tmpfs when there is room (both in
// support/memory-folder.ts).
const MiB = 1024 * 1024;
const SIZE = 1024 * MiB + 3 * MiB + 17;
const RSS_LIMIT_MiB = 200;
const canMeasure = existsSync('/proc/self/status');
if (!hasShared) console.warn(`[skip] large client upload test: ${SHARED_MISSING}`);
if (!canMeasure) console.warn('[skip] large client upload test: no /proc/self/status to read the peak RSS from');

/** The child: one createComponent of FILE to ftrack.server, then a JSON line with the result and its peak RSS. */
const CHILD = `
import { readFileSync } from 'node:fs';
import { Session } from ${JSON.stringify(join(repoRoot, 'runtime', 'index.ts'))};
const env = process.env;
const session = new Session({ serverUrl: env.FT_URL, apiUser: env.FT_USER, apiKey: env.FT_KEY });
const loaded = [];
const component = await session.createComponent(env.FT_FILE, { onProgress: (p) => loaded.push(p.loaded) });
await session.close();
const monotone = loaded.every((value, i) => i === 0 || value > loaded[i - 1]);
const peak = Number(/VmHWM:\\s*(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
console.log('RESULT ' + JSON.stringify({ id: component.id, name: component.name, fileType: component.file_type, size: component.size, last: loaded.at(-1), events: loaded.length, monotone, peak }));
`;

interface ChildResult {
  readonly id: string;
  readonly name: string;
  readonly fileType: string;
  readonly size: number;
  readonly last: number;
  readonly events: number;
  readonly monotone: boolean;
  readonly peak: number;
}

function runChild(bundle: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A GET through node:http (fetch's web streams cost several CPU-seconds per GiB; the bytes are the same). */
function download(url: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => get(url, resolve).on('error', reject));
}

/**
 * Reads `body` to its end, comparing it byte for byte with the same range of `file` (read at the same
 * offsets: an exact comparison, and far cheaper than hashing both sides). `firstDifference` is the
 * offset of the first byte that differs (or lies past the file's end), -1 when none does.
 */
async function compareWithFile(body: AsyncIterable<Buffer>, file: string): Promise<{ bytes: number; firstDifference: number }> {
  const fd = openSync(file, 'r');
  let expected = Buffer.alloc(1024 * 1024);
  let bytes = 0;
  let firstDifference = -1;
  try {
    for await (const chunk of body) {
      if (firstDifference === -1) {
        if (expected.length < chunk.length) expected = Buffer.alloc(chunk.length);
        const read = readSync(fd, expected, 0, chunk.length, bytes);
        if (read !== chunk.length || !expected.subarray(0, read).equals(chunk)) {
          let at = 0;
          while (at < read && expected[at] === chunk[at]) at++;
          firstDifference = bytes + at;
        }
      }
      bytes += chunk.length;
    }
  } finally {
    closeSync(fd);
  }
  return { bytes, firstDifference };
}

describe.skipIf(!hasShared || !canMeasure)('createComponent: a file over 1 GiB with bounded memory', () => {
  let server: ServerHandle;
  // the file (sparse: ~1 MiB of it is data) and the server's copy of it (SIZE bytes)
  const folder = memoryFolder('files-client-large', 2 * SIZE);
  const file = join(folder, 'huge.bin');
  const bundle = join(folder, 'child.mjs');

  beforeAll(async () => {
    server = await startServer({ schema: fixturePath('schemas', 'workspace-a.query_schemas.json'), storage: join(folder, 'storage') });
    // Sparse: holes read as zeros; random 64-byte markers every ~100 MiB and at both ends make the content checkable.
    const fd = openSync(file, 'w');
    ftruncateSync(fd, SIZE);
    for (let offset = 0; offset < SIZE - 64; offset += 100 * MiB + 4099) writeSync(fd, randomBytes(64), 0, 64, offset);
    writeSync(fd, randomBytes(64), 0, 64, SIZE - 64);
    closeSync(fd);
    await build({
      stdin: { contents: CHILD, resolveDir: repoRoot, loader: 'js' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: bundle,
      logLevel: 'error',
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  it(`uploads ${(SIZE / MiB).toFixed(0)} MiB in parts; the child's peak RSS stays under ${RSS_LIMIT_MiB} MiB; download equals the file`, async () => {
    const run = await runChild(bundle, { ...KEEP_FREED_MEMORY, FT_URL: server.url, FT_USER: server.apiUser, FT_KEY: server.apiKey, FT_FILE: file });
    expect(run.code, run.stderr.split('\n').slice(-20).join('\n')).toBe(0);
    const line = run.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    const result = JSON.parse(line!.slice('RESULT '.length)) as ChildResult;
    console.log(`client peak RSS: ${result.peak.toFixed(0)} MiB for a ${(SIZE / MiB).toFixed(0)} MiB upload (${result.events} progress events)`);
    expect(result).toMatchObject({ name: 'huge', fileType: '.bin', size: SIZE, last: SIZE, monotone: true });
    expect(result.peak).toBeLessThan(RSS_LIMIT_MiB);

    const [row] = (await query(server, `select size, file_type, component_locations.location.name from FileComponent where id is "${result.id}"`)).data;
    expect(row).toMatchObject({ size: SIZE, file_type: '.bin', component_locations: [{ location: { name: 'ftrack.server' } }] });
    const response = await download(`${server.url}/component/get?${new URLSearchParams({ id: result.id, username: server.apiUser, apiKey: server.apiKey }).toString()}`);
    expect(response.statusCode).toBe(200);
    const received = await compareWithFile(response, file);
    expect(received.bytes).toBe(SIZE);
    expect(received.firstDifference).toBe(-1);
  }, 300_000);
});
