import { Command, CommanderError } from 'commander';
import { registerGenerateCommand } from './generate-command.js';
import { packageVersion } from './package-version.js';
import { registerServeCommand } from './serve-command.js';
import type { CliState } from './cli-state.js';

/** Runs the `ftrack-codegen` CLI and resolves to the process exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = new Command()
    .name('ftrack-codegen')
    .description('Typed client generator and local test server for the ftrack API.')
    .version(packageVersion(), '-V, --version', 'print the version of ftrack-codegen')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  const state = { exitCode: 0 };
  registerGenerateCommand(program, state);
  registerServeCommand(program, state);
  try {
    await program.parseAsync([...argv]);
    return state.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    process.stderr.write(`ftrack-codegen: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

