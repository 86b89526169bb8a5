import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mixinSchema } from './synthetic-schemas.js';
import { tempDir } from './type-check.js';

/** A scratch folder with a schema file (`mixinSchema`) and the path of a not yet existing `out` folder. */
export function outFixture(prefix: string): { dir: string; out: string; schema: string } {
  const dir = tempDir(prefix);
  const out = join(dir, 'out');
  const schema = join(dir, 'schema.json');
  writeFileSync(schema, JSON.stringify(mixinSchema()));
  return { dir, out, schema };
}
