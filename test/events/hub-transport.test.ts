import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer, type ServerHandle } from '../../server/index.js';
import { connectRaw, eventOfFrame, handshake, type RawHubClient } from './support/raw-hub.js';

// Spec event-hub.md §2 and §8: handshake, upgrade on the sid alone, heartbeats, acks, routing.
let server: ServerHandle;
const clients: RawHubClient[] = [];
beforeEach(async () => {
  server = await startServer({ tasks: 3, readOnlyUsers: [{ apiUser: 'viewer', apiKey: 'viewer-key' }], events: { heartbeatInterval: 40, idleTimeout: 400 } });
});
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
  await server.close();
});
const connect = async () => {
  const client = await connectRaw(server);
  clients.push(client);
  return client;
};
const event = (topic: string, extra: Record<string, unknown> = {}) => ({ id: `e-${Math.random()}`, topic, data: {}, source: { id: 'src', user: { username: 'admin' } }, target: '', inReplyToEvent: null, ...extra });

describe('handshake', () => {
  it('answers "<sid>:<heartbeat>:<close>:websocket" for credentials in headers or in the query', async () => {
    for (const how of ['headers', 'query'] as const) {
      const answer = await handshake(server, how);
      expect(answer.status).toBe(200);
      const fields = (await answer.text()).split(':');
      expect(fields).toHaveLength(4);
      expect(fields[0]).toMatch(/^[0-9a-f]{32}$/);
      expect(fields[3]!.split(',')).toContain('websocket');
    }
    const viewer = await fetch(`${server.url}/socket.io/1/`, { headers: { 'ftrack-user': 'viewer', 'ftrack-api-key': 'viewer-key' } });
    expect(viewer.status).toBe(200);
  });

  it('refuses bad credentials with 401 and never echoes the key', async () => {
    for (const how of ['headers', 'query'] as const) {
      const answer = await handshake(server, how, 'wrong-secret-key');
      expect(answer.status).toBe(401);
      expect(await answer.text()).not.toContain('wrong-secret-key');
    }
    const anonymous = await fetch(`${server.url}/socket.io/1/`);
    expect(anonymous.status).toBe(401);
  });

  it('allows credentialed cross-origin requests from a browser origin', async () => {
    const answer = await fetch(`${server.url}/socket.io/1/?api_user=admin&api_key=${server.apiKey}`, { headers: { origin: 'http://app.example' } });
    expect(answer.headers.get('access-control-allow-origin')).toBe('http://app.example');
    expect(answer.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('upgrades on a valid unused sid alone and refuses unknown or reused sids', async () => {
    const sid = (await (await handshake(server)).text()).split(':')[0]!;
    const base = `${server.url.replace(/^http/, 'ws')}/socket.io/1/websocket/`;
    const first = new WebSocket(`${base}${sid}?api_user=ignored&api_key=ignored`, { headers: { 'ftrack-strict-api': 'false' } });
    const firstFrame = await new Promise<string>((resolve) => first.once('message', (data: Buffer) => resolve(data.toString())));
    expect(firstFrame).toBe('1::');
    for (const bad of [sid, 'not-a-session']) {
      const refused = new WebSocket(`${base}${bad}`);
      refused.on('error', () => undefined);
      const status = await new Promise<number>((resolve) =>
        refused.once('unexpected-response', (request, response) => {
          resolve(response.statusCode ?? 0);
          request.destroy();
        }),
      );
      expect(status).toBe(401);
    }
    first.close();
  });
});

describe('heartbeats', () => {
  it('sends 2:: regularly, keeps a connection that answers, and drops a silent one', async () => {
    const live = await connect();
    const silent = await connect();
    const answering = setInterval(() => live.send('2:::'), 50);
    try {
      await live.next((frame) => frame === '2::');
      await live.next((frame) => frame === '2::');
      const closed = await new Promise<boolean>((resolve) => {
        silent.socket.once('close', () => resolve(true));
        setTimeout(() => resolve(false), 3000);
      });
      expect(closed).toBe(true);
      expect(live.socket.readyState).toBe(WebSocket.OPEN);
      expect(server.events.connectionCount).toBe(1);
    } finally {
      clearInterval(answering);
    }
  });

  it('can pause heartbeats (test hook)', async () => {
    const client = await connect();
    await client.next((frame) => frame === '2::');
    server.events.pauseHeartbeats(true);
    const before = client.frames.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(client.frames.slice(before)).not.toContain('2::');
  });
});

describe('subscriptions and routing', () => {
  it('acks packets with an id, rejects duplicate subscribers and bad expressions, never acks id-less packets', async () => {
    const client = await connect();
    expect(await client.subscribe({ id: 'sub-1' }, 'topic=my.ping', 1)).toBe('6:::1+[{"success":true}]');
    const duplicate = JSON.parse((await client.subscribe({ id: 'sub-1' }, 'topic=my.ping', 2)).slice('6:::2+'.length)) as { success: boolean; message: string }[];
    expect(duplicate[0]).toMatchObject({ success: false, message: expect.stringContaining('sub-1') });
    const unparsable = JSON.parse((await client.subscribe({ id: 'sub-2' }, 'topic=foo and', 3)).slice('6:::3+'.length)) as { success: boolean }[];
    expect(unparsable[0]!.success).toBe(false);
    expect(server.events.subscriptions().map((s) => s.subscriber.id)).toEqual(['sub-1']);
    client.publish(event('my.ping'));
    await client.next((frame) => frame.startsWith('5:::'));
    client.publish(event('my.ping'), 4);
    expect(await client.next((frame) => frame.startsWith('6:::4+'))).toBe('6:::4+[{"success":true}]');
    expect(client.frames.filter((frame) => frame.startsWith('6:::')).map((frame) => frame.split('+')[0])).toEqual(['6:::1', '6:::2', '6:::3', '6:::4']);
  });

  it('relays an event between two connections through subscription matching, once per connection, with exactly the seven keys', async () => {
    const listener = await connect();
    const publisher = await connect();
    await listener.subscribe({ id: 'a' }, 'topic=my.* and source.user.username="admin"', 1);
    await listener.subscribe({ id: 'b' }, 'topic=my.ping', 2);
    await listener.subscribe({ id: 'c' }, 'topic=other', 3);
    publisher.publish({ ...event('my.ping', { data: { n: 1 } }), customOption: true });
    publisher.publish(event('other.topic'));
    publisher.publish(event('my.ping', { source: { user: { username: 'bob' } }, data: { n: 2 } }));
    const frame = await listener.next((f) => f.startsWith('5:::'));
    expect(frame.startsWith('5:::{"name":"ftrack.event","args":[{')).toBe(true);
    const received = eventOfFrame(frame);
    expect(Object.keys(received).sort()).toEqual(['data', 'id', 'inReplyToEvent', 'sent', 'source', 'target', 'topic']);
    expect(received).toMatchObject({ topic: 'my.ping', data: { n: 1 }, target: '', sent: null, inReplyToEvent: null });
    const second = eventOfFrame(await listener.next((f) => f.startsWith('5:::')));
    expect(second.data).toEqual({ n: 2 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(listener.events()).toHaveLength(2);
    expect(publisher.events()).toHaveLength(0);
  });

  it('honours targets against subscriber metadata and routes replies to the publisher', async () => {
    const publisher = await connect();
    const replier = await connect();
    await publisher.subscribe({ id: 'hub-p' }, 'topic=ftrack.meta.reply', 1);
    await replier.subscribe({ id: 'hub-r' }, 'topic=ftrack.meta.reply', 1);
    await replier.subscribe({ id: 'maya-1', applicationId: 'maya' }, 'topic=my.ping', 2);
    await replier.subscribe({ id: 'nuke-1', applicationId: 'nuke' }, 'topic=my.ping', 3);
    const other = await connect();
    await other.subscribe({ id: 'nuke-2', applicationId: 'nuke' }, 'topic=my.ping', 1);
    publisher.publish(event('my.ping', { id: 'ping-1', source: { id: 'hub-p' }, target: 'applicationId=maya' }));
    await replier.next((f) => f.includes('"ping-1"'));
    replier.publish(event('ftrack.meta.reply', { data: { pong: 1 }, target: 'id=hub-p', inReplyToEvent: 'ping-1' }));
    replier.publish(event('ftrack.meta.reply', { data: { pong: 2 }, target: 'id=hub-p', inReplyToEvent: 'ping-1' }));
    await publisher.next((f) => f.includes('"pong":1'));
    await publisher.next((f) => f.includes('"pong":2'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(other.events()).toHaveLength(0);
    expect(replier.events().map((e) => e.topic)).toEqual(['my.ping']);
    expect(publisher.events().map((e) => e.inReplyToEvent)).toEqual(['ping-1', 'ping-1']);
  });

  it('unsubscribes, discards a closed connection, and keeps order for many events', async () => {
    const listener = await connect();
    const publisher = await connect();
    await listener.subscribe({ id: 'x' }, 'topic=seq', 1);
    for (let n = 0; n < 200; n++) publisher.publish(event('seq', { data: { n } }));
    await listener.next((f) => f.includes('"n":199'));
    expect(listener.events().map((e) => (e.data as { n: number }).n)).toEqual([...Array(200).keys()]);
    listener.publish({ topic: 'ftrack.meta.unsubscribe', data: { subscriber: { id: 'x' } } }, 2);
    expect(await listener.next((f) => f.startsWith('6:::2+'))).toBe('6:::2+[{"success":true}]');
    listener.publish({ topic: 'ftrack.meta.unsubscribe', data: { subscriber: { id: 'x' } } }, 3);
    expect(await listener.next((f) => f.startsWith('6:::3+'))).toContain('"success":false');
    await listener.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.events.subscriptions()).toEqual([]);
  });

  it('publishes as the server (test hook) and drops every connection on request', async () => {
    const client = await connect();
    await client.subscribe({ id: 'd' }, 'topic=ftrack.action.discover', 1);
    const id = server.events.publish({ topic: 'ftrack.action.discover', data: { selection: [] } });
    const received = eventOfFrame(await client.next((f) => f.startsWith('5:::')));
    expect(received).toMatchObject({ id, topic: 'ftrack.action.discover', data: { selection: [] } });
    const closed = new Promise<void>((resolve) => client.socket.once('close', () => resolve()));
    server.events.disconnectAll();
    await closed;
  });
});
