import type { Attribute, EntityTypeModel } from '../../runtime/schema/model.js';
import type { Docs, DocTag } from '../declarations/declarations.js';
import { typeOf, type CodegenModel } from './codegen-model.js';
import { relationTarget } from './attribute-types.js';

/** Which shape a documentation block is for. */
export type DocShape = 'read' | 'input';

/**
 * JSDoc of an attribute: the schema's description, what kind of value it holds, its flags and
 * internal name; in input shapes also the default and who fills it; `@deprecated` when the schema
 * says so (or the name starts with `_`).
 */
export function attributeDocs(model: CodegenModel, attribute: Attribute, shape: DocShape, mandatory = false): Docs {
  const lines: string[] = [];
  const description = attribute.description?.trim();
  if (description !== undefined && description !== '' && description !== attribute.deprecated?.trim()) lines.push(description);
  const facts: string[] = [];
  if (shape === 'read') facts.push(kindText(model, attribute));
  if (attribute.isPrimaryKey) facts.push('Primary key.');
  if (attribute.computed) facts.push('Computed by the server.');
  else if (attribute.immutable && !attribute.isPrimaryKey) facts.push('Immutable after creation.');
  if (shape === 'input') {
    const keyPart = attribute.isPrimaryKey && attribute.kind === 'scalar' && attribute.format === 'foreign_key' && !mandatory;
    if (mandatory) facts.push('Mandatory: part of the composite primary key, no server can fill it.');
    if (attribute.hasDefault) facts.push(`Default: ${defaultText(attribute.default)}.`);
    else if (keyPart) facts.push('Give it, or set the relation it is the foreign key of.');
    else if (attribute.required && !mandatory) facts.push('The server fills it when omitted.');
  }
  if (attribute.aliasFor !== undefined) facts.push(`Stored as \`${attribute.aliasFor}\`.`);
  if (facts.length > 0) lines.push(facts.join(' '));
  const tags: DocTag[] = attribute.deprecated !== undefined ? [{ tag: 'deprecated', text: attribute.deprecated }] : [];
  return { lines, tags };
}

function kindText(model: CodegenModel, attribute: Attribute): string {
  switch (attribute.kind) {
    case 'scalar': {
      if (attribute.valueShape === 'link') return `Array of \`{ id, name, type }\` from the root (the project) down to this entity (declared \`${attribute.type}\`).`;
      const format = attribute.format !== undefined ? ` (${attribute.format})` : '';
      const values = attribute.enum !== undefined ? `, one of ${attribute.enum.map((v) => `\`${v}\``).join(', ')}` : '';
      return `\`${attribute.type}\`${format}${values}.`;
    }
    case 'reference': {
      const assign = attribute.immutable || attribute.computed ? '' : ` Assign an entity, a query row or any \`${refName(model, attribute.target)}\`.`;
      return `Reference to ${targetText(model, attribute.target)}.${assign}`;
    }
    case 'collection':
      return `Collection of ${targetText(model, attribute.target)}.`;
    case 'mapped':
      return `Key-value map over \`${attribute.target}\` items (\`${attribute.keyAttribute ?? '?'}\` → \`${attribute.valueAttribute ?? '?'}\`).`;
  }
}

function refName(model: CodegenModel, target: string): string {
  return typeOf(model, relationTarget(model, target)).names.ref;
}

function targetText(model: CodegenModel, target: string): string {
  const widened = relationTarget(model, target);
  return widened === target ? `\`${target}\`` : `\`${target}\` (any \`${widened}\`: the storage is shared)`;
}

function defaultText(value: unknown): string {
  if (value === '{uid}') return 'a new UUID';
  return `\`${JSON.stringify(value) ?? String(value)}\``;
}

/** JSDoc of an entity type's read shape. */
export function entityDocs(entity: EntityTypeModel, skipped: readonly string[]): Docs {
  const lines = [`Entity type \`${entity.name}\`.`];
  const facts: string[] = [];
  if (entity.base !== undefined) facts.push(`Inherits from \`${entity.base}\` (\`$mixin\`).`);
  if (entity.storage !== undefined && entity.storage !== entity.name) {
    const where = entity.classifiers.map((c) => `\`${c.attribute}\` is \`${c.value}\``).join(' and ');
    facts.push(`Stored in \`${entity.storage}\`${where ? ` where ${where}` : ''}.`);
  }
  if (entity.subtypes.length > 0) facts.push(`Subtypes: ${entity.subtypes.map((s) => `\`${s}\``).join(', ')}.`);
  facts.push(`Primary key: ${entity.primaryKey.map((k) => `\`${k}\``).join(', ')}.`);
  lines.push(facts.join(' '));
  if (skipped.length > 0) {
    lines.push(`Protected names, not properties (use \`$get\` / \`$set\`; typed in \`$protected\`): ${skipped.map((s) => `\`${s}\``).join(', ')}.`);
  }
  const tags: DocTag[] = entity.deprecated !== undefined ? [{ tag: 'deprecated', text: entity.deprecated }] : [];
  return { lines, tags };
}
