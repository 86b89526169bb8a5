import type { Command } from 'commander';
import { FtrackError } from '../runtime/errors.js';
import { resolveGenerateSettings, type GenerateFlags, type GenerateSettings } from '../codegen/config/generate-settings.js';
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

  # one self-contained module on standard output (also the default when stdout is not a terminal)
  $ ftrack-codegen --server https://studio.ftrackapp.com --out - > src/ftrack.ts

  # settings from ftrack-codegen.config.json (or "ftrack-codegen" in package.json), credentials from .env
  $ echo '{ "server": "https://studio.ftrackapp.com", "out": "src/ftrack" }' > ftrack-codegen.config.json
  $ ftrack-codegen

Precedence: a flag > the environment > .env > the config file (the API key is never read from a config file).
`;

/** Registers `generate`, the default command: thin argument parsing over `runGenerate`. */
export function registerGenerateCommand(program: Command, state: CliState): void {
  program.addHelpText('after', `\nGenerate is the default command: see \`ftrack-codegen generate --help\` for its options.\n${EXAMPLES}`);
  program
    .command('generate', { isDefault: true })
    .description('Generate a typed client from a live ftrack server or a saved query_schemas answer.')
    .option('--server <url>', 'ftrack server URL (default: $FTRACK_SERVER, then .env, then "server" in the config file)')
    .option('--api-user <name>', 'API user (default: $FTRACK_API_USER, then .env, then "apiUser" in the config file)')
    .option('--api-key <key>', 'API key (default: $FTRACK_API_KEY, then .env; prefer those, arguments show in process lists)')
    .option('--out <dir>', 'output folder for the generated client; "-" writes one module to stdout (the default when stdout is not a terminal)')
    .option('--schema-file <file>', 'generate offline from a saved query_schemas answer ("-" reads stdin)')
    .option('--save-schema <file>', 'save the live query_schemas answer for later --schema-file runs')
    .option('--check', 'write nothing; exit 1 listing stale or missing files when <dir> is out of date')
    .option('--force', 'also overwrite files in <dir> without the @generated header, and replace symlinks')
    .option('-q, --quiet', 'print only errors, schema warnings and --check findings')
    .option('--config <file>', `read settings from this file (default: ./ftrack-codegen.config.json or "ftrack-codegen" in ./package.json)`)
    .option('--env-file <file>', 'read FTRACK_SERVER, FTRACK_API_USER, FTRACK_API_KEY from this file (default: ./.env when it exists)')
    .addHelpText('after', EXAMPLES)
    .action(async (flags: GenerateFlags) => {
      const log = (line: string) => process.stderr.write(`${line}\n`);
      try {
        const settings = await resolveGenerateSettings(flags, { cwd: process.cwd(), env: process.env, stdoutIsTTY: process.stdout.isTTY === true });
        if (settings.out === undefined) {
          log('ftrack-codegen: missing --out <dir>: the folder to write the client to, or "-" for standard output (see --help).');
          state.exitCode = 2;
          return;
        }
        const report = settings.quiet ? () => {} : log;
        reportSources(settings, report);
        // loaded on use: `serve` and `--help` never pay for the generator's modules
        const { runGenerate } = await import('../codegen/run-generate.js');
        const outcome = await runGenerate({
          server: settings.server,
          apiUser: settings.apiUser,
          apiKey: settings.apiKey,
          env: settings.env,
          out: settings.out,
          schemaFile: settings.schemaFile,
          saveSchema: settings.saveSchema,
          check: settings.check,
          force: settings.force,
          report,
          // shapes of the schema read best-effort: always shown, also with --quiet
          onWarning: (warning) => log(`ftrack-codegen: warning: ${warning.message}`),
        });
        if (outcome.mode === 'check' && !outcome.ok) {
          log(`${settings.out} is out of date:`);
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

/** Names the config file and the `.env` variables used (never their values). */
function reportSources(settings: GenerateSettings, report: (line: string) => void): void {
  if (settings.sources.config !== undefined) report(`Settings from ${settings.sources.config}`);
  const envFile = settings.sources.envFile;
  if (envFile !== undefined && envFile.used.length > 0) report(`${envFile.used.join(', ')} from ${envFile.path}`);
  if (settings.outImplied) report('Writing one module to standard output (no --out, and it is not a terminal)');
}
