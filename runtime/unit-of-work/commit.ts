import { CommitValidationError, MalformedResponseError, type ServerError, type ValidationProblem } from '../errors.js';
import type { Operation } from '../protocol/operations.js';
import { throwIfAborted, untilAborted } from '../transport/abort.js';
import type { BaseEntity } from '../entity/base-entity.js';
import { commitOutcome, outcomeUnknown, rejection } from './commit-outcome.js';
import { planCommit, type PlannedOperation } from './commit-plan.js';
import { reconcile } from './commit-reconcile.js';
import { afterRejection, settleOperation } from './commit-settle.js';
import { CommitSnapshot } from './commit-snapshot.js';
import { validatePlan } from './commit-validation.js';
import type { Decoder } from '../identity/decoder.js';
import { STATE } from '../entity/entity-internals.js';
import { checkEnvelope } from '../identity/session-results.js';
import type { UnitOfWork } from './unit-of-work.js';
import { resolveUpsertKeys, type QueriesRunner } from './upsert-keys.js';

/** Default maximum number of operations per commit request (larger commits are split). */
export const DEFAULT_COMMIT_CHUNK = 5000;

/** What a commit needs from the session. */
export interface CommitChannel {
  exchange(operations: readonly Operation[], signal?: AbortSignal): Promise<unknown[]>;
  runQueries: QueriesRunner;
  readonly decoder: Decoder;
}

/** What `session.commit()` resolves with. */
export interface CommitResult {
  /** The operations sent, in order (empty when nothing was pending). */
  readonly operations: readonly Operation[];
  /** Commit requests made (0 when nothing was pending; more than 1 only above the chunk size). */
  readonly requests: number;
}

/** Options of `runCommit`. */
export interface CommitOptions {
  /** Maximum operations per request (default `DEFAULT_COMMIT_CHUNK`). */
  readonly chunk?: number | undefined;
  /** Aborts the commit: before sending → `RequestAbortedError`; after → `CommitOutcomeUnknownError`. */
  readonly signal?: AbortSignal | undefined;
  /** Sends again creates of unknown outcome that have no primary key to reconcile by (default: refused). */
  readonly resendUnchecked?: boolean | undefined;
}

/**
 * Commits the unit of work, one commit at a time (a commit called while another runs waits for
 * it, then sends what is still pending): reconcile after an unknown outcome, plan (ordered,
 * compacted), validate (nothing is sent when a problem is found), send as one batch (split only
 * above `chunk` operations), then mark saved exactly what was sent and merge the server's answer.
 * Outcomes: success; `CommitRejectedError` (the server refused: nothing applied, all pending);
 * `CommitOutcomeUnknownError` (sent, answer missing or unreadable: all pending, next commit reconciles).
 */
export function runCommit(uow: UnitOfWork, channel: CommitChannel, options: CommitOptions | number = {}): Promise<CommitResult> {
  const { chunk = DEFAULT_COMMIT_CHUNK, signal, resendUnchecked } = typeof options === 'number' ? { chunk: options, resendUnchecked: false } : options;
  return uow.exclusive(() => commitNow(uow, channel, chunk, signal, resendUnchecked === true), signal);
}

async function commitNow(uow: UnitOfWork, channel: CommitChannel, chunk: number, signal: AbortSignal | undefined, resendUnchecked: boolean): Promise<CommitResult> {
  throwIfAborted(signal, 'commit()');
  const keyProblems = await resolveUpsertKeys(uow, channel.runQueries, signal);
  await reconcile(uow, channel.runQueries, signal);
  throwIfAborted(signal, 'commit()');
  const plan = planCommit(uow);
  const problems = [...keyProblems, ...validatePlan(plan, uow, { resendUnchecked })];
  if (problems.length > 0) throw new CommitValidationError(problems);
  if (plan.length === 0) return { operations: [], requests: 0 };
  const snapshot = new CommitSnapshot(plan);
  // Inverse-collection adjustments logged so far answer changes this commit sends (the plan holds
  // every pending change); once it succeeds, rollback() must not take them back.
  const mark = uow.adjustments.mark();
  uow.inFlight = snapshot;
  let requests = 0;
  try {
    for (let start = 0; start < plan.length; start += chunk) {
      const part = plan.slice(start, start + chunk);
      await sendPart(uow, channel, part, start, signal);
      requests++;
    }
    uow.adjustments.forgetBefore(mark);
  } finally {
    if (uow.inFlight === snapshot) uow.inFlight = undefined;
  }
  return { operations: plan.map((planned) => planned.operation), requests };
}

/** Sends one request of the commit and settles its operations (or throws the outcome). */
async function sendPart(uow: UnitOfWork, channel: CommitChannel, part: readonly PlannedOperation[], start: number, signal: AbortSignal | undefined): Promise<void> {
  throwIfAborted(signal, 'commit()');
  const flight = channel.exchange(part.map((planned) => planned.operation), signal);
  let results: unknown[];
  try {
    results = await untilSignal(uow, flight, signal);
  } catch (error) {
    const outcome = commitOutcome(error);
    if (outcome === 'not-sent') throw error;
    if (outcome === 'rejected') {
      afterRejection(uow, part);
      throw rejection(error as ServerError, part, start);
    }
    for (const planned of part) uow.outcomeUnknown.add(planned.entity);
    throw outcomeUnknown(error, part, start);
  }
  let payloads: (Record<string, unknown> | undefined)[];
  try {
    payloads = readAnswer(uow, channel.decoder, part, results);
  } catch (error) {
    // A malformed answer: the server may have applied the batch, so nothing is marked saved.
    for (const planned of part) uow.outcomeUnknown.add(planned.entity);
    throw outcomeUnknown(error, part, start);
  }
  part.forEach((planned, i) => settleOperation(uow, planned, payloads[i]));
}

/**
 * Checks every result of the batch and merges the entity payloads into the identity map (remote
 * values only) before anything is marked saved; throws on the first malformed result.
 */
function readAnswer(uow: UnitOfWork, decoder: Decoder, part: readonly PlannedOperation[], results: readonly unknown[]): (Record<string, unknown> | undefined)[] {
  if (!Array.isArray(results) || results.length !== part.length) {
    throw new MalformedResponseError(`The commit's answer holds ${Array.isArray(results) ? results.length : 'no'} results for ${part.length} operations.`);
  }
  const payloads = part.map((planned, i) => {
    const { action } = planned.operation;
    const checked = checkEnvelope<{ data: unknown }>(action, i, results[i]);
    if (action === 'delete' || checked.data === null || typeof checked.data !== 'object') return undefined;
    return checked.data as Record<string, unknown>;
  });
  part.forEach((planned, i) => {
    const payload = payloads[i];
    if (payload === undefined) return;
    const runtime = uow.identity.runtime(planned.entity.$type);
    const key = runtime.keyOfPayload(payload);
    if (key !== undefined && planned.entity[STATE] !== 'deleted' && !runtime.entities.has(key)) uow.identity.add(planned.entity, key);
    decoder.entity(payload);
  });
  return payloads;
}

/**
 * The request's answer, or — when `signal` aborts first — a rejection with the abort (the
 * request may be on the server: the caller reports an unknown outcome). An abandoned request
 * keeps the next commit waiting until it settles, so that commit's reconcile sees its effect.
 */
function untilSignal<T>(uow: UnitOfWork, flight: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return flight;
  const linger = () => uow.linger(flight.catch(() => undefined));
  if (signal.aborted) linger();
  else {
    signal.addEventListener('abort', linger, { once: true });
    const forget = () => signal.removeEventListener('abort', linger);
    flight.then(forget, forget);
  }
  return untilAborted(flight, signal, 'commit()');
}

/** What `session.pending` shows: what `commit()` would send now, and what it would refuse. */
export interface PendingChanges {
  /**
   * The operations a commit would send, in order (a new custom-attribute key not yet matched to its
   * configuration shows `""` in `entity_key`). While a commit is in flight: what is left once it
   * succeeds (changes made during the flight). After an unknown outcome: before reconciling.
   */
  readonly operations: readonly Operation[];
  readonly created: readonly BaseEntity[];
  readonly modified: readonly BaseEntity[];
  readonly deleted: readonly BaseEntity[];
  /** Problems the commit's validation would report (then nothing is sent). */
  readonly problems: readonly ValidationProblem[];
  /** The operations of the commit in flight, awaiting the server's answer (empty when none). */
  readonly inFlight: readonly Operation[];
  /** Entities a commit of unknown outcome was about: the next commit asks the server about them first. */
  readonly outcomeUnknown: readonly BaseEntity[];
}

/** The pending changes of a unit of work, without sending anything. */
export function pendingChanges(uow: UnitOfWork): PendingChanges {
  const inFlight = uow.inFlight;
  const plan = planCommit(uow, inFlight);
  const byState = (state: string) => [...uow.tracked].filter((entity) => entity.$state === state);
  return {
    operations: plan.map((planned) => planned.operation),
    created: byState('created'),
    modified: byState('modified'),
    deleted: byState('deleted'),
    problems: validatePlan(plan, uow),
    inFlight: inFlight === undefined ? [] : inFlight.plan.map((planned) => planned.operation),
    outcomeUnknown: [...uow.outcomeUnknown],
  };
}
