/**
 * Local server benchmark: median latency over HTTP of
 *  - a filtered query with two dotted-path conditions and a nested projection, and
 *  - a 200-operation create batch (Tasks with only name + parent: the server derives the rest),
 * on demo workspaces of growing size. Ratios are against the smallest workspace: roughly linear
 * growth of the query (a scan with index joins) and flat create cost show nothing is quadratic.
 *
 * Run: npx tsx bench/server.ts [--tasks 50000] [--runs 15]
 */
import { startServer } from '../server/index.js';

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
  const call = async (operations: unknown[]) => {
    const response = await fetch(`${server.url}/api`, {
      method: 'POST',
      headers: { 'ftrack-user': server.apiUser, 'ftrack-api-key': 'bench', 'content-type': 'application/json' },
      body: JSON.stringify(operations),
    });
    const body = (await response.json()) as unknown;
    if (!Array.isArray(body)) throw new Error(JSON.stringify(body));
    return body as Record<string, unknown>[];
  };
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

const rows: Row[] = [];
for (const size of sizes) rows.push(await measure(size));
const base = rows[0]!;
const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(10);
const ratio = (value: number, reference: number) => `×${(value / reference).toFixed(1)}`.padStart(7);
console.log(`query: ${QUERY}`);
console.log(`runs per figure: ${runs} (median), batch: 200 creates of Task {name, parent}\n`);
console.log(`${'tasks'.padStart(7)} ${'startup'.padStart(10)} ${'query'.padStart(10)} ${'vs first'.padStart(8)} ${'rows'.padStart(5)} ${'200 creates'.padStart(12)} ${'vs first'.padStart(8)} ${'per create'.padStart(11)}`);
for (const row of rows) {
  console.log(
    `${String(row.tasks).padStart(7)} ${ms(row.startup)} ${ms(row.query)} ${ratio(row.query, base.query).padStart(8)} ${String(row.matched).padStart(5)} ${ms(row.create).padStart(12)} ${ratio(row.create, base.create).padStart(8)} ${ms(row.create / 200).padStart(11)}`,
  );
}
console.log(`\ntask count ×${(rows[rows.length - 1]!.tasks / base.tasks).toFixed(0)} between first and last row`);
