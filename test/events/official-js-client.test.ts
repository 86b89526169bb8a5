import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Event, EventHub, type EventPayload } from '@ftrack/api';
import type { Session } from 'ftrack-codegen';
import { startServer, type ServerHandle } from 'ftrack-codegen/server';
import { createSession, q, type Workspace } from '../../generated/index.js';
import { connectRaw, eventOfFrame, type RawHubClient } from './support/raw-hub.js';
import { until } from '../support/until.js';

// Issue 14 acceptance 2: the official @ftrack/api EventHub (it uses `ws` on Node through
// isomorphic-ws, so no global WebSocket is needed) against the local hub.
let server: ServerHandle;
let session: Session<Workspace>;
let hub: EventHub;
let replier: RawHubClient;

beforeAll(async () => {
  server = await startServer({ tasks: 3 });
  session = createSession({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey });
  hub = new EventHub(server.url, server.apiUser, server.apiKey, { applicationId: 'ftrack.api.javascript' });
  hub.connect();
  await until(() => hub.isConnected(), 'the official hub to connect', 5000);
});
afterAll(async () => {
  hub?.disconnect();
  await replier?.close();
  await session?.close();
  await server?.close();
});

describe('official @ftrack/api EventHub against the local hub', () => {
  it('subscribes to ftrack.update and receives the event after our Session commits', async () => {
    const received: EventPayload[] = [];
    hub.subscribe('topic=ftrack.update', (event) => {
      received.push(event);
    });
    await until(() => server.events.subscriptions().some((s) => s.subscription === 'topic=ftrack.update'), 'the subscription to reach the server', 5000);
    // The hub's own reply subscriber is announced on connect, as the spec's transcript A2 shows.
    expect(server.events.subscriptions().some((s) => s.subscription === 'topic=ftrack.meta.reply')).toBe(true);
    const task = await session.query(q.Task.select('id', 'name')).first();
    task!.name = 'renamed-by-our-session';
    await session.commit();
    await until(() => received.length > 0, 'ftrack.update at the official client', 5000);
    const [event] = received;
    expect(event!.topic).toBe('ftrack.update');
    const data = event!.data as { entities: { action: string; entityId: string; entity_type: string; keys: string[]; changes: Record<string, { old: unknown; new: unknown }> }[] };
    expect(data.entities).toEqual([expect.objectContaining({ action: 'update', entityId: task!.id, entity_type: 'Task', keys: ['name'] })]);
    expect(data.entities[0]!.changes.name!.new).toBe('renamed-by-our-session');
  });

  it('publishes an event and receives the reply of a subscriber on another connection', async () => {
    replier = await connectRaw(server);
    await replier.subscribe({ id: 'pinger' }, 'topic=my-company.ping and source.user.username=admin', 1);
    const replies: EventPayload[] = [];
    const published = hub.publish(new Event('my-company.ping', { n: 1 }), {
      onReply: (reply) => {
        replies.push(reply);
      },
    });
    const ping = eventOfFrame(await replier.next((frame) => frame.startsWith('5:::') && frame.includes('my-company.ping')));
    expect(ping).toMatchObject({ topic: 'my-company.ping', data: { n: 1 }, target: '', inReplyToEvent: null });
    // The official client's envelope is relayed with exactly the seven keys (no custom extras).
    expect(Object.keys(ping).sort()).toEqual(['data', 'id', 'inReplyToEvent', 'sent', 'source', 'target', 'topic']);
    const source = ping.source as { id: string };
    replier.publish({ id: 'reply-1', topic: 'ftrack.meta.reply', data: { pong: true }, source: { id: 'pinger' }, target: `id=${source.id}`, inReplyToEvent: ping.id });
    expect(await published).toBe(ping.id);
    await until(() => replies.length > 0, 'the reply at the official client', 5000);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ topic: 'ftrack.meta.reply', data: { pong: true }, inReplyToEvent: ping.id });
  });
});
