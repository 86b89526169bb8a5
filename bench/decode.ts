/**
 * Decode benchmark: a loopback node:http server answers one query with N `Task` entities
 * (name, bid, datetime created_at, nested status and project; repeats sent as references, the
 * way ftrack deduplicates). Prints medians side by side:
 *   (a) floor — undici request + JSON.parse of the same body
 *   (b) this runtime — session.query(...).all() (decode + identity-map merge)
 *   (c) @ftrack/api 1.11.2 — session.query(...) against the same server
 * and the ratios b/a (target ≤ 2.5) and c/b (target ≥ 3). Each timing starts after a full GC.
 * (b) reads everything in one page (`pageSize` = N) so all three send one request for the same body.
 *
 * Then the realistic workload (bench/support/realistic-tasks.ts): the real 130-type schema, a fresh
 * session per run (warmed with one `limit 1` query, not timed), `select name, bid, created_at,
 * status.name, project.name from Task` over 20k and 100k rows (8 statuses, 4 projects), targets
 * ours ≤ 1.3× the floor and @ftrack/api ≥ 4× ours; and the `for await` path (pages of 500) over
 * 100k rows against a paged floor (the same pages requested one after another). Both servers
 * keep their answers as encoded bytes and only write them per request, so no column (the floor
 * included) pays for this process re-encoding the body. Realistic rows also print CPU-time medians
 * (user + system, all threads) and their ratios: steadier than wall time on a busy machine.
 * Run: npx tsx bench/decode.ts [synthetic | realistic]  (default: both; DECODE_RUNS=n sets the realistic runs)
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { Session as FtrackApiSession } from '@ftrack/api';
import { Session, computeSchemaHash } from '../runtime/index.js';
import { REALISTIC_QUERY, readRealSchema, startRealisticServer, type RealisticServer } from './support/realistic-tasks.js';

const SIZES = [20_000, 100_000];
const RUNS: Record<number, number> = { 20_000: 9, 100_000: 5 };
const EXPRESSION = 'select name, bid, created_at, status.name, project.name, project.full_name from Task';
const USER = 'bench';
const KEY = 'bench-key';

function loadSchemas(): unknown[] {
  const path = fileURLToPath(new URL('../../shared/fixtures/schemas/workspace-a.query_schemas.json', import.meta.url));
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as unknown[];
  console.log('(../shared not found: using a minimal Task/Status/Project schema)');
  const s = { type: 'string' };
  return [
    { id: 'Task', primary_key: ['id'], default_projections: ['id'], system_projections: ['context_type'], properties: { id: s, name: s, bid: { type: 'number' }, created_at: { type: 'string', format: 'date-time' }, context_type: s, project_id: s, object_type_id: s, status: { $ref: 'Status' }, project: { $ref: 'Project' } } },
    { id: 'Status', primary_key: ['id'], default_projections: ['id'], properties: { id: s, name: s } },
    { id: 'Project', primary_key: ['id'], default_projections: ['id'], properties: { id: s, name: s, full_name: s, context_type: s } },
  ];
}

function uuid(prefix: number, i: number): string {
  return `${prefix.toString(16).padStart(8, '0')}-${(i >>> 16).toString(16).padStart(4, '0')}-4000-8000-${i.toString(16).padStart(12, '0')}`;
}

/** The query answer for `count` tasks over 8 statuses and 25 projects, deduplicated. */
function buildBody(count: number): string {
  const seen = new Set<string>();
  const status = (i: number) => {
    const id = uuid(3, i % 8);
    if (seen.has(id)) return { __entity_type__: 'Status', id };
    seen.add(id);
    return { __entity_type__: 'Status', id, name: `Status ${i % 8}` };
  };
  const project = (i: number) => {
    const id = uuid(1, i % 25);
    if (seen.has(id)) return { __entity_type__: 'Project', id, context_type: 'show' };
    seen.add(id);
    return { __entity_type__: 'Project', id, context_type: 'show', name: `project_${i % 25}`, full_name: `Project ${i % 25}` };
  };
  const data = [];
  for (let i = 0; i < count; i++) {
    const p = project(i);
    data.push({
      __entity_type__: 'Task',
      id: uuid(2, i),
      context_type: 'task',
      object_type_id: '11c137c0-ee7e-4f9c-91c5-8c77cec22b2c',
      project_id: p.id,
      name: `task_${i}`,
      bid: (i % 40) * 0.5,
      created_at: { __type__: 'datetime', value: new Date(Date.UTC(2024, 0, 1) + i * 61_000).toISOString().slice(0, 19) },
      status: status(i),
      project: p,
    });
  }
  return JSON.stringify([{ action: 'query', data, metadata: { next: { offset: null } } }]);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

// Every timing starts from a collected heap, so no side pays for another's garbage.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** CPU ms (user + system, all threads) of the last `time` call: steadier than wall time on a busy machine. */
let lastCpu = 0;

async function time(fn: () => Promise<unknown>): Promise<number> {
  // Twice: the second collection first finishes sweeping the first one's garbage (a previous column's
  // entities), which would otherwise run on background threads during this timing.
  collect();
  collect();
  const cpu = process.cpuUsage();
  const start = performance.now();
  await fn();
  const elapsed = performance.now() - start;
  const used = process.cpuUsage(cpu);
  lastCpu = (used.user + used.system) / 1000;
  return elapsed;
}

const schemas = loadSchemas();
const schemaHash = computeSchemaHash(schemas);
const information = JSON.stringify({ version: '4.13.8', schema_hash: schemaHash, is_timezone_support_enabled: true, storage_scenario: { scenario: 'ftrack.automatic', data: {} } });
const schemasJson = JSON.stringify(schemas);
// The query answer is kept as encoded bytes and only written per request: re-encoding megabytes of
// text in this process on every request would be charged to every column, the floor included.
let queryBody = Buffer.from('[]');

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const operations = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { action: string }[];
    let parts: Buffer[];
    if (operations.some((op) => op.action === 'query')) parts = operations.length === 1 ? [queryBody] : [Buffer.from(`[${information},`), queryBody.subarray(1)];
    else parts = [Buffer.from(`[${operations.map((op) => (op.action === 'query_schemas' ? schemasJson : information)).join(',')}]`)];
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': parts.reduce((sum, part) => sum + part.length, 0) });
    for (const part of parts) res.write(part);
    res.end();
  });
});
// Keep idle sockets longer than any client does: a socket the server closes while a client reuses it
// ends the run with ECONNRESET (Node's default is 5 s, and a 100k run idles longer than that).
server.keepAliveTimeout = 120_000;
server.headersTimeout = 121_000;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const agent = new Agent({ keepAliveTimeout: 10_000 });

async function floor(): Promise<number> {
  return time(async () => {
    const response = await request(`${url}/api`, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/json', 'ftrack-user': USER, 'ftrack-api-key': KEY },
      body: JSON.stringify([{ action: 'query', expression: EXPRESSION }]),
    });
    JSON.parse(await response.body.text());
  });
}

/**
 * One session for the whole run (as an application has). Its identity map is emptied before each
 * timing and again after it, so (c) and (a) never run next to our 100k live entities.
 */
const session = new Session({ serverUrl: url, apiUser: USER, apiKey: KEY, schema: { schemaHash, schemas } });
await session.ready();

async function ours(size: number): Promise<number> {
  session.identityMap.clear();
  const elapsed = await time(async () => {
    const tasks = await session.query(EXPRESSION, { pageSize: size }).all();
    if (tasks.length !== size) throw new Error(`expected ${size} tasks, got ${tasks.length}`);
  });
  session.identityMap.clear();
  return elapsed;
}

async function official(size: number): Promise<number> {
  const session = new FtrackApiSession(url, USER, KEY, { autoConnectEventHub: false });
  await session.initializing;
  return time(async () => {
    const result = await session.query(EXPRESSION);
    if (result.data.length !== size) throw new Error(`expected ${size} tasks, got ${result.data.length}`);
  });
}

const quiet = console.warn;
const only = process.argv[2];
console.log(`decode benchmark — Node ${process.version}, medians of several runs in one process`);
if (only !== 'realistic') console.log('size      (a) floor ms   (b) ours ms   (c) @ftrack/api ms   b/a (≤ 2.5)   c/b (≥ 3)');
for (const size of only === 'realistic' ? [] : SIZES) {
  queryBody = Buffer.from(buildBody(size));
  const a: number[] = [];
  const b: number[] = [];
  const c: number[] = [];
  console.warn = () => {};
  await floor();
  await ours(size);
  await official(size);
  for (let run = 0; run < RUNS[size]!; run++) {
    a.push(await floor());
    b.push(await ours(size));
    c.push(await official(size));
  }
  console.warn = quiet;
  const [ma, mb, mc] = [median(a), median(b), median(c)];
  const row = [
    String(size).padEnd(9),
    ma.toFixed(1).padStart(12),
    mb.toFixed(1).padStart(13),
    mc.toFixed(1).padStart(20),
    (mb / ma).toFixed(2).padStart(13),
    (mc / mb).toFixed(2).padStart(11),
  ];
  console.log(`${row.join(' ')}   (body ${(queryBody.length / 1e6).toFixed(1)} MB)`);
}
await session.close();

const realSchemas = only === 'synthetic' ? undefined : readRealSchema();
if (only !== 'synthetic' && realSchemas === undefined) console.log('(../shared not found: realistic workload skipped)');
if (realSchemas !== undefined) await realistic(await startRealisticServer(realSchemas));

await agent.close();
server.close();

/** The realistic workload (see the header): one row per size, then the paged `for await` row. */
async function realistic(real: RealisticServer): Promise<void> {
  const PAGE = 500;
  // DECODE_RUNS=n: n timed runs per row (fewer on a loaded machine; the ratios are side by side either way).
  const fixed = Number(process.env.DECODE_RUNS ?? Number.NaN);
  const REAL_RUNS: Record<string, number> = Number.isInteger(fixed) && fixed > 0 ? { 20_000: fixed, 100_000: fixed, paged: fixed } : { 20_000: 11, 100_000: 7, paged: 7 };
  const endpoint = `${real.url}/api`;

  async function post(expression: string): Promise<{ data: unknown[]; metadata: { next: { offset: number | null } } }> {
    const response = await request(endpoint, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/json', 'ftrack-user': USER, 'ftrack-api-key': KEY },
      body: JSON.stringify([{ action: 'query', expression }]),
    });
    return (JSON.parse(await response.body.text()) as { data: unknown[]; metadata: { next: { offset: number | null } } }[])[0]!;
  }
  /** Floor: the same request(s) our session sends, and JSON.parse of each body. */
  const floorOnce = (size: number) => time(() => post(`${REALISTIC_QUERY} limit ${size}`));
  const floorPaged = () =>
    time(async () => {
      let offset: number | null = 0;
      while (offset !== null) offset = (await post(`${REALISTIC_QUERY}${offset > 0 ? ` offset ${offset}` : ''} limit ${PAGE}`)).metadata.next.offset;
    });

  /** Ours: a fresh session, warmed with one `limit 1` query (not timed), then the timed read. */
  async function ours(read: (session: Session) => Promise<number>, size: number): Promise<number> {
    const fresh = new Session({ serverUrl: real.url, apiUser: USER, apiKey: KEY, schema: { schemaHash: real.schemaHash, schemas: real.schemas } });
    await fresh.query(`${REALISTIC_QUERY} limit 1`).all();
    let got = 0;
    const elapsed = await time(async () => {
      got = await read(fresh);
    });
    await fresh.close();
    if (got !== size) throw new Error(`expected ${size} tasks, got ${got}`);
    return elapsed;
  }
  const oursOnce = (size: number) => ours(async (s) => (await s.query(REALISTIC_QUERY, { pageSize: size }).all()).length, size);
  const oursPaged = (size: number) =>
    ours(async (s) => {
      let n = 0;
      for await (const task of s.query(REALISTIC_QUERY, { pageSize: PAGE })) if (task !== undefined) n++;
      return n;
    }, size);

  /** @ftrack/api: a fresh session, warmed with one `limit 1` query (not timed). */
  async function official(read: (session: FtrackApiSession) => Promise<number>, size: number): Promise<number> {
    const fresh = new FtrackApiSession(real.url, USER, KEY, { autoConnectEventHub: false });
    await fresh.initializing;
    await fresh.query(`${REALISTIC_QUERY} limit 1`);
    let got = 0;
    const elapsed = await time(async () => {
      got = await read(fresh);
    });
    if (got !== size) throw new Error(`expected ${size} tasks, got ${got}`);
    return elapsed;
  }
  const officialOnce = (size: number) => official(async (s) => (await s.query(REALISTIC_QUERY)).data.length, size);
  const officialPaged = (size: number) =>
    official(async (s) => {
      let n = 0;
      let offset: number | null = 0;
      while (offset !== null) {
        const page: { data: unknown[]; metadata?: unknown } = await s.query(`${REALISTIC_QUERY}${offset > 0 ? ` offset ${offset}` : ''} limit ${PAGE}`);
        n += page.data.length;
        offset = (page.metadata as { next: { offset: number | null } }).next.offset;
      }
      return n;
    }, size);

  console.log(`\nrealistic workload — real schema (${real.schemas.length} types), fresh session per run: ${REALISTIC_QUERY}`);
  console.log('rows            (a) floor ms   (b) ours ms   (c) @ftrack/api ms   b/a (≤ 1.3)   c/b (≥ 4)');
  const cases: { label: string; size: number; runs: number; a: () => Promise<number>; b: () => Promise<number>; c: () => Promise<number> }[] = [
    { label: '20000', size: 20_000, runs: REAL_RUNS[20_000]!, a: () => floorOnce(20_000), b: () => oursOnce(20_000), c: () => officialOnce(20_000) },
    { label: '100000', size: 100_000, runs: REAL_RUNS[100_000]!, a: () => floorOnce(100_000), b: () => oursOnce(100_000), c: () => officialOnce(100_000) },
    { label: `100000/${PAGE}`, size: 100_000, runs: REAL_RUNS.paged!, a: floorPaged, b: () => oursPaged(100_000), c: () => officialPaged(100_000) },
  ];
  for (const row of cases) {
    real.setCount(row.size);
    const a: number[] = [];
    const b: number[] = [];
    const c: number[] = [];
    const cpu: [number[], number[], number[]] = [[], [], []];
    console.warn = () => {};
    await row.a();
    await row.b();
    await row.c();
    const columns: [() => Promise<number>, number[], number[]][] = [
      [row.a, a, cpu[0]],
      [row.b, b, cpu[1]],
      [row.c, c, cpu[2]],
    ];
    for (let run = 0; run < row.runs; run++) {
      // The columns take turns going first, so none always follows the same neighbour's garbage.
      for (let k = 0; k < 3; k++) {
        const [measure, walls, cpus] = columns[(run + k) % 3]!;
        walls.push(await measure());
        cpus.push(lastCpu);
      }
    }
    console.warn = quiet;
    const [ma, mb, mc] = [median(a), median(b), median(c)];
    const [ca, cb, cc] = cpu.map(median) as [number, number, number];
    const cells = [row.label.padEnd(15), ma.toFixed(1).padStart(12), mb.toFixed(1).padStart(13), mc.toFixed(1).padStart(20), (mb / ma).toFixed(2).padStart(13), (mc / mb).toFixed(2).padStart(11)];
    console.log(`${cells.join(' ')}   (${row.runs} runs; CPU ms ${ca.toFixed(0)} / ${cb.toFixed(0)} / ${cc.toFixed(0)}: b/a ${(cb / ca).toFixed(2)}, c/b ${(cc / cb).toFixed(2)})`);
  }
  await real.close();
}
