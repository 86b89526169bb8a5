import { EntityEncoder } from '../encode/entity-encoder.js';
import { executeQuery } from '../query/execute-query.js';
import type { StoreChange } from '../store/store.js';
import type { Workspace } from '../store/workspace.js';
import { createEntity } from '../write/create-entity.js';
import { deleteEntity } from '../write/delete-entity.js';
import { updateEntity } from '../write/update-entity.js';
import { addCompanionRows } from '../write/companion-rows.js';
import { checkTouchedRows } from '../write/validate-row.js';
import type { WriteContext } from '../write/write-context.js';
import { resetRemote, userInformation, widgetUrl, type BatchServices } from './extra-actions.js';
import { executeSearch } from './search.js';
import { apiError, toErrorBody, unknownActionError, type ErrorObject } from './api-error.js';
import { serverInformation } from './server-information.js';
import type { WireError } from './wire-error.js';

/** Switches a request carries in its headers. */
export interface BatchOptions {
  readonly strict: boolean;
  readonly denormalize: boolean;
  /** The caller is a read-only user: create/update/delete fail with `PermissionError`. */
  readonly readOnly?: boolean;
  /** Return the committed row changes (default true); false when nobody listens for `ftrack.update`. */
  readonly collectChanges?: boolean;
}

/** Outcome of one batch: the results and the committed row changes (for `ftrack.update`), or one error object (nothing applied). */
export type BatchOutcome =
  | { readonly ok: true; readonly results: unknown[]; readonly wrote: boolean; readonly changes: readonly StoreChange[] }
  | { readonly ok: false; readonly status: number; readonly error: ErrorObject };

const WRITE_ACTIONS: ReadonlySet<string> = new Set(['create', 'update', 'delete']);
/** Actions a read-only user may not run although they write no rows. */
const PRIVILEGED_ACTIONS: ReadonlySet<string> = new Set(['reset_remote', 'get_upload_metadata', 'complete_multipart_upload', 'encode_media']);

export type { BatchServices } from './extra-actions.js';

/**
 * Runs a decoded request body as one atomic batch: operations in order, one shared encoder
 * (deduplication per response), and a full rollback when any operation fails. Required values
 * of the rows the batch created or updated are checked once every operation is applied; then the
 * companion rows ftrack's rules ask for (a note's author as recipient) are added.
 *
 * @example
 * executeBatch(workspace, [{ action: 'query', expression: 'select name from Project' }], { strict: false, denormalize: false });
 */
export function executeBatch(workspace: Workspace, body: unknown, options: BatchOptions, schemaHash?: string, services: BatchServices = {}): BatchOutcome {
  if (!Array.isArray(body)) {
    return failure(apiError('ValidationError', 'The request body must be a JSON array of operations, e.g. [{"action": "query_server_information"}].', 'invalid_body'));
  }
  const encoder = new EntityEncoder(workspace, options.denormalize);
  const context: WriteContext = { workspace, apiUser: services.apiUser, touched: new Map(), created: new Map(), assigned: new Map(), operationIndex: 0 };
  let index = 0;
  let wrote = false;
  let changes: readonly StoreChange[] = [];
  try {
    const results = workspace.store.transaction(() => {
      const out: unknown[] = [];
      for (index = 0; index < body.length; index++) {
        const operation: unknown = body[index];
        if (typeof operation !== 'object' || operation === null || Array.isArray(operation)) {
          throw apiError('ValidationError', 'Each operation must be an object with an "action".', 'invalid_operation');
        }
        const record = operation as Record<string, unknown>;
        if (typeof record.action !== 'string') throw apiError('ValidationError', 'The operation has no "action" string.', 'invalid_operation');
        if (WRITE_ACTIONS.has(record.action)) {
          if (options.readOnly === true) throw writeDenied(record);
          wrote = true;
        }
        if (PRIVILEGED_ACTIONS.has(record.action) && options.readOnly === true) throw writeDenied(record);
        context.operationIndex = index;
        out.push(runOperation(workspace, record, options, encoder, context, schemaHash, services));
      }
      try {
        checkTouchedRows(context);
        addCompanionRows(context);
      } catch (error) {
        index = context.operationIndex;
        throw error;
      }
      return out;
    }, options.collectChanges === false ? undefined : (committed) => {
      changes = committed;
    });
    return { ok: true, results, wrote, changes };
  } catch (error) {
    // index === body.length: the batch failed as a whole after its operations (e.g. saving it).
    return failure(error, index < body.length ? index : undefined);
  }
}

function runOperation(
  workspace: Workspace,
  operation: Record<string, unknown>,
  options: BatchOptions,
  encoder: EntityEncoder,
  context: WriteContext,
  schemaHash: string | undefined,
  services: BatchServices,
): unknown {
  switch (operation.action) {
    case 'query_server_information':
      return serverInformation(workspace.schema, schemaHash, operation.values, () => userInformation(workspace, services.apiUser));
    case 'query_schemas':
      return workspace.schema;
    case 'query':
      return executeQuery(workspace, operation.expression, { strict: options.strict, encoder });
    case 'search':
      return executeSearch(workspace, operation, { strict: options.strict, encoder });
    case 'create':
      return createEntity(context, operation);
    case 'update':
      return updateEntity(context, operation);
    case 'delete':
      return deleteEntity(context, operation);
    case 'reset_remote':
      return resetRemote(workspace, operation, services);
    case 'get_widget_url':
      return widgetUrl(workspace, operation, services);
    case 'get_upload_metadata':
      return requireFiles(services, operation).uploadMetadata(operation);
    case 'complete_multipart_upload':
      return requireFiles(services, operation).completeMultipartUpload(operation);
    case 'encode_media':
      return requireFiles(services, operation).encodeMedia(context, operation);
    default:
      throw unknownActionError(String(operation.action));
  }
}

function requireFiles(services: BatchServices, operation: Record<string, unknown>): NonNullable<BatchServices['files']> {
  if (services.files === undefined) throw unknownActionError(String(operation.action));
  return services.files;
}

function writeDenied(operation: Record<string, unknown>): WireError {
  const type = typeof operation.entity_type === 'string' ? ` on ${operation.entity_type}` : '';
  return apiError('PermissionError', `This API user is read-only: ${String(operation.action)}${type} is not permitted.`, 'read_only_user');
}

function failure(error: unknown, index?: number): BatchOutcome {
  const { status, body } = toErrorBody(error, index);
  return { ok: false, status, error: body };
}
