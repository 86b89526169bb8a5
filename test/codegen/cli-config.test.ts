import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, FileAccessError } from 'ftrack-codegen';
import { loadConfig } from '../../codegen/config/config-file.js';
import { packageVersion } from '../../bin/package-version.js';
import { repoRoot } from '../support/shared.js';
import { runCliProcess } from './support/cli-process.js';
import { mixinSchema } from './support/synthetic-schemas.js';
import { tempDir } from './support/type-check.js';

const SECRET = 'config-secret-4e1d';
const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

/** A fresh folder holding `files` (name → text). */
function folder(files: Record<string, string | object>): string {
  const dir = tempDir('cli-config');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('--version', () => {
  it('prints the version of package.json, read at run time (process and module)', async () => {
    const run = await runCliProcess(['--version']);
    expect(run).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect(packageVersion()).toBe(version);
    // from a built copy (dist/bin, or the test build in .tmp/): the nearest package.json named ftrack-codegen
    const dist = join(repoRoot, '.tmp', 'nested', 'dist', 'bin');
    expect(packageVersion(dist)).toBe(version);
    const other = folder({ 'package.json': { name: 'some-app', version: '9.9.9' }, 'node_modules/ftrack-codegen/package.json': { name: 'ftrack-codegen', version: '1.2.3' } });
    expect(packageVersion(join(other, 'node_modules', 'ftrack-codegen', 'dist', 'bin'))).toBe('1.2.3');
  });
});

describe('config file (loadConfig)', () => {
  it('reads ftrack-codegen.config.json, resolving paths against its folder', async () => {
    const dir = folder({ 'ftrack-codegen.config.json': { $schema: 'x', server: 'https://studio.example', apiUser: 'jane', out: 'src/ftrack', schemaFile: 'schema.json', saveSchema: '/abs/s.json', envFile: 'config/.env', check: false, force: true, quiet: true } });
    expect(await loadConfig({ cwd: dir })).toEqual({
      source: 'ftrack-codegen.config.json',
      config: {
        server: 'https://studio.example',
        apiUser: 'jane',
        out: join(dir, 'src', 'ftrack'),
        schemaFile: join(dir, 'schema.json'),
        saveSchema: '/abs/s.json',
        envFile: join(dir, 'config', '.env'),
        check: false,
        force: true,
        quiet: true,
      },
    });
  });

  it('reads the "ftrack-codegen" key of package.json, and nothing when there is neither', async () => {
    const dir = folder({ 'package.json': { name: 'app', 'ftrack-codegen': { out: '-', server: 'https://s.example' } } });
    expect(await loadConfig({ cwd: dir })).toEqual({ source: 'package.json "ftrack-codegen"', config: { out: '-', server: 'https://s.example' } });
    expect(await loadConfig({ cwd: folder({ 'package.json': { name: 'app' } }) })).toBeUndefined();
    expect(await loadConfig({ cwd: folder({}) })).toBeUndefined();
  });

  it('--config points elsewhere: a settings file or a package.json', async () => {
    const dir = folder({ 'conf/gen.json': { out: 'client' }, 'conf/package.json': { 'ftrack-codegen': { out: 'pkg-client' } }, 'ftrack-codegen.config.json': { out: 'ignored' } });
    expect(await loadConfig({ cwd: dir, path: 'conf/gen.json' })).toEqual({ source: 'conf/gen.json', config: { out: join(dir, 'conf', 'client') } });
    expect(await loadConfig({ cwd: dir, path: 'conf/package.json' })).toEqual({ source: 'conf/package.json "ftrack-codegen"', config: { out: join(dir, 'conf', 'pkg-client') } });
    const missing = await failure(loadConfig({ cwd: dir, path: 'nope.json' }));
    expect(missing).toBeInstanceOf(FileAccessError);
    expect(missing.message).toBe('Cannot read the config file nope.json: no such file or folder (ENOENT).');
  });

  it.each([
    [{ outDir: 'x' }, 'ftrack-codegen.config.json: unknown key "outDir". Known keys: server, apiUser, out, schemaFile, saveSchema, envFile, check, force, quiet.', 'outDir'],
    [{ 'schema-file': 'x' }, 'ftrack-codegen.config.json: unknown key "schema-file" (did you mean "schemaFile"?). Known keys: server, apiUser, out, schemaFile, saveSchema, envFile, check, force, quiet.', 'schema-file'],
    [{ out: 3 }, 'ftrack-codegen.config.json: "out" must be a non-empty string, not a number.', 'out'],
    [{ out: '' }, 'ftrack-codegen.config.json: "out" must be a non-empty string, not an empty string.', 'out'],
    [{ server: ['a'] }, 'ftrack-codegen.config.json: "server" must be a non-empty string, not an array.', 'server'],
    [{ check: 'yes' }, 'ftrack-codegen.config.json: "check" must be true or false, not a string.', 'check'],
    [{ quiet: null }, 'ftrack-codegen.config.json: "quiet" must be true or false, not null.', 'quiet'],
  ])('rejects %j with a ConfigurationError naming the file and the key', async (config, message, key) => {
    const error = await failure(loadConfig({ cwd: folder({ 'ftrack-codegen.config.json': config }) }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe(message);
    expect(error.cause).toEqual({ file: 'ftrack-codegen.config.json', key });
  });

  it('refuses an API key in a config file without showing it, and other broken configs', async () => {
    for (const key of ['apiKey', 'api_key', 'API-KEY']) {
      const error = await failure(loadConfig({ cwd: folder({ 'package.json': { 'ftrack-codegen': { [key]: SECRET } } }) }));
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error.message).toBe(
        `package.json "ftrack-codegen": "${key}" is not allowed in a config file (it is usually committed): set FTRACK_API_KEY in the environment or in .env, or pass --api-key.`,
      );
      expect(JSON.stringify(error.cause)).not.toContain(SECRET);
    }
    const notJson = await failure(loadConfig({ cwd: folder({ 'ftrack-codegen.config.json': '{ out: "x" }' }) }));
    expect(notJson.message).toMatch(/^ftrack-codegen\.config\.json is not valid JSON: /);
    const notObject = await failure(loadConfig({ cwd: folder({ 'package.json': { 'ftrack-codegen': 'src/ftrack' } }) }));
    expect(notObject.message).toBe('package.json "ftrack-codegen" must be a JSON object of settings, e.g. { "out": "src/ftrack" }.');
    const both = await failure(loadConfig({ cwd: folder({ 'ftrack-codegen.config.json': {}, 'package.json': { 'ftrack-codegen': {} } }) }));
    expect(both.message).toBe('Both ftrack-codegen.config.json and package.json "ftrack-codegen" configure the generator: keep one of them.');
    const noKey = await failure(loadConfig({ cwd: folder({ 'package.json': { name: 'x' } }), path: 'package.json' }));
    expect(noKey.message).toBe('package.json has no "ftrack-codegen" key.');
  });
});

describe('ftrack-codegen with a config file (process)', () => {
  let schema: string;
  beforeAll(() => {
    schema = JSON.stringify(mixinSchema());
  });

  it('generates from ftrack-codegen.config.json alone, and a flag overrides the config', async () => {
    const dir = folder({ 'ftrack-codegen.config.json': { schemaFile: 'schema.json', out: 'generated' }, 'schema.json': schema });
    const run = await runCliProcess([], { cwd: dir });
    expect(run.stderr).toMatch(/^Settings from ftrack-codegen\.config\.json\nReading the schema from \S+schema\.json\n/);
    expect(run.code).toBe(0);
    expect(existsSync(join(dir, 'generated', 'index.ts'))).toBe(true);
    const overridden = await runCliProcess(['--out', 'other', '--quiet'], { cwd: dir });
    expect(overridden).toMatchObject({ code: 0, stderr: '' });
    expect(existsSync(join(dir, 'other', 'index.ts'))).toBe(true);
    // --check from the config: up to date, then stale
    writeFileSync(join(dir, 'ftrack-codegen.config.json'), JSON.stringify({ schemaFile: 'schema.json', out: 'generated', check: true }));
    expect((await runCliProcess([], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, 'generated', 'index.ts'), '// stale\n');
    const stale = await runCliProcess([], { cwd: dir });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('  stale    index.ts');
  });

  it('generates from the "ftrack-codegen" key of package.json, to stdout', async () => {
    const dir = folder({ 'package.json': { name: 'app', private: true, 'ftrack-codegen': { schemaFile: 'schema.json', out: '-', quiet: true } }, 'schema.json': schema });
    const run = await runCliProcess([], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\/\/ @generated by ftrack-codegen/);
  });

  it('prints one clear line for a bad config, never the API key', async () => {
    const bad = folder({ 'ftrack-codegen.config.json': { out: 'x', apiKey: SECRET } });
    const run = await runCliProcess(['--schema-file', 'x.json'], { cwd: bad });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'ftrack-codegen: ftrack-codegen.config.json: "apiKey" is not allowed in a config file (it is usually committed): set FTRACK_API_KEY in the environment or in .env, or pass --api-key.\n',
    );
    const unknown = await runCliProcess(['--config', 'conf.json'], { cwd: folder({ 'conf.json': { output: 'x' } }) });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^ftrack-codegen: conf\.json: unknown key "output"\. Known keys: /);
  });
});
