import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const created: string[] = [];

/** A fresh temporary folder (in `parent`, default the OS's), removed at the end of the test file that made it (test/support/each-file.ts). */
export function tempDir(prefix: string, parent = tmpdir()): string {
  const dir = mkdtempSync(join(parent, `ftrack-codegen-${prefix}-`));
  created.push(dir);
  return dir;
}

/** Removes the folders made so far. */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}
