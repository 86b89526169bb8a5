/**
 * `npm run demo`: the main job on the embedded default, with nothing to set up.
 *
 * 1. starts the local ftrack-compatible server (demo workspace) in this process;
 * 2. runs the code generator CLI against it (`ftrack-codegen --server … --out <temp>/ftrack`);
 * 3. type-checks a small program against that fresh client (the TypeScript compiler API, the app's and the client's files);
 * 4. runs the ftrack tutorial (examples/tutorial.ts) against the server;
 * 5. runs the events example (examples/events.ts): an action and a status listener through the event hub;
 * 6. runs the publish example (examples/publish.ts): a file and a thumbnail on a version, downloaded back, a disk location;
 * 7. prints a summary and stops the server. Exit code 1 with a clear message on any failure.
 *
 * The API key is random per run, goes to the generator through FTRACK_API_KEY and is never printed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type ServerHandle } from '../server/index.js';
import { generateClient, type GenerateOutcome } from './demo/generate-client.js';
import { typecheckApp, type TypecheckOutcome } from './demo/typecheck-app.js';
import { runEvents, type EventsSummary } from './events.js';
import { publishFailures, runPublish, type PublishSummary } from './publish.js';
import { runTutorial, type TutorialSummary } from './tutorial.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const log = (line = '') => console.log(line);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function phase<T>(title: string, body: () => Promise<T>): Promise<{ value: T; ms: number }> {
  log();
  log(`=== ${title}`);
  const started = performance.now();
  try {
    return { value: await body(), ms: performance.now() - started };
  } catch (error) {
    throw new PhaseError(title, error);
  }
}

class PhaseError extends Error {
  constructor(readonly phase: string, cause: unknown) {
    super(`${phase} — ${cause instanceof Error ? `${cause.name === 'Error' ? '' : `${cause.name}: `}${cause.message}` : String(cause)}`, { cause });
  }
}

async function demo(): Promise<void> {
  const started = performance.now();
  log('ftrack-codegen demo: local server → code generator → type check → ftrack tutorial → events → publish');
  const temp = await mkdtemp(join(tmpdir(), 'ftrack-codegen-demo-'));
  let server: ServerHandle | undefined;
  let ok = false;
  try {
    const serverStart = await phase('Start the local server (demo workspace)', async () => {
      // FTRACK_DEMO_API_KEY lets a test check that a known key is never printed; default: random.
      server = await startServer({ apiKey: process.env.FTRACK_DEMO_API_KEY || undefined });
      log(`  listening on ${server.url} (user ${server.apiUser}, random API key, not shown)`);
      return server;
    });
    const live = serverStart.value;
    const generated = await phase('Generate a typed client: ftrack-codegen --server … --out <temp>/ftrack', async () => {
      log(`  $ ftrack-codegen --server ${live.url} --api-user ${live.apiUser} --out ${join(temp, 'ftrack')}   (FTRACK_API_KEY in the environment)`);
      const outcome = await generateClient({ repoRoot, serverUrl: live.url, apiUser: live.apiUser, apiKey: live.apiKey, out: join(temp, 'ftrack') });
      for (const line of outcome.lines) log(line);
      log(`  ${outcome.files.length} files: ${outcome.files.join(', ')}`);
      log(`  identical to the committed generated/: ${outcome.sameAsCommitted ? 'yes' : 'no (the tutorial uses generated/)'}`);
      return outcome;
    });
    const checked = await phase('Type-check a program against the fresh client (TypeScript, strict)', async () => {
      const outcome = await typecheckApp(repoRoot, temp);
      log(`  checked ${outcome.files.length} files: ${outcome.files.join(', ')}`);
      log('  app.ts type-checks; its 4 deliberate mistakes (@ts-expect-error) are rejected by the client types');
      return outcome;
    });
    const tutorial = await phase('The ftrack tutorial with the typed client (examples/tutorial.ts)', () =>
      runTutorial({ serverUrl: live.url, apiUser: live.apiUser, apiKey: live.apiKey, log: (line) => log(line === '' ? '' : `  ${line}`) }),
    );
    const events = await phase('Events: an action and a status listener through the event hub (examples/events.ts)', () =>
      runEvents({ serverUrl: live.url, apiUser: live.apiUser, apiKey: live.apiKey, log: (line) => log(`  ${line}`) }),
    );
    const publish = await phase('Files: publish a version with a file and a thumbnail, download it, a disk location (examples/publish.ts)', async () => {
      const summary = await runPublish({ serverUrl: live.url, apiUser: live.apiUser, apiKey: live.apiKey, log: (line) => log(`  ${line}`) });
      const failures = publishFailures(summary);
      if (failures.length > 0) throw new Error(`the published file and ${failures.join(', ')} differ`);
      return summary;
    });
    printSummary(serverStart.ms, generated, checked, tutorial, events, publish, performance.now() - started);
    ok = true;
  } finally {
    await server?.close();
    if (ok) await rm(temp, { recursive: true, force: true });
    else log(`\nThe temporary folder is kept for inspection: ${temp}`);
  }
}

function printSummary(
  serverMs: number,
  generated: { value: GenerateOutcome; ms: number },
  checked: { value: TypecheckOutcome; ms: number },
  tutorial: { value: TutorialSummary; ms: number },
  events: { value: EventsSummary; ms: number },
  publish: { value: PublishSummary; ms: number },
  totalMs: number,
): void {
  const t = tutorial.value;
  log();
  log('=== Summary');
  log(`  server start        ${seconds(serverMs)}`);
  log(`  code generation     ${seconds(generated.ms)}  (${generated.value.files.length} files)`);
  log(`  type check          ${seconds(checked.ms)}`);
  log(`  tutorial            ${seconds(tutorial.ms)}  (${t.steps.length} steps, ${t.requests} requests, ${t.operations} operations)`);
  for (const [i, step] of t.steps.entries()) log(`    ${String(i + 1).padStart(2)}. ${step.title.padEnd(78)} ${step.ms.toFixed(0).padStart(5)} ms`);
  log(`  entity types ${t.entityTypes}, projects ${t.projects}, sequences created ${t.created}, closed-session query → ${t.closedError}`);
  log(`  events              ${seconds(events.ms)}  (${events.value.actions} action discovered, ${events.value.shots} shots listed, ${events.value.statusChanges} status change heard)`);
  const p = publish.value;
  log(`  publish             ${seconds(publish.ms)}  (${p.bytes} bytes in ${p.parts} parts on ${p.version}, download equal: ${p.downloadEqual ? 'yes' : 'no'}, thumbnail served: ${p.thumbnailServed ? 'yes' : 'no'}, disk copy equal: ${p.diskEqual ? 'yes' : 'no'})`);
  log(`  total               ${seconds(totalMs)}`);
  log('demo OK');
}

demo().then(
  () => {
    process.exitCode = 0;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`\ndemo FAILED: ${message}`);
    process.exitCode = 1;
  },
);
