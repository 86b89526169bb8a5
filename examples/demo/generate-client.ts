import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { indented, runNode } from './run-child.js';

/** A live server and where to write the client. */
export interface GenerateInput {
  readonly repoRoot: string;
  readonly serverUrl: string;
  readonly apiUser: string;
  readonly apiKey: string;
  readonly out: string;
}

/** The generated files and how the fresh client compares with the committed `generated/`. */
export interface GenerateOutcome {
  readonly files: readonly string[];
  readonly ms: number;
  readonly sameAsCommitted: boolean;
  readonly lines: readonly string[];
}

/**
 * Runs the code generator CLI as a user would (`ftrack-codegen --server … --api-user … --out …`,
 * through tsx), with the API key in `FTRACK_API_KEY` so it never appears in a process list.
 */
export async function generateClient(input: GenerateInput): Promise<GenerateOutcome> {
  const tsx = import.meta.resolve('tsx');
  const bin = join(input.repoRoot, 'bin', 'ftrack-codegen.ts');
  const args = ['--import', tsx, bin, '--server', input.serverUrl, '--api-user', input.apiUser, '--out', input.out];
  const env: NodeJS.ProcessEnv = { ...process.env, FTRACK_API_KEY: input.apiKey };
  delete env.FTRACK_APIKEY;
  const outcome = await runNode(args, { cwd: input.repoRoot, env, secret: input.apiKey });
  const lines = [...indented(outcome.stdout), ...indented(outcome.stderr)];
  if (outcome.code !== 0) {
    throw new Error(`ftrack-codegen exited with code ${outcome.code}:\n${lines.join('\n')}`);
  }
  const files = (await readdir(input.out)).sort();
  if (!files.includes('index.ts')) throw new Error(`ftrack-codegen wrote no index.ts into ${input.out} (files: ${files.join(', ') || 'none'}).`);
  return { files, ms: outcome.ms, sameAsCommitted: await sameFiles(input.out, join(input.repoRoot, 'generated'), files), lines };
}

/** True when `committed` holds exactly `files` with the same bytes. */
async function sameFiles(fresh: string, committed: string, files: readonly string[]): Promise<boolean> {
  try {
    const existing = (await readdir(committed)).sort();
    if (existing.join('\n') !== files.join('\n')) return false;
    for (const file of files) {
      const [a, b] = await Promise.all([readFile(join(fresh, file)), readFile(join(committed, file))]);
      if (!a.equals(b)) return false;
    }
    return true;
  } catch {
    return false;
  }
}
