import { ArgumentError, EventHubConnectionError, EventHubTimeoutError } from '../errors.js';
import { randomUuid } from '../identity/random-uuid.js';
import { redactText } from '../transport/redact.js';
import { inCallOrder, dispatchEvent, type Subscriber } from './dispatch.js';
import type { EventCondition } from './expression-builder.js';
import { expressionText } from './expression-builder.js';
import type { EventHandler, EventSource, HubEvent, PublishEvent, ReplyEvent, SubscriberMetadata, TopicOfExpression } from './event-types.js';
import { HubSocket, type HandshakeFetch, type WebSocketConstructor } from './hub-socket.js';
import { isJsonObject, type JsonValue } from './json.js';
import { parseExpression } from '../protocol/parse-event-expression.js';
import { quoteEventValue } from './quote-value.js';
import { encodeEvent } from '../protocol/socket-io-packet.js';
import { registerAction, type ActionDefinition } from './register-action.js';
import type { TopicReply } from './topics.js';
import type { SchemaModel } from '../schema/model.js';
import { addAttributeNames } from './update-attribute-names.js';

/** Where an error reported to `onError` came from. */
export interface EventHubErrorContext {
  /**
   * `handler`: a subscriber's handler threw or rejected; `reply`: an `onReply` callback did;
   * `connection`: connecting or reconnecting failed; `publish`: an event the session publishes on
   * its own (`ftrack.location.component-added`) could not be sent.
   */
  readonly phase: 'handler' | 'reply' | 'connection' | 'publish';
  readonly event?: HubEvent<unknown>;
  readonly subscription?: Subscription;
}

/** Options of the session's event hub (`new Session({ eventHub: { … } })`). */
export interface EventHubOptions {
  /** The WebSocket class; default undici's on Node, `globalThis.WebSocket` in browsers. */
  readonly WebSocket?: WebSocketConstructor;
  /** The `fetch` of the socket.io handshake; default `globalThis.fetch`. */
  readonly fetch?: HandshakeFetch;
  /** Receives handler errors and background connection failures; default: `logger.warn`. A handler error never stops the hub. */
  readonly onError?: (error: unknown, context: EventHubErrorContext) => void;
  /** Longest wait for a connection (one attempt, and `connect()` / `publish()` waiting for one), in ms; default 30 000. */
  readonly timeoutMs?: number;
  /** Drop a connection from which nothing arrived for this long; default the server's heartbeat timeout (60 s). */
  readonly heartbeatTimeoutMs?: number;
  /** Back-off after a lost connection: `min(initialDelayMs · 2^attempt, maxDelayMs)` × (1 to 1.5); attempts unlimited by default. */
  readonly reconnect?: { readonly initialDelayMs?: number; readonly maxDelayMs?: number; readonly maxAttempts?: number };
  /** `source.applicationId` of published events; default `ftrack-codegen`. */
  readonly applicationId?: string;
  /** How long `onReply` callbacks stay registered, in ms; default 600 000. */
  readonly replyLifetimeMs?: number;
}

/** Options of `hub.subscribe`. */
export interface SubscribeOptions {
  /** Lower runs first; default 100 (the Python client's order). */
  readonly priority?: number;
  /** Subscriber metadata sent with the subscription (targets are matched against it); `id` generated when absent. */
  readonly subscriber?: SubscriberMetadata;
}

/** A registered subscription. */
export interface Subscription {
  /** The subscriber id (`data.subscriber.id` of `ftrack.meta.subscribe`). */
  readonly id: string;
  readonly expression: string;
  readonly priority: number;
  /** Removes it locally and tells the server (`ftrack.meta.unsubscribe`); idempotent. */
  unsubscribe(): void;
}

/** Options of `hub.publish`. */
export interface PublishOptions<R = JsonValue> {
  /** Called for every reply to the event (`ftrack.meta.reply` with `inReplyToEvent` = its id). */
  readonly onReply?: (reply: HubEvent<R, 'ftrack.meta.reply'>) => unknown;
}

/** What the hub needs from its session. */
export interface EventHubCredentials {
  readonly serverUrl: string;
  readonly apiUser: string;
  readonly apiKey: string;
}

const REPLY_TOPIC = 'ftrack.meta.reply';
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The session's connection to the ftrack event server (`session.eventHub`): subscribe to events
 * with expressions (`topic=ftrack.update and source.user.username=jane`, or built with `on`),
 * publish events and replies. It connects on first use (or `await hub.connect()`), re-subscribes
 * everything after a lost connection, and is closed by `session.close()`. `M` is the generated
 * client's entity map: `ftrack.update` payloads are typed by it.
 *
 * @example
 * session.eventHub.subscribe(on.topic('ftrack.update'), (event) => {
 *   for (const entity of event.data.entities) console.log(entity.entity_type, entity.changes);
 * }); // sends ftrack.meta.subscribe {"subscription": "topic=ftrack.update", …}
 */
export class EventHub<M extends object = Record<string, unknown>> {
  /** This hub's id: `source.id` of what it publishes, and the id its replies are targeted at. */
  readonly id: string = randomUuid();
  readonly #credentials: EventHubCredentials;
  readonly #options: EventHubOptions;
  readonly #warn: (message: string) => void;
  readonly #subscribers = new Map<string, Subscriber>();
  readonly #replyHandlers = new Map<string, { readonly callback: (reply: HubEvent<never, 'ftrack.meta.reply'>) => unknown; readonly timer: ReturnType<typeof setTimeout> }>();
  readonly #replySubscriber: Subscriber;
  readonly #schema: () => SchemaModel | undefined;
  #order = 0;
  #socket: HubSocket | undefined;
  #connecting: Promise<void> | undefined;
  #connected = false;
  /** True between `disconnect()` (or a refusal) and the next `connect()`: no reconnecting. */
  #stopped = true;
  #attempt = 0;
  #retry: ReturnType<typeof setTimeout> | undefined;
  readonly #waiters = new Set<{ resolve(): void; reject(error: unknown): void }>();

  constructor(credentials: EventHubCredentials, options: EventHubOptions = {}, warn: (message: string) => void = () => undefined, schema: () => SchemaModel | undefined = () => undefined) {
    this.#credentials = credentials;
    this.#schema = schema;
    this.#options = options;
    this.#warn = warn;
    this.#replySubscriber = {
      id: this.id,
      expression: `topic=${REPLY_TOPIC}`,
      node: parseExpression(`topic=${REPLY_TOPIC}`),
      metadata: { id: this.id },
      priority: Number.NEGATIVE_INFINITY,
      order: -1,
      handler: (event) => this.#routeReply(event),
    };
  }

  /** True while the WebSocket is open. */
  get connected(): boolean {
    return this.#connected;
  }

  /** The registered subscriptions (not the hub's own reply subscription), in call order. */
  get subscriptions(): readonly Subscription[] {
    return inCallOrder(this.#subscribers.values()).map((subscriber) => this.#subscription(subscriber));
  }

  /**
   * Connects (handshake with the session's credentials, then the WebSocket) and announces every
   * subscription. Resolves when connected; rejects with `EventHubConnectionError` (refused
   * credentials: `status` 401) or `EventHubTimeoutError`. Idempotent.
   */
  connect(): Promise<void> {
    if (this.#connected) return Promise.resolve();
    this.#stopped = false;
    return this.#connectOnce();
  }

  /** Closes the connection; no reconnecting. Subscriptions stay registered and are announced again on the next `connect()`. */
  disconnect(): void {
    this.#stopped = true;
    clearTimeout(this.#retry);
    this.#retry = undefined;
    this.#connected = false;
    this.#socket?.close();
    this.#socket = undefined;
    this.#rejectWaiters(new EventHubConnectionError('The event hub was disconnected.'));
    for (const { timer } of this.#replyHandlers.values()) clearTimeout(timer);
    this.#replyHandlers.clear();
  }

  /**
   * Calls `handler` for each event matching `expression` (a string of the event expression
   * language, or a condition built with `on`). Handlers run in priority order (lower first, default
   * 100); `event.stop()` ends the run; a value returned (or resolved) is published as a reply to
   * the event's publisher. A handler error goes to `onError` and stops nothing else. Connects the
   * hub when it is not connected.
   *
   * @example hub.subscribe('topic=ftrack.action.discover and source.user.username=jane', discover, { priority: 50 })
   * // ftrack.meta.subscribe {"subscriber": {"id": "…"}, "subscription": "topic=ftrack.action.discover and source.user.username=jane"}
   */
  subscribe<T extends string>(expression: EventCondition<T>, handler: EventHandler<T, M>, options?: SubscribeOptions): Subscription;
  subscribe<S extends string>(expression: S, handler: EventHandler<TopicOfExpression<S>, M>, options?: SubscribeOptions): Subscription;
  subscribe(expression: string | EventCondition, handler: EventHandler<string, M>, options: SubscribeOptions = {}): Subscription {
    const text = expressionText(expression);
    const node = parseExpression(text);
    if (typeof handler !== 'function') throw new ArgumentError('subscribe(expression, handler): the handler must be a function.', { cause: { handler: typeof handler } });
    const priority = options.priority ?? 100;
    if (typeof priority !== 'number' || Number.isNaN(priority)) throw new ArgumentError('The subscription priority is a number (lower runs first).', { cause: { priority } });
    const given = options.subscriber ?? {};
    if (!isJsonObject(given)) throw new ArgumentError('The subscriber metadata is an object.', { cause: { subscriber: typeof given } });
    const id = given.id ?? randomUuid();
    if (typeof id !== 'string' || id === '') throw new ArgumentError('The subscriber id is a non-empty string.', { cause: { id } });
    if (this.#subscribers.has(id) || id === this.id) throw new ArgumentError(`A subscriber with id "${id}" is already registered on this hub.`, { cause: { id } });
    const subscriber: Subscriber = {
      id,
      expression: text,
      node,
      metadata: { ...given, id },
      priority,
      order: this.#order++,
      handler: handler as Subscriber['handler'],
    };
    this.#subscribers.set(id, subscriber);
    if (this.#connected) this.#announce(subscriber);
    else this.#connectInBackground();
    return this.#subscription(subscriber);
  }

  /**
   * Publishes an event the session sends on its own, only on a connected hub (no connection is
   * opened for it) and without a caller waiting: a failure goes to `onError` (phase `publish`).
   * @internal
   */
  notify(event: PublishEvent<string, M>): void {
    if (!this.connected) return;
    this.publish(event).catch((error: unknown) => this.#report(error, { phase: 'publish' }));
  }

  /**
   * Publishes an event; resolves with its id once it is sent (connecting first when needed;
   * `EventHubTimeoutError` after `timeoutMs`). `onReply` gets every reply. With
   * `synchronous: true` nothing is sent: the matching local subscribers run in priority order and
   * it resolves with their return values (errors go to `onError` and are skipped; no reply is published).
   *
   * @example await hub.publish({ topic: 'my-company.ping', data: { n: 1 } }, { onReply: (r) => console.log(r.data) })
   * // 5:::{"name":"ftrack.event","args":[{"id":"…","topic":"my-company.ping","data":{"n":1},"source":{"id":"<hub id>",…},"target":"","inReplyToEvent":null,"sent":null}]}
   */
  publish<T extends string>(event: PublishEvent<T, M>, options: { readonly synchronous: true }): Promise<unknown[]>;
  publish<T extends string>(event: PublishEvent<T, M>, options?: PublishOptions<TopicReply<T, M>> & { readonly synchronous?: false }): Promise<string>;
  async publish<T extends string>(event: PublishEvent<T, M>, options: PublishOptions<TopicReply<T, M>> & { readonly synchronous?: boolean } = {}): Promise<string | unknown[]> {
    const wire = this.#prepare(event);
    if (options.synchronous === true) return this.#runLocally(wire);
    if (options.onReply !== undefined) this.#expectReplies(wire.id, options.onReply as (reply: HubEvent<never, 'ftrack.meta.reply'>) => unknown);
    try {
      await this.#send(wire);
    } catch (error) {
      this.#dropReplies(wire.id);
      throw error;
    }
    return wire.id;
  }

  /**
   * Publishes an event and resolves with its first reply; `EventHubTimeoutError` when none arrives
   * within `timeoutMs` (default the hub's `timeoutMs`).
   * @example const reply = await hub.publishAndWaitForReply({ topic: 'my-company.ping', data: {} }, { timeoutMs: 5000 })
   */
  publishAndWaitForReply<T extends string>(event: PublishEvent<T, M>, options: { readonly timeoutMs?: number } = {}): Promise<ReplyEvent<T, M>> {
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs();
    return new Promise<ReplyEvent<T, M>>((resolve, reject) => {
      let id: string | undefined;
      let settled = false;
      const settle = () => {
        settled = true;
        clearTimeout(timer);
        if (id !== undefined) this.#dropReplies(id);
      };
      const timer = setTimeout(() => {
        settle();
        reject(new EventHubTimeoutError(`No reply to the "${String(event.topic)}" event within ${timeoutMs} ms.`, timeoutMs));
      }, timeoutMs);
      this.publish(event, {
        onReply: (reply) => {
          if (settled) return;
          id = reply.inReplyToEvent ?? id;
          settle();
          resolve(reply as ReplyEvent<T, M>);
        },
      }).then(
        (published) => {
          id = published;
          if (settled) this.#dropReplies(published);
        },
        (error: unknown) => {
          if (settled) return;
          settle();
          reject(error);
        },
      );
    });
  }

  /**
   * Offers an action in ftrack's UI: answers `ftrack.action.discover` with the action's item (when
   * `discover` returns true or is absent) and runs `launch` for `ftrack.action.launch` events with
   * its identifier, replying with what it returns (default `{ success: true }`; a thrown error
   * replies `{ success: false, message }` and goes to `onError`). Returns both subscriptions as one.
   * @example hub.registerAction({ identifier: 'list-shots', label: 'List shots', launch: async (e) => ({ success: true, message: 'Done' }) })
   * // subscribes "topic=ftrack.action.discover" and "topic=ftrack.action.launch and data.actionIdentifier=list-shots"
   */
  registerAction(action: ActionDefinition<M>): Subscription {
    return registerAction(this, action);
  }

  /**
   * Publishes `data` as a reply to `source` (topic `ftrack.meta.reply`, targeted at its publisher).
   * @example await hub.publishReply(event, { success: true, message: 'Done' })
   * // {"topic": "ftrack.meta.reply", "data": {"success": true, "message": "Done"}, "target": "id=<publisher hub id>", "inReplyToEvent": "<event id>", …}
   */
  publishReply(source: HubEvent<unknown>, data: JsonValue, replySource?: EventSource): Promise<string> {
    const publisher = source.source?.id;
    if (typeof publisher !== 'string' || publisher === '') throw new ArgumentError('publishReply(): the event has no source.id to reply to.', { cause: { event: source.id } });
    return this.publish({ topic: REPLY_TOPIC, data, target: `id=${quoteEventValue(publisher)}`, inReplyToEvent: source.id, ...(replySource ? { source: replySource } : {}) } as PublishEvent<string, M>);
  }

  // ------------------------------------------------------------ connection

  #connectOnce(): Promise<void> {
    if (this.#connecting !== undefined) return this.#connecting;
    let socket: HubSocket;
    try {
      socket = new HubSocket(
        {
          ...this.#credentials,
          WebSocket: this.#options.WebSocket ?? defaultWebSocket(),
          fetch: this.#options.fetch ?? defaultFetch(),
          timeoutMs: this.#timeoutMs(),
          heartbeatTimeoutMs: this.#options.heartbeatTimeoutMs,
        },
        {
          event: (event) => this.#receive(event),
          lost: (reason) => this.#lost(socket, reason),
        },
      );
    } catch (error) {
      return Promise.reject(error);
    }
    this.#socket = socket;
    const attempt = socket.connect().then(
      () => {
        this.#connecting = undefined;
        if (this.#socket !== socket) return;
        this.#connected = true;
        this.#attempt = 0;
        this.#announce(this.#replySubscriber);
        for (const subscriber of inCallOrder(this.#subscribers.values())) this.#announce(subscriber);
        for (const waiter of this.#waiters) waiter.resolve();
        this.#waiters.clear();
      },
      (error: unknown) => {
        this.#connecting = undefined;
        if (this.#socket === socket) this.#socket = undefined;
        socket.close();
        throw error;
      },
    );
    this.#connecting = attempt;
    return attempt;
  }

  /** Connects without a caller waiting: failures go to `onError`, then back-off retries (none after refused credentials). */
  #connectInBackground(): void {
    if (this.#connected || this.#connecting !== undefined || this.#retry !== undefined) return;
    this.#stopped = false;
    this.#connectOnce().catch((error: unknown) => this.#failed(error));
  }

  #failed(error: unknown): void {
    this.#report(error, { phase: 'connection' });
    if (error instanceof EventHubConnectionError && (error.status === 401 || error.status === 403)) {
      this.#stopped = true;
      this.#rejectWaiters(error);
      return;
    }
    this.#scheduleRetry();
  }

  #lost(socket: HubSocket, reason: string): void {
    if (this.#socket !== socket) return;
    this.#socket = undefined;
    this.#connected = false;
    if (this.#stopped) return;
    this.#report(new EventHubConnectionError(`Lost the connection to the event server (${reason}); reconnecting.`), { phase: 'connection' });
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    if (this.#stopped || this.#retry !== undefined) return;
    const settings = this.#options.reconnect ?? {};
    const maxAttempts = settings.maxAttempts ?? Number.POSITIVE_INFINITY;
    if (this.#attempt >= maxAttempts) {
      this.#stopped = true;
      const error = new EventHubConnectionError(`Could not reconnect to the event server after ${this.#attempt} attempts.`);
      this.#report(error, { phase: 'connection' });
      this.#rejectWaiters(error);
      return;
    }
    const base = Math.min((settings.initialDelayMs ?? 1000) * 2 ** this.#attempt, settings.maxDelayMs ?? 10_000);
    this.#attempt++;
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      if (this.#stopped || this.#connected) return;
      this.#connectOnce().catch((error: unknown) => this.#failed(error));
    }, Math.round(base * (1 + 0.5 * Math.random())));
  }

  /** Resolves once connected (connecting in the background when needed); rejects after `timeoutMs`. */
  #whenConnected(): Promise<void> {
    if (this.#connected) return Promise.resolve();
    this.#connectInBackground();
    const timeoutMs = this.#timeoutMs();
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new EventHubTimeoutError(`Not connected to the event server within ${timeoutMs} ms.`, timeoutMs));
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }

  #rejectWaiters(error: unknown): void {
    for (const waiter of this.#waiters) waiter.reject(error);
    this.#waiters.clear();
  }

  async #runLocally(wire: Record<string, unknown> & { id: string }): Promise<unknown[]> {
    const results: unknown[] = [];
    await dispatchEvent(inCallOrder(this.#subscribers.values()), wire, this.#handlerEvent(wire), {
      result: (_subscriber, _event, value) => results.push(value),
      error: (subscriber, handled, error) => this.#report(error, { phase: 'handler', event: handled, subscription: this.#subscription(subscriber) }),
    });
    return results;
  }

  async #send(wire: Record<string, unknown>): Promise<void> {
    await this.#whenConnected();
    if (this.#socket?.send(encodeEvent(wire)) !== true) throw new EventHubConnectionError('The event server connection closed before the event could be sent.');
  }

  #announce(subscriber: Subscriber): void {
    const wire = this.#prepare({ topic: 'ftrack.meta.subscribe', data: { subscriber: subscriber.metadata as JsonValue, subscription: subscriber.expression } });
    this.#socket?.send(encodeEvent(wire));
  }

  // ------------------------------------------------------------ receiving

  #receive(wire: Record<string, unknown>): void {
    if (typeof wire.topic !== 'string') return;
    if (wire.topic === 'ftrack.update') {
      const schema = this.#schema();
      if (schema !== undefined) addAttributeNames(wire.data, schema);
    }
    const subscribers = [this.#replySubscriber, ...inCallOrder(this.#subscribers.values())];
    void dispatchEvent(subscribers, wire, this.#handlerEvent(wire), {
      result: (subscriber, event, value) => {
        if (subscriber === this.#replySubscriber || value === undefined || value === null) return;
        this.publishReply(event, value as JsonValue, subscriber.metadata).catch((error: unknown) =>
          this.#report(error, { phase: 'handler', event, subscription: this.#subscription(subscriber) }),
        );
      },
      error: (subscriber, event, error) => this.#report(error, { phase: subscriber === this.#replySubscriber ? 'reply' : 'handler', event, subscription: this.#subscription(subscriber) }),
    });
  }

  #routeReply(event: HubEvent<never>): void {
    const entry = typeof event.inReplyToEvent === 'string' ? this.#replyHandlers.get(event.inReplyToEvent) : undefined;
    if (entry === undefined) return;
    try {
      const result = entry.callback(event as HubEvent<never, 'ftrack.meta.reply'>);
      if (result instanceof Promise) result.catch((error: unknown) => this.#report(error, { phase: 'reply', event }));
    } catch (error) {
      this.#report(error, { phase: 'reply', event });
    }
  }

  #expectReplies(id: string, callback: (reply: HubEvent<never, 'ftrack.meta.reply'>) => unknown): void {
    const timer = setTimeout(() => this.#replyHandlers.delete(id), this.#options.replyLifetimeMs ?? 600_000);
    (timer as { unref?: () => void }).unref?.();
    this.#replyHandlers.set(id, { callback, timer });
  }

  #dropReplies(id: string): void {
    const entry = this.#replyHandlers.get(id);
    if (entry === undefined) return;
    clearTimeout(entry.timer);
    this.#replyHandlers.delete(id);
  }

  /** The handler's view of a wire event: the envelope with defaults, and `stop()`. */
  #handlerEvent(wire: Record<string, unknown>): HubEvent<never> {
    let stopped = false;
    return {
      id: String(wire.id ?? ''),
      topic: String(wire.topic),
      data: (wire.data ?? {}) as never,
      source: (isJsonObject(wire.source) ? wire.source : {}) as EventSource,
      target: typeof wire.target === 'string' ? wire.target : '',
      inReplyToEvent: typeof wire.inReplyToEvent === 'string' ? wire.inReplyToEvent : null,
      sent: (wire.sent ?? null) as JsonValue,
      stop: () => {
        stopped = true;
      },
      get stopped() {
        return stopped;
      },
    };
  }

  // ------------------------------------------------------------ helpers

  /** The wire envelope: exactly the seven keys, `id` and `source` filled in when absent. */
  #prepare(event: PublishEvent<string, M> | { topic: string; data: JsonValue }): Record<string, unknown> & { id: string } {
    if (!isJsonObject(event) || typeof event.topic !== 'string' || event.topic === '') {
      throw new ArgumentError('An event needs a non-empty string `topic`, e.g. { topic: "my-company.ping", data: {} }.', { cause: { event: typeof event } });
    }
    const given = event as PublishEvent<string, M>;
    const source: Record<string, unknown> = isJsonObject(given.source) ? { ...given.source } : {};
    source.id ??= this.id;
    source.applicationId ??= this.#options.applicationId ?? 'ftrack-codegen';
    source.user ??= { username: this.#credentials.apiUser };
    const target = given.target === undefined ? '' : expressionText(given.target);
    if (target !== '') parseExpression(target);
    return {
      id: typeof given.id === 'string' && given.id !== '' ? given.id : randomUuid(),
      topic: given.topic,
      data: given.data ?? {},
      source,
      target,
      inReplyToEvent: given.inReplyToEvent ?? null,
      sent: null,
    };
  }

  #subscription(subscriber: Subscriber): Subscription {
    return {
      id: subscriber.id,
      expression: subscriber.expression,
      priority: subscriber.priority,
      unsubscribe: () => {
        if (this.#subscribers.get(subscriber.id) !== subscriber) return;
        this.#subscribers.delete(subscriber.id);
        if (this.#connected) {
          const wire = this.#prepare({ topic: 'ftrack.meta.unsubscribe', data: { subscriber: subscriber.metadata as JsonValue } });
          this.#socket?.send(encodeEvent(wire));
        }
      },
    };
  }

  #report(error: unknown, context: EventHubErrorContext): void {
    const onError = this.#options.onError;
    if (onError !== undefined) {
      try {
        onError(error, context);
        return;
      } catch (hookError) {
        // fall back to the logger, saying that the hook failed too
        const hookMessage = hookError instanceof Error ? hookError.message : String(hookError);
        this.#warn(`ftrack event hub: onError threw: ${redactText(hookMessage, this.#credentials.apiKey)}`);
      }
    }
    const message = error instanceof Error ? error.message : String(error);
    this.#warn(`ftrack event hub (${context.phase}): ${redactText(message, this.#credentials.apiKey)}`);
  }

  #timeoutMs(): number {
    return this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }
}

function defaultWebSocket(): WebSocketConstructor {
  const WebSocket = (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (WebSocket === undefined) throw new EventHubConnectionError('No WebSocket class: pass `eventHub: { WebSocket }` in the session options.');
  return WebSocket;
}

function defaultFetch(): HandshakeFetch {
  const fetch = (globalThis as { fetch?: HandshakeFetch }).fetch;
  if (fetch === undefined) throw new EventHubConnectionError('No fetch function: pass `eventHub: { fetch }` in the session options.');
  return fetch.bind(globalThis) as HandshakeFetch;
}
