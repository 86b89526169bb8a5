import { CommitRejectedError, CommitValidationError, ServerError, type ValidationProblem } from '../errors.js';
import type { Operation } from '../protocol/operations.js';
import { entityLabel, type BaseEntity } from './base-entity.js';
import { planCommit, primaryKeyOf, type PlannedOperation } from './commit-plan.js';
import { validatePlan } from './commit-validation.js';
import type { Decoder } from './decoder.js';
import type { BatchOffset } from './session-connection.js';
import { checkEnvelope } from './session-results.js';
import type { UnitOfWork } from './unit-of-work.js';
import { resolveUpsertKeys, type QueriesRunner } from './upsert-keys.js';

/** Default maximum number of operations per commit request (larger commits are split). */
export const DEFAULT_COMMIT_CHUNK = 5000;

/** What a commit needs from the session. */
export interface CommitChannel {
  exchange(operations: readonly Operation[], signal?: AbortSignal, offset?: BatchOffset): Promise<unknown[]>;
  runQueries: QueriesRunner;
  readonly decoder: Decoder;
}

/** What `session.commit()` resolves with. */
export interface CommitResult {
  /** The operations sent, in order (empty when nothing was pending). */
  readonly operations: readonly Operation[];
  /** Requests made (0 when nothing was pending; more than 1 only above the chunk size). */
  readonly requests: number;
}

/**
 * Commits the unit of work: plan (ordered, compacted), validate (nothing is sent when a problem is
 * found), send as one batch (split only above `chunk` operations), then merge the server's results
 * into the same entity objects. A rejected batch leaves every change of it pending.
 */
export async function runCommit(uow: UnitOfWork, channel: CommitChannel, chunk = DEFAULT_COMMIT_CHUNK): Promise<CommitResult> {
  const keyProblems = await resolveUpsertKeys(uow, channel.runQueries);
  const plan = planCommit(uow);
  const problems = [...keyProblems, ...validatePlan(plan, uow)];
  if (problems.length > 0) throw new CommitValidationError(problems);
  const last = new Map<BaseEntity, number>();
  plan.forEach((planned, i) => last.set(planned.entity, i));
  let requests = 0;
  for (let start = 0; start < plan.length; start += chunk) {
    const part = plan.slice(start, start + chunk);
    const offset: BatchOffset = { value: 0 };
    let results: unknown[];
    try {
      results = await channel.exchange(part.map((planned) => planned.operation), undefined, offset);
    } catch (error) {
      throw rejection(error, part, start, offset.value);
    }
    requests++;
    part.forEach((planned, i) => merge(uow, channel.decoder, planned, start + i, results[i], last.get(planned.entity) === start + i));
  }
  return { operations: plan.map((planned) => planned.operation), requests };
}

function merge(uow: UnitOfWork, decoder: Decoder, planned: PlannedOperation, index: number, result: unknown, isLast: boolean): void {
  const { action } = planned.operation;
  const checked = checkEnvelope<{ data: unknown }>(action, index, result);
  if (isLast) uow.finalise(planned.entity);
  if (action === 'delete' || checked.data === null || typeof checked.data !== 'object') return;
  const payload = checked.data as Record<string, unknown>;
  const runtime = uow.identity.runtime(planned.entity.$type);
  const key = runtime.keyOfPayload(payload);
  if (key !== undefined && planned.entity.$state !== 'deleted' && !runtime.entities.has(key)) uow.identity.add(planned.entity, key);
  decoder.entity(payload);
}

function rejection(error: unknown, part: readonly PlannedOperation[], start: number, offset: number): unknown {
  if (!(error instanceof ServerError)) return error;
  const reported = /Operation (\d+) failed/.exec(error.content);
  const index = reported !== null ? Number(reported[1]) - offset : error.operationIndex;
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

/** What `session.pending` shows: what `commit()` would send now, and what it would refuse. */
export interface PendingChanges {
  /** The operations a commit would send, in order (a new custom-attribute key not yet matched to its configuration shows `""` in `entity_key`). */
  readonly operations: readonly Operation[];
  readonly created: readonly BaseEntity[];
  readonly modified: readonly BaseEntity[];
  readonly deleted: readonly BaseEntity[];
  /** Problems the commit's validation would report (then nothing is sent). */
  readonly problems: readonly ValidationProblem[];
}

/** The pending changes of a unit of work, without sending anything. */
export function pendingChanges(uow: UnitOfWork): PendingChanges {
  const plan = planCommit(uow);
  const byState = (state: string) => [...uow.tracked].filter((entity) => entity.$state === state);
  return {
    operations: plan.map((planned) => planned.operation),
    created: byState('created'),
    modified: byState('modified'),
    deleted: byState('deleted'),
    problems: validatePlan(plan, uow),
  };
}
