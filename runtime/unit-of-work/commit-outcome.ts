import {
  CommitOutcomeUnknownError,
  CommitRejectedError,
  ConnectionClosedError,
  NetworkError,
  ServerError,
} from '../errors.js';
import { entityLabel } from '../entity/base-entity.js';
import { primaryKeyOf, type PlannedOperation } from './commit-plan.js';

/**
 * What a failed commit request means for its operations:
 * - `rejected`: the server answered with an ftrack error body — it refused the batch, nothing of it was applied;
 * - `not-sent`: the request never left (closed session, connection refused, unknown host);
 * - `unknown`: anything else once the request may have reached the server — timeout, reset
 *   connection, abort, an HTTP error without an ftrack body, an unreadable or malformed answer.
 */
export type CommitOutcome = 'rejected' | 'not-sent' | 'unknown';

/** Connection errors raised before a single byte of the request was written. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME']);

/** Classifies the error of a commit request (see `CommitOutcome`). */
export function commitOutcome(error: unknown): CommitOutcome {
  if (error instanceof ConnectionClosedError) return 'not-sent';
  if (error instanceof NetworkError && NOT_SENT_CODES.has(codeOf(error.cause))) return 'not-sent';
  // A TransportError (no readable answer) never proves a refusal: only a ServerError does.
  if (error instanceof ServerError) return 'rejected';
  return 'unknown';
}

/** The `CommitOutcomeUnknownError` for a batch whose request failed with `error` after it was sent. */
export function outcomeUnknown(error: unknown, part: readonly PlannedOperation[], start: number): CommitOutcomeUnknownError {
  const code = codeOf(error) || 'UNKNOWN';
  const earlier = start > 0 ? ` The first ${start} operations were committed by earlier requests.` : '';
  return new CommitOutcomeUnknownError(
    `The commit of ${part.length} operation${part.length === 1 ? '' : 's'} was sent but its outcome is unknown (${code}): the server may or may not have applied it.${earlier} ` +
      'Nothing was lost: every change is still pending. Call commit() again: it first asks the server which changes already hold and sends only the rest.',
    part.length,
    { cause: error },
  );
}

/** The `CommitRejectedError` for a batch the server refused (`error` is its typed error). */
export function rejection(error: ServerError, part: readonly PlannedOperation[], start: number): CommitRejectedError {
  const index = error.operationIndex;
  const planned = index === undefined ? undefined : part[index];
  const where = planned === undefined
    ? 'The server rejected the commit'
    : `The server rejected the commit at operation ${start + index!} (${planned.operation.action} ${entityLabel(planned.entity)})`;
  const earlier = start > 0 ? ` The first ${start} operations were committed by earlier requests.` : '';
  return new CommitRejectedError(
    `${where}: ${error.content.replace(/\.\s*$/, '')}.${earlier} Nothing was lost: the changes are still pending; fix them and commit() again, or rollback().`,
    {
      operationIndex: planned === undefined ? undefined : start + index!,
      action: planned?.operation.action,
      entityType: planned?.entity.$type,
      primaryKey: planned === undefined ? undefined : primaryKeyOf(planned.entity).map((v) => v ?? '?'),
    },
    error,
  );
}

function codeOf(cause: unknown): string {
  const code = cause !== null && typeof cause === 'object' ? (cause as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : '';
}
