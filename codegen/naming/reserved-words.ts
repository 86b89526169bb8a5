/**
 * Words a generated type identifier avoids (reserved words, TypeScript's own type names and
 * contextual keywords); an entity type with such a name gets a `_` suffix.
 */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  // ECMAScript reserved and strict-mode words
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do',
  'else', 'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in',
  'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try',
  'typeof', 'var', 'void', 'while', 'with', 'implements', 'interface', 'let', 'package', 'private',
  'protected', 'public', 'static', 'yield', 'await', 'async', 'arguments', 'eval',
  // TypeScript type names and contextual keywords
  'any', 'unknown', 'never', 'object', 'string', 'number', 'boolean', 'symbol', 'bigint',
  'undefined', 'as', 'asserts', 'declare', 'get', 'set', 'infer', 'is', 'keyof', 'module',
  'namespace', 'readonly', 'require', 'type', 'unique', 'abstract', 'constructor', 'from', 'of',
  'global', 'out', 'override', 'satisfies', 'accessor', 'using', 'intrinsic',
]);
