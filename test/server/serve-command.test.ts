import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';
import { callApi } from './support/api-client.js';

// `ftrack-codegen serve` as a process: prints URL and credentials, answers, stops on SIGTERM/SIGINT.
function runServe(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/ftrack-codegen.ts', 'serve', ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const started = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (stdout.includes('Press Ctrl+C')) {
        clearInterval(timer);
        resolve();
      }
    }, 20);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(`serve exited early: ${stderr}`));
    });
  });
  return { child, exited, started, output: () => stdout, errors: () => stderr };
}

describe('ftrack-codegen serve', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`prints URL and credentials, serves requests, stops cleanly on ${signal}`, async () => {
      const run = runServe(['--port', '0', '--api-user', 'cli-user', '--api-key', 'cli-key', '--tasks', '100']);
      await run.started;
      const url = /listening on (http:\/\/\S+)/.exec(run.output())![1]!;
      expect(run.output()).toContain('FTRACK_API_USER=cli-user');
      expect(run.output()).toContain('FTRACK_API_KEY=cli-key');
      const { body } = await callApi<{ data: unknown[] }[]>({ url, apiUser: 'cli-user', apiKey: 'cli-key' }, [{ action: 'query', expression: 'select id from Task' }]);
      expect(body[0]!.data).toHaveLength(100);
      run.child.kill(signal);
      expect(await run.exited).toBe(0);
      expect(run.output()).toContain(`Received ${signal}, stopping.`);
    });
  }

  it('reports a bad option in one line and exits 1', async () => {
    const run = runServe(['--schema', 'no/such/file.json']);
    await expect(run.started).rejects.toThrow();
    expect(await run.exited).toBe(1);
    expect(run.errors().trim().split('\n')).toHaveLength(1);
    expect(run.errors()).toMatch(/Cannot read the schema file no\/such\/file\.json/);
  });
});
