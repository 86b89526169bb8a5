import type { WorkspaceValueList, WorkspaceValuesMetadata } from '../contract/entity-types.js';
import type { Operation } from '../protocol/operations.js';
import { compileQuery } from '../query/compile-query.js';
import { pathNode, queryNode } from '../query/node-factory.js';
import { computeValuesHash } from '../schema/values-hash.js';
import { quoted } from '../transport/redact.js';

/** Names shown per value type in the warning. */
const SHOWN_NAMES = 5;

/**
 * The queries that read a server's workspace values, one per generated list: one request of their
 * own, sent beside the session's first batch.
 * @example valueQueries(values) // [{ action: 'query', expression: 'select name from Status' }, …]
 */
export function valueQueries(values: WorkspaceValuesMetadata): Operation[] {
  return values.lists.map((list) => ({
    action: 'query',
    expression: compileQuery(queryNode({ entityType: list.entityType, projections: [pathNode([list.attribute])], defaultProjections: false, orderBy: [], where: undefined, offset: undefined, limit: undefined })),
  }));
}

/**
 * The warning when the server's values (the answers to `valueQueries`) differ from the generated
 * ones, else undefined. An answer that cannot be read completely (not a query result, a paged
 * answer) makes the comparison unknown: no warning.
 */
export function valuesWarning(values: WorkspaceValuesMetadata, answers: readonly unknown[], serverUrl: string): string | undefined {
  const server: WorkspaceValueList[] = [];
  for (const [index, list] of values.lists.entries()) {
    const names = namesOf(answers[index], list.attribute);
    if (names === undefined) return undefined;
    server.push({ ...list, names });
  }
  if (computeValuesHash(server) === values.hash) return undefined;
  const differences = values.lists.flatMap((list, index) => difference(list, server[index]!.names));
  if (differences.length === 0) return undefined;
  return (
    `Workspace values differ: the generated client was built with other names than ${serverUrl} has (${differences.join('; ')}). ` +
    "Queries reach the names it does not know through raw('…'); regenerate the client (ftrack-codegen --server …) to type them."
  );
}

function namesOf(answer: unknown, attribute: string): string[] | undefined {
  if (typeof answer !== 'object' || answer === null) return undefined;
  const { data, metadata } = answer as { data?: unknown; metadata?: { next?: { offset?: unknown } } };
  if (!Array.isArray(data) || (metadata?.next?.offset ?? null) !== null) return undefined;
  return data.flatMap((row: unknown) => {
    const name = typeof row === 'object' && row !== null ? (row as Record<string, unknown>)[attribute] : undefined;
    return typeof name === 'string' ? [name] : [];
  });
}

/** `Status: new "Waiting", gone "Omitted"` (server values are shown short and redacted). */
function difference(list: WorkspaceValueList, serverNames: readonly string[]): string[] {
  const known = new Set(list.names);
  const now = new Set(serverNames);
  const added = [...now].filter((name) => !known.has(name));
  const gone = list.names.filter((name) => !now.has(name));
  if (added.length === 0 && gone.length === 0) return [];
  const shown = (names: readonly string[]) =>
    names.slice(0, SHOWN_NAMES).map((name) => quoted(name)).join(', ') + (names.length > SHOWN_NAMES ? ` and ${names.length - SHOWN_NAMES} more` : '');
  const parts = [...(added.length > 0 ? [`new ${shown(added)}`] : []), ...(gone.length > 0 ? [`gone ${shown(gone)}`] : [])];
  return [`${list.entityType}.${list.attribute}: ${parts.join(', ')}`];
}
