import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from 'ftrack-codegen';
import { startServer, type ServerHandle } from 'ftrack-codegen/server';
import { PROJECT_IDS } from '../../server/demo/ids.js';
import { runTutorial, type TutorialSummary } from '../../examples/tutorial.js';

// examples/tutorial.ts in-process against the local server: run twice on the same server (the
// second run cleans up after the first), then check what the server holds.
let server: ServerHandle;
const runs: { summary: TutorialSummary; lines: string[] }[] = [];

beforeAll(async () => {
  server = await startServer();
  for (let i = 0; i < 2; i++) {
    const lines: string[] = [];
    const summary = await runTutorial({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey, log: (line) => lines.push(line) });
    runs.push({ summary, lines });
  }
});
afterAll(async () => {
  await server?.close();
});

describe('runTutorial', () => {
  it('runs every step and reports what it did', () => {
    const { summary } = runs[0]!;
    expect(summary.steps).toHaveLength(17);
    expect(summary).toMatchObject({ entityTypes: 42, projects: 6, created: 2, closedError: 'ConnectionClosedError' });
    // Requests counted at the transport: queries, batched lazy loads, one commit; none after close.
    expect(summary.requests).toBeGreaterThan(5);
    expect(summary.requests).toBeLessThan(22);
  });

  it('loads the children lazily in batches, not one request per child', () => {
    const lines = runs[0]!.lines;
    const from = lines.findIndex((line) => line.startsWith("[6] The first project's children"));
    const to = lines.findIndex((line) => line.startsWith('[7] '));
    const requests = lines.slice(from, to).filter((line) => line.trimStart().startsWith('⇢'));
    expect(requests.length).toBeLessThanOrEqual(4); // full_name, children, parents, names
  });

  it('runs again on the same server: removes the sequences of the first run, creates new ones', () => {
    const second = runs[1]!.lines.join('\n');
    expect(runs[0]!.lines.join('\n')).toContain('nothing to clean up');
    expect(second).toContain('deleted 2 sequence(s) from an earlier run');
    expect(runs[1]!.summary.closedError).toBe('ConnectionClosedError');
  });

  it('leaves exactly the committed sequences on the server, under the first project', async () => {
    await using session = new Session({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey });
    const rows = await session.query(`select name, description, parent_id from Sequence where name like "Starlord%"`).all();
    expect(rows.map((row) => row.name).sort()).toEqual(['Starlord Reveal', 'Starlord Reveal (teaser)']);
    expect(rows.every((row) => row.parent_id === PROJECT_IDS.test)).toBe(true);
    expect(rows.find((row) => row.name === 'Starlord Reveal')?.description).toBe('First hero character reveal.');
    expect(await session.query('select id from Sequence where name is "Discarded draft"').all()).toHaveLength(0);
  });

  it('never logs the API key', () => {
    for (const run of runs) expect(run.lines.join('\n')).not.toContain(server.apiKey);
  });
});
