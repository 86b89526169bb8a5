import type { ExpressionNode } from '../protocol/event-expression-ast.js';
import { matchesExpression } from '../protocol/evaluate-event-expression.js';
import { parseExpression } from '../protocol/parse-event-expression.js';
import type { HubEvent } from './event-types.js';
import type { JsonValue } from './json.js';

/** A local subscriber: what it listens to, who it is, and its handler. */
export interface Subscriber {
  readonly id: string;
  readonly expression: string;
  readonly node: ExpressionNode;
  readonly metadata: { readonly id: string; readonly [key: string]: JsonValue | undefined };
  readonly priority: number;
  readonly order: number;
  readonly handler: (event: HubEvent<never>) => unknown;
}

/** What dispatch reports for each subscriber it calls. */
export interface DispatchSink {
  result(subscriber: Subscriber, event: HubEvent<never>, value: unknown): void;
  error(subscriber: Subscriber, event: HubEvent<never>, error: unknown): void;
}

/** Subscribers in the order the Python client calls them: ascending priority, then subscription order. */
export function inCallOrder(subscribers: Iterable<Subscriber>): Subscriber[] {
  return [...subscribers].sort((a, b) => a.priority - b.priority || a.order - b.order);
}

/**
 * Calls every subscriber the event is for, one after the other (each handler's promise is awaited
 * before the next runs): skipped unless the event's `target` (when not empty) matches its metadata
 * and its subscription matches the event; `event.stop()` ends the run. An unparsable target
 * reaches nobody. Handler errors go to `sink.error`; nothing stops the others.
 */
export async function dispatchEvent(subscribers: readonly Subscriber[], wire: Record<string, unknown>, event: HubEvent<never>, sink: DispatchSink): Promise<void> {
  let target: ExpressionNode | undefined;
  if (typeof event.target === 'string' && event.target !== '') {
    try {
      target = parseExpression(event.target);
    } catch {
      return;
    }
  }
  for (const subscriber of subscribers) {
    if (event.stopped) return;
    if (target !== undefined && !matchesExpression(target, subscriber.metadata)) continue;
    if (!matchesExpression(subscriber.node, wire)) continue;
    try {
      sink.result(subscriber, event, await subscriber.handler(event));
    } catch (error) {
      sink.error(subscriber, event, error);
    }
  }
}
