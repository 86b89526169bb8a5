/**
 * Files benchmark: upload and download throughput of one large file through the local server,
 * our client against the official `@ftrack/api`, side by side in one run, and the peak RSS of each.
 *
 * Every transfer runs in its own child process (plain `node` on an esbuild bundle of this file, `--child …`), so
 * the peak RSS (Linux VmHWM, read by the child itself at the end) is that client's alone; the
 * local server runs in this process with a temporary storage folder. Runs alternate the clients'
 * order. The file is sparse (holes read as zeros) with random markers; each download is checked
 * for its size and MD5.
 *  - ours: `session.createComponent(path)` (multi-part, 6 parts in flight) and `session.download(id, path)`.
 *  - @ftrack/api: `session.createComponent(fs.openAsBlob(path))` over a node:http `XMLHttpRequest`
 *    (bench/support/files-node-xhr.ts; the library needs one in Node), and, as it has no download
 *    API, `fetch(session.getComponentUrl(id))` streamed to disk.
 * Both time the transfer only (the session is initialised first). A third child per client only
 * initialises its session: its RSS is the baseline before any transfer.
 *
 * Run: npx tsx bench/files.ts [--mib 512] [--runs 3]
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, existsSync, ftruncateSync, mkdtempSync, openAsBlob, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';

type Client = 'ours' | '@ftrack/api';
type Direction = 'upload' | 'download' | 'idle';

/** What a child prints on its `RESULT ` line. */
interface ChildResult {
  readonly ms: number;
  readonly peakMiB: number;
  readonly id: string;
}

const MiB = 1024 * 1024;
const args = process.argv.slice(2);

function peakRssMiB(): number {
  const match = /VmHWM:\s*(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match === null ? Number.NaN : Number(match[1]) / 1024;
}

/** The child: one transfer with one client, timed after its session is initialised. */
async function child(client: Client, direction: Direction): Promise<void> {
  const env = process.env;
  const [url, user, key, file, id] = [env.FB_URL!, env.FB_USER!, env.FB_KEY!, env.FB_FILE!, env.FB_ID ?? ''];
  let ms = 0;
  let made = id;
  if (client === 'ours') {
    // Each library is imported only by its own child (the bundle keeps dynamic imports lazy).
    const { Session } = await import('../runtime/index.js');
    const session = new Session({ serverUrl: url, apiUser: user, apiKey: key });
    await session.query('select id from Location where name is "ftrack.server"').one();
    const start = performance.now();
    if (direction === 'upload') made = String((await session.createComponent(file)).id);
    if (direction === 'download') await session.download(id, file);
    ms = performance.now() - start;
    await session.close();
  } else {
    const [{ Session: FtrackSession }, { installBrowserGlobals }] = await Promise.all([import('@ftrack/api'), import('./support/files-node-xhr.js')]);
    installBrowserGlobals();
    const session = new FtrackSession(url, user, key, { autoConnectEventHub: false });
    await session.initializing;
    const start = performance.now();
    if (direction === 'upload') {
      const [component] = await session.createComponent(await openAsBlob(file), { name: basename(file) });
      made = String(component.data.id);
    }
    if (direction === 'download') {
      const response = await fetch(session.getComponentUrl(id)!);
      if (response.status !== 200 || response.body === null) throw new Error(`download answered ${response.status}`);
      await pipeline(Readable.fromWeb(response.body as never), createWriteStream(file));
    }
    ms = performance.now() - start;
  }
  console.log(`RESULT ${JSON.stringify({ ms, peakMiB: peakRssMiB(), id: made } satisfies ChildResult)}`);
}

function runChild(bundle: string, client: Client, direction: Direction, env: Record<string, string>): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [bundle, '--child', client, direction], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || line === undefined) return reject(new Error(`${client} ${direction} failed (exit ${code}):\n${stderr.slice(-2000)}`));
      resolve(JSON.parse(line.slice('RESULT '.length)) as ChildResult);
    });
  });
}

async function md5(path: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function main(): Promise<void> {
  const option = (name: string, fallback: number) => {
    const index = args.indexOf(name);
    return index >= 0 ? Number(args[index + 1]) : fallback;
  };
  const size = option('--mib', 512) * MiB;
  const runs = option('--runs', 3);
  if (!existsSync('/proc/self/status')) throw new Error('bench/files.ts reads the peak RSS from /proc/self/status (Linux).');
  const folder = mkdtempSync(join(tmpdir(), 'ftrack-bench-files-'));
  const [{ startServer }, { build }] = await Promise.all([import('../server/index.js'), import('esbuild')]);
  const server = await startServer({ storage: join(folder, 'storage') });
  try {
    // The children run plain node on a bundle of this file (no TypeScript loader in their RSS).
    const bundle = join(folder, 'files-child.mjs');
    await build({ entryPoints: [fileURLToPath(import.meta.url)], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: bundle, logLevel: 'error',
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" } });
    const source = join(folder, 'source.bin');
    const fd = openSync(source, 'w');
    ftruncateSync(fd, size);
    for (let offset = 0; offset < size - 64; offset += 64 * MiB + 4099) writeSync(fd, randomBytes(64), 0, 64, offset);
    closeSync(fd);
    const expected = await md5(source);
    const env = { FB_URL: server.url, FB_USER: server.apiUser, FB_KEY: server.apiKey };
    const clients: Client[] = ['ours', '@ftrack/api'];
    const figures = new Map<string, { ms: number[]; peak: number[] }>();
    const record = (key: string, result: ChildResult) => {
      const entry = figures.get(key) ?? { ms: [], peak: [] };
      entry.ms.push(result.ms);
      entry.peak.push(result.peakMiB);
      figures.set(key, entry);
    };
    for (const client of clients) record(`${client} idle`, await runChild(bundle, client, 'idle', { ...env, FB_FILE: source }));
    console.log(`files bench: ${size / MiB} MiB (sparse, random markers), ${runs} runs, local server in this process, each transfer in a child process`);
    for (let run = 0; run < runs; run++) {
      const order = run % 2 === 0 ? clients : [...clients].reverse();
      let uploaded = '';
      for (const client of order) {
        const result = await runChild(bundle, client, 'upload', { ...env, FB_FILE: source });
        record(`${client} upload`, result);
        uploaded ||= result.id;
      }
      for (const client of order) {
        const target = join(folder, `download-${run}.bin`);
        record(`${client} download`, await runChild(bundle, client, 'download', { ...env, FB_FILE: target, FB_ID: uploaded }));
        if (statSync(target).size !== size || (await md5(target)) !== expected) throw new Error(`${client} download differs from the upload`);
        rmSync(target);
      }
      process.stdout.write(`  run ${run + 1}/${runs} done\n`);
    }
    const row = (label: string, key: string) => {
      const entry = figures.get(key)!;
      const mibPerSecond = key.endsWith('idle') ? '' : `${(size / MiB / (median(entry.ms) / 1000)).toFixed(0)} MiB/s`;
      return `  ${label.padEnd(24)} ${mibPerSecond.padStart(10)}   peak RSS ${median(entry.peak).toFixed(0).padStart(4)} MiB`;
    };
    for (const direction of ['upload', 'download'] as const) {
      console.log(`${direction} (medians):`);
      for (const client of clients) console.log(row(client, `${client} ${direction}`));
      const ours = figures.get(`ours ${direction}`)!;
      const theirs = figures.get(`@ftrack/api ${direction}`)!;
      console.log(`  ratio ours/@ftrack/api: throughput ×${(median(theirs.ms) / median(ours.ms)).toFixed(2)}, peak RSS ×${(median(ours.peak) / median(theirs.peak)).toFixed(2)}`);
    }
    console.log('baseline (session initialised, nothing transferred):');
    for (const client of clients) console.log(row(client, `${client} idle`));
  } finally {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

if (args[0] === '--child') await child(args[1] as Client, args[2] as Direction);
else await main();
