import type { Command } from 'commander';
import type { CliState } from './cli.js';

/** Registers `generate` (the default command). Filled in by the code generator work. */
export function registerGenerateCommand(program: Command, state: CliState): void {
  program
    .command('generate', { isDefault: true })
    .description('Generate a typed client (not available yet in this build).')
    .allowUnknownOption()
    .action(() => {
      process.stderr.write('ftrack-codegen: generate is not available yet in this build.\n');
      state.exitCode = 1;
    });
}
