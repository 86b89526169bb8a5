import type {
  ConstDeclaration,
  Declaration,
  ExportDeclaration,
  Expression,
  FunctionDeclaration,
  ImportDeclaration,
  InterfaceDeclaration,
  PropertySignature,
  TypeAliasDeclaration,
} from '../declarations/declarations.js';
import { propertyKey, quoteString } from '../naming/identifiers.js';
import { renderDocs } from './render-docs.js';

const INDENT = '  ';

/**
 * Prints declarations as TypeScript source: two-space indent, single quotes, semicolons, one
 * blank line between declarations (none between consecutive imports or re-exports).
 */
export function renderStatements(statements: readonly Declaration[]): string {
  if (statements.length === 0) return 'export {};\n'; // still a module (a bare .d.ts would be a global script)
  const blocks: string[] = [];
  let previous: Declaration['kind'] | undefined;
  for (const statement of statements) {
    const text = renderDeclaration(statement).join('\n');
    const grouped = previous === statement.kind && (statement.kind === 'import' || statement.kind === 'export');
    blocks.push(blocks.length === 0 ? text : grouped ? `\n${text}` : `\n\n${text}`);
    previous = statement.kind;
  }
  return `${blocks.join('')}\n`;
}

function renderDeclaration(declaration: Declaration): string[] {
  switch (declaration.kind) {
    case 'interface':
      return renderInterface(declaration);
    case 'type':
      return renderTypeAlias(declaration);
    case 'const':
      return renderConst(declaration);
    case 'function':
      return renderFunction(declaration);
    case 'import':
      return [renderImport(declaration)];
    case 'export':
      return [renderExport(declaration)];
  }
}

function renderInterface(declaration: InterfaceDeclaration): string[] {
  const heritage = declaration.extends.length > 0 ? ` extends ${declaration.extends.join(', ')}` : '';
  const head = `export interface ${declaration.name}${heritage}`;
  const docs = renderDocs(declaration.docs, '');
  if (declaration.members.length === 0) return [...docs, `${head} {}`];
  return [...docs, `${head} {`, ...declaration.members.flatMap(renderProperty), '}'];
}

function renderProperty(property: PropertySignature): string[] {
  const docs = renderDocs(property.docs, INDENT);
  const key = property.computed ? `[${property.name}]` : propertyKey(property.name);
  if (property.writeType !== undefined) {
    return [...docs, `${INDENT}get ${key}(): ${property.type};`, `${INDENT}set ${key}(value: ${property.writeType});`];
  }
  const modifier = property.readonly ? 'readonly ' : '';
  const optional = property.optional ? '?' : '';
  return [...docs, `${INDENT}${modifier}${key}${optional}: ${property.type};`];
}

function renderTypeAlias(declaration: TypeAliasDeclaration): string[] {
  return [...renderDocs(declaration.docs, ''), `export type ${declaration.name} = ${declaration.type};`];
}

function renderConst(declaration: ConstDeclaration): string[] {
  const exported = declaration.exported ? 'export ' : '';
  const type = declaration.type !== undefined ? `: ${declaration.type}` : '';
  const value = renderExpression(declaration.initializer, '');
  return [...renderDocs(declaration.docs, ''), `${exported}const ${declaration.name}${type} = ${value};`];
}

function renderExpression(expression: Expression, indent: string): string {
  switch (expression.kind) {
    case 'raw':
      return expression.code;
    case 'string':
      return quoteString(expression.value);
    case 'array': {
      if (expression.items.length === 0) return '[]';
      const inner = indent + INDENT;
      if (!expression.multiline) return `[${expression.items.map((item) => renderExpression(item, indent)).join(', ')}]`;
      return `[\n${expression.items.map((item) => `${inner}${renderExpression(item, inner)},`).join('\n')}\n${indent}]`;
    }
  }
}

function renderFunction(declaration: FunctionDeclaration): string[] {
  const parameters = declaration.parameters
    .map((p) => `${p.name}: ${p.type}${p.initializer !== undefined ? ` = ${p.initializer}` : ''}`)
    .join(', ');
  return [
    ...renderDocs(declaration.docs, ''),
    `export function ${declaration.name}(${parameters}): ${declaration.returnType} {`,
    ...declaration.body.map((line) => `${INDENT}${line}`),
    '}',
  ];
}

function renderImport(declaration: ImportDeclaration): string {
  const names = declaration.names.map((n) => (n.typeOnly && !declaration.typeOnly ? `type ${n.name}` : n.name));
  return `import ${declaration.typeOnly ? 'type ' : ''}${nameList(names)} from ${quoteString(declaration.from)};`;
}

function renderExport(declaration: ExportDeclaration): string {
  const type = declaration.typeOnly ? 'type ' : '';
  if (declaration.names.length === 0) return `export ${type}* from ${quoteString(declaration.from)};`;
  return `export ${type}${nameList(declaration.names)} from ${quoteString(declaration.from)};`;
}

/** `{ a, b }`, or one name per line when that would be long. */
function nameList(names: readonly string[]): string {
  const inline = `{ ${names.join(', ')} }`;
  return inline.length <= 80 ? inline : `{\n${names.map((name) => `${INDENT}${name},`).join('\n')}\n}`;
}
