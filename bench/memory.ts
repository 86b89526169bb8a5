/**
 * Memory benchmark: streaming 100k, 200k and 1M tasks page by page (500 per page), side by side:
 *   (a) raw paging — the session's transport answers each page; rows are read, never decoded
 *   (b) `for await` over `session.query(…, { retain: 'none' })` — bounded mode
 *   (c) `for await` over `session.query(…)` — default mode (every entity stays in the identity map)
 * Each measurement is a fresh child process (`--expose-gc`), so peaks are independent; each cell is
 * measured BENCH_RUNS times (default 3, modes interleaved) and shows the medians, since peak RSS
 * depends on when V8's collections happen to run (all peaks are listed too). Every child builds
 * the same session first (schema loaded, server information fetched); rows come from the same
 * synthetic in-process transport (bench/support/synthetic-tasks.ts: pages generated on the fly as
 * JSON text and parsed, answered in a later event-loop turn as a network answer is).
 * Reported: peak RSS of the child (`maxRSS`) and heap used after a full GC taken at the last entity,
 * while the loop still holds it; for (b) and (c) also the identity map's size at that point.
 * Goal: (b) within 1.2× of (a), and flat from 200k to 1M.
 * Run: npx tsx --expose-gc bench/memory.ts   (or node --expose-gc --import tsx bench/memory.ts)
 */
import { spawnSync } from 'node:child_process';
import { freemem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { Session, compileQuery, parseQuery } from '../runtime/index.js';
import { pageQuery } from '../runtime/loading/query-result.js';
import { SYNTHETIC_SCHEMA, SyntheticTaskTransport, TASK_QUERY } from './support/synthetic-tasks.js';

const SIZES = [100_000, 200_000, 1_000_000];
const MODES = ['raw', 'bounded', 'default'] as const;
const PAGE_SIZE = 500;
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3) || 3);
type Mode = (typeof MODES)[number];

interface Measurement {
  readonly mode: Mode;
  readonly size: number;
  readonly peakRss: number;
  readonly heapAfterGc: number;
  readonly identityMapSize: number | null;
  readonly seconds: number;
}

/** One cell: medians over its runs, and every run's peak RSS. */
interface Cell extends Measurement {
  readonly peaks: readonly number[];
}

const MiB = 2 ** 20;
const self = fileURLToPath(import.meta.url);

if (process.argv[2] === '--child') await child(process.argv[3] as Mode, Number(process.argv[4]));
else parent();

/** One measurement: streams `size` tasks in `mode` and prints a JSON line. */
async function child(mode: Mode, size: number): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run the child with --expose-gc');
  const transport = new SyntheticTaskTransport(size);
  const session = new Session({ serverUrl: 'http://127.0.0.1:9', apiUser: 'bench', apiKey: 'bench-key', transport, schema: SYNTHETIC_SCHEMA });
  await session.ready();
  let seen = 0;
  let checksum = 0;
  let heapAfterGc = 0;
  let identityMapSize: number | null = null;
  // At the last entity, while the loop still holds it: a full GC.
  const measure = () => {
    gc();
    heapAfterGc = process.memoryUsage().heapUsed;
    if (mode !== 'raw') identityMapSize = session.identityMap.size;
  };
  const start = performance.now();
  if (mode === 'raw') {
    let offset: number | null = 0;
    while (offset !== null) {
      const [result] = await transport.send({ operations: [{ action: 'query', expression: compileQuery(pageQuery(parseQuery(TASK_QUERY), offset, PAGE_SIZE)) }] });
      const { data, metadata } = result as { data: { name: string }[]; metadata: { next: { offset: number | null } } };
      for (const row of data) {
        checksum += row.name.length;
        if (++seen === size) measure();
      }
      offset = metadata.next.offset;
    }
  } else {
    const options = mode === 'bounded' ? { pageSize: PAGE_SIZE, retain: 'none' as const } : { pageSize: PAGE_SIZE };
    for await (const task of session.query(TASK_QUERY, options)) {
      checksum += (task.name as string).length;
      if (++seen === size) measure();
    }
  }
  const seconds = (performance.now() - start) / 1000;
  if (seen !== size || checksum === 0) throw new Error(`expected ${size} rows, saw ${seen}`);
  const measurement: Measurement = { mode, size, peakRss: process.resourceUsage().maxRSS * 1024, heapAfterGc, identityMapSize, seconds };
  console.log(JSON.stringify(measurement));
  await session.close();
}

function run(mode: Mode, size: number): Measurement {
  const out = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, '--child', mode, String(size)], {
    cwd: resolve(dirname(self), '..'),
    encoding: 'utf8',
    maxBuffer: 16 * MiB,
  });
  const line = out.stdout.trim().split('\n').pop() ?? '';
  if (out.status !== 0 || !line.startsWith('{')) throw new Error(`child ${mode} ${size} failed (status ${out.status}):\n${out.stderr}`);
  return JSON.parse(line) as Measurement;
}

/** Would default mode at `size` fit? Extrapolated linearly from the largest default run so far. */
function defaultFits(size: number, done: Measurement[]): string | undefined {
  const last = done.filter((m) => m.mode === 'default').at(-1);
  if (last === undefined) return undefined;
  const factor = size / last.size;
  const rss = last.peakRss * factor;
  const heap = last.heapAfterGc * factor;
  if (rss > freemem() * 0.6) return `skipped: ~${(rss / MiB).toFixed(0)} MiB expected, ${(freemem() / MiB).toFixed(0)} MiB free`;
  if (heap > getHeapStatistics().heap_size_limit * 0.8) return `skipped: ~${(heap / MiB).toFixed(0)} MiB heap expected, over the heap limit`;
  return undefined;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function summarise(runs: readonly Measurement[]): Cell {
  return {
    ...runs[0]!,
    peakRss: median(runs.map((m) => m.peakRss)),
    heapAfterGc: median(runs.map((m) => m.heapAfterGc)),
    seconds: median(runs.map((m) => m.seconds)),
    peaks: runs.map((m) => m.peakRss),
  };
}

function parent(): void {
  console.log(`memory benchmark — Node ${process.version}; synthetic in-process transport, ${PAGE_SIZE} tasks per page; one fresh child process per run, ${RUNS} runs per cell`);
  console.log('peak = peak RSS of the child; heap = heap used after full GC at the last entity; map = identity-map size there (MiB unless noted; medians)\n');
  const measured: Measurement[] = [];
  const skipped = new Map<number, string>();
  for (const size of SIZES) {
    for (let round = 1; round <= RUNS; round++) {
      for (const mode of MODES) {
        const reason = mode === 'default' ? (skipped.get(size) ?? defaultFits(size, measured)) : undefined;
        if (reason !== undefined) {
          skipped.set(size, reason);
          continue;
        }
        process.stderr.write(`  measuring ${mode} at ${size.toLocaleString('en')} (run ${round}/${RUNS}) …\n`);
        measured.push(run(mode, size));
      }
    }
  }
  const done: Cell[] = [];
  for (const size of SIZES) {
    for (const mode of MODES) {
      const runs = measured.filter((m) => m.mode === mode && m.size === size);
      if (runs.length > 0) done.push(summarise(runs));
    }
  }
  const cell = (m: Measurement | undefined) =>
    m === undefined ? ''.padStart(28) : `${(m.peakRss / MiB).toFixed(0).padStart(6)} ${(m.heapAfterGc / MiB).toFixed(1).padStart(7)} ${String(m.identityMapSize ?? '-').padStart(8)} ${m.seconds.toFixed(1).padStart(5)}s`;
  const ratio = (x: number | undefined, y: number | undefined) => (x === undefined || y === undefined ? '-'.padStart(6) : (x / y).toFixed(2).padStart(6));
  console.log(`${'entities'.padEnd(10)} ${'(a) raw paging'.padEnd(29)} ${'(b) retain: none'.padEnd(29)} ${'(c) default'.padEnd(29)}  b/a peak  b/a heap  c/a peak  c/a heap`);
  console.log(`${''.padEnd(10)} ${'  peak    heap      map  time'.padEnd(29)} ${'  peak    heap      map  time'.padEnd(29)} ${'  peak    heap      map  time'.padEnd(29)}`);
  const find = (mode: Mode, size: number) => done.find((m) => m.mode === mode && m.size === size);
  for (const size of SIZES) {
    const [a, b, c] = MODES.map((mode) => find(mode, size));
    const row = [
      size.toLocaleString('en').padEnd(10),
      cell(a),
      cell(b),
      c === undefined ? (skipped.get(size) ?? '').slice(0, 28).padEnd(28) : cell(c),
      ratio(b?.peakRss, a?.peakRss).padStart(9),
      ratio(b?.heapAfterGc, a?.heapAfterGc).padStart(9),
      ratio(c?.peakRss, a?.peakRss).padStart(9),
      ratio(c?.heapAfterGc, a?.heapAfterGc).padStart(9),
    ];
    console.log(row.join(' '));
  }
  for (const [size, reason] of skipped) console.log(`\n(c) default mode at ${size.toLocaleString('en')}: ${reason}`);
  console.log('\npeak RSS of every run (MiB):');
  for (const m of done) console.log(`  ${m.mode.padEnd(8)} ${m.size.toLocaleString('en').padStart(9)}: ${m.peaks.map((peak) => (peak / MiB).toFixed(0)).join(', ')}`);
  const b200 = find('bounded', 200_000);
  const b1m = find('bounded', 1_000_000);
  if (b200 && b1m) {
    console.log(
      `\n(b) from 200k to 1M: peak RSS ×${(b1m.peakRss / b200.peakRss).toFixed(2)}, heap after GC ×${(b1m.heapAfterGc / b200.heapAfterGc).toFixed(2)} (goal: flat, ×1.00)`,
    );
  }
  const worst = Math.max(...SIZES.flatMap((size) => {
    const a = find('raw', size);
    const b = find('bounded', size);
    return a && b ? [b.peakRss / a.peakRss, b.heapAfterGc / a.heapAfterGc] : [];
  }));
  console.log(`(b)/(a) worst ratio: ${worst.toFixed(2)} (goal ≤ 1.2)`);
}
