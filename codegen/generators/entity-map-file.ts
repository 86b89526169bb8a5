import type { InterfaceDeclaration, PropertySignature, SourceFileStructure } from '../declarations/declarations.js';
import { typeOf, type CodegenModel, type CodegenType } from '../model/codegen-model.js';
import { HELPER_TYPES } from '../model/names.js';
import { typeImport } from './imports.js';

/**
 * `entity-map.d.ts`: the maps from entity type name to read shape, create input, update input and
 * query result type, the `EntityTypeName` union and the `Workspace` that types a session.
 */
export function entityMapFile(model: CodegenModel): SourceFileStructure {
  const types = [...model.types.values()];
  const map = (name: string, docs: string, value: (type: CodegenType) => string): InterfaceDeclaration => ({
    kind: 'interface',
    name,
    extends: [],
    docs: { lines: [docs] },
    members: types.map((type): PropertySignature => ({ name: type.entity.name, type: value(type), readonly: false, optional: false })),
  });
  const read = (name: string) => typeOf(model, name).names.read;
  return {
    path: 'entity-map.d.ts',
    statements: [
      ...(types.length > 0
        ? [typeImport('./entities.js', types.map((t) => t.names.read)), typeImport('./inputs.js', types.flatMap((t) => [t.names.create, t.names.update]))]
        : []),
      map(HELPER_TYPES.entityMap, 'Entity type name → read shape.', (t) => t.names.read),
      map(HELPER_TYPES.createMap, 'Entity type name → data accepted by `session.create(name, data)`.', (t) => t.names.create),
      map(HELPER_TYPES.updateMap, 'Entity type name → changes accepted for an existing entity.', (t) => t.names.update),
      map(
        HELPER_TYPES.resultMap,
        'Entity type name → the type of the items of a query `from <name>`: the concrete types of its `$mixin` family.',
        (t) => (t.queryResults.length > 0 ? t.queryResults.map(read).join(' | ') : t.names.read),
      ),
      {
        kind: 'type',
        name: HELPER_TYPES.typeName,
        type: `keyof ${HELPER_TYPES.entityMap}`,
        docs: { lines: ['Every entity type name of the workspace.'] },
      },
      {
        kind: 'interface',
        name: HELPER_TYPES.workspace,
        extends: [],
        docs: { lines: ['The workspace a generated session is typed by (`Session<Workspace>`).'] },
        members: [
          { name: 'entities', type: HELPER_TYPES.entityMap, readonly: false, optional: false },
          { name: 'create', type: HELPER_TYPES.createMap, readonly: false, optional: false },
          { name: 'update', type: HELPER_TYPES.updateMap, readonly: false, optional: false },
        ],
      },
    ],
  };
}
