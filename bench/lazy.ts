/**
 * Unit-of-work benchmark against the local server (demo workspace, 1,000 tasks). Prints request
 * counts (counted by a proxy at the server's door, one counted run each, timed part only) and
 * median times (direct runs, no proxy) side by side:
 *   (a) sequential lazy loop: for each of 1,000 queried tasks `await task.$get('status')`, then
 *       `await status.$get('name')` — cross-result batching on vs off (the Python client's way)
 *   (b) `session.populate(tasks, 'status.name, parent.name')` for 1,000 tasks
 *   (c) `commit()` of 1,000 created tasks under 50 created sequences
 * The query of the 1,000 tasks (one request, pageSize 1000) is part of (a) and counted.
 * The CPU column is the process's CPU time (client and server share it): on a loaded machine it
 * is the figure to compare. Each scenario runs untimed warm-up rounds first (after its counted
 * run): the first runs of a fresh process are several times slower while V8 compiles the code
 * they use, and a median of only a few runs would measure that compilation, not the steady cost.
 * Run: npx tsx bench/lazy.ts
 */
import { Session, type AnyEntity } from '../runtime/index.js';
import { startServer, type ServerHandle } from '../server/index.js';
import { PROJECT_IDS } from '../server/demo/ids.js';
import { startCountingProxy, type CountingProxy } from './support/uow-counting-proxy.js';

const TASKS = 1000;
let server: ServerHandle;
let proxy: CountingProxy;

function open(url: string, options: { crossResultBatching?: boolean } = {}): Session {
  return new Session({ serverUrl: url, apiUser: server.apiUser, apiKey: server.apiKey, ...options });
}

/** Wall time and CPU time of one timed part, ms. */
interface Timing {
  readonly ms: number;
  readonly cpuMs: number;
}

/**
 * Times `work`: wall time and the process's CPU time (user + system, all threads). Client and
 * server share the process, so the CPU time is the work of both; unlike wall time it hardly grows
 * when other processes compete for the cores.
 */
async function timed(work: () => Promise<unknown>): Promise<Timing> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await work();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

async function queryTasks(session: Session): Promise<AnyEntity[]> {
  return session.query('select id from Task', { pageSize: TASKS }).all();
}

async function lazyLoop(url: string, crossResultBatching: boolean, mark: () => void): Promise<Timing> {
  const session = open(url, { crossResultBatching });
  await session.ready();
  mark();
  const timing = await timed(async () => {
    const tasks = await queryTasks(session);
    for (const task of tasks) {
      const status = (await task.$get('status')) as AnyEntity;
      await status.$get('name');
    }
  });
  await session.close();
  return timing;
}

async function populate(url: string, mark: () => void): Promise<Timing> {
  const session = open(url);
  const tasks = await queryTasks(session);
  mark();
  const timing = await timed(() => session.populate(tasks, 'status.name, parent.name'));
  await session.close();
  return timing;
}

async function commitTasks(url: string, run: number, mark: () => void): Promise<Timing> {
  const session = open(url);
  const project = (await session.get('Project', PROJECT_IDS.bunny))!;
  const sequences = Array.from({ length: 50 }, (_, i) => session.create('Sequence', { name: `bench_${run}_sq${i}`, parent: project }));
  for (let i = 0; i < TASKS; i++) session.create('Task', { name: `task${i}`, parent: sequences[i % 50] });
  mark();
  const timing = await timed(() => session.commit());
  await session.close();
  return timing;
}

type Scenario = (url: string, run: number, mark: () => void) => Promise<Timing>;

/** Runs per scenario: untimed warm-up rounds, then timed runs (an odd number: the median is one run). */
interface Rounds {
  readonly warmup: number;
  readonly runs: number;
}

const ROUNDS = {
  on: { warmup: 6, runs: 9 },
  off: { warmup: 2, runs: 5 },
  populate: { warmup: 6, runs: 9 },
  commit: { warmup: 5, runs: 9 },
} satisfies Record<string, Rounds>;

/** One counted run through the proxy (requests after `mark()`), `warmup` untimed direct runs, then `runs` timed direct runs. */
async function measure({ warmup, runs }: Rounds, once: Scenario): Promise<Result> {
  await once(proxy.url, -1, () => proxy.reset());
  const requests = proxy.count();
  for (let run = 0; run < warmup; run++) await once(server.url, run, () => {});
  const timings: Timing[] = [];
  for (let run = warmup; run < warmup + runs; run++) timings.push(await once(server.url, run, () => {}));
  return { requests, median: median(timings.map((t) => t.ms)), cpu: median(timings.map((t) => t.cpuMs)) };
}

interface Result {
  readonly requests: number;
  /** Median wall time of the timed runs, ms. */
  readonly median: number;
  /** Median CPU time of the timed runs, ms. */
  readonly cpu: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  server = await startServer({ tasks: TASKS });
  proxy = await startCountingProxy(server.url);
  try {
    const on = await measure(ROUNDS.on, (url, _run, mark) => lazyLoop(url, true, mark));
    const off = await measure(ROUNDS.off, (url, _run, mark) => lazyLoop(url, false, mark));
    const filled = await measure(ROUNDS.populate, (url, _run, mark) => populate(url, mark));
    const commit = await measure(ROUNDS.commit, commitTasks);
    const row = (name: string, r: Result) => `${name.padEnd(58)} ${String(r.requests).padStart(8)} ${r.median.toFixed(1).padStart(10)} ms ${r.cpu.toFixed(1).padStart(10)} ms`;
    console.log(`${'scenario (1,000 tasks, local server)'.padEnd(58)} ${'requests'.padStart(8)} ${'median'.padStart(13)} ${'median CPU'.padStart(13)}`);
    console.log(row('(a) lazy loop $get(status) + $get(name), cross-result on', on));
    console.log(row('(a) lazy loop $get(status) + $get(name), cross-result off', off));
    console.log(row("(b) populate(tasks, 'status.name, parent.name')", filled));
    console.log(row('(c) commit() of 1,000 created tasks under 50 sequences', commit));
    console.log(`ratio (a) off/on: ${(off.median / on.median).toFixed(1)}x time, ${(off.requests / on.requests).toFixed(0)}x requests`);
    console.log('Requests count only the timed part (the loop includes its 1,000-task query); medians of direct runs without the proxy');
    console.log('(wall time, and CPU time of the process: client and server together; compare CPU on a loaded machine),');
    const rounds = (r: Rounds) => `${r.warmup} + ${r.runs}`;
    console.log(`after untimed warm-up runs (warm-up + timed): (a) on ${rounds(ROUNDS.on)}, (a) off ${rounds(ROUNDS.off)}, (b) ${rounds(ROUNDS.populate)}, (c) ${rounds(ROUNDS.commit)}.`);
  } finally {
    await proxy.close();
    await server.close();
  }
}

await main();
