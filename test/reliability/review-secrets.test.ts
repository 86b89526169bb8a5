import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, FtrackError, Session } from 'ftrack-codegen';
import { runGenerate } from 'ftrack-codegen/codegen';
import { UndiciTransport } from '../../runtime/transport/undici-transport.js';
import { computeSchemaHash } from '../../runtime/schema/index.js';
import { unitSchema } from '../support/fixture-server-mock.js';
import { tempDir } from '../codegen/support/type-check.js';
import { runCliProcess } from '../codegen/support/cli-process.js';
import { startServer } from 'ftrack-codegen/server';

// Review of issue 9, item 5 (secrets) with leaks the first tests did not try: the key in the
// serverUrl's userinfo (valid and invalid URLs), a server echoing the key into response headers
// (set-cookie, www-authenticate, a redirect location), into schema warnings, and into the schema
// the generator writes to disk.

const KEY = 'Qx9Vk2-Hidden-0b9d6c2e-5a41-4f3b-8e7d-1c2a3b4c5d6e';
const FORMS = [KEY, encodeURIComponent(KEY), Buffer.from(KEY).toString('base64').replace(/=+$/, ''), KEY.slice(0, 12), KEY.slice(-16)];

type Mode = 'headers' | 'redirect' | 'warning-schema' | 'echo-schema';
let mode: Mode = 'headers';
let server: Server;
let url: string;

/** A schema whose text echoes `key` (in a description and in an unknown property shape). */
function echoingSchema(key: string, inShape: boolean): unknown[] {
  const schemas = JSON.parse(JSON.stringify(unitSchema())) as { properties: Record<string, unknown> }[];
  const first = schemas[0]!;
  first.properties.echoed = inShape ? { type: `weird ${key}` } : { type: 'string', description: `key is ${key}` };
  return schemas;
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const key = String(request.headers['ftrack-api-key']);
      const operations = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { action: string }[];
      if (mode === 'headers') {
        response.writeHead(401, { 'set-cookie': `session=${key}`, 'www-authenticate': `Bearer realm="${key}"`, 'x-key': key, 'content-type': 'text/plain' });
        return response.end(`denied`);
      }
      if (mode === 'redirect') {
        response.writeHead(302, { location: `http://127.0.0.1:1/login?key=${encodeURIComponent(key)}`, 'content-type': 'text/plain' });
        return response.end();
      }
      const schemas = echoingSchema(key, mode === 'warning-schema');
      const answer = operations.map((op) =>
        op.action === 'query_server_information'
          ? { version: `4.13.8 ${mode === 'echo-schema' ? key : ''}`.trim(), schema_hash: computeSchemaHash(schemas), is_timezone_support_enabled: true }
          : op.action === 'query_schemas'
            ? schemas
            : { action: 'query', data: [], metadata: { next: { offset: null } } },
      );
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function texts(value: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<unknown>();
  let link: unknown = value;
  while (link !== null && link !== undefined && !seen.has(link)) {
    seen.add(link);
    out.push(inspect(link, { depth: Infinity, showHidden: true, maxStringLength: Infinity }), String(link));
    try {
      out.push(JSON.stringify(link) ?? '');
    } catch {
      /* circular: inspect covered it */
    }
    if (link instanceof Error) out.push(link.message, link.stack ?? '');
    link = typeof link === 'object' ? (link as { cause?: unknown }).cause : undefined;
  }
  return out;
}

function expectNoKey(all: readonly string[]): void {
  for (const text of all) {
    for (const form of FORMS) {
      const at = text.toLowerCase().indexOf(form.toLowerCase());
      if (at >= 0) throw new Error(`the key leaked (${form.slice(0, 8)}…) into: …${text.slice(Math.max(0, at - 300), at + 60)}`);
    }
  }
}

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('the key in the serverUrl', () => {
  it('userinfo is never shown by the session, its transport, inspect or JSON', async () => {
    const withInfo = url.replace('http://', `http://jane:${KEY}@`);
    mode = 'warning-schema';
    const logged: string[] = [];
    const session = new Session({ serverUrl: withInfo, apiUser: 'jane', apiKey: 'another-key-123456', logger: { warn: (m: string) => logged.push(m) } });
    try {
      await session.ready();
      expectNoKey([inspect(session, { depth: Infinity, showHidden: true }), JSON.stringify(session), String(session.serverUrl), ...logged]);
      const transport = new UndiciTransport({ serverUrl: withInfo, apiUser: 'jane', apiKey: 'another-key-123456' });
      expectNoKey([inspect(transport, { depth: Infinity, showHidden: true }), JSON.stringify(transport), transport.endpoint]);
      await transport.close();
    } finally {
      await session.close();
    }
  });

  it('an invalid URL holding the key: ConfigurationError without the key', async () => {
    for (const bad of [`http://jane:${KEY}@127.0.0.1:99999999/`, `ftp://jane:${KEY}@host/`, `http://jane:${KEY}@exa mple.com/`, `${KEY}`]) {
      const error = await failure(async () => new Session({ serverUrl: bad, apiUser: 'jane', apiKey: KEY }).ready());
      expect(error).toBeInstanceOf(ConfigurationError);
      expectNoKey(texts(error));
    }
  });
});

describe('a server echoing the key outside the body', () => {
  for (const which of ['headers', 'redirect'] as const) {
    it(`${which}: the typed error holds no key`, async () => {
      mode = which;
      const session = new Session({ serverUrl: url, apiUser: 'jane', apiKey: KEY, schema: { schemaHash: computeSchemaHash(unitSchema()), schemas: unitSchema() } });
      try {
        const error = await failure(() => session.query('Task').all());
        expect(error).toBeInstanceOf(FtrackError);
        expectNoKey(texts(error));
      } finally {
        await session.close();
      }
    });
  }

  it('schema warnings built from echoed values hold no key (onWarning and the logger)', async () => {
    mode = 'warning-schema';
    const logged: string[] = [];
    const warnings: unknown[] = [];
    const session = new Session({ serverUrl: url, apiUser: 'jane', apiKey: KEY, logger: { warn: (m: string) => logged.push(m) } });
    const quiet = new Session({ serverUrl: url, apiUser: 'jane', apiKey: KEY, onWarning: (w) => warnings.push(w) });
    try {
      await session.ready();
      await quiet.ready();
      expect(logged.length + warnings.length).toBeGreaterThan(0);
      expectNoKey([...logged, ...warnings.map((w) => JSON.stringify(w))]);
    } finally {
      await session.close();
      await quiet.close();
    }
  });
});

describe('the generator and a key-echoing server', () => {
  for (const which of ['echo-schema', 'warning-schema'] as const) {
    it(`${which}: no generated or saved file and no report line holds the key`, async () => {
      mode = which;
      const out = tempDir('review-secrets');
      const lines: string[] = [];
      const saved = join(out, '..', `${out.split('/').pop()}-schema.json`);
      let error: unknown;
      try {
        await runGenerate({ server: url.replace('http://', `http://jane:${KEY}@`), apiUser: 'jane', apiKey: KEY, out, saveSchema: saved, report: (l) => lines.push(l), env: {} });
      } catch (e) {
        error = e;
      }
      if (error !== undefined) {
        expect(error).toBeInstanceOf(FtrackError);
        expectNoKey(texts(error));
      }
      const files = existsSync(out) ? readdirSync(out).map((f) => readFileSync(join(out, f), 'utf8')) : [];
      if (existsSync(saved)) files.push(readFileSync(saved, 'utf8'));
      expectNoKey([...files, ...lines]);
      if (which === 'echo-schema') expect(error).toBeInstanceOf(FtrackError);
    });
  }
});

describe('the CLI process and the local server handle', () => {
  it('ftrack-codegen --server with a key-echoing server: exit 1, stderr and stdout without the key, nothing written', async () => {
    mode = 'echo-schema';
    const out = tempDir('review-secrets-cli');
    const run = await runCliProcess(['--server', url.replace('http://', `http://jane:${KEY}@`), '--api-user', 'jane', '--out', out], { env: { FTRACK_API_KEY: KEY } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/holds the API key/);
    expectNoKey([run.stderr, run.stdout]);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it('ftrack-codegen --server with the key in an invalid URL: exit 1, one line without the key', async () => {
    const out = tempDir('review-secrets-cli-url');
    const run = await runCliProcess(['--server', `http://jane:${KEY}@127.0.0.1:99999999/`, '--api-user', 'jane', '--out', out], { env: { FTRACK_API_KEY: KEY } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/is not a valid URL/);
    expectNoKey([run.stderr, run.stdout]);
  });

  it('util.inspect and JSON of a ServerHandle never show its key', async () => {
    const handle = await startServer({ apiKey: KEY });
    try {
      expectNoKey([inspect(handle, { depth: Infinity }), JSON.stringify(handle), String(handle)]);
      expect(handle.apiKey).toBe(KEY);
    } finally {
      await handle.close();
    }
  });
});
