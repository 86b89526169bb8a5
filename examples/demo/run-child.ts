import { spawn } from 'node:child_process';

/** How a child process ended, with its output. */
export interface ChildOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/**
 * Runs `node <args>` (the current Node binary, so it works wherever the demo runs) and collects its
 * output. `secret` is replaced by `[redacted]` in everything returned, should a child ever print it.
 */
export function runNode(args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; secret?: string }): Promise<ChildOutcome> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const clean = (text: string) => (options.secret ? text.split(options.secret).join('[redacted]') : text);
      resolve({ code: code ?? (signal ? 128 : 1), stdout: clean(stdout), stderr: clean(stderr), ms: performance.now() - started });
    });
  });
}

/** The non-empty lines of a child's output, indented for the demo's log. */
export function indented(text: string, prefix = '    '): string[] {
  return text.split(/\r?\n/).filter((line) => line.trim() !== '').map((line) => `${prefix}${line}`);
}
