import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectionClosedError, EventHubConnectionError, EventHubTimeoutError, on, Session, type EventHubErrorContext, type EventHubOptions, type HubEvent } from 'ftrack-codegen';
import { startFakeHub, type FakeHub } from './support/client-fake-hub.js';

const KEY = 'fake-hub-secret-key-0123456789';
let hub: FakeHub;
const sessions: Session[] = [];

function session(options: EventHubOptions = {}, apiKey = KEY, apiUser = 'jane'): Session {
  const created = new Session({ serverUrl: hub.url, apiUser, apiKey, eventHub: { reconnect: { initialDelayMs: 20, maxDelayMs: 100 }, ...options } });
  sessions.push(created);
  return created;
}

function errors(): { list: { error: unknown; context: EventHubErrorContext }[]; onError: EventHubOptions['onError'] } {
  const list: { error: unknown; context: EventHubErrorContext }[] = [];
  return { list, onError: (error, context) => list.push({ error, context }) };
}

function wireEvent(event: Record<string, unknown>): string {
  return `5:::${JSON.stringify({ name: 'ftrack.event', args: [{ id: `e${Math.random()}`, source: { id: 'server' }, target: '', inReplyToEvent: null, sent: null, data: {}, ...event }] })}`;
}

beforeEach(async () => {
  hub = await startFakeHub({ key: KEY });
});

afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close();
  await hub.close();
});

describe('event hub: handshake and connection', () => {
  it('connects with the session credentials and announces its reply subscriber with the spec envelope', async () => {
    const events = session().eventHub;
    expect(events.connected).toBe(false);
    await events.connect();
    expect(events.connected).toBe(true);
    await hub.until(() => hub.received.length >= 1);
    const [first] = hub.received;
    expect(Object.keys(first!).sort()).toEqual(['data', 'id', 'inReplyToEvent', 'sent', 'source', 'target', 'topic']);
    expect(first).toMatchObject({
      topic: 'ftrack.meta.subscribe',
      data: { subscriber: { id: events.id }, subscription: 'topic=ftrack.meta.reply' },
      source: { id: events.id, user: { username: 'jane' } },
      target: '',
      inReplyToEvent: null,
      sent: null,
    });
    expect(hub.frames[0]).toMatch(/^5:::\{"name":"ftrack.event","args":\[/);
  });

  it('answers heartbeats', async () => {
    const events = session().eventHub;
    await events.connect();
    hub.sendRaw('2::');
    await hub.until(() => hub.frames.includes('2::'));
  });

  it('refused credentials: EventHubConnectionError with status 401, the key nowhere in it', async () => {
    const badKey = 'wrong-secret-key-abcdefghijkl';
    const events = session({}, badKey).eventHub;
    const error = await events.connect().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(EventHubConnectionError);
    expect((error as EventHubConnectionError).status).toBe(401);
    expect((error as Error).message).toContain('jane');
    const everything = `${String(error)} ${(error as Error).stack} ${JSON.stringify(error)} ${JSON.stringify((error as Error).cause)}`;
    expect(everything).not.toContain(badKey);
    expect(everything).not.toContain(badKey.slice(0, 10));
  });

  it('a lazy connection refused reports to onError once and does not retry', async () => {
    const badKey = 'wrong-secret-key-abcdefghijkl';
    const seen = errors();
    const events = session({ onError: seen.onError }, badKey).eventHub;
    events.subscribe('topic=x', () => undefined);
    await hub.until(() => seen.list.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(hub.handshakes).toBe(1);
    expect(seen.list[0]!.context.phase).toBe('connection');
    expect(String((seen.list[0]!.error as Error).message)).not.toContain(badKey);
  });

  it('publish() on a hub whose credentials are refused rejects with that error, not a timeout', async () => {
    const badKey = 'wrong-secret-key-abcdefghijkl';
    const events = session({ onError: () => undefined, timeoutMs: 5000 }, badKey).eventHub;
    const error = await events.publish({ topic: 'x', data: {} }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(EventHubConnectionError);
    expect((error as EventHubConnectionError).status).toBe(401);
  });

  it('a server without websocket sessions, or garbage, is an EventHubConnectionError', async () => {
    await hub.close();
    hub = await startFakeHub({ key: KEY, handshake: () => ({ status: 200, body: 'abc:60:60:xhr-polling' }) });
    await expect(session().eventHub.connect()).rejects.toThrow(/does not offer a WebSocket/);
    await hub.close();
    hub = await startFakeHub({ key: KEY, handshake: () => ({ status: 500, body: `oops ${KEY}` }) });
    const error = await session().eventHub.connect().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(EventHubConnectionError);
    expect((error as EventHubConnectionError).status).toBe(500);
    expect((error as Error).message).not.toContain(KEY);
  });

  it('a server that never answers: EventHubTimeoutError after timeoutMs', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const s = new Session({ serverUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, apiUser: 'jane', apiKey: KEY, eventHub: { timeoutMs: 150 } });
      sessions.push(s);
      const error = await s.eventHub.connect().then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(EventHubTimeoutError);
      expect((error as EventHubTimeoutError).timeoutMs).toBe(150);
    } finally {
      silent.close();
    }
  });

  it('reconnects after the socket is killed, re-subscribes, and the subscription fires afterwards', async () => {
    const seen = errors();
    const events = session({ onError: seen.onError }).eventHub;
    const got: unknown[] = [];
    events.subscribe(on.topic('studio.ping'), (event) => {
      got.push(event.data);
    });
    await hub.until(() => hub.subscriptionCount() === 2);
    hub.killSockets();
    await hub.until(() => hub.handshakes === 2 && hub.subscriptionCount() === 2);
    hub.publish({ topic: 'studio.ping', data: { n: 2 } });
    await hub.until(() => got.length === 1);
    expect(got).toEqual([{ n: 2 }]);
    expect(seen.list.some(({ context }) => context.phase === 'connection')).toBe(true);
  });

  it('reconnects when the server says disconnect (0::) and when it goes silent past the heartbeat timeout', async () => {
    const events = session({ heartbeatTimeoutMs: 200, onError: () => undefined }).eventHub;
    await events.connect();
    hub.sendRaw('0::');
    await hub.until(() => hub.handshakes === 2 && events.connected);
    await hub.until(() => hub.handshakes >= 3, 3000); // no heartbeats from this server: the watchdog reconnects
  });

  it('session.close() disconnects the hub; eventHub after close is a ConnectionClosedError', async () => {
    const s = session();
    await s.eventHub.connect();
    await hub.until(() => hub.connections() === 1);
    await s.close();
    await hub.until(() => hub.connections() === 0);
    expect(() => s.eventHub).toThrow(ConnectionClosedError);
  });

  it('disconnect() stops reconnecting; connect() again announces the subscriptions again', async () => {
    const events = session().eventHub;
    events.subscribe('topic=a', () => undefined);
    await hub.until(() => hub.subscriptionCount() === 2);
    events.disconnect();
    await hub.until(() => hub.connections() === 0);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(hub.handshakes).toBe(1);
    await events.connect();
    await hub.until(() => hub.subscriptionCount() === 2);
  });
});

describe('event hub: dispatch', () => {
  it('filters client-side with the full grammar (the server may over-deliver)', async () => {
    const events = session().eventHub;
    const got: string[] = [];
    events.subscribe('topic=ftrack.update and (source.user.username=jane or data.flag=yes) and not data.skip=1', (event) => {
      got.push(event.id);
    });
    await hub.until(() => hub.subscriptionCount() === 2);
    hub.sendRaw(wireEvent({ id: 'a', topic: 'ftrack.update', source: { user: { username: 'jane' } } }));
    hub.sendRaw(wireEvent({ id: 'b', topic: 'ftrack.update', source: { user: { username: 'bob' } } }));
    hub.sendRaw(wireEvent({ id: 'c', topic: 'ftrack.update', source: { user: { username: 'bob' } }, data: { flag: 'yes' } }));
    hub.sendRaw(wireEvent({ id: 'd', topic: 'ftrack.update', source: { user: { username: 'jane' } }, data: { skip: '1' } }));
    hub.sendRaw(wireEvent({ id: 'e', topic: 'other', source: { user: { username: 'jane' } } }));
    hub.sendRaw(wireEvent({ id: 'f', topic: 'ftrack.update', source: { user: { username: 'jane' } } }));
    await hub.until(() => got.includes('f'));
    expect(got).toEqual(['a', 'c', 'f']);
  });

  it('honours targets against subscriber metadata; an unparsable target reaches nobody', async () => {
    const events = session().eventHub;
    const got: string[] = [];
    events.subscribe('topic=t', () => void got.push('one'), { subscriber: { id: 'one', applicationId: 'maya' } });
    events.subscribe('topic=t', () => void got.push('two'), { subscriber: { id: 'two' } });
    await hub.until(() => hub.subscriptionCount() === 3);
    hub.sendRaw(wireEvent({ topic: 't', target: 'applicationId=maya' }));
    hub.sendRaw(wireEvent({ topic: 't', target: 'id=(' }));
    hub.sendRaw(wireEvent({ topic: 't', target: 'id=two' }));
    await hub.until(() => got.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(got).toEqual(['one', 'two']);
  });

  it('runs handlers by ascending priority (then subscription order); stop() ends the run', async () => {
    const events = session().eventHub;
    const order: string[] = [];
    events.subscribe('topic=p', () => void order.push('late'), { priority: 200 });
    events.subscribe('topic=p', () => void order.push('default-1'));
    events.subscribe('topic=p', async (event) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('first');
      if ((event.data as { stop?: boolean }).stop) event.stop();
    }, { priority: 10 });
    events.subscribe('topic=p', () => void order.push('default-2'));
    await events.connect();
    expect(await events.publish({ topic: 'p', data: {} }, { synchronous: true })).toHaveLength(4);
    expect(order).toEqual(['first', 'default-1', 'default-2', 'late']);
    order.length = 0;
    await hub.until(() => hub.subscriptionCount() === 5);
    hub.publish({ topic: 'p', data: { stop: true } });
    await hub.until(() => order.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(order).toEqual(['first']);
  });

  it('reports sync and async handler errors to onError; the other handlers and later events still run', async () => {
    const seen = errors();
    const events = session({ onError: seen.onError }).eventHub;
    const got: number[] = [];
    const failing = events.subscribe('topic=e', async () => {
      await Promise.resolve();
      throw new Error('async boom');
    }, { priority: 1 });
    events.subscribe('topic=e', () => {
      throw new Error('sync boom');
    }, { priority: 2 });
    events.subscribe('topic=e', (event) => void got.push((event.data as { n: number }).n), { priority: 3 });
    await hub.until(() => hub.subscriptionCount() === 4);
    hub.publish({ topic: 'e', data: { n: 1 } });
    hub.publish({ topic: 'e', data: { n: 2 } });
    await hub.until(() => got.length === 2 && seen.list.length === 4);
    expect(got).toEqual([1, 2]);
    expect(seen.list.map(({ error, context }) => [(error as Error).message, context.phase])).toEqual([
      ['async boom', 'handler'],
      ['sync boom', 'handler'],
      ['async boom', 'handler'],
      ['sync boom', 'handler'],
    ]);
    expect(seen.list[0]!.context.subscription?.id).toBe(failing.id);
    expect(seen.list[0]!.context.event?.topic).toBe('e');
    expect(events.connected).toBe(true);
  });

  it('without onError, handler errors go to the session logger, redacted', async () => {
    const warnings: string[] = [];
    const s = new Session({ serverUrl: hub.url, apiUser: 'jane', apiKey: KEY, logger: { warn: (m) => warnings.push(m) } });
    sessions.push(s);
    s.eventHub.subscribe('topic=e', () => {
      throw new Error(`leaked ${KEY}`);
    });
    await hub.until(() => hub.subscriptionCount() === 2);
    hub.publish({ topic: 'e' });
    await hub.until(() => warnings.length === 1);
    expect(warnings[0]).toContain('leaked');
    expect(warnings[0]).not.toContain(KEY);
  });

  it('unsubscribe() removes the handler and tells the server', async () => {
    const events = session().eventHub;
    const got: number[] = [];
    const subscription = events.subscribe('topic=u', () => void got.push(1), { subscriber: { id: 'sub-u' } });
    await hub.until(() => hub.subscriptionCount() === 2);
    expect(events.subscriptions.map((s) => s.id)).toEqual(['sub-u']);
    subscription.unsubscribe();
    subscription.unsubscribe();
    await hub.until(() => hub.subscriptionCount() === 1);
    expect(hub.received.filter((e) => e.topic === 'ftrack.meta.unsubscribe')).toEqual([
      expect.objectContaining({ data: { subscriber: { id: 'sub-u' } } }),
    ]);
    hub.sendRaw(wireEvent({ topic: 'u' }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(got).toEqual([]);
    expect(events.subscriptions).toEqual([]);
  });

  it('refuses a duplicate subscriber id and an unparsable expression', () => {
    const events = session().eventHub;
    events.subscribe('topic=a', () => undefined, { subscriber: { id: 'x' } });
    expect(() => events.subscribe('topic=b', () => undefined, { subscriber: { id: 'x' } })).toThrow(/already registered/);
    expect(() => events.subscribe('topic=a b', () => undefined)).toThrow(/Failed to parse/);
  });
});

describe('event hub: ftrack.update', () => {
  it('adds attribute names to changes keyed by storage name (schema alias_for), keeping what was sent', async () => {
    const { schemaMetadata } = await import('../../generated/index.js');
    const typed = new Session({ serverUrl: hub.url, apiUser: 'jane', apiKey: KEY, schema: schemaMetadata });
    sessions.push(typed);
    const got: unknown[] = [];
    typed.eventHub.subscribe(on.topic('ftrack.update'), (event) => {
      got.push(...event.data.entities.map((entity) => entity.changes));
    });
    await hub.until(() => hub.subscriptionCount() === 2);
    const change = { old: 's1', new: 's2' };
    hub.publish({
      topic: 'ftrack.update',
      data: {
        entities: [
          { action: 'update', entityId: 't1', entityType: 'task', entity_type: 'Task', keys: ['statusid', 'name', 'fstart'], changes: { statusid: change, name: { old: 'a', new: 'b' }, fstart: { old: 1, new: 2 } } },
          { action: 'update', entityId: 'x', entityType: 'mystery', entity_type: 'NotInSchema', keys: ['statusid'], changes: { statusid: change } },
        ],
      },
    });
    await hub.until(() => got.length === 2);
    expect(got[0]).toEqual({ statusid: change, status_id: change, name: { old: 'a', new: 'b' }, fstart: { old: 1, new: 2 } });
    expect(got[1]).toEqual({ statusid: change });
  });
});

describe('event hub: publish and reply', () => {
  it('a reply from another session reaches onReply; two repliers give exactly two replies', async () => {
    const publisher = session().eventHub;
    const replierA = session().eventHub;
    const replierB = session({}, KEY).eventHub;
    replierA.subscribe('topic=studio.ping', (event) => ({ pong: 'A', n: (event.data as { n: number }).n }));
    replierB.subscribe('topic=studio.ping', async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      return { pong: 'B' };
    });
    await Promise.all([publisher.connect(), replierA.connect(), replierB.connect()]);
    await hub.until(() => hub.subscriptionCount() === 5);
    const replies: HubEvent[] = [];
    const id = await publisher.publish({ topic: 'studio.ping', data: { n: 7 } }, { onReply: (reply) => void replies.push(reply) });
    await hub.until(() => replies.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(replies.map((r) => r.data).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([{ n: 7, pong: 'A' }, { pong: 'B' }]);
    for (const reply of replies) {
      expect(reply).toMatchObject({ topic: 'ftrack.meta.reply', inReplyToEvent: id, target: `id=${publisher.id}` });
    }
    // The reply's source starts from the replying subscriber's metadata.
    expect(replierA.subscriptions[0]!.id).toBe(replies.find((r) => (r.data as { pong: string }).pong === 'A')!.source.id);
  });

  it('publishAndWaitForReply resolves with the first reply, and times out with EventHubTimeoutError', async () => {
    const publisher = session().eventHub;
    const replier = session().eventHub;
    replier.subscribe('topic=studio.echo', (event) => event.data);
    await Promise.all([publisher.connect(), replier.connect()]);
    await hub.until(() => hub.subscriptionCount() === 3);
    const reply = await publisher.publishAndWaitForReply({ topic: 'studio.echo', data: { hello: 'world' } }, { timeoutMs: 2000 });
    expect(reply.data).toEqual({ hello: 'world' });
    const error = await publisher.publishAndWaitForReply({ topic: 'studio.nobody', data: {} }, { timeoutMs: 100 }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(EventHubTimeoutError);
    expect((error as Error).message).toContain('studio.nobody');
  });

  it('publishReply sends a targeted reply by hand', async () => {
    const publisher = session().eventHub;
    const replier = session().eventHub;
    replier.subscribe('topic=studio.manual', async (event) => {
      await replier.publishReply(event, { manual: true });
    });
    await Promise.all([publisher.connect(), replier.connect()]);
    await hub.until(() => hub.subscriptionCount() === 3);
    const reply = await publisher.publishAndWaitForReply({ topic: 'studio.manual', data: {} }, { timeoutMs: 2000 });
    expect(reply.data).toEqual({ manual: true });
  });

  it('publish before connect connects lazily and sends; synchronous publish sends nothing', async () => {
    const events = session().eventHub;
    const id = await events.publish({ topic: 'studio.lazy', data: { a: 1 }, id: 'fixed-id' });
    expect(id).toBe('fixed-id');
    await hub.until(() => hub.received.some((e) => e.topic === 'studio.lazy'));
    expect(hub.received.find((e) => e.topic === 'studio.lazy')).toMatchObject({ id: 'fixed-id', data: { a: 1 }, source: { id: events.id, applicationId: 'ftrack-codegen', user: { username: 'jane' } } });
    events.subscribe('topic=studio.sync', () => 'A', { priority: 2 });
    events.subscribe('topic=studio.sync', () => 'B', { priority: 1 });
    events.subscribe('topic=studio.sync', () => {
      throw new Error('skipped');
    });
    const results = await events.publish({ topic: 'studio.sync', data: {} }, { synchronous: true });
    expect(results).toEqual(['B', 'A']);
    expect(hub.received.some((e) => e.topic === 'studio.sync')).toBe(false);
  });
});

describe('event hub: events the session publishes on its own (notify)', () => {
  it('sends only on a connected hub, opens no connection, and routes a failure to onError (phase publish)', async () => {
    const { list, onError } = errors();
    const events = session({ onError }).eventHub;
    events.notify({ topic: 'my-company.note', data: { n: 1 } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events.connected).toBe(false);
    expect(hub.received).toEqual([]);

    await events.connect();
    events.notify({ topic: 'my-company.note', data: { n: 2 } });
    await hub.until(() => hub.received.some((event) => event['topic'] === 'my-company.note'));
    expect(hub.received.filter((event) => event['topic'] === 'my-company.note').map((event) => event['data'])).toEqual([{ n: 2 }]);

    // a payload that cannot be sent (a BigInt has no JSON form): reported, not thrown, not swallowed
    events.notify({ topic: 'my-company.note', data: { n: 3n } as unknown as { n: number } });
    await hub.until(() => list.length > 0);
    expect(list.map(({ context }) => context.phase)).toEqual(['publish']);
    expect(list[0]!.error).toBeInstanceOf(TypeError);
  });
});

describe('event hub: an onError that throws', () => {
  it('is reported on the logger, with the error it was given', async () => {
    const warnings: string[] = [];
    const created = new Session({
      serverUrl: hub.url,
      apiUser: 'jane',
      apiKey: KEY,
      logger: { warn: (message) => warnings.push(message) },
      eventHub: { onError: () => { throw new Error('hook broke'); } },
    });
    sessions.push(created);
    const events = created.eventHub;
    await events.connect();
    events.notify({ topic: 'my-company.note', data: { n: 1n } as unknown as { n: number } });
    await hub.until(() => warnings.length >= 2);
    expect(warnings[0]).toBe('ftrack event hub: onError threw: hook broke');
    expect(warnings[1]).toMatch(/^ftrack event hub \(publish\): .*BigInt/);
    expect(warnings.join('\n')).not.toContain(KEY);
  });
});

describe('event hub: registerAction', () => {
  it('answers discover with its item and launch with the handler result; a failing launch replies success false', async () => {
    const seen = errors();
    const ui = session().eventHub;
    const plugin = session({ onError: seen.onError }).eventHub;
    const launched: unknown[] = [];
    plugin.registerAction({
      identifier: 'studio.list-shots',
      label: 'List shots',
      description: 'Lists the shots',
      discover: (event) => event.data.selection.length === 1,
      launch: (event) => {
        launched.push(event.data.selection);
        if (event.data.selection[0]!.entityId === 'bad') throw new Error('no such sequence');
        return { success: true, message: 'Listed 3 shots' };
      },
    });
    await Promise.all([ui.connect(), plugin.connect()]);
    await hub.until(() => hub.subscriptionCount() === 4);
    const discovered = await ui.publishAndWaitForReply({ topic: 'ftrack.action.discover', data: { selection: [{ entityId: 's1', entityType: 'task' }] } }, { timeoutMs: 2000 });
    expect(discovered.data).toEqual({ items: [{ label: 'List shots', actionIdentifier: 'studio.list-shots', description: 'Lists the shots' }] });
    const none = await ui.publishAndWaitForReply({ topic: 'ftrack.action.discover', data: { selection: [] } }, { timeoutMs: 150 }).catch((e: unknown) => e);
    expect(none).toBeInstanceOf(EventHubTimeoutError);
    const selection = [{ entityId: 's1', entityType: 'task' }];
    const result = await ui.publishAndWaitForReply({ topic: 'ftrack.action.launch', data: { actionIdentifier: 'studio.list-shots', selection } }, { timeoutMs: 2000 });
    expect(result.data).toEqual({ success: true, message: 'Listed 3 shots' });
    const other = await ui.publishAndWaitForReply({ topic: 'ftrack.action.launch', data: { actionIdentifier: 'other', selection } }, { timeoutMs: 150 }).catch((e: unknown) => e);
    expect(other).toBeInstanceOf(EventHubTimeoutError);
    const failed = await ui.publishAndWaitForReply({ topic: 'ftrack.action.launch', data: { actionIdentifier: 'studio.list-shots', selection: [{ entityId: 'bad', entityType: 'task' }] } }, { timeoutMs: 2000 });
    expect(failed.data).toEqual({ success: false, message: 'no such sequence' });
    await hub.until(() => seen.list.length === 1);
    expect(seen.list[0]!.context.phase).toBe('handler');
    expect(launched).toHaveLength(2);
  });
});

describe('event hub: the browser entry’s Session', () => {
  it('has no hub code until enableEventHub(); then uses the injected (or global) WebSocket', async () => {
    const { Session: PortableSession } = await import('../../runtime/session/session.js');
    const { registerEventHubFactory } = await import('../../runtime/events/hub-factory.js');
    const { enableEventHub, ConfigurationError } = await import('ftrack-codegen');
    const { WebSocket } = await import('undici');
    const portable = new PortableSession({ serverUrl: hub.url, apiUser: 'jane', apiKey: KEY, eventHub: { WebSocket: WebSocket as never } });
    try {
      registerEventHubFactory(undefined as never); // as a fresh browser bundle: nothing registered
      expect(() => portable.eventHub).toThrow(ConfigurationError);
      enableEventHub();
      await portable.eventHub.connect();
      await hub.until(() => hub.subscriptionCount() === 1);
    } finally {
      await portable.close();
      enableEventHub();
    }
  });
});
