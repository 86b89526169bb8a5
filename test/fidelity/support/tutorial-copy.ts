import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { appTsconfig } from '../../../examples/support/app-tsconfig.js';
import { repoRoot } from '../../support/shared.js';

/**
 * Lays out `examples/tutorial.ts` unchanged (with its `tutorial/` and `support/` folders) in a fresh
 * folder under `.tmp/`, beside an empty `generated/` for a freshly generated client, with a
 * tsconfig.json mapping `ftrack-codegen` to this repository's runtime (read by tsc and tsx alike).
 */
export async function tutorialCopy(label: string): Promise<{ folder: string; generated: string }> {
  await mkdir(join(repoRoot, '.tmp'), { recursive: true });
  const folder = await mkdtemp(join(repoRoot, '.tmp', `tutorial-${label}-`));
  const examples = join(folder, 'examples');
  await mkdir(examples, { recursive: true });
  await cp(join(repoRoot, 'examples', 'tutorial.ts'), join(examples, 'tutorial.ts'));
  await cp(join(repoRoot, 'examples', 'tutorial'), join(examples, 'tutorial'), { recursive: true });
  await cp(join(repoRoot, 'examples', 'support'), join(examples, 'support'), { recursive: true });
  await writeFile(join(folder, 'package.json'), `${JSON.stringify({ name: 'tutorial-copy', private: true, type: 'module' })}\n`);
  const tsconfig = appTsconfig({
    files: ['examples/tutorial.ts'],
    paths: {
      'ftrack-codegen': [join(repoRoot, 'runtime', 'index.ts')],
      'ftrack-codegen/server': [join(repoRoot, 'server', 'index.ts')],
    },
  });
  await writeFile(join(folder, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  return { folder, generated: join(folder, 'generated') };
}
