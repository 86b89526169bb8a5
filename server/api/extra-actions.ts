import { randomUUID } from 'node:crypto';
import { actingUserId } from '../rules/apply-rules.js';
import { ACTING_USER, USER_INFORMATION } from '../rules/ftrack-rules.js';
import type { FileActions } from '../files/file-service.js';
import type { Workspace } from '../store/workspace.js';
import { parseEntityKey, requireRow } from '../write/entity-ref.js';
import { apiError } from './api-error.js';
import { WireError } from './wire-error.js';

/** Server-level services the batch runner may use: who acts, the public URL, API keys. */
export interface BatchServices {
  /** The API user the request acts as. */
  readonly apiUser?: string;
  /** Base URL clients use (`http://127.0.0.1:41234`), for widget URLs. */
  readonly url?: string;
  /** Issues a new API key for the user (the old one stops working) and returns it. */
  readonly resetApiKey?: (username: string | undefined, userId: string) => string;
  /** Component data: `get_upload_metadata`, `complete_multipart_upload`, `encode_media` (server/files/). */
  readonly files?: FileActions;
}

/**
 * `reset_remote` (spec 2.8): `reset_type: "api_key"` on a user returns a new key and
 * invalidates the old one; `entity_key` is the user's id (a bare string, or a one-item list).
 *
 * @example
 * resetRemote(workspace, { action: 'reset_remote', reset_type: 'api_key', entity_type: 'User', entity_key: id }, services);
 * // { action: 'reset_remote', data: { api_key: '…' } }
 */
export function resetRemote(workspace: Workspace, operation: Record<string, unknown>, services: BatchServices): { action: 'reset_remote'; data: { api_key: string } } {
  const resetType = operation.reset_type;
  if (resetType !== 'api_key') {
    const content = `reset_remote: reset_type ${JSON.stringify(resetType ?? null)} is not supported; only "api_key" on a ${ACTING_USER.type} is.`;
    throw new WireError('ServerError', content, 'unsupported_reset_type', 500);
  }
  const typeName = typeof operation.entity_type === 'string' ? operation.entity_type : ACTING_USER.type;
  const users = workspace.model.types.has(ACTING_USER.type) ? workspace.graph.queryFamily(ACTING_USER.type) : [];
  if (!users.includes(typeName)) {
    throw apiError('ValidationError', `reset_remote: an API key can only be reset on a ${ACTING_USER.type}, not on ${typeName}.`, 'invalid_reset_target');
  }
  const row = requireRow(workspace, typeName, parseEntityKey(workspace, typeName, operation.entity_key));
  const username = row.values[ACTING_USER.column];
  const id = String(row.values[workspace.graph.type(row.type).primaryKey[0]!]);
  const key = services.resetApiKey?.(typeof username === 'string' ? username : undefined, id) ?? randomUUID();
  return { action: 'reset_remote', data: { api_key: key } };
}

const THEMES: ReadonlySet<unknown> = new Set(['light', 'dark', null, undefined]);

/**
 * `get_widget_url` (spec 2.10): `{widget_url}` for a named widget (`info`, `tasks`,
 * `tasks_browser`, …), optionally for one entity; the token in it is random.
 *
 * @example
 * widgetUrl(workspace, { action: 'get_widget_url', name: 'info', theme: 'dark', entity_type: 'Task', entity_key: [id] }, services);
 * // { widget_url: 'http://127.0.0.1:41234/widget/?theme=dark&token=…#view=info&entityType=Task&entityId=…' }
 */
export function widgetUrl(workspace: Workspace, operation: Record<string, unknown>, services: BatchServices): { widget_url: string } {
  const name = operation.name;
  if (typeof name !== 'string' || name === '') throw apiError('ValidationError', 'get_widget_url needs a widget "name", e.g. "info" or "tasks".', 'invalid_operation');
  if (!THEMES.has(operation.theme)) throw apiError('ValidationError', 'get_widget_url: "theme" must be "light", "dark" or null.', 'invalid_operation');
  const theme = typeof operation.theme === 'string' ? operation.theme : 'light';
  const hash = new URLSearchParams({ view: name });
  if (operation.entity_type !== undefined && operation.entity_type !== null) {
    const typeName = String(operation.entity_type);
    if (!workspace.model.types.has(typeName)) throw apiError('ValidationError', `Unknown entity type "${typeName}": it is not in this server's schema.`, 'unknown_entity_type');
    const row = requireRow(workspace, typeName, parseEntityKey(workspace, typeName, operation.entity_key));
    hash.set('entityType', row.type);
    hash.set('entityId', workspace.keyText(row));
  }
  const base = services.url ?? 'http://127.0.0.1';
  return { widget_url: `${base}/widget/?${new URLSearchParams({ theme, token: randomUUID() }).toString()}#${hash.toString()}` };
}

/**
 * `user_information` of `query_server_information` (asked for by name in `values`): the acting
 * user's row attributes listed in `USER_INFORMATION` (null when the schema lacks one) and its
 * fixed flags; undefined when the schema has no such user row ([U], see server/README.md).
 *
 * @example
 * userInformation(workspace, 'admin'); // { id: '…', username: 'admin', first_name: null, …, restricted_user: false, permissions: [] }
 */
export function userInformation(workspace: Workspace, apiUser: string | undefined): Record<string, unknown> | undefined {
  const id = actingUserId(workspace, apiUser);
  const row = id === undefined ? undefined : workspace.getRow(ACTING_USER.type, [id]);
  if (row === undefined) return undefined;
  const out: Record<string, unknown> = {};
  for (const name of USER_INFORMATION.attributes) out[name] = row.values[name] ?? null;
  return { ...out, ...structuredClone(USER_INFORMATION.fixed) };
}
