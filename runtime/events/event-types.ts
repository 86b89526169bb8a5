import type { EventCondition } from './expression-builder.js';
import type { JsonValue } from './json.js';
import type { TopicData, TopicReply } from './topics.js';

/** Who published an event (`source`): set by the publishing hub when absent. */
export interface EventSource {
  /** The publishing hub's id (for a reply: the replying subscriber's id). */
  readonly id?: string;
  readonly applicationId?: string;
  readonly host?: string;
  /** Server-generated events: the `ftrack-Clienttoken` of the request. */
  readonly clientToken?: string;
  readonly user?: { readonly id?: string; readonly username?: string };
  readonly [key: string]: unknown;
}

/** An event as handlers receive it: the wire envelope, plus `stop()`. */
export interface HubEvent<D = JsonValue, T extends string = string> {
  readonly id: string;
  readonly topic: T;
  readonly data: D;
  readonly source: EventSource;
  /** An expression on subscriber metadata (`id=…`); `""` for every subscriber. */
  readonly target: string;
  readonly inReplyToEvent: string | null;
  readonly sent: JsonValue;
  /** Stops the event here: handlers with a higher priority number (run later) in this hub do not get it. */
  stop(): void;
  readonly stopped: boolean;
}

/** The event of topic `T` for entity map `M`. */
export type TopicEvent<T extends string, M extends object = Record<string, unknown>> = HubEvent<TopicData<T, M>, T>;

/** A reply event to an event of topic `T`. */
export type ReplyEvent<T extends string, M extends object = Record<string, unknown>> = HubEvent<TopicReply<T, M>, 'ftrack.meta.reply'>;

/** A handler: gets the event, may return (or resolve with) a reply, which is published to the event's publisher. */
export type EventHandler<T extends string = string, M extends object = Record<string, unknown>> = (
  event: TopicEvent<T, M>,
) => TopicReply<T, M> | null | undefined | void | Promise<TopicReply<T, M> | null | undefined | void>;

/** An event to publish. `id` and `source` are filled in when absent. */
export interface PublishEvent<T extends string = string, M extends object = Record<string, unknown>> {
  readonly topic: T;
  readonly data?: TopicData<T, M>;
  readonly id?: string;
  readonly source?: EventSource;
  /** Only subscribers whose metadata match receive it, e.g. `id=<subscriber id>`. */
  readonly target?: string | EventCondition;
  readonly inReplyToEvent?: string | null;
}

/** Subscriber metadata (`ftrack.meta.subscribe`'s `data.subscriber`); `id` is generated when absent. */
export interface SubscriberMetadata {
  readonly id?: string;
  readonly [key: string]: JsonValue | undefined;
}

/** The topic an expression string pins, when it is exactly `topic=<name>` (else `string`). */
export type TopicOfExpression<S extends string> = S extends `topic=${infer T}`
  ? T extends `${string}${' ' | '*' | '"' | "'" | '(' | ')' | '='}${string}` | ''
    ? string
    : T
  : string;
