import { hasOwn } from '../protocol/own-record.js';
import type { PlannedOperation } from './commit-plan.js';
import { sameAsSent } from './commit-snapshot.js';
import { NOT_SET, STATE } from '../entity/entity-internals.js';
import { localValue, remoteValue, setLocalValue, setRemoteValue } from '../entity/slots.js';
import type { UnitOfWork } from './unit-of-work.js';

/**
 * Marks one operation the server confirmed as saved — exactly what it sent, nothing else. Each
 * value sent becomes the remote value (unless the server's answer carried the attribute, which
 * the decoder has already written); the local value is dropped only when it is still the value
 * sent, so a change made while the commit was in flight stays pending. A confirmed create turns
 * the entity into an existing one (`modified` when changes remain, else `unchanged`); a confirmed
 * delete takes it out of the session.
 */
export function settleOperation(uow: UnitOfWork, planned: PlannedOperation, payload: Readonly<Record<string, unknown>> | undefined): void {
  const { entity } = planned;
  if (planned.kind === 'delete') {
    if (entity[STATE] === 'deleted') uow.confirmDeleted(entity);
    return;
  }
  planned.attributes.forEach((attribute, i) => {
    const sent = planned.values[i];
    if (payload === undefined || !hasOwn(payload, attribute.name)) setRemoteValue(entity, attribute, sent);
    const local = localValue(entity, attribute);
    if (local !== NOT_SET && sameAsSent(local, sent)) setLocalValue(entity, attribute, NOT_SET);
  });
  if (planned.kind === 'create' || planned.kind === 'upsert') uow.confirmCreated(entity);
  uow.outcomeUnknown.delete(entity);
  if (entity[STATE] !== 'deleted') uow.settled(entity);
}

/**
 * After a rejected batch: entities whose create it carried and that were deleted while it was in
 * flight never reached the server, so they are simply forgotten (unless an earlier commit of
 * unknown outcome may have created them: then the next commit checks).
 */
export function afterRejection(uow: UnitOfWork, part: readonly PlannedOperation[]): void {
  for (const planned of part) {
    const { entity } = planned;
    if ((planned.kind === 'create' || planned.kind === 'upsert') && entity[STATE] === 'deleted' && !uow.outcomeUnknown.has(entity)) {
      uow.confirmDeleted(entity);
    }
    // A value set back to the server's during the flight was kept as a change; the server kept
    // its value, so it is no change any more.
    if (entity[STATE] !== 'modified') continue;
    for (const attribute of planned.attributes) {
      const local = localValue(entity, attribute);
      const remote = remoteValue(entity, attribute);
      if (local !== NOT_SET && remote !== NOT_SET && sameAsSent(local, remote)) {
        setLocalValue(entity, attribute, NOT_SET);
      }
    }
    uow.settled(entity);
  }
}
