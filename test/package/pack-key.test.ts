import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dirs.js';
import { packInputsKey } from './support/pack.js';

// The key under which test/package reuses an earlier tarball: any change to what `npm pack` reads is another key.

describe('packInputsKey', () => {
  it('changes with every staged file, its path, and npm version, and only with them', () => {
    const stage = tempDir('pack-key');
    mkdirSync(join(stage, 'runtime'));
    writeFileSync(join(stage, 'package.json'), '{"name":"x","version":"1.0.0"}');
    writeFileSync(join(stage, 'runtime', 'index.ts'), 'export const a = 1;\n');
    mkdirSync(join(stage, 'node_modules'));
    const base = packInputsKey(stage, '10.9.0');
    expect(packInputsKey(stage, '10.9.0')).toBe(base);
    writeFileSync(join(stage, 'node_modules', 'ignored.js'), ''); // linked in for tsc, never shipped as staged input
    expect(packInputsKey(stage, '10.9.0')).toBe(base);
    expect(packInputsKey(stage, '10.9.1')).not.toBe(base);
    writeFileSync(join(stage, 'runtime', 'index.ts'), 'export const a = 2;\n');
    const edited = packInputsKey(stage, '10.9.0');
    expect(edited).not.toBe(base);
    renameSync(join(stage, 'runtime', 'index.ts'), join(stage, 'runtime', 'main.ts'));
    expect(packInputsKey(stage, '10.9.0')).not.toBe(edited);
    writeFileSync(join(stage, 'runtime', 'extra.ts'), '');
    const added = packInputsKey(stage, '10.9.0');
    writeFileSync(join(stage, 'runtime', 'extra.ts'), ' ');
    expect(packInputsKey(stage, '10.9.0')).not.toBe(added);
  });
});
