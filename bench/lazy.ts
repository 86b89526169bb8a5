/**
 * Unit-of-work benchmark against the local server (demo workspace, 1,000 tasks). Prints request
 * counts (counted by a proxy at the server's door, one counted run each, timed part only) and
 * median times (direct runs, no proxy) side by side:
 *   (a) sequential lazy loop: for each of 1,000 queried tasks `await task.$get('status')`, then
 *       `await status.$get('name')` — cross-result batching on vs off (the Python client's way)
 *   (b) `session.populate(tasks, 'status.name, parent.name')` for 1,000 tasks
 *   (c) `commit()` of 1,000 created tasks under 50 created sequences
 * The query of the 1,000 tasks (one request, pageSize 1000) is part of (a) and counted.
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

async function queryTasks(session: Session): Promise<AnyEntity[]> {
  return session.query('select id from Task', { pageSize: TASKS }).all();
}

async function lazyLoop(url: string, crossResultBatching: boolean, mark: () => void): Promise<number> {
  const session = open(url, { crossResultBatching });
  await session.ready();
  mark();
  const start = performance.now();
  const tasks = await queryTasks(session);
  for (const task of tasks) {
    const status = (await task.$get('status')) as AnyEntity;
    await status.$get('name');
  }
  const ms = performance.now() - start;
  await session.close();
  return ms;
}

async function populate(url: string, mark: () => void): Promise<number> {
  const session = open(url);
  const tasks = await queryTasks(session);
  mark();
  const start = performance.now();
  await session.populate(tasks, 'status.name, parent.name');
  const ms = performance.now() - start;
  await session.close();
  return ms;
}

async function commitTasks(url: string, run: number, mark: () => void): Promise<number> {
  const session = open(url);
  const project = (await session.get('Project', PROJECT_IDS.bunny))!;
  const sequences = Array.from({ length: 50 }, (_, i) => session.create('Sequence', { name: `bench_${run}_sq${i}`, parent: project }));
  for (let i = 0; i < TASKS; i++) session.create('Task', { name: `task${i}`, parent: sequences[i % 50] });
  mark();
  const start = performance.now();
  await session.commit();
  const ms = performance.now() - start;
  await session.close();
  return ms;
}

type Scenario = (url: string, run: number, mark: () => void) => Promise<number>;

/** One counted run through the proxy (requests after `mark()`), then `runs` timed direct runs. */
async function measure(runs: number, once: Scenario): Promise<{ requests: number; median: number }> {
  await once(proxy.url, -1, () => proxy.reset());
  const requests = proxy.count();
  const times: number[] = [];
  for (let run = 0; run < runs; run++) times.push(await once(server.url, run, () => {}));
  times.sort((a, b) => a - b);
  return { requests, median: times[Math.floor(times.length / 2)]! };
}

async function main(): Promise<void> {
  server = await startServer({ tasks: TASKS });
  proxy = await startCountingProxy(server.url);
  try {
    const on = await measure(5, (url, _run, mark) => lazyLoop(url, true, mark));
    const off = await measure(3, (url, _run, mark) => lazyLoop(url, false, mark));
    const filled = await measure(5, (url, _run, mark) => populate(url, mark));
    const commit = await measure(5, commitTasks);
    const row = (name: string, r: { requests: number; median: number }) => `${name.padEnd(58)} ${String(r.requests).padStart(8)} ${r.median.toFixed(1).padStart(10)} ms`;
    console.log(`${'scenario (1,000 tasks, local server)'.padEnd(58)} ${'requests'.padStart(8)} ${'median'.padStart(13)}`);
    console.log(row('(a) lazy loop $get(status) + $get(name), cross-result on', on));
    console.log(row('(a) lazy loop $get(status) + $get(name), cross-result off', off));
    console.log(row("(b) populate(tasks, 'status.name, parent.name')", filled));
    console.log(row('(c) commit() of 1,000 created tasks under 50 sequences', commit));
    console.log(`ratio (a) off/on: ${(off.median / on.median).toFixed(1)}x time, ${(off.requests / on.requests).toFixed(0)}x requests`);
    console.log('Requests count only the timed part (the loop includes its 1,000-task query); medians of direct runs without the proxy.');
  } finally {
    await proxy.close();
    await server.close();
  }
}

await main();
