// Check cost for bench/codegen.ts in CPU time: tsc's "Check time" is wall time, which on a loaded
// machine counts the time the process waited for a core. Run as a child process (a fresh heap, as
// tsc has): builds the program of an app folder, binds it (creating the checker), then times the
// semantic check alone with `process.cpuUsage()` (user + system of the process, so garbage
// collection on helper threads counts too) and prints the milliseconds.
// Usage: node --import tsx bench/support/check-cpu.ts <app folder>
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** CPU milliseconds of type-checking every file of the app in `dir`, measured in a child process. */
export function checkCpuMs(dir: string): number {
  const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), dir], { encoding: 'utf8' });
  const value = Number(run.stdout.trim());
  if (run.status !== 0 || !Number.isFinite(value)) throw new Error(`check-cpu failed in ${dir}: ${run.stdout}${run.stderr}`);
  return value;
}

function measure(dir: string): number {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(dir, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (parsed === undefined) throw new Error(`no tsconfig.json in ${dir}`);
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  program.getTypeChecker();
  const start = process.cpuUsage();
  const errors = program.getSourceFiles().reduce((count, file) => count + program.getSemanticDiagnostics(file).length, 0);
  const used = process.cpuUsage(start);
  if (errors > 0) throw new Error(`${errors} type errors in ${dir}`);
  return (used.user + used.system) / 1000;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(measure(process.argv[2]!).toFixed(1));
