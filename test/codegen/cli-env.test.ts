import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, FileAccessError } from 'ftrack-codegen';
import { startServer, type ServerHandle } from 'ftrack-codegen/server';
import { resolveGenerateSettings, type GenerateFlags } from '../../codegen/config/generate-settings.js';
import { runCliProcess } from './support/cli-process.js';
import { tempDir } from './support/type-check.js';

const KEY = 'env-secret-90be';

interface Layers {
  readonly flags?: GenerateFlags;
  readonly env?: NodeJS.ProcessEnv;
  readonly dotenv?: string;
  readonly config?: object;
}

/** The settings of a run in a fresh folder holding the given `.env` and config file. */
async function settings(layers: Layers, stdoutIsTTY = true) {
  const cwd = tempDir('cli-env');
  if (layers.dotenv !== undefined) writeFileSync(join(cwd, '.env'), layers.dotenv);
  if (layers.config !== undefined) writeFileSync(join(cwd, 'ftrack-codegen.config.json'), JSON.stringify(layers.config));
  return resolveGenerateSettings(layers.flags ?? {}, { cwd, env: layers.env ?? {}, stdoutIsTTY });
}

describe('precedence: flag > environment > .env > config file', () => {
  const all: Layers = {
    flags: { server: 'http://flag' },
    env: { FTRACK_SERVER: 'http://env', FTRACK_API_USER: 'env-user', FTRACK_API_KEY: 'env-key' },
    dotenv: 'FTRACK_SERVER=http://dotenv\nFTRACK_API_USER=dotenv-user\nFTRACK_API_KEY=dotenv-key\n',
    config: { server: 'http://config', apiUser: 'config-user' },
  };

  it.each([
    ['every layer', all, 'http://flag', 'http://env'],
    ['no flag', { ...all, flags: {} }, undefined, 'http://env'],
    ['no flag, no environment', { ...all, flags: {}, env: {} }, undefined, 'http://dotenv'],
    ['only the config file', { config: all.config }, undefined, 'http://config'],
    ['an empty variable counts as unset', { ...all, flags: {}, env: { FTRACK_SERVER: ' ' } }, undefined, 'http://dotenv'],
  ])('server with %s', async (_, layers, flag, fromLayers) => {
    const resolved = await settings(layers);
    // the flag is passed as such; the environment, .env and config file make the defaults behind it
    expect(resolved.server).toBe(flag);
    expect(resolved.env.FTRACK_SERVER).toBe(fromLayers);
  });

  it('applies the same order to the user and the key; the key never comes from the config file', async () => {
    expect((await settings(all)).env).toEqual({ FTRACK_SERVER: 'http://env', FTRACK_API_USER: 'env-user', FTRACK_API_KEY: 'env-key' });
    expect((await settings({ ...all, env: {} })).env).toEqual({ FTRACK_SERVER: 'http://dotenv', FTRACK_API_USER: 'dotenv-user', FTRACK_API_KEY: 'dotenv-key' });
    expect((await settings({ ...all, env: {}, dotenv: '' })).env).toEqual({ FTRACK_SERVER: 'http://config', FTRACK_API_USER: 'config-user' });
    // the legacy FTRACK_APIKEY inside its layer, below FTRACK_API_KEY of the same layer
    expect((await settings({ env: { FTRACK_APIKEY: 'legacy-env' }, dotenv: 'FTRACK_API_KEY=dotenv-key' })).env.FTRACK_API_KEY).toBe('legacy-env');
    expect((await settings({ dotenv: 'FTRACK_APIKEY=legacy-dotenv' })).env.FTRACK_API_KEY).toBe('legacy-dotenv');
  });

  it('other settings: flag > config file', async () => {
    const config = { out: 'from-config', schemaFile: 's.json', check: true, quiet: true };
    const fromConfig = await settings({ config });
    expect(fromConfig).toMatchObject({ check: true, quiet: true, force: false });
    expect(fromConfig.out).toMatch(/from-config$/);
    const flags = await settings({ config, flags: { out: 'from-flag', schemaFile: 'f.json', quiet: false } });
    expect(flags).toMatchObject({ out: 'from-flag', schemaFile: 'f.json', quiet: false, check: true });
  });

  it('names where the settings came from, never the values', async () => {
    const resolved = await settings({ ...all, env: { FTRACK_SERVER: 'http://env' } });
    expect(resolved.sources.config).toBe('ftrack-codegen.config.json');
    expect(resolved.sources.envFile?.used).toEqual(['FTRACK_API_USER', 'FTRACK_API_KEY']);
    expect(resolved.sources.envFile?.path).toMatch(/\.env$/);
  });

  it('standard output without --out when it is not a terminal', async () => {
    expect((await settings({ flags: { schemaFile: 's.json' } }, true)).out).toBeUndefined();
    expect(await settings({ flags: { schemaFile: 's.json' } }, false)).toMatchObject({ out: '-', outImplied: true });
    expect(await settings({ flags: { schemaFile: 's.json', out: 'dir' } }, false)).toMatchObject({ out: 'dir', outImplied: false });
    // --check compares a folder: without --out it stays missing
    expect((await settings({ flags: { schemaFile: 's.json', check: true } }, false)).out).toBeUndefined();
    const error = await settings({}, false).catch((caught: unknown) => caught as Error);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/^Nothing to generate from \(no --out was given and standard output is not a terminal/);
  });

  it('--env-file must exist; the default .env may be absent', async () => {
    const error = await settings({ flags: { envFile: 'missing.env' } }).catch((caught: unknown) => caught as Error);
    expect(error).toBeInstanceOf(FileAccessError);
    expect((error as Error).message).toMatch(/^Cannot read the env file \S+missing\.env: no such file or folder \(ENOENT\)\.$/);
    expect((await settings({})).sources.envFile).toBeUndefined();
  });
});

describe('ftrack-codegen with .env (process, local server)', () => {
  let server: ServerHandle;
  beforeAll(async () => {
    server = await startServer({ port: 0, apiKey: KEY });
  });
  afterAll(() => server?.close());

  it('reads the credentials from .env in the working folder and never prints the key', async () => {
    const dir = tempDir('cli-dotenv');
    writeFileSync(join(dir, '.env'), `# app settings\nOTHER=1\nFTRACK_SERVER=${server.url}\nexport FTRACK_API_USER="${server.apiUser}"\nFTRACK_API_KEY='${KEY}'\n`);
    const run = await runCliProcess(['--out', 'client'], { cwd: dir });
    expect(run.stderr).toContain(`FTRACK_SERVER, FTRACK_API_USER, FTRACK_API_KEY from ${join(dir, '.env')}`);
    expect(run.stderr).toContain(`Connecting to ${server.url} as ${server.apiUser}`);
    expect(run.code).toBe(0);
    expect(existsSync(join(dir, 'client', 'index.ts'))).toBe(true);
    expect(run.stdout + run.stderr).not.toContain(KEY);
  });

  it('the environment beats .env, a flag beats both; --env-file reads another file', async () => {
    const dir = tempDir('cli-dotenv');
    writeFileSync(join(dir, '.env'), `FTRACK_SERVER=http://127.0.0.1:9\nFTRACK_API_USER=${server.apiUser}\nFTRACK_API_KEY=${KEY}\n`);
    writeFileSync(join(dir, 'ftrack-codegen.config.json'), JSON.stringify({ server: 'http://127.0.0.1:7', out: 'client', quiet: false }));
    // .env over the config file: port 9 (nothing listens there)
    const dotenv = await runCliProcess([], { cwd: dir });
    expect(dotenv.stderr).toContain('Connecting to http://127.0.0.1:9 as');
    expect(dotenv.code).toBe(1);
    // the environment over .env: the real server
    const env = await runCliProcess([], { cwd: dir, env: { FTRACK_SERVER: server.url } });
    expect(env.stderr).toContain(`Connecting to ${server.url} as`);
    expect(env.code).toBe(0);
    // a flag over the environment
    const flag = await runCliProcess(['--server', 'http://127.0.0.1:8'], { cwd: dir, env: { FTRACK_SERVER: server.url } });
    expect(flag.stderr).toContain('Connecting to http://127.0.0.1:8 as');
    writeFileSync(join(dir, 'ci.env'), `FTRACK_SERVER=${server.url}\nFTRACK_API_USER=${server.apiUser}\nFTRACK_API_KEY=${KEY}\n`);
    const other = await runCliProcess(['--env-file', 'ci.env', '--out', 'client2'], { cwd: dir });
    expect(other.stderr).toContain(`from ${join(dir, 'ci.env')}`);
    expect(other.code).toBe(0);
    for (const run of [dotenv, env, flag, other]) expect(run.stdout + run.stderr).not.toContain(KEY);
  });
});
