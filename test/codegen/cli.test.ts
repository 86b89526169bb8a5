import { createServer, type Server } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliProcess } from './support/cli-process.js';
import { mixinSchema } from './support/synthetic-schemas.js';
import { tempDir } from './support/type-check.js';

const KEY = 'cli-secret-key-7a21';
const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at /m);

describe('ftrack-codegen (process)', () => {
  let dir: string;
  let schema: string;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    dir = tempDir('cli');
    schema = join(dir, 'schema.json');
    writeFileSync(schema, JSON.stringify(mixinSchema()));
    // answers every request with the InvalidCredentialsError body, as ftrack does for a bad key
    server = createServer((request, response) => {
      request.resume();
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ exception: 'InvalidCredentialsError', content: 'The supplied API key is not valid.', error_code: null }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('generates by default, reports progress on stderr, and --check gates drift with exit 1', async () => {
    const out = join(dir, 'out');
    const write = await runCliProcess(['--schema-file', schema, '--out', out]);
    expect(write.code).toBe(0);
    expect(write.stderr).toMatch(/6 entity types, schema [0-9a-f]{32}\nWrote 7 files, 0 unchanged, in .*out \(\d+ ms\)/);
    expect((await runCliProcess(['generate', '--schema-file', schema, '--out', out, '--check'])).code).toBe(0);
    writeFileSync(join(out, 'entities.d.ts'), '// stale\n');
    const check = await runCliProcess(['--schema-file', schema, '--out', out, '--check']);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('  stale    entities.d.ts');
  });

  it('reads the schema from stdin with --schema-file -', async () => {
    const run = await runCliProcess(['--schema-file', '-', '--out', join(dir, 'stdin'), '--quiet'], { stdin: JSON.stringify(mixinSchema()) });
    expect(run).toMatchObject({ code: 0, stderr: '' });
  });

  it('prints one clear line, no stack trace, for user errors', async () => {
    const missing = await runCliProcess(['--schema-file', join(dir, 'nope.json'), '--out', join(dir, 'x'), '-q']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/^ftrack-codegen: Cannot read the schema file/);
    noStackTrace(missing.stderr);
    // without --out and with stdout not a terminal (a pipe here) the client goes to stdout: see cli-stdout.test.ts
    const noSource = await runCliProcess([], { cwd: dir });
    expect(noSource.code).toBe(1);
    expect(noSource.stderr.trim().split('\n')).toHaveLength(1);
    expect(noSource.stderr).toMatch(/^ftrack-codegen: Nothing to generate from \(no --out was given and standard output is not a terminal/);
    expect(noSource.stdout).toBe('');
    // --check compares a folder: without --out that is a usage error (exit 2), whatever stdout is
    const noOut = await runCliProcess(['--schema-file', schema, '--check'], { cwd: dir });
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('missing --out <dir>');
  });

  it('shows the server message for bad credentials and never prints the API key', async () => {
    const viaFlag = await runCliProcess(['--server', url, '--api-user', 'jane', '--api-key', KEY, '--out', join(dir, 'bad')]);
    expect(viaFlag.code).toBe(1);
    expect(viaFlag.stderr).toContain('The supplied API key is not valid.');
    noStackTrace(viaFlag.stderr);
    const viaEnv = await runCliProcess(['--out', join(dir, 'bad')], { env: { FTRACK_SERVER: 'http://127.0.0.1:9', FTRACK_API_USER: 'jane', FTRACK_API_KEY: KEY } });
    expect(viaEnv.code).toBe(1);
    expect(viaEnv.stderr).toContain('Could not reach the ftrack server');
    for (const run of [viaFlag, viaEnv]) expect(run.stdout + run.stderr).not.toContain(KEY);
  });

  it('--help documents every option with examples and no secret defaults', async () => {
    const help = await runCliProcess(['generate', '--help'], { env: { FTRACK_API_KEY: KEY } });
    expect(help.code).toBe(0);
    for (const option of ['--server', '--api-user', '--api-key', '--out', '--schema-file', '--save-schema', '--check', '--quiet', 'Examples:']) {
      expect(help.stdout).toContain(option);
    }
    expect(help.stdout).not.toContain(KEY);
  });
});
