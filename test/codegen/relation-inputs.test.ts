import { describe, expect, it } from 'vitest';
import { mixinSchema } from './support/synthetic-schemas.js';
import { fileOf, generate, interfaceText } from './support/output.js';
import { tempDir, typeCheck, writeFiles } from './support/type-check.js';

// Read shapes accept reference inputs (`…Ref`: an entity, a query row or `{ $type, id }`) where
// they can be written: accessor pairs for writable references, `Collection<Item, ItemRef>`.

/** The mixin schema with Note.task immutable and Shot.parent narrowed to Project. */
function variantSchema(): unknown[] {
  const schemas = JSON.parse(JSON.stringify(mixinSchema())) as Record<string, any>[];
  schemas.find((s) => s.id === 'Note')!.immutable = ['task'];
  schemas.find((s) => s.id === 'Shot')!.properties.parent = { $ref: 'Project' };
  return schemas;
}

describe('relations in read shapes', () => {
  const entities = fileOf(generate(mixinSchema()), 'entities.d.ts');

  it('a writable reference reads as the entity and accepts its …Ref', () => {
    const context = interfaceText(entities, 'Context');
    expect(context).toContain('  get parent(): Context | null;\n  set parent(value: ContextRef | null);\n');
    expect(context).not.toMatch(/^\s+parent:/m);
    expect(interfaceText(entities, 'TypedContext')).toContain('  get status(): Status | null;\n  set status(value: StatusRef | null);\n');
  });

  it('a collection accepts its item …Ref', () => {
    expect(interfaceText(entities, 'Context')).toContain('  children: Collection<Context, ContextRef>;\n');
  });

  it('imports the …Ref inputs from inputs.d.ts', () => {
    expect(entities).toContain("import type { ContextRef, StatusRef, TypedContextRef } from './inputs.js';");
    expect(entities.indexOf("from './inputs.js'")).toBeLessThan(entities.indexOf('export interface'));
  });

  it('documents what an assignment accepts', () => {
    expect(entities).toContain('Reference to `Context`. Assign an entity, a query row or any `ContextRef`.');
  });
});

describe('immutable references and narrowed subtypes', () => {
  const client = generate(variantSchema());
  const entities = fileOf(client, 'entities.d.ts');

  it('an immutable reference stays a readonly property', () => {
    const note = interfaceText(entities, 'Note');
    expect(note).toContain('  readonly task: TypedContext | null;\n');
    expect(note).not.toContain('set task');
  });

  it('a subtype narrowing a reference keeps its base and redeclares both accessors', () => {
    const shot = interfaceText(entities, 'Shot');
    expect(shot).toContain('export interface Shot extends TypedContext {');
    expect(shot).toContain('  get parent(): Project | null;\n  set parent(value: ProjectRef | null);\n');
  });

  it('compiles under --strict, and assignments follow the setter type', async () => {
    const dir = tempDir('relation-inputs');
    writeFiles(`${dir}/client`, client.files);
    const app = [
      "import type { Context, Note, Project, Shot, Status } from './client/index.js';",
      'export function app(shot: Shot, note: Note, project: Project, status: Status, context: Context): void {',
      '  shot.parent = project;',
      "  shot.parent = { $type: 'Project', id: 'p1' };",
      '  context.parent = { $type: \'Shot\', id: \'s1\' };',
      '  context.children.append({ $type: \'Project\', id: \'p1\' });',
      '  const read: Context | null = context.parent;',
      '  // @ts-expect-error - a Status is not a Context',
      '  context.parent = status;',
      '  // @ts-expect-error - Shot.parent is narrowed to Project',
      "  shot.parent = { $type: 'Shot', id: 's1' };",
      '  // @ts-expect-error - Note.task is immutable',
      '  note.task = null;',
      '  void read;',
      '}',
      '',
    ].join('\n');
    writeFiles(dir, [{ path: 'app.ts', content: app }]);
    const result = await typeCheck(dir, ['app.ts', ...client.files.map((f) => `client/${f.path}`)]);
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });
});
