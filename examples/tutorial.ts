/**
 * The ftrack Python API tutorial, step by step, with the generated typed client.
 *
 *   FTRACK_SERVER=… FTRACK_API_USER=… FTRACK_API_KEY=… npx tsx examples/tutorial.ts
 *
 * Without FTRACK_SERVER it starts the local server (demo workspace) for the run. Every request is
 * printed as it is sent (`⇢`): the ftrack expression of each query, the action of each write.
 */
import { pathToFileURL } from 'node:url';
import { ConnectionClosedError, type Session } from 'ftrack-codegen';
import { createSession, q, type Workspace } from '../generated/index.js';
import { RequestLog, type Log } from './support/request-log.js';
import { customAttributeTutorial } from './tutorial/custom-attribute-steps.js';
import { queryTutorial } from './tutorial/query-steps.js';
import { StepRunner, type StepRecord } from './tutorial/step-runner.js';
import { writeTutorial } from './tutorial/write-steps.js';

export interface TutorialOptions {
  readonly serverUrl: string;
  readonly apiUser: string;
  /** Used for requests only; never printed. */
  readonly apiKey: string;
  /** Where the output goes; default `console.log`. */
  readonly log?: Log;
}

/** What a run did, for the demo's summary. */
export interface TutorialSummary {
  readonly steps: readonly StepRecord[];
  readonly requests: number;
  readonly operations: number;
  readonly entityTypes: number;
  readonly projects: number;
  readonly created: number;
  readonly closedError: string;
}

/**
 * Runs every step of the tutorial against `serverUrl`; rejects on the first failing step.
 * @example
 * const summary = await runTutorial({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey, log: (l) => lines.push(l) });
 * // lines: '[2] All projects …', '  ⇢ select context_type, id, name from Project limit 500', …
 * summary.closedError; // 'ConnectionClosedError'
 */
export async function runTutorial(options: TutorialOptions): Promise<TutorialSummary> {
  const log = options.log ?? ((line: string) => console.log(line));
  const run = new StepRunner(log);
  const requests = new RequestLog({ ...options, log });
  let closed: Session<Workspace>;
  let facts: { entityTypes: number; projects: number; created: number };
  {
    await using session = createSession({ serverUrl: options.serverUrl, apiUser: options.apiUser, apiKey: options.apiKey, transport: requests });
    closed = session;
    log(`Tutorial against ${session.serverUrl} as ${session.apiUser}`);
    const { project, projectCount, typeCount } = await queryTutorial(run, session);
    const written = await writeTutorial(run, session, project);
    await customAttributeTutorial(run, session);
    facts = { entityTypes: typeCount, projects: projectCount, created: written.created };
    await run.step('Close the session: `await using session = createSession(…)` ends here', () => {});
  }
  run.say(`session.closed: ${closed.closed}`);
  const closedError = await run.step('A query on the closed session', async () => {
    try {
      await closed.query(q.Project).all();
    } catch (error) {
      if (!(error instanceof ConnectionClosedError)) throw error;
      run.say(`rejected with ${error.name} (code ${error.code}): ${error.message}`);
      return error.name;
    }
    throw new Error('A query on a closed session was expected to fail with ConnectionClosedError.');
  });
  return { steps: run.steps, requests: requests.requests, operations: requests.operations, closedError, ...facts };
}

async function main(): Promise<void> {
  const { FTRACK_SERVER, FTRACK_API_USER, FTRACK_API_KEY } = process.env;
  if (FTRACK_SERVER !== undefined && FTRACK_SERVER !== '') {
    await runTutorial({ serverUrl: FTRACK_SERVER, apiUser: FTRACK_API_USER ?? '', apiKey: FTRACK_API_KEY ?? '' });
    return;
  }
  const { startServer } = await import('ftrack-codegen/server');
  await using server = await startServer();
  console.log(`FTRACK_SERVER is not set: started the local server (demo workspace) at ${server.url}`);
  await runTutorial({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(`tutorial failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    process.exitCode = 1;
  });
}
