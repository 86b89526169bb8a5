import { describe, expect, it } from 'vitest';
import { callApi } from './support/api-client.js';
import { runServe } from './support/run-serve.js';

// `ftrack-codegen serve` as a process: prints URL and credentials, answers, stops on SIGTERM/SIGINT.

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
