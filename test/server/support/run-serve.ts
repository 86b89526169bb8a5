import { spawn } from 'node:child_process';
import { cliCommand } from '../../support/cli-command.js';
import { repoRoot } from '../../support/shared.js';

/** Runs `ftrack-codegen serve ARGS` as a process (with `env` added to this one's); `started` resolves once it says it is listening. */
export function runServe(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [...cliCommand(), 'serve', ...args], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
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
