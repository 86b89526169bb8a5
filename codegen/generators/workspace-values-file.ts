import type { SourceFileStructure, TypeAliasDeclaration } from '../declarations/declarations.js';
import type { CodegenModel } from '../model/codegen-model.js';
import { workspaceValueTypes } from '../model/workspace-values.js';
import { propertyKey, quoteString } from '../naming/identifiers.js';

/**
 * `workspace-values.d.ts` (generated with a workspace): one literal name type per workspace value
 * type, e.g. `export type StatusName = 'Not started' | 'In progress' | …`, which the read shape's
 * phantom `$valueNames` gives to `Status.name` for queries. Undefined when the client types no workspace values.
 */
export function workspaceValuesFile(model: CodegenModel): SourceFileStructure | undefined {
  const values = workspaceValueTypes(model);
  if (values === undefined) return undefined;
  const aliases = values.types.map(
    (type): TypeAliasDeclaration => ({
      kind: 'type',
      name: type.typeName,
      type: type.names.map(quoteString).join(' | '),
      docs: {
        lines: [
          `The \`${type.attribute}\` of each \`${type.entityType}\` in the workspace when this client was generated. Query comparisons on`,
          `it accept these names (a typo is a compile error) or \`raw('…')\` for one added since; reads are plain strings.`,
        ],
        tags: [{ tag: 'example', text: `\n${queryRoot(type.entityType)}.where((v) => v${access(type.attribute)}.eq(${quoteString(type.names[0]!)}))\n// … where ${type.attribute} is ${JSON.stringify(type.names[0]!)}` }],
      },
    }),
  );
  return { path: 'workspace-values.d.ts', statements: aliases };
}

/** `q.Status`, or `q['Asset Build']` for a name that is no identifier. */
function queryRoot(entityType: string): string {
  return `q${access(entityType)}`;
}

/** `.name`, or `['short name']`. */
function access(name: string): string {
  return propertyKey(name) === name ? `.${name}` : `[${quoteString(name)}]`;
}

/**
 * The `values` property of `schemaMetadata` (with a newline), empty without workspace values: the
 * names and hash a session compares with the server's.
 * @example valuesMetadataCode(model) // '  values: {"hash": "…", "lists": [{"entityType": "Status", …}]},\n'
 */
export function valuesMetadataCode(model: CodegenModel): string {
  const values = workspaceValueTypes(model);
  return values === undefined ? '' : `  values: ${JSON.stringify(values.metadata)},\n`;
}
