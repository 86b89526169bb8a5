import { execFile } from 'node:child_process';
import { cliCommand } from '../../support/cli-command.js';
import { repoRoot } from '../../support/shared.js';

/** Exit code and output of one CLI process. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `ftrack-codegen <args>` as a real process, optionally with stdin, env and a working folder (default: the repository). */
export function runCliProcess(args: readonly string[], options: { env?: NodeJS.ProcessEnv; stdin?: string; cwd?: string } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [...cliCommand(), ...args],
      { cwd: options.cwd ?? repoRoot, env: { ...process.env, FTRACK_SERVER: '', FTRACK_API_USER: '', FTRACK_API_KEY: '', ...options.env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
    if (options.stdin !== undefined) child.stdin?.end(options.stdin);
    else child.stdin?.end();
  });
}
