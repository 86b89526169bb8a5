import type { Command } from 'commander';
import { FtrackError } from '../runtime/errors.js';
import { runGenerate } from '../codegen/run-generate.js';
import type { CliState } from './cli-state.js';

const EXAMPLES = `
Examples:
  # from a live server (credentials may come from FTRACK_SERVER, FTRACK_API_USER, FTRACK_API_KEY)
  $ ftrack-codegen --server https://studio.ftrackapp.com --api-user jane --api-key "$KEY" --out src/ftrack

  # keep the schema for offline runs, then generate from it
  $ ftrack-codegen --out src/ftrack --save-schema ftrack-schema.json
  $ ftrack-codegen --schema-file ftrack-schema.json --out src/ftrack
  $ cat ftrack-schema.json | ftrack-codegen --schema-file - --out src/ftrack

  # CI drift gate: exit 1 and list the stale files when src/ftrack is out of date
  $ ftrack-codegen --schema-file ftrack-schema.json --out src/ftrack --check
`;

interface GenerateFlags {
  server?: string;
  apiUser?: string;
  apiKey?: string;
  out?: string;
  schemaFile?: string;
  saveSchema?: string;
  check?: boolean;
  force?: boolean;
  quiet?: boolean;
}

/** Registers `generate`, the default command: thin argument parsing over `runGenerate`. */
export function registerGenerateCommand(program: Command, state: CliState): void {
  program.addHelpText('after', `\nGenerate is the default command: see \`ftrack-codegen generate --help\` for its options.\n${EXAMPLES}`);
  program
    .command('generate', { isDefault: true })
    .description('Generate a typed client from a live ftrack server or a saved query_schemas answer.')
    .option('--server <url>', 'ftrack server URL (default: $FTRACK_SERVER)')
    .option('--api-user <name>', 'API user (default: $FTRACK_API_USER)')
    .option('--api-key <key>', 'API key (default: $FTRACK_API_KEY; prefer the variable, arguments show in process lists)')
    .option('--out <dir>', 'output folder for the generated client')
    .option('--schema-file <file>', 'generate offline from a saved query_schemas answer ("-" reads stdin)')
    .option('--save-schema <file>', 'save the live query_schemas answer for later --schema-file runs')
    .option('--check', 'write nothing; exit 1 listing stale or missing files when <dir> is out of date')
    .option('--force', 'also overwrite files in <dir> without the @generated header, and replace symlinks')
    .option('-q, --quiet', 'print only errors, schema warnings and --check findings')
    .addHelpText('after', EXAMPLES)
    .action(async (flags: GenerateFlags) => {
      const log = (line: string) => process.stderr.write(`${line}\n`);
      if (flags.out === undefined) {
        log('ftrack-codegen: missing --out <dir>: the folder to write the client to (see --help).');
        state.exitCode = 2;
        return;
      }
      try {
        const outcome = await runGenerate({
          server: flags.server,
          apiUser: flags.apiUser,
          apiKey: flags.apiKey,
          out: flags.out,
          schemaFile: flags.schemaFile,
          saveSchema: flags.saveSchema,
          check: flags.check === true,
          force: flags.force === true,
          report: flags.quiet === true ? () => {} : log,
          // shapes of the schema read best-effort: always shown, also with --quiet
          onWarning: (warning) => log(`ftrack-codegen: warning: ${warning.message}`),
        });
        if (outcome.mode === 'check' && !outcome.ok) {
          log(`${flags.out} is out of date:`);
          for (const path of outcome.result.stale) log(`  stale    ${path}`);
          for (const path of outcome.result.missing) log(`  missing  ${path}`);
          log('Run the same command without --check to update it.');
          state.exitCode = 1;
        }
      } catch (error) {
        if (!(error instanceof FtrackError)) throw error;
        log(`ftrack-codegen: ${error.message.split('\n')[0]}`);
        state.exitCode = 1;
      }
    });
}
