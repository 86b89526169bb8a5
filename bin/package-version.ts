import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATOR_VERSION } from '../codegen/version.js';

const PACKAGE_NAME = 'ftrack-codegen';

/**
 * The installed package's version, read from its package.json at run time: the nearest
 * package.json named `ftrack-codegen` above this module (`bin/` from the sources, `dist/bin/` when
 * built). Falls back to the version the generator writes into headers (a test keeps them equal).
 * @example
 * packageVersion(); // '0.1.0'
 */
export function packageVersion(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let folder = from; ; folder = dirname(folder)) {
    const version = versionIn(join(folder, 'package.json'));
    if (version !== undefined) return version;
    if (dirname(folder) === folder) return GENERATOR_VERSION;
  }
}

function versionIn(path: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined; // no package.json in this folder
  }
  try {
    const manifest = JSON.parse(text) as { name?: unknown; version?: unknown };
    return manifest.name === PACKAGE_NAME && typeof manifest.version === 'string' ? manifest.version : undefined;
  } catch {
    return undefined; // someone else's broken package.json: keep looking
  }
}
