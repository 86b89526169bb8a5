/** Settings of the local event hub (`startServer({ events })`); all optional. */
export interface EventHubOptions {
  /** Milliseconds between the server's `2::` heartbeats; default 10 000 (the JS client gives up after 15 s). */
  readonly heartbeatInterval?: number;
  /** A connection silent for this many milliseconds is dropped; default 60 000. */
  readonly idleTimeout?: number;
}

/** An event the server publishes itself; `id` and `source` default to a new id and the server hub's source. */
export interface PublishableEvent {
  readonly topic: string;
  readonly data?: unknown;
  readonly source?: unknown;
  readonly target?: string;
  readonly id?: string;
  readonly inReplyToEvent?: string | null;
}

/** One live subscription: its connection (the handshake's session id), API user, subscriber metadata and expression. */
export interface HubSubscription {
  readonly connection: string;
  readonly user: string;
  readonly subscriber: Readonly<Record<string, unknown>>;
  readonly subscription: string;
}

/**
 * The local server's event hub, as tests and tools see it (`server.events`).
 *
 * @example
 * server.events.publish({ topic: 'ftrack.action.discover', data: { selection: [] } });
 * // every connection subscribed to "topic=ftrack.action.discover" receives
 * // 5:::{"name":"ftrack.event","args":[{"id":"…","topic":"ftrack.action.discover",…}]}
 */
export interface ServerEventHub {
  /** Publishes an event as the server (routed like a client's); returns its id. */
  publish(event: PublishableEvent): string;
  /** The live subscriptions, in connection and subscription order. */
  subscriptions(): HubSubscription[];
  /** Number of open WebSocket connections. */
  readonly connectionCount: number;
  /** Drops every connection at once (clients then reconnect). */
  disconnectAll(): void;
  /** Stops (true) or resumes (false) sending heartbeats, to test the clients' watchdogs. */
  pauseHeartbeats(paused: boolean): void;
}
