import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from 'ftrack-codegen';
import { startServer, type ServerHandle } from 'ftrack-codegen/server';
import * as nodeEntry from '../../runtime/index.js';
import * as browserModule from '../../runtime/browser.js';
import { PROJECT_IDS } from '../../server/demo/ids.js';
import { browserEntry, bundleForBrowser, bytesBySource, type Bundle } from './support/bundle.js';
import { bareContext, runBundle } from './support/bare-context.js';
import type { PlaywrightCore } from './support/playwright-types.js';

// Acceptance 2 of issue 13: the browser entry bundles with esbuild --platform=browser and no Node
// built-in, runs a query, a create and a commit against the local server in a bare JavaScript
// context, and a createSession + q + one query app stays within its size budget.

/** Budget of a `createSession` + `q` + one query app: minified and gzipped. */
const BUDGET_GZIP_BYTES = 60 * 1024;

/** The app of the size budget: the generated client, one typed query. */
const QUERY_APP = `
import { createSession, q } from './generated/index.ts';
export async function names(options: { serverUrl: string; apiUser: string; apiKey: string }): Promise<string[]> {
  const session = createSession(options);
  try {
    const rows = await session.query(q.Project.select('name')).all();
    return rows.map((row) => row.name);
  } finally {
    await session.close();
  }
}
`;

/** The app run in the bare context: a query, a create and a commit; a session without credentials. */
const WRITE_APP = `
import { createSession, q } from './generated/index.ts';
import { ConfigurationError, isFtrackError } from 'ftrack-codegen';
export async function run(options: { serverUrl: string; apiUser: string; apiKey: string; projectId: string; name: string }) {
  const session = createSession({ serverUrl: options.serverUrl, apiUser: options.apiUser, apiKey: options.apiKey });
  try {
    const projects = await session.query(q.Project.select('name')).all();
    const project = projects.find((row) => row.id === options.projectId);
    if (project === undefined) throw new Error('project not found');
    const sequence = session.create('Sequence', { name: options.name, parent: project });
    const result = await session.commit();
    const again = await session.query(\`select name, parent_id from Sequence where id is "\${sequence.id}"\`).all();
    return {
      projects: projects.map((row) => row.name),
      id: sequence.id,
      state: sequence.$state,
      actions: result.operations.map((operation) => operation.action),
      again: again.map((row) => ({ name: row.name, parent: row.parent_id })),
    };
  } finally {
    await session.close();
  }
}
export function withoutCredentials(): { configuration: boolean; code: string; message: string } {
  try {
    createSession();
    return { configuration: false, code: 'none', message: 'no error' };
  } catch (error) {
    return { configuration: error instanceof ConfigurationError, code: isFtrackError(error) ? error.code : String(error), message: String((error as Error).message) };
  }
}
`;

let server: ServerHandle;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

describe('the browser entry point', () => {
  it('is chosen by the "browser" export condition of package.json', () => {
    expect(browserEntry().target).toBe('./dist/runtime/browser.js');
  });

  it('bundles with esbuild --platform=browser: no Node built-in, no undici, no zod', async () => {
    const bundle = await bundleForBrowser("export * from 'ftrack-codegen';");
    expect(bundle.builtins).toEqual([]);
    expect(bundle.inputs.filter((input) => /node_modules\/(undici|zod)\//.test(input))).toEqual([]);
    expect(bundle.inputs).toContain('runtime/browser.ts');
    expect(bundle.inputs).not.toContain('runtime/transport/undici-transport.ts');
  });

  it('fails on a Node built-in, naming it (the check can fail)', async () => {
    await expect(bundleForBrowser("import { inspect } from 'node:util'; export const x = inspect;")).rejects.toThrow(/Node built-ins: node:util/);
  });

  it('exports the same API as the Node entry, but UndiciTransport', async () => {
    const node = Object.keys(nodeEntry).filter((name) => name !== 'UndiciTransport').sort();
    expect(Object.keys(browserModule).sort()).toEqual(node);
    // The Node entry's Session is the portable one with undici as its default transport.
    expect(browserModule.Session).not.toBe(nodeEntry.Session);
    const session = new nodeEntry.Session({ serverUrl: server.url, apiUser: 'u', apiKey: 'k' });
    expect(session).toBeInstanceOf(browserModule.Session);
    await session.close();
  });

  it(`a createSession + q + one query app is at most ${BUDGET_GZIP_BYTES / 1024} KB minified and gzipped`, async () => {
    const bundle = await bundleForBrowser(QUERY_APP, { minify: true });
    expect(bundle.builtins).toEqual([]);
    report(bundle);
    expect(bundle.gzipBytes).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
  });
});

describe('the browser bundle in a bare JavaScript context (fetch, crypto, URL, TextEncoder/Decoder, AbortController, timers)', () => {
  let app: {
    run(options: Record<string, string>): Promise<{ projects: string[]; id: string; state: string; actions: string[]; again: { name: string; parent: string }[] }>;
    withoutCredentials(): { configuration: boolean; code: string; message: string };
  };
  beforeAll(async () => {
    const bundle = await bundleForBrowser(WRITE_APP, { format: 'iife', globalName: 'app' });
    app = runBundle(bundle.code, bareContext());
  });

  it('runs a query, a create and a commit against the local server', async () => {
    const name = `browser sequence ${Date.now()}`;
    const result = await app.run({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey, projectId: PROJECT_IDS.test, name });
    expect(result.projects.length).toBeGreaterThan(0);
    expect(result.actions).toEqual(['create']);
    expect(result.state).toBe('unchanged');
    expect(result.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(result.again).toEqual([{ name, parent: PROJECT_IDS.test }]);
    // A Node session sees what the browser bundle committed.
    const session = new Session({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey });
    try {
      const [row] = await session.query(`select name from Sequence where id is "${result.id}"`).all();
      expect(row?.name).toBe(name);
    } finally {
      await session.close();
    }
  });

  it('without credentials: a ConfigurationError (no `process` is touched)', () => {
    const result = app.withoutCredentials();
    expect(result).toMatchObject({ configuration: true, code: 'CONFIGURATION' });
    expect(result.message).toMatch(/serverUrl/);
    expect(result.message).not.toMatch(/process is not defined/);
  });
});

/** `/usr/bin/chromium` and `playwright-core` (not dependencies of the project; CI has neither). */
const CHROMIUM = '/usr/bin/chromium';
const playwrightCore = (() => {
  try {
    return createRequire(import.meta.url).resolve('playwright-core');
  } catch {
    return undefined;
  }
})();
const chromiumMissing = !existsSync(CHROMIUM) ? `${CHROMIUM} is not installed` : playwrightCore === undefined ? 'playwright-core is not installed' : undefined;
if (chromiumMissing !== undefined) console.warn(`[skip] headless Chromium browser test: ${chromiumMissing}`);

describe('the browser bundle in headless Chromium', () => {
  it.skipIf(chromiumMissing !== undefined)(`runs a query, a create and a commit (${chromiumMissing ?? 'Chromium found'})`, async () => {
    const { chromium } = (await import(playwrightCore!)) as PlaywrightCore;
    const bundle = await bundleForBrowser(WRITE_APP, { format: 'iife', globalName: 'app' });
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
    try {
      const page = await browser.newPage();
      // The page is served from the server's origin, so its requests to /api are same-origin.
      const pageUrl = `${server.url}/__browser-test__`;
      await page.route(pageUrl, (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><script>${bundle.code.replaceAll('</script', '<\\/script')}</script>` }));
      await page.goto(pageUrl);
      const name = `chromium sequence ${Date.now()}`;
      const result = (await page.evaluate(
        (options) => (globalThis as unknown as { app: { run(o: unknown): Promise<unknown> } }).app.run(options),
        { serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey, projectId: PROJECT_IDS.test, name },
      )) as { actions: string[]; again: unknown[] };
      expect(result.actions).toEqual(['create']);
      expect(result.again).toEqual([{ name, parent: PROJECT_IDS.test }]);
    } finally {
      await browser.close();
    }
  });
});

function report(bundle: Bundle): void {
  const largest = Object.entries(bytesBySource(bundle))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([source, bytes]) => `${source} ${(bytes / 1024).toFixed(1)} KB`)
    .join(', ');
  console.log(`[browser bundle] createSession + q + one query: ${(bundle.bytes / 1024).toFixed(1)} KB minified, ${(bundle.gzipBytes / 1024).toFixed(1)} KB gzipped (budget ${BUDGET_GZIP_BYTES / 1024} KB); largest: ${largest}`);
}
