import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../runtime/errors.js';
import { isWireDateTime } from '../../runtime/protocol/index.js';
import {
  concreteTypes,
  possibleTypes,
  parseSchemas,
  type Attribute,
  type EntityTypeModel,
  type ReferenceAttribute,
  type ScalarAttribute,
  type SchemaModel,
} from '../../runtime/schema/index.js';
import { OBJECT_TYPE_IDS, PROJECT_IDS } from '../../server/demo/ids.js';
import { demoData, demoSchema } from '../../server/demo/index.js';

type Row = Record<string, unknown>;

const model: SchemaModel = parseSchemas(demoSchema);
const data = demoData();
const rows = (type: string): Row[] => data.entities[type] ?? [];
const type = (name: string): EntityTypeModel => model.types.get(name)!;
const NAIVE_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/;

/** `name` and every `$mixin` base above it. */
function lineage(name: string): string[] {
  const out: string[] = [];
  for (let current: string | undefined = name; current !== undefined; current = model.types.get(current)?.base) out.push(current);
  return out;
}

const root = (name: string): string => lineage(name).at(-1)!;
const overlaps = (a: string, b: string): boolean => possibleTypes(model, a).includes(b) || possibleTypes(model, b).includes(a);
const storedScalars = (t: EntityTypeModel): ScalarAttribute[] =>
  [...t.attributes.values()].filter((a): a is ScalarAttribute => a.kind === 'scalar' && !a.computed);

/** The scalar holding a reference's key: `<name>_id`, or the one aliased `<ref alias>id`. */
function foreignKeyOf(t: EntityTypeModel, ref: Attribute): Attribute | undefined {
  return t.attributes.get(`${ref.name}_id`) ?? [...t.attributes.values()].find((a) => ref.aliasFor !== undefined && a.aliasFor === `${ref.aliasFor}id`);
}

function valueMatches(attribute: ScalarAttribute, value: unknown): boolean {
  if (value === null) return !attribute.required;
  if (attribute.enum !== undefined && !attribute.enum.includes(value as string)) return false;
  if (attribute.isDateTime) return isWireDateTime(value) && value.__type__ === 'datetime' && NAIVE_UTC.test(value.value);
  switch (attribute.type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isSafeInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'variable':
      // spec 3.6: a list of option texts for enumerators
      if (Array.isArray(value)) return value.every((option) => typeof option === 'string');
      return ['string', 'number', 'boolean'].includes(typeof value) || (isWireDateTime(value) && NAIVE_UTC.test(value.value));
    default:
      return false;
  }
}

describe('demo schema', () => {
  it('parses and holds every type of the core model', () => {
    const expected = [
      'Context', 'Project', 'TypedContext', 'Folder', 'Episode', 'Sequence', 'Shot', 'Task', 'AssetBuild', 'Milestone',
      'ObjectType', 'Status', 'State', 'Type', 'Priority', 'ProjectSchema', 'WorkflowSchema', 'WorkflowSchemaStatus',
      'ProjectSchemaObjectType', 'TaskTypeSchema', 'TaskTypeSchemaType', 'Resource', 'BaseUser', 'User', 'Note', 'Timelog',
      'Appointment', 'Metadata', 'Asset', 'AssetType', 'AssetVersion', 'Component', 'FileComponent',
      'CustomAttributeType', 'CustomAttributeConfiguration', 'ContextCustomAttributeValue', 'CustomAttributeLink',
      'CustomAttributeLinkConfiguration', 'Location', 'ComponentLocation', 'Job', 'JobComponent',
    ];
    expect([...model.types.keys()].sort()).toEqual([...expected].sort());
    expect(Object.isFrozen(demoSchema) && Object.isFrozen(demoSchema[0])).toBe(true);
  });

  it('models polymorphism like the real schema', () => {
    expect(type('TypedContext').raw.alias_for).toBe('Task');
    expect(type('TypedContext').base).toBe('Context');
    expect(type('Project')).toMatchObject({ base: 'Context', storage: 'Show' });
    expect(concreteTypes(model, 'Context')).toEqual(['AssetBuild', 'Episode', 'Folder', 'Milestone', 'Project', 'Sequence', 'Shot', 'Task']);
    const objectTypes = new Map(rows('ObjectType').map((r) => [String(r.name).replace(/ /g, ''), r.id]));
    for (const name of type('TypedContext').subtypes) {
      const subtype = type(name);
      const objectTypeId = objectTypes.get(name);
      expect(objectTypeId, name).toBe(OBJECT_TYPE_IDS[name as keyof typeof OBJECT_TYPE_IDS]);
      expect(subtype.raw.alias_for).toEqual({ id: 'Task', classifiers: { object_typeid: objectTypeId } });
      expect(subtype.classifiers).toEqual([{ attribute: 'object_type_id', internalName: 'object_typeid', value: objectTypeId }]);
      expect(subtype.attributes.get('object_type_id')).toMatchObject({ default: objectTypeId, immutable: true });
      expect(subtype.attributes.get('object_type')).toMatchObject({ kind: 'reference', immutable: true });
      expect(subtype.systemProjections).toEqual(['project_id', 'context_type']);
    }
    expect(concreteTypes(model, 'Resource')).toEqual(['User']);
    expect(concreteTypes(model, 'Component')).toEqual(['FileComponent']);
  });

  it('gives every reference a foreign key that names its target', () => {
    for (const t of model.types.values()) {
      for (const ref of t.attributes.values()) {
        if (ref.kind !== 'reference') continue;
        const fk = foreignKeyOf(t, ref);
        expect(fk, `${t.name}.${ref.name}`).toMatchObject({ kind: 'scalar', format: 'foreign_key', description: `Foreign key(s): ${ref.target}.id` });
      }
    }
  });

  it('gives every collection exactly one inverse reference back to its owner', () => {
    let checked = 0;
    for (const t of model.types.values()) {
      for (const collection of t.attributes.values()) {
        if (collection.kind !== 'collection') continue;
        const inverses = [...type(collection.target).attributes.values()].filter(
          (a): a is ReferenceAttribute => a.kind === 'reference' && overlaps(a.target, t.name),
        );
        expect(inverses.map((a) => a.name), `${t.name}.${collection.name}`).toHaveLength(1);
        expect(lineage(t.name)).toContain(inverses[0]!.target);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('declares mapped arrays per spec 3.6, one of them restricted', () => {
    const context = type('Context');
    expect(context.attributes.get('metadata')).toMatchObject({ kind: 'mapped', target: 'Metadata', keyAttribute: 'key', valueAttribute: 'value' });
    expect(context.attributes.get('custom_attributes')).toMatchObject({ kind: 'mapped', target: 'ContextCustomAttributeValue' });
    expect(context.attributes.get('custom_attribute_links')).toMatchObject({ kind: 'mapped', restricted: true, keyAttribute: undefined });
    expect(type('Metadata').primaryKey).toEqual(['parent_id', 'key']);
    expect(type('Metadata').attributes.get('parent_type')).toMatchObject({ transform: { client: '{schema_id}', server: '{table_name}' } });
    expect(type('ContextCustomAttributeValue').primaryKey).toEqual(['configuration_id', 'entity_id']);
    expect(type('ContextCustomAttributeValue').attributes.get('configuration')).toMatchObject({ kind: 'reference', target: 'CustomAttributeConfiguration' });
    for (const t of model.types.values()) {
      for (const mapped of t.attributes.values()) {
        if (mapped.kind !== 'mapped' || mapped.restricted) continue;
        const items = type(mapped.target);
        expect(items.attributes.has(mapped.keyAttribute!) && items.attributes.has(mapped.valueAttribute!), `${t.name}.${mapped.name}`).toBe(true);
      }
    }
  });

  it('names only existing properties in its lists and covers the schema features', () => {
    for (const t of model.types.values()) {
      const raw = t.raw;
      for (const name of [...(raw.required ?? []), ...(raw.immutable ?? []), ...(raw.computed ?? []), ...(raw.default_projections ?? [])]) {
        expect(t.attributes.has(name), `${t.name}: ${name}`).toBe(true);
      }
      expect(t.systemProjections, t.name).toHaveLength(raw.system_projections?.length ?? 0);
    }
    const attributes = [...model.types.values()].flatMap((t) => [...t.attributes.values()]);
    expect(type('TypedContext').systemProjections).toContain('project_id'); // showid → project_id
    expect([...model.types.values()].filter((t) => t.primaryKey.length > 1).length).toBeGreaterThanOrEqual(5);
    expect([...model.types.values()].filter((t) => t.groupBy).length).toBeGreaterThanOrEqual(10);
    expect(type('Context').attributes.get('_link')?.deprecated).toMatch(/deprecated/);
    expect(type('Shot').attributes.get('time_logged')).toMatchObject({ computed: true, immutable: true });
    expect(type('Shot').raw.required).toEqual(expect.arrayContaining(['status_id', 'type_id', 'priority_id', 'bid', 'sort']));
    const scalarTypes = new Set(attributes.filter((a): a is ScalarAttribute => a.kind === 'scalar').map((a) => (a.isDateTime ? 'date-time' : a.type)));
    expect([...scalarTypes].sort()).toEqual(['boolean', 'date-time', 'integer', 'number', 'object', 'string', 'variable']);
    expect(attributes.some((a) => a.kind === 'scalar' && a.enum !== undefined)).toBe(true);
    expect(type('Timelog').attributes.get('start')).toMatchObject({ isDateTime: true });
  });
});

describe('demo data', () => {
  it('stores rows of concrete types with exactly their stored scalar attributes, well typed', () => {
    for (const [name, list] of Object.entries(data.entities)) {
      const t = model.types.get(name);
      expect(t?.subtypes, `row type ${name}`).toEqual([]);
      const scalars = storedScalars(t!);
      const expectedKeys = scalars.map((a) => a.name).sort();
      for (const row of list) {
        expect(Object.keys(row).sort(), `${name} row`).toEqual(expectedKeys);
        for (const attribute of scalars) {
          if (!valueMatches(attribute, row[attribute.name])) {
            expect.fail(`${name}.${attribute.name} has a bad value ${JSON.stringify(row[attribute.name])}`);
          }
        }
        for (const classifier of t!.classifiers) expect(row[classifier.attribute]).toBe(classifier.value);
      }
    }
  });

  it('keeps primary keys unique within each storage family', () => {
    const seen = new Map<string, Set<string>>();
    for (const [name, list] of Object.entries(data.entities)) {
      const keys = seen.get(root(name)) ?? new Set<string>();
      seen.set(root(name), keys);
      for (const row of list) {
        const key = type(name).primaryKey.map((k) => String(row[k])).join('|');
        expect(keys.has(key), `${name} ${key}`).toBe(false);
        keys.add(key);
      }
    }
  });

  it('points every foreign key at an existing row of the target family', () => {
    const ids = new Map<string, Set<unknown>>();
    const idsOf = (target: string): Set<unknown> => {
      let set = ids.get(target);
      if (set === undefined) {
        set = new Set(possibleTypes(model, target).flatMap((member) => rows(member).map((r) => r.id)));
        ids.set(target, set);
      }
      return set;
    };
    let checked = 0;
    for (const [name, list] of Object.entries(data.entities)) {
      for (const fk of storedScalars(type(name)).filter((a) => a.format === 'foreign_key')) {
        const target = /^Foreign key\(s\): (\w+)\.id$/.exec(fk.description ?? '')![1]!;
        for (const row of list) {
          const value = row[fk.name];
          if (value === null) continue;
          if (!idsOf(target).has(value)) expect.fail(`${name}.${fk.name} = ${String(value)} is not a ${target}`);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('keeps polymorphic parents, metadata and custom attribute values consistent', () => {
    const byId = new Map<unknown, [string, Row]>();
    for (const [name, list] of Object.entries(data.entities)) for (const row of list) if (row.id !== undefined) byId.set(row.id, [name, row]);
    for (const meta of rows('Metadata')) {
      const owner = byId.get(meta.parent_id);
      expect(owner?.[0], `metadata ${String(meta.key)}`).toBe(meta.parent_type);
      expect(type(owner![0]).attributes.get('metadata')?.kind).toBe('mapped');
    }
    for (const note of rows('Note')) expect(byId.get(note.parent_id)?.[0]).toBe(note.parent_type);
    const configurations = new Map(rows('CustomAttributeConfiguration').map((c) => [c.id, c]));
    const typeNames = new Map(rows('CustomAttributeType').map((t) => [t.id, t.name]));
    const jsType: Record<string, (v: unknown) => boolean> = {
      number: (v) => typeof v === 'number',
      text: (v) => typeof v === 'string',
      boolean: (v) => typeof v === 'boolean',
      date: (v) => isWireDateTime(v),
      enumerator: (v) => Array.isArray(v) && v.every((option) => typeof option === 'string'),
    };
    for (const value of rows('ContextCustomAttributeValue')) {
      const configuration = configurations.get(value.configuration_id)!;
      expect(value.key).toBe(configuration.key);
      expect(jsType[String(typeNames.get(configuration.type_id))]!(value.value), String(value.key)).toBe(true);
    }
    for (const link of rows('CustomAttributeLink')) {
      expect(byId.get(link.from_id)?.[0]).toBe(link.from_entity_type);
      expect(byId.get(link.to_id)?.[0]).toBe(link.to_entity_type);
    }
  });

  it('holds the tutorial projects and hierarchy', () => {
    const projects = rows('Project');
    expect(projects.map((p) => [p.name, p.status])).toEqual([
      ['test', 'active'], ['client_review', 'active'], ['tdb', 'hidden'], ['man_test', 'hidden'], ['ftrack', 'active'], ['bunny', 'active'],
    ]);
    expect(projects.map((p) => p.id)).toEqual(Object.values(PROJECT_IDS));
    expect(projects.every((p) => p.parent_id === null && isWireDateTime(p.start_date) && isWireDateTime(p.end_date))).toBe(true);
    const contexts: Row[] = concreteTypes(model, 'Context').flatMap((name) => rows(name).map((r) => ({ ...r, type: name })));
    const names = new Map(contexts.map((c) => [c.id, String(c.name)]));
    const childrenOfTest = contexts.filter((c) => c.parent_id === PROJECT_IDS.test);
    expect(childrenOfTest.map((c) => c.type)).toContain('Sequence');
    expect(projects.every((p) => contexts.some((c) => c.parent_id === p.id))).toBe(true);
    // `Context where parent.name like "te%"` (either case rule) returns exactly the children of "test".
    const likeTe = contexts.filter((c) => c.parent_id !== null && /^te/i.test(names.get(c.parent_id as string) ?? ''));
    expect(likeTe.map((c) => c.id).sort()).toEqual(childrenOfTest.map((c) => c.id).sort());
    expect(rows('Task')).toHaveLength(57);
    expect(rows('Shot').length).toBeGreaterThan(10);
    expect(rows('Note').some((n) => n.in_reply_to_id !== null)).toBe(true);
  });
});

describe('demoData options', () => {
  it('is deterministic', () => {
    expect(demoData()).toEqual(demoData());
    expect(demoData({ tasks: 2000 })).toEqual(demoData({ tasks: 2000 }));
  });

  it('grows to the requested number of tasks and keeps the fixed ids', () => {
    const big = demoData({ tasks: 2000 });
    expect(big.entities.Task).toHaveLength(2000);
    expect(big.entities.Task!.slice(0, 57)).toEqual(data.entities.Task);
    expect(big.entities.Project).toEqual(data.entities.Project);
    expect(new Set(big.entities.Task!.map((t) => t.id)).size).toBe(2000);
    expect(big.entities.Shot!.length).toBeGreaterThan(data.entities.Shot!.length);
    expect(demoData({ tasks: 5 }).entities.Task).toHaveLength(5);
    expect(demoData({ tasks: 0 }).entities.Task).toBeUndefined();
  });

  it('rejects a bad task count with a typed error', () => {
    for (const tasks of [-1, 1.5, Number.NaN]) expect(() => demoData({ tasks })).toThrow(ConfigurationError);
  });
});
