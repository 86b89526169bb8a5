// Small synthetic `query_schemas` answers, one per schema feature the generator handles.

type Property = Record<string, unknown>;

/** One entity schema with sensible defaults (`id` primary key with a `{uid}` default). */
export function entity(id: string, properties: Record<string, Property>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    type: 'object',
    primary_key: ['id'],
    required: [],
    immutable: [],
    default_projections: ['id'],
    properties: { id: { type: 'string', default: '{uid}' }, ...properties },
    ...extra,
  };
}

/** A status type every feature schema can point at. */
export const status = entity('Status', { name: { type: 'string' } }, { required: ['name'] });

/** `$mixin` inheritance: Context ← Project, TypedContext; TypedContext ← Shot (classifier subtype) — flattened as servers send it. */
export function mixinSchema(): unknown[] {
  const contextProps = { name: { type: 'string', default: '' }, parent: { $ref: 'Context' }, children: { type: 'array', items: { $ref: 'Context' } } };
  const typedProps = { ...contextProps, status: { $ref: 'Status' }, object_type_id: { type: 'string', format: 'foreign_key', description: 'Foreign key(s): ObjectType.id' } };
  return [
    entity('Context', contextProps, { default_projections: ['id', 'name'] }),
    entity('Project', { ...contextProps, full_name: { type: 'string' } }, { $mixin: { $ref: 'Context' }, alias_for: 'Show', default_projections: ['id', 'name'] }),
    entity('TypedContext', typedProps, { $mixin: { $ref: 'Context' }, alias_for: 'Task', default_projections: ['id', 'name'] }),
    entity('Shot', { ...typedProps, object_type_id: { ...typedProps.object_type_id, default: 'shot-type' } }, {
      $mixin: { $ref: 'TypedContext' },
      alias_for: { id: 'Task', classifiers: { object_typeid: 'shot-type' } },
      immutable: ['object_type_id'],
      default_projections: ['id', 'name'],
    }),
    entity('Note', { content: { type: 'string' }, task: { $ref: 'Shot' } }),
    status,
  ];
}

/** Composite primary keys: a link row (foreign keys) and a keyed row (plain key parts). */
export function compositeKeySchema(): unknown[] {
  return [
    entity('Setting', { name: { type: 'string' }, group: { type: 'string' }, value: { type: 'string' } }, { primary_key: ['name', 'group'], required: ['name', 'group'] }),
    {
      id: 'NoteLabelLink',
      type: 'object',
      primary_key: ['note_id', 'label_id'],
      required: ['note_id', 'label_id'],
      immutable: ['note_id', 'label_id'],
      properties: {
        note_id: { type: 'string', format: 'foreign_key', description: 'Foreign key(s): Status.id' },
        label_id: { type: 'string', format: 'foreign_key', description: 'Foreign key(s): Status.id' },
        label: { $ref: 'Status' },
      },
    },
    status,
  ];
}

/** Mapped arrays: metadata (string values) and custom attributes (variable values), plus a restricted link. */
export function mappedArraySchema(): unknown[] {
  return [
    entity('Asset', {
      metadata: { type: 'mapped_array', items: { $ref: 'Metadata' }, key_value_attributes: { key: 'key', value: 'value' } },
      custom_attributes: { type: 'mapped_array', items: { $ref: 'AssetCustomAttributeValue' }, key_value_attributes: { key: 'key', value: 'value' } },
      custom_attribute_links: { type: 'mapped_array', items: { $ref: 'Metadata' }, restricted_projection: true },
    }),
    {
      id: 'Metadata',
      type: 'object',
      primary_key: ['parent_id', 'key'],
      required: ['parent_id', 'key'],
      properties: { parent_id: { type: 'string' }, key: { type: 'string' }, value: { type: 'string' } },
    },
    {
      id: 'AssetCustomAttributeValue',
      type: 'object',
      primary_key: ['configuration_id', 'entity_id'],
      properties: {
        configuration_id: { type: 'string', format: 'foreign_key' },
        entity_id: { type: 'string', format: 'foreign_key' },
        key: { type: 'string' },
        value: { type: 'variable' },
      },
    },
  ];
}

/** Scalar kinds, flags and documentation: every `type`, date-time, json, enum, computed, immutable, deprecated. */
export function scalarSchema(): unknown[] {
  return [
    entity(
      'Job',
      {
        title: { type: 'string', description: 'Shown in the job list.' },
        frames: { type: 'integer' },
        progress: { type: 'number' },
        is_done: { type: 'boolean', default: false },
        data: { type: 'string', format: 'json' },
        payload: { type: 'object' },
        value: { type: 'variable' },
        started_at: { type: 'string', format: 'date-time', alias_for: 'startdate' },
        status: { type: 'string', enum: ['queued', 'running', 'done', 'failed'], default: 'queued' },
        thumbnail_url: { type: 'object' },
        created_at: { type: 'string', format: 'date-time' },
        _old_title: { type: 'string', description: 'Use `title`.' },
        sort: { type: 'number' },
      },
      { required: ['frames', 'sort'], immutable: ['created_at'], computed: ['thumbnail_url'] },
    ),
  ];
}

/** Names that are reserved words, not identifiers, or collide with runtime and generated names. */
export function hostileSchema(): unknown[] {
  const hostileProps = {
    default: { type: 'string' },
    class: { type: 'string' },
    delete: { type: 'boolean' },
    new: { type: 'number' },
    constructor: { type: 'string' },
    ['__proto__']: { type: 'string' },
    toString: { type: 'string' },
    _link: { type: 'string', description: 'Deprecated twin of link.' },
    $type: { type: 'string' },
    $get: { type: 'string' },
    $set: { type: 'integer' },
    then: { type: 'string' },
    hasOwnProperty: { type: 'boolean' },
    toJSON: { $ref: 'default' },
    'my-attr': { type: 'string' },
    'a b': { type: 'string' },
    '1st': { type: 'integer' },
    'with space': { type: 'string' },
    "it's": { type: 'string', description: 'Closes */ a comment and has a \u2028 line separator.' },
    'ñame': { type: 'string' },
    'back\\slash': { type: 'string' },
    'type': { $ref: 'class' },
    'items': { type: 'array', items: { $ref: 'Entity' } },
  };
  const props: Record<string, Property> = {};
  for (const [key, value] of Object.entries(hostileProps)) Object.defineProperty(props, key, { value, enumerable: true, writable: true, configurable: true });
  return [
    entity('class', props, { default_projections: ['id', 'default'] }),
    entity('default', { name: { type: 'string' } }),
    entity('Entity', { owner: { $ref: 'class' } }),
    entity('Collection', { name: { type: 'string' } }),
    entity('Workspace', { name: { type: 'string' } }),
    entity('EntityTypeMap', { name: { type: 'string' } }),
    entity('Date', { name: { type: 'string' } }),
    entity('My-Type', { name: { type: 'string' } }),
    entity('My_Type', { name: { type: 'string' } }),
    entity('1Type', { name: { type: 'string' } }),
    entity('Shot', { name: { type: 'string' } }),
    entity('ShotCreate', { name: { type: 'string' } }),
    entity("Quote'Type", { name: { type: 'string' } }, { $mixin: { $ref: 'default' } }),
    entity('string', { name: { type: 'string' } }),
  ];
}
