/**
 * Local server benchmark: median latency over HTTP of
 *  - a filtered query with two dotted-path conditions and a nested projection, and
 *  - a 200-operation create batch (Tasks with only name + parent: the server derives the rest),
 * on demo workspaces of growing size. Ratios are against the smallest workspace: roughly linear
 * growth of the query (a scan with index joins) and flat create cost show nothing is quadratic.
 *
 * A second table: a one-field update (one Task's name) with `--data` at 5k and 50k tasks —
 * journal append + fsync per batch — side by side with the same update in memory and with the
 * former whole-file rewrite per batch (dump + write + rename, measured directly).
 *
 * A third table, when ../shared holds the real 130-type schema: start-up of workspace-a with
 * `--seed small` (bootstrap + seed through the write path), 1,000 Tasks created under the seeded
 * shots in one batch, and a query returning those 1,000 tasks with three dotted projections.
 *
 * Run: npx tsx bench/server.ts [--tasks 50000] [--runs 15] [--data-only] [--real-only]
 */
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../server/index.js';
import { demoData, demoSchema } from '../server/demo/index.js';
import { dumpWorkspaceData, loadWorkspaceData } from '../server/store/persistence.js';
import { Workspace } from '../server/store/workspace.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(name);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const largest = option('--tasks', 50_000);
const runs = option('--runs', 15);
const sizes = [...new Set([Math.max(1, Math.round(largest / 100)), Math.round(largest / 10), largest])];

const QUERY =
  'select name, bid, status.name, status.state.short, parent.name, parent.parent.name from Task ' +
  'where status.state.short is "IN_PROGRESS" and parent.parent.name like "%0%" order by name limit 100';

/** Sends one batch to `server` (key `bench`) and returns its results. */
function apiCaller(server: { url: string; apiUser: string }) {
  return async (operations: unknown[]): Promise<Record<string, unknown>[]> => {
    const response = await fetch(`${server.url}/api`, {
      method: 'POST',
      headers: { 'ftrack-user': server.apiUser, 'ftrack-api-key': 'bench', 'content-type': 'application/json' },
      body: JSON.stringify(operations),
    });
    const body = (await response.json()) as unknown;
    if (!Array.isArray(body)) throw new Error(JSON.stringify(body));
    return body as Record<string, unknown>[];
  };
}

interface Row {
  tasks: number;
  startup: number;
  query: number;
  matched: number;
  create: number;
}

async function measure(tasks: number): Promise<Row> {
  const started = performance.now();
  const server = await startServer({ tasks, apiKey: 'bench' });
  const startup = performance.now() - started;
  const call = apiCaller(server);
  try {
    const [parentAnswer] = await call([{ action: 'query', expression: 'select id from Shot limit 1' }]);
    const parent = (parentAnswer!.data as { id: string }[])[0]!.id;
    let matched = 0;
    const queryTimes = await timeRuns(async () => {
      const [answer] = await call([{ action: 'query', expression: QUERY }]);
      matched = (answer!.data as unknown[]).length;
    });
    let batchNo = 0;
    const createTimes = await timeRuns(async () => {
      batchNo++;
      const operations = Array.from({ length: 200 }, (_, i) => ({
        action: 'create',
        entity_type: 'Task',
        entity_data: { name: `bench-${batchNo}-${i}`, parent: { __entity_type__: 'Shot', id: parent } },
      }));
      await call(operations);
    });
    return { tasks, startup, query: median(queryTimes), matched, create: median(createTimes) };
  } finally {
    await server.close();
  }
}

async function timeRuns(work: () => Promise<void>): Promise<number[]> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return times;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface DataRow {
  tasks: number;
  memory: number;
  journal: number;
  rewrite: number;
}

/** Median one-field update over HTTP, in memory and with `--data`, plus the old whole-file rewrite. */
async function measureDataUpdate(tasks: number): Promise<DataRow> {
  const dir = mkdtempSync(join(tmpdir(), 'ftrack-bench-data-'));
  try {
    const update = async (data: string | undefined) => {
      const server = await startServer({ tasks, apiKey: 'bench', ...(data === undefined ? {} : { data }) });
      try {
        const call = apiCaller(server);
        const [answer] = await call([{ action: 'query', expression: 'select id from Task limit 1' }]);
        const id = (answer!.data as { id: string }[])[0]!.id;
        let n = 0;
        return median(await timeRuns(async () => void (await call([{ action: 'update', entity_type: 'Task', entity_key: id, entity_data: { name: `renamed-${++n}` } }]))));
      } finally {
        await server.close();
      }
    };
    const memory = await update(undefined);
    const journal = await update(join(dir, 'workspace.json'));
    // The former persistence: the whole state dumped, written and renamed after every batch.
    const workspace = new Workspace(demoSchema);
    loadWorkspaceData(workspace, demoData({ tasks }));
    const rewrites: number[] = [];
    for (let i = 0; i < Math.min(runs, 5); i++) {
      const start = performance.now();
      writeFileSync(join(dir, 'old.tmp'), JSON.stringify(dumpWorkspaceData(workspace)));
      renameSync(join(dir, 'old.tmp'), join(dir, 'old.json'));
      rewrites.push(performance.now() - start);
    }
    return { tasks, memory, journal, rewrite: median(rewrites) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The real schema beside the checkout (third-party data, never copied into the repo). */
const realSchemaPath = fileURLToPath(new URL('../../shared/fixtures/schemas/workspace-a.query_schemas.json', import.meta.url));
const hasShared = existsSync(realSchemaPath);

interface RealRow {
  startup: number;
  create: number;
  query: number;
  matched: number;
}

const REAL_QUERY = 'select name, status.name, type.name, parent.name from Task where name like "bench-%" limit 1000';

/** workspace-a + `--seed small`: start-up, a 1,000-task create batch, then the 1,000-task query. */
async function measureRealSchema(): Promise<RealRow> {
  const started = performance.now();
  const server = await startServer({ schema: JSON.parse(readFileSync(realSchemaPath, 'utf8')) as unknown[], seed: 'small', apiKey: 'bench' });
  const startup = performance.now() - started;
  const call = apiCaller(server);
  try {
    const [shots] = await call([{ action: 'query', expression: 'select id from Shot' }]);
    const parents = (shots!.data as { id: string }[]).map((shot) => shot.id);
    if (parents.length === 0) throw new Error('--seed small made no Shot on workspace-a');
    const createStart = performance.now();
    await call(
      Array.from({ length: 1000 }, (_, i) => ({
        action: 'create',
        entity_type: 'Task',
        entity_data: { name: `bench-${String(i).padStart(4, '0')}`, parent: { __entity_type__: 'Shot', id: parents[i % parents.length] } },
      })),
    );
    const create = performance.now() - createStart;
    let matched = 0;
    const times = await timeRuns(async () => {
      const [answer] = await call([{ action: 'query', expression: REAL_QUERY }]);
      matched = (answer!.data as unknown[]).length;
    });
    return { startup, create, query: median(times), matched };
  } finally {
    await server.close();
  }
}

const dataOnly = args.includes('--data-only');
const realOnly = args.includes('--real-only');
const rows: Row[] = [];
if (!dataOnly && !realOnly) for (const size of sizes) rows.push(await measure(size));
const dataRows: DataRow[] = [];
if (!realOnly) for (const size of [Math.round(largest / 10), largest]) dataRows.push(await measureDataUpdate(size));
const realRow = !dataOnly && hasShared ? await measureRealSchema() : undefined;
const base = rows[0] ?? { tasks: 1, startup: 1, query: 1, matched: 0, create: 1 };
const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(10);
const ratio = (value: number, reference: number) => `×${(value / reference).toFixed(1)}`.padStart(7);
if (rows.length > 0) {
  console.log(`query: ${QUERY}`);
  console.log(`runs per figure: ${runs} (median), batch: 200 creates of Task {name, parent}\n`);
  console.log(`${'tasks'.padStart(7)} ${'startup'.padStart(10)} ${'query'.padStart(10)} ${'vs first'.padStart(8)} ${'rows'.padStart(5)} ${'200 creates'.padStart(12)} ${'vs first'.padStart(8)} ${'per create'.padStart(11)}`);
  for (const row of rows) {
    console.log(
      `${String(row.tasks).padStart(7)} ${ms(row.startup)} ${ms(row.query)} ${ratio(row.query, base.query).padStart(8)} ${String(row.matched).padStart(5)} ${ms(row.create).padStart(12)} ${ratio(row.create, base.create).padStart(8)} ${ms(row.create / 200).padStart(11)}`,
    );
  }
  console.log(`\ntask count ×${(rows[rows.length - 1]!.tasks / base.tasks).toFixed(0)} between first and last row`);
}

if (realRow !== undefined) {
  console.log(`\nworkspace-a (130 types) + --seed small: ${REAL_QUERY}`);
  console.log(`${'startup+seed'.padStart(13)} ${'1,000 creates'.padStart(14)} ${'query'.padStart(10)} ${'rows'.padStart(5)}`);
  console.log(`${ms(realRow.startup).padStart(13)} ${ms(realRow.create).padStart(14)} ${ms(realRow.query)} ${String(realRow.matched).padStart(5)}`);
}
if (dataRows.length === 0) process.exit(0);
console.log(`\none-field update (Task.name), median of ${runs}; --data = journal append + fsync before the answer`);
console.log(`${'tasks'.padStart(7)} ${'in memory'.padStart(10)} ${'--data'.padStart(10)} ${'vs memory'.padStart(9)} ${'old rewrite*'.padStart(13)} ${'old/--data'.padStart(10)}`);
for (const row of dataRows) {
  console.log(`${String(row.tasks).padStart(7)} ${ms(row.memory)} ${ms(row.journal)} ${ratio(row.journal, row.memory).padStart(9)} ${ms(row.rewrite).padStart(13)} ${ratio(row.rewrite, row.journal).padStart(10)}`);
}
console.log('* the former persistence: the whole state written and renamed per batch (no fsync), measured without HTTP. Goal: --data under 10 ms at 50k.');
