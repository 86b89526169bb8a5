import type { Command } from 'commander';
import type { CliState } from './cli.js';

/** Registers `serve`. Filled in by the local server work. */
export function registerServeCommand(program: Command, state: CliState): void {
  program
    .command('serve')
    .description('Start a local ftrack-compatible server (not available yet in this build).')
    .allowUnknownOption()
    .action(() => {
      process.stderr.write('ftrack-codegen: serve is not available yet in this build.\n');
      state.exitCode = 1;
    });
}
