import { randomUUID } from 'node:crypto';
import { isPlainObject } from '../../runtime/schema/normalize-property.js';

/** The seven envelope keys both clients accept (PY drops an event with any other key). */
export interface WireEvent {
  readonly id: string;
  readonly topic: string;
  readonly data: unknown;
  readonly source: unknown;
  readonly target: string;
  readonly sent: unknown;
  readonly inReplyToEvent: string | null;
}

/**
 * The event as relayed: exactly the seven keys, defaults filled (`data {}`, `target ""`,
 * `inReplyToEvent null`, `sent null`), `id` and `source` kept as published; undefined without a
 * string topic.
 *
 * @example
 * toWireEvent({ topic: 'my.ping', customOption: 1 }); // { id: '…', topic: 'my.ping', data: {}, source: {}, target: '', sent: null, inReplyToEvent: null }
 */
export function toWireEvent(event: Record<string, unknown>): WireEvent | undefined {
  if (typeof event.topic !== 'string' || event.topic === '') return undefined;
  return {
    id: typeof event.id === 'string' && event.id !== '' ? event.id : randomUUID().replaceAll('-', ''),
    topic: event.topic,
    data: event.data ?? {},
    source: isPlainObject(event.source) ? event.source : {},
    target: typeof event.target === 'string' ? event.target : '',
    sent: event.sent ?? null,
    inReplyToEvent: typeof event.inReplyToEvent === 'string' ? event.inReplyToEvent : null,
  };
}
