import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateClient } from 'ftrack-codegen/codegen';
import { demoSchema } from '../../server/demo/index.js';
import { repoRoot } from '../support/shared.js';
import { demoWorkspace } from './support/demo-workspace.js';

describe('generated/ (the committed client of the demo workspace)', () => {
  it('is byte for byte what the generator writes today (fix: npm run generate)', async () => {
    const { files } = generateClient(demoSchema, { workspace: await demoWorkspace() });
    const dir = join(repoRoot, 'generated');
    expect(readdirSync(dir).filter((name) => name.endsWith('.ts')).sort()).toEqual(files.map((f) => f.path));
    for (const file of files) {
      const committed = readFileSync(join(dir, file.path), 'utf8');
      expect(committed === file.content, `generated/${file.path} is stale`).toBe(true);
    }
  });
});
