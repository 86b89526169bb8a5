import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { afterAll, describe as vitestDescribe, inject, it as vitestIt } from 'vitest';

/**
 * Runs the tests of a file that forces garbage collections in a worker thread: an isolate with a
 * heap of its own, holding the runtime and this file only. vitest reuses its workers across test
 * files (isolate: false), so their heap also holds every module and TypeScript program of the
 * files run before; a full collection marks all of it (about a second with a type-checked program
 * in it), and such a file forces dozens. In the worker a collection marks a few megabytes.
 *
 * The test file is the worker's code too: it takes `describe` and `it` from `freshHeap()` and
 * `expect` from vitest as usual. Under vitest they register the tests, each of which runs its body
 * in the worker (the file, bundled by esbuild, loaded there once); in the worker they collect the
 * bodies and run the one asked for, with vitest's own `expect` (an assertion that fails there
 * fails the test here, with its message and stack).
 *
 * @example
 * const { describe, it } = freshHeap(import.meta.url);
 * describe('bounded streaming', () => {
 *   it('collects rows of earlier pages', async () => { ... expect(alive(refs)).toBe(kept.length); });
 * });
 */
export function freshHeap(moduleUrl: string): { describe(name: string, body: () => void): void; it(name: string, body: () => Promise<void> | void): void } {
  return inWorker ? workerSide() : testSide(moduleUrl);
}

const MARK = 'ftrack-codegen fresh-heap worker';
const inWorker = !isMainThread && (workerData as { mark?: string } | null)?.mark === MARK;

interface Failure {
  readonly name: string;
  readonly message: string;
  readonly stack: string | undefined;
  readonly diff: { readonly actual: string; readonly expected: string } | undefined;
}
type Reply = { readonly id: number; readonly failure?: Failure };

/** In the worker: the bodies by full name; runs one per message, answers with its failure if any. */
function workerSide(): ReturnType<typeof freshHeap> {
  const bodies = new Map<string, () => Promise<void> | void>();
  const prefix: string[] = [];
  process.setSourceMapsEnabled(true);
  parentPort!.on('message', ({ id, name }: { id: number; name: string }) => {
    void (async () => {
      const body = bodies.get(name);
      if (body === undefined) throw new Error(`no test named "${name}" in the worker`);
      await body();
    })().then(
      () => parentPort!.postMessage({ id } satisfies Reply),
      (error: unknown) => parentPort!.postMessage({ id, failure: describeFailure(error) } satisfies Reply),
    );
  });
  return {
    describe: (name, body) => within(prefix, name, body),
    it(name, body) {
      bodies.set([...prefix, name].join(' > '), body);
    },
  };
}

/** Runs a `describe` body with `name` added to the test-name prefix. */
function within(prefix: string[], name: string, body: () => void): void {
  prefix.push(name);
  try {
    body();
  } finally {
    prefix.pop();
  }
}

function describeFailure(error: unknown): Failure {
  if (!(error instanceof Error)) return { name: 'Error', message: inspect(error), stack: undefined, diff: undefined };
  const { actual, expected, showDiff } = error as Error & { actual?: unknown; expected?: unknown; showDiff?: boolean };
  const diff = showDiff === false || !('actual' in error) ? undefined : { actual: inspect(actual, { depth: 6 }), expected: inspect(expected, { depth: 6 }) };
  return { name: error.name, message: error.message, stack: error.stack, diff };
}

/** Under vitest: registers the tests; the first one to run builds the bundle and starts the worker. */
function testSide(moduleUrl: string): ReturnType<typeof freshHeap> {
  let worker: Promise<{ run(name: string): Promise<Failure | undefined>; stop(): Promise<unknown> }> | undefined;
  const prefix: string[] = [];
  const start = async () => {
    const { build } = await import('esbuild'); // loaded here only: the worker never needs it
    const scratch = inject('runScratch') ?? fileURLToPath(new URL('../../../.tmp', import.meta.url));
    mkdirSync(scratch, { recursive: true });
    const outfile = join(mkdtempSync(join(scratch, 'fresh-heap-')), 'tests.mjs');
    // packages stay external: vitest (for `expect`) and the runtime's dependencies load from node_modules
    await build({ entryPoints: [fileURLToPath(moduleUrl)], outfile, bundle: true, packages: 'external', format: 'esm', platform: 'node', target: 'node20', sourcemap: 'inline', logLevel: 'error' });
    const thread = new Worker(outfile, { workerData: { mark: MARK } });
    thread.unref();
    const pending = new Map<number, (failure: Failure | undefined) => void>();
    let crash: Error | undefined;
    thread.on('message', ({ id, failure }: Reply) => pending.get(id)?.(failure));
    const fail = (error: Error) => {
      crash ??= error;
      for (const settle of pending.values()) settle(workerFailure(error));
    };
    thread.on('error', fail);
    thread.on('exit', (code) => fail(new Error(`the worker exited (code ${code})`)));
    let next = 0;
    return {
      stop: () => thread.terminate(),
      run: (name: string) =>
        new Promise<Failure | undefined>((resolve) => {
          if (crash !== undefined) return resolve(workerFailure(crash));
          const id = next++;
          pending.set(id, (failure) => {
            pending.delete(id);
            resolve(failure);
          });
          thread.postMessage({ id, name });
        }),
    };
  };
  afterAll(async () => {
    if (worker !== undefined) await (await worker).stop();
  });
  return {
    describe: (name, body) => vitestDescribe(name, () => within(prefix, name, body)),
    it(name, _body) {
      const full = [...prefix, name].join(' > ');
      vitestIt(name, async () => {
        worker ??= start();
        const failure = await (await worker).run(full);
        if (failure !== undefined) throw rebuild(failure);
      });
    },
  };
}

/** The failure of every test that was waiting on (or asks) a worker that failed. */
function workerFailure(error: Error): Failure {
  return { name: error.name, message: `the test worker failed: ${error.message}`, stack: error.stack, diff: undefined };
}

function rebuild(failure: Failure): Error {
  const error = new Error(failure.message) as Error & { actual?: string; expected?: string; showDiff?: boolean };
  error.name = failure.name;
  if (failure.stack !== undefined) error.stack = failure.stack;
  if (failure.diff !== undefined) Object.assign(error, { ...failure.diff, showDiff: true });
  return error;
}
