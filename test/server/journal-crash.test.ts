import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type DataFileSystem } from '../../server/index.js';
import { runServe } from './support/run-serve.js';

// `serve --data` under kill -9: a write storm from several clients, the process killed at a
// random moment (in odd rounds as soon as a compaction is seen writing its snapshot), then
// restarted on the same files. Every acknowledged batch must be there, every refused or
// unanswered batch either wholly there or wholly absent, and nothing else.

const ROUNDS = 10;
const WORKERS = 4;
const KEY = 'crash-key';

type State = Map<string, string>; // User id → last_name, for the users this test owns
type Operation = { action: string; entity_type: 'User'; entity_key?: string; entity_data?: Record<string, unknown> };

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A small deterministic PRNG, so a failing run can be repeated from its seed. */
function prng(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

function apply(state: State, operations: readonly Operation[]): State {
  const next = new Map(state);
  for (const op of operations) {
    if (op.action === 'create') next.set(String(op.entity_data!.id), String(op.entity_data!.last_name));
    else if (op.action === 'update') next.set(op.entity_key!, String(op.entity_data!.last_name));
    else next.delete(op.entity_key!);
  }
  return next;
}

/** One batch (undici's `request`: a quarter of fetch's CPU per call, the storm's client is never the bottleneck). */
async function post(url: string, operations: unknown[]): Promise<unknown> {
  const response = await request(`${url}/api`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'ftrack-user': 'admin', 'ftrack-api-key': KEY },
    body: JSON.stringify(operations),
  });
  return response.body.json();
}

async function readState(url: string): Promise<State> {
  const answer = (await post(url, [{ action: 'query', expression: 'select id, last_name from User where username like "crash-%"' }])) as { data: { id: string; last_name: string }[] }[];
  if (!Array.isArray(answer)) throw new Error(`query failed: ${JSON.stringify(answer)}`);
  return new Map(answer[0]!.data.map((row) => [row.id, row.last_name]));
}

/**
 * Checks `actual` against the acknowledged state, where each unanswered batch may have been
 * applied or not (but never in part); returns the state actually found.
 */
function reconcile(acknowledged: State, unanswered: readonly Operation[][], actual: State, context: string): State {
  let expected = acknowledged;
  for (const batch of unanswered) {
    const touched = new Set(batch.map((op) => String(op.entity_key ?? op.entity_data!.id)));
    const pick = (state: State) => [...touched].map((id) => `${id}=${state.get(id) ?? '∅'}`).join(' ');
    const withBatch = apply(expected, batch);
    const found = pick(actual);
    expect([pick(expected), pick(withBatch)], `${context}: an unanswered batch is applied in part`).toContain(found);
    if (found === pick(withBatch)) expected = withBatch;
  }
  expect(Object.fromEntries([...actual].sort()), `${context}: acknowledged writes`).toEqual(Object.fromEntries([...expected].sort()));
  return actual;
}

describe('--data journal under kill -9', () => {
  it(`keeps every acknowledged write through ${ROUNDS} crashes at random points`, async () => {
    const seed = Date.now() % 1_000_000;
    const random = prng(seed);
    const dir = mkdtempSync(join(tmpdir(), 'ftrack-crash-'));
    dirs.push(dir);
    const file = join(dir, 'workspace.json');
    let acknowledged: State = new Map();
    let unanswered: Operation[][] = [];
    let acknowledgedBatches = 0;
    let killedDuringCompaction = 0;

    for (let round = 0; round < ROUNDS; round++) {
      const context = `seed ${seed}, round ${round}`;
      const run = runServe(['--data', file, '--journal-limit', '16384', '--api-key', KEY, '--tasks', '20', '--storage', join(dir, 'files')]);
      await run.started;
      const url = /listening on (http:\/\/\S+)/.exec(run.output())![1]!;
      acknowledged = reconcile(acknowledged, unanswered, await readState(url), context);
      unanswered = [];

      let stop = false;
      const worker = async (w: number) => {
        let i = 0;
        while (!stop) {
          i++;
          const mine = [...acknowledged.keys()].filter((id) => id.startsWith(`crash-${w}-`));
          const batch: Operation[] = [];
          const creates = mine.length < 5 ? 1 + Math.floor(random() * 3) : Math.floor(random() * 2);
          for (let k = 0; k < creates; k++) {
            const id = `crash-${w}-${round}-${i}-${k}`;
            batch.push({ action: 'create', entity_type: 'User', entity_data: { id, username: id, last_name: `v${round}.${i}` } });
          }
          const victims = mine.sort(() => random() - 0.5).slice(0, 2);
          if (victims[0] !== undefined) batch.push({ action: 'update', entity_type: 'User', entity_key: victims[0], entity_data: { last_name: `u${round}.${i}` } });
          if (victims[1] !== undefined && random() < 0.3) batch.push({ action: 'delete', entity_type: 'User', entity_key: victims[1] });
          let answer: unknown;
          try {
            answer = await post(url, batch);
          } catch {
            unanswered.push(batch); // killed mid-request: outcome unknown
            return;
          }
          expect(Array.isArray(answer), `${context}: ${JSON.stringify(answer).slice(0, 300)}`).toBe(true);
          acknowledged = apply(acknowledged, batch);
          acknowledgedBatches++;
        }
      };
      const storm = Array.from({ length: WORKERS }, (_, w) => worker(w));

      // Kill at a random moment; in odd rounds as soon as a compaction is writing its snapshot.
      const deadline = performance.now() + 150 + random() * 900;
      const watchCompaction = round % 2 === 1;
      while (performance.now() < deadline) {
        if (watchCompaction && readdirSync(dir).some((name) => name.endsWith('.tmp'))) {
          killedDuringCompaction++;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, watchCompaction ? 1 : 20));
      }
      run.child.kill('SIGKILL');
      await run.exited;
      stop = true;
      await Promise.all(storm);
    }

    // The files load in-process too, and hold the same rows.
    const server = await startServer({ data: file, apiKey: KEY });
    try {
      reconcile(acknowledged, unanswered, await readState(server.url), `seed ${seed}, final`);
    } finally {
      await server.close();
    }
    expect(() => JSON.parse(readFileSync(file, 'utf8'))).not.toThrow();
    expect(acknowledgedBatches).toBeGreaterThan(ROUNDS * 5);
    console.info(`journal-crash: seed ${seed}, ${acknowledgedBatches} acknowledged batches, ${killedDuringCompaction} kills during a compaction`);
  }, 300_000);

  it('survives a crash at every file operation of a write and a compaction', async () => {
    // The process "dies" at file operation k: from then on every file operation fails, so the
    // files stay exactly as they were at that point. k runs over every operation of one
    // write + compaction + write cycle; each time a fresh server must load the files and hold
    // every batch answered with success (batches answered "uncertain" may or may not be there).
    const user = { id: 'User', primary_key: ['id'], required: ['id'], properties: { id: { type: 'string' }, username: { type: 'string' }, last_name: { type: 'string' } } };
    const tiny = { schema: [user], bootstrap: false, apiKey: KEY } as const;
    let total = Infinity;
    for (let k = 1; k <= total; k++) {
      const dir = mkdtempSync(join(tmpdir(), 'ftrack-crash-point-'));
      dirs.push(dir);
      const file = join(dir, 'workspace.json');
      const disk = { count: 0, dieAfter: Infinity };
      const files = Object.fromEntries(
        Object.entries(fs).map(([name, fn]) => [
          name,
          typeof fn !== 'function'
            ? fn
            : (...args: unknown[]) => {
                if (++disk.count > disk.dieAfter) throw Object.assign(new Error('EIO: the process is gone'), { code: 'EIO' });
                // A crash point like any other; flushing to the disk itself changes nothing a process
                // that dies (rather than a machine that loses power) leaves behind, so it is skipped.
                if (name === 'fsyncSync' || name === 'fdatasyncSync') return void fs.fstatSync(args[0] as number);
                return (fn as (...a: unknown[]) => unknown)(...args);
              },
        ]),
      ) as unknown as DataFileSystem;
      /** Resolves once no file operation has happened for a while: the background compaction a write started has ended. */
      const settled = async () => {
        for (let seen = -1; seen !== disk.count; ) {
          seen = disk.count;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      };
      const server = await startServer({ ...tiny, data: file, journalLimit: 1, dataFileSystem: files });
      let acknowledged: State = new Map();
      const unknown: Operation[][] = [];
      const write = async (id: string) => {
        const batch: Operation[] = [{ action: 'create', entity_type: 'User', entity_data: { id, username: id, last_name: id } }];
        const answer = (await post(server.url, batch)) as unknown;
        if (Array.isArray(answer)) acknowledged = apply(acknowledged, batch);
        else if ((answer as { error_code?: string }).error_code !== 'save_failed') unknown.push(batch);
      };
      await write('crash-before');
      await settled(); // its compaction
      disk.count = 0;
      disk.dieAfter = k;
      await write('crash-a'); // journaled, then a compaction starts in the background
      await settled();
      await write('crash-b');
      await settled();
      if (disk.count < k) total = k - 1; // no operation k: every crash point was covered
      await server.close().catch(() => undefined);
      if (k > total) break;
      const restarted = await startServer({ ...tiny, data: file });
      try {
        reconcile(acknowledged, unknown, await readState(restarted.url), `crash at file operation ${k}`);
      } finally {
        await restarted.close();
      }
    }
    expect(total).toBeGreaterThan(10);
    expect(total).toBeLessThan(Infinity);
  }, 300_000);
});
