import type { Declaration, SourceFileStructure } from '../declarations/declarations.js';
import type { CodegenModel } from '../model/codegen-model.js';
import { customAttributeTypes } from '../model/custom-attributes.js';
import type { Member } from '../model/members.js';
import { quoteString } from '../naming/identifiers.js';
import { typeImportsFor } from './imports.js';
import { interfaceOf } from './shape.js';

/**
 * `custom-attributes.ts` (generated with a workspace that has custom attribute configurations):
 * one interface per entity type with the keys configured for it and their value types (what
 * `custom_attributes` is typed with), and `customAttributeMetadata`, the configurations the session
 * and `q` use (picking the configuration of a new key without a request, typed query fields).
 * Undefined when there is nothing to type (schema only).
 */
export function customAttributesFile(model: CodegenModel): SourceFileStructure | undefined {
  const types = customAttributeTypes(model);
  if (types === undefined) return undefined;
  const used = new Set<string>(['CustomAttributeMetadata']);
  const interfaces: Declaration[] = [];
  for (const shape of types.shapes.values()) {
    const members: Member[] = shape.keys.map((key) => {
      for (const name of key.uses) used.add(name);
      return { name: key.key, type: { members: [{ text: key.type }] }, readonly: false, optional: false, docs: key.docs };
    });
    const docs = {
      lines: [
        `Custom attributes of \`${shape.entityType}\` (\`${shape.attribute}\`): the configurations that apply to every ${shape.entityType},`,
        'by key. Read with `get(key)`, write with `set(key, value)`; an unknown key or a value of another type does not compile.',
      ],
    };
    interfaces.push(interfaceOf(shape.interfaceName, [], members, docs));
  }
  return {
    path: 'custom-attributes.ts',
    statements: [
      ...typeImportsFor(used),
      ...interfaces,
      {
        kind: 'const',
        name: 'customAttributeMetadata',
        exported: true,
        type: 'CustomAttributeMetadata',
        initializer: { kind: 'raw', code: `Object.freeze(JSON.parse(${quoteString(JSON.stringify(types.metadata))}) as CustomAttributeMetadata)` },
        docs: {
          lines: [
            'The custom attribute configurations of the workspace and, per entity type, those that may apply (`schemaMetadata.customAttributes`):',
            'a new key is matched to its configuration without a request, and `q` offers `custom_attributes.<key>` fields.',
          ],
        },
      },
    ],
  };
}
