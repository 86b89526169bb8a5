import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { sharedDir } from '../../support/shared.js';
import { tempDir } from '../../support/temp-dirs.js';

/** Debian's interpreter: the peer's packages are Debian packages (no pip index is reachable). */
const PYTHON = '/usr/bin/python3';
const PEER_PATH = [join(sharedDir, 'peers', 'ftrack-python-api', 'source'), join(sharedDir, 'peers', 'clique', 'source')].join(':');

/** Why the official Python client cannot run here, or null when it can. */
export function pythonPeerMissing(): string | null {
  const probe = spawnSync(PYTHON, ['-W', 'ignore', '-c', 'import requests, arrow, websocket, platformdirs, termcolor, ftrack_api'], {
    env: { ...process.env, PYTHONPATH: PEER_PATH },
    encoding: 'utf8',
  });
  if (probe.error) return `${PYTHON} not found: the official Python client tests are skipped`;
  if (probe.status !== 0) {
    const last = probe.stderr.trim().split('\n').at(-1) ?? '';
    return `the official Python client cannot be imported (${last}); install the Debian packages of ../shared/peers/README.md`;
  }
  return null;
}

/** Runs a Python script with the official client against a server; resolves with its output and exit code. */
export async function runPythonPeer(script: string, server: { url: string; apiUser: string; apiKey: string }, env: Readonly<Record<string, string>> = {}) {
  const { spawn } = await import('node:child_process');
  const child = spawn(PYTHON, ['-W', 'ignore', script], {
    env: {
      ...process.env,
      PYTHONPATH: PEER_PATH,
      XDG_CACHE_HOME: tempDir('py-cache'),
      FTRACK_SERVER: server.url,
      FTRACK_API_USER: server.apiUser,
      FTRACK_API_KEY: server.apiKey,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, stdout, stderr };
}
