/**
 * A small workspace whose schema has every shape the strict reader used to refuse: what older or
 * newer ftrack servers send. Used to check that the generator, the session and the local server
 * all read it, with the warnings below.
 */
export function tolerantSchema(): unknown[] {
  return [
    {
      id: 'Thing',
      type: 'object',
      x_ui_hints: { color: 'red' }, // unknown top-level key
      primary_key: ['id'],
      required: ['id', 'name', 'ghost'], // names a missing property: tolerated silently
      immutable: ['id', 'phantom'],
      default_projections: ['id', 'name'],
      properties: {
        id: { type: 'string', default: '{uid}' },
        name: { type: 'string', default: '' },
        status_id: { type: 'string', format: 'foreign_key', $ref: 'Status' }, // foreign key with $ref + type
        status: { $ref: 'Status' },
        owner_id: { format: 'foreign_key', description: 'Foreign key(s): Person.id' }, // foreign key without type
        owner: { $ref: 'Person' },
        size: { type: 'decimal' }, // unknown type
        code: { type: 'string', format: 'slug' }, // unknown format
        tags: { type: 'array' }, // items without $ref
        notes: { type: 'array', items: { $ref: 'Note' } },
        link: { type: 'string', alias_for: '_api_link' }, // declared string, sent as an array
        kind: { enum: ['small', 'large'] }, // enum without type
        legacy: 'text', // not an object
        rank: { type: 'integer', ui_order: 3 }, // unknown property field
        gadget: { $ref: 'Gadget' }, // unknown target
      },
    },
    {
      id: 'Status',
      type: 'object',
      $mixin: { $ref: 'BaseStatus' }, // $mixin to an unknown type
      primary_key: ['id'],
      required: ['id', 'name'],
      properties: { id: { type: 'string', default: '{uid}' }, name: { type: 'string' } },
    },
    { id: 'Person', primary_key: ['id'] }, // no properties
    {
      id: 'Note',
      primary_key: ['id'],
      properties: {
        id: { type: 'string', default: '{uid}' },
        text: { type: 'string' },
        thing_id: { type: 'string', format: 'foreign_key', description: 'Foreign key(s): Thing.id' },
        thing: { $ref: 'Thing' },
      },
    },
    { id: 'Legacy', properties: { id: { type: 'string', default: '{uid}' }, label: { type: 'string' } } }, // no primary_key
    { id: 'Widget', primary_key: ['uid'], properties: { label: { type: 'string' } } }, // primary_key names a missing property
  ];
}

/** The warnings every part prints for `tolerantSchema()`, in order. */
export const TOLERANT_SCHEMA_WARNINGS: readonly string[] = [
  'Thing: unknown field "x_ui_hints": ignored.',
  'Thing.rank: unknown property field "ui_order": ignored.',
  'Person: has no "properties": read with no attributes besides its primary key.',
  'Person: primary key "id" is not a property: read as a string attribute.',
  'Legacy: has no usable "primary_key": read with primary key ["id"].',
  'Widget: primary key "uid" is not a property: read as a string attribute.',
  'Status: "$mixin" refers to unknown entity type "BaseStatus": read as a base type.',
  'Thing.code: has unknown format "slug": read as a plain string.',
  'Thing.gadget: refers to unknown entity type "Gadget": read as any JSON value.',
  'Thing.kind: has "enum" but no "type": read as a string.',
  'Thing.legacy: is not an object: read as any JSON value.',
  'Thing.owner_id: has format "foreign_key" but no "type": read as a string foreign key.',
  'Thing.size: has unknown type "decimal": read as any JSON value.',
  'Thing.status_id: has both "$ref" and type "string": read by its "type" as a string foreign key to Status.',
  'Thing.tags: is an array without "items.$ref": read as any JSON value.',
];
