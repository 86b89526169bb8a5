import { describe, expect, it } from 'vitest';
import { compositeKeySchema, mappedArraySchema, mixinSchema, scalarSchema } from './support/synthetic-schemas.js';
import { fileOf, generate, interfaceText } from './support/output.js';

describe('$mixin inheritance and subtypes', () => {
  const client = generate(mixinSchema());
  const entities = fileOf(client, 'entities.d.ts');

  it('roots extend Entity with every $type of their family; subtypes extend their base and narrow $type', () => {
    expect(entities).toContain("export interface Context extends Entity<'Context' | 'Project' | 'Shot' | 'TypedContext'> {");
    expect(entities).toContain('export interface TypedContext extends Context {');
    expect(entities).toContain('export interface Shot extends TypedContext {');
    expect(interfaceText(entities, 'Shot')).toContain("readonly $type: 'Shot';");
  });

  it('a subtype declares only what differs from its base (the schema repeats inherited attributes)', () => {
    const shot = interfaceText(entities, 'Shot');
    expect(shot).not.toContain(' name:');
    expect(shot).toContain('readonly object_type_id: string | null;');
    expect(interfaceText(entities, 'Project')).toContain('full_name: string | null;');
    expect(shot).toMatchSnapshot();
  });

  it('a relation to a classifier subtype is widened to its storage root', () => {
    expect(interfaceText(entities, 'Note')).toContain('get task(): TypedContext | null;');
    expect(interfaceText(fileOf(client, 'inputs.d.ts'), 'NoteCreate')).toContain('task?: TypedContextRef | null;');
  });

  it('query results of a base type are its concrete subtypes', () => {
    const map = fileOf(client, 'entity-map.d.ts');
    expect(interfaceText(map, 'QueryResultTypeMap')).toContain('Context: Project | Shot;');
    expect(interfaceText(map, 'QueryResultTypeMap')).toContain('Shot: Shot;');
    expect(interfaceText(map, 'QueryResultTypeMap')).toMatchSnapshot();
  });

  it('a subtype whose members are not assignable to its base stands alone', () => {
    const schemas = mixinSchema() as Record<string, any>[];
    const shot = schemas.find((s) => s.id === 'Shot')!;
    shot.properties.name = { type: 'number' };
    expect(fileOf(generate(schemas), 'entities.d.ts')).toContain("export interface Shot extends Entity<'Shot'> {");
  });
});

describe('composite primary keys', () => {
  const inputs = fileOf(generate(compositeKeySchema()), 'inputs.d.ts');

  it('key parts no server can fill are mandatory on create; foreign-key parts stay optional', () => {
    expect(interfaceText(inputs, 'SettingCreate')).toContain('  name: string;');
    expect(interfaceText(inputs, 'SettingCreate')).toContain('  group: string;');
    expect(interfaceText(inputs, 'NoteLabelLinkCreate')).toContain('note_id?: string;');
    expect(interfaceText(inputs, 'NoteLabelLinkCreate')).toMatchSnapshot();
  });

  it('references accept any object with $type and the primary key', () => {
    expect(interfaceText(inputs, 'NoteLabelLinkRef')).toBe(
      "export interface NoteLabelLinkRef {\n  readonly $type: 'NoteLabelLink';\n  readonly note_id: string;\n  readonly label_id: string;\n}\n",
    );
  });

  it('the read shape declares the primary key for the query builder', () => {
    expect(fileOf(generate(compositeKeySchema()), 'entities.d.ts')).toContain("readonly $primaryKeyNames?: 'note_id' | 'label_id';");
  });
});

describe('mapped arrays and restricted projections', () => {
  const client = generate(mappedArraySchema());
  const asset = interfaceText(fileOf(client, 'entities.d.ts'), 'Asset');

  it('a mapped array is a KeyValueMap of the item value type', () => {
    expect(asset).toContain('metadata: KeyValueMap<string>;');
    expect(asset).toContain('custom_attributes: KeyValueMap<VariableValue>;');
  });

  it('restricted projections are left out of every shape', () => {
    expect(client.files.some((f) => f.content.includes('custom_attribute_links'.concat(':')))).toBe(false);
    expect(asset).toMatchSnapshot();
  });

  it('mapped arrays are not part of the inputs', () => {
    expect(interfaceText(fileOf(client, 'inputs.d.ts'), 'AssetCreate')).not.toContain('metadata');
  });
});

describe('scalar kinds, flags and documentation', () => {
  const client = generate(scalarSchema());
  const job = interfaceText(fileOf(client, 'entities.d.ts'), 'Job');
  const create = interfaceText(fileOf(client, 'inputs.d.ts'), 'JobCreate');
  const update = interfaceText(fileOf(client, 'inputs.d.ts'), 'JobUpdate');

  it('maps every schema type', () => {
    expect(job).toContain('frames: number;');
    expect(job).toContain('progress: number | null;');
    expect(job).toContain('is_done: boolean | null;');
    expect(job).toContain('payload: JsonValue | null;');
    expect(job).toContain('data: string | null;');
    expect(job).toContain('value: VariableValue | null;');
    expect(job).toContain('started_at: Dayjs | null;');
    expect(job).toContain("status: 'queued' | 'running' | 'done' | 'failed' | null;");
  });

  it('computed and immutable attributes are readonly; the update input has neither', () => {
    expect(job).toContain('readonly thumbnail_url: JsonValue | null;');
    expect(job).toContain('readonly created_at: Dayjs | null;');
    expect(update).not.toContain('thumbnail_url');
    expect(update).not.toContain('created_at');
    expect(create).not.toContain('thumbnail_url');
    expect(create).toContain('created_at?: DateTimeInput | null;');
  });

  it('carries JSDoc from description, alias and deprecation', () => {
    expect(job).toContain('Shown in the job list.');
    expect(job).toContain('Stored as `startdate`.');
    expect(job).toMatch(/@deprecated Use `title`\.\n\s+\*\/\n\s+_old_title: string \| null;/);
    expect(job).toMatchSnapshot();
    expect(create).toMatchSnapshot();
  });
});

describe('determinism', () => {
  it('the same schema gives byte-identical files, and schema order does not change the declarations', () => {
    const first = generate(mixinSchema());
    expect(generate(mixinSchema()).files).toEqual(first.files);
    const reversed = generate([...mixinSchema()].reverse());
    expect(fileOf(reversed, 'entities.d.ts').split('\n').slice(1)).toEqual(fileOf(first, 'entities.d.ts').split('\n').slice(1));
  });

  it('every file starts with the @generated header, with version and schema hash and no timestamp', () => {
    const client = generate(mixinSchema());
    for (const file of client.files) {
      expect(file.content.split('\n')[0]).toBe(`// @generated by ftrack-codegen 0.1.0 from schema ${client.schemaHash}. Do not edit.`);
    }
    expect(client.files.map((f) => f.path)).toEqual(['client.ts', 'entities.d.ts', 'entity-map.d.ts', 'index.ts', 'inputs.d.ts', 'scalars.d.ts', 'schema-metadata.ts']);
  });
});
