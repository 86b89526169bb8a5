import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { generateClient } from '../../codegen/pipeline.js';
import { entity, hostileSchema } from './support/synthetic-schemas.js';

// schema-metadata.ts holds the `query_schemas` answer as one JSON text in a template literal (one line
// per entity type; cheaper to type-check than 130 string elements parsed by a `map` callback): the
// text must come back exactly as the server sent it, whatever it contains.

/** The generated `schemaMetadata`, run: schema-metadata.ts transpiled and imported (no workspace: no imports left). */
async function loadMetadata(schemas: unknown[]): Promise<{ schemas: readonly unknown[]; schemaHash: string }> {
  const file = generateClient(schemas).files.find((f) => f.path === 'schema-metadata.ts');
  if (file === undefined) throw new Error('no schema-metadata.ts');
  const js = ts.transpileModule(file.content, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  const module = (await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`)) as { schemaMetadata: { schemas: readonly unknown[]; schemaHash: string } };
  return module.schemaMetadata;
}

describe('schema-metadata.ts', () => {
  it('gives back the schemas exactly, with backticks, ${, backslashes and line separators in them', async () => {
    const tricky = entity('Tricky', {
      name: { type: 'string', description: 'A `code` span, a ${template} and a \\ backslash, \\` and \\${ too.' },
      ['back`tick${x}\\']: { type: 'string', description: 'Ends with a backslash \\' },
      other: { type: 'string', description: 'Line\u2028separator, paragraph\u2029separator, tab\tand newline\n.' },
    });
    const schemas = [...hostileSchema(), tricky];
    const metadata = await loadMetadata(schemas);
    expect(metadata.schemas).toEqual(JSON.parse(JSON.stringify(schemas)));
    expect(Object.isFrozen(metadata)).toBe(true);
    expect(Object.isFrozen(metadata.schemas)).toBe(true);
  });

  it('keeps one line per entity type (diffs stay one line per type)', () => {
    const schemas = [entity('A', { name: { type: 'string' } }), entity('B', { name: { type: 'string', description: 'two\nlines' } })];
    const content = generateClient(schemas).files.find((f) => f.path === 'schema-metadata.ts')!.content;
    const lines = content.split('\n');
    expect(lines.filter((line) => line.startsWith('{"id":"A"'))).toHaveLength(1);
    expect(lines.filter((line) => line.startsWith('{"id":"B"'))).toHaveLength(1);
  });
});
