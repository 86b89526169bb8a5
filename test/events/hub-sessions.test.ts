import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Event, EventHub as OfficialEventHub } from '@ftrack/api';
import type { Session } from 'ftrack-codegen';
import { startServer, type ServerHandle } from 'ftrack-codegen/server';
import { createSession, q, type Workspace } from '../../generated/index.js';
import { until } from '../support/until.js';

// Two of our sessions talking through the local hub (issue 14 acceptance 1, server part), and our
// client answering the official JS client (acceptance 2 with "a subscriber in our client").
let server: ServerHandle;
let alice: Session<Workspace>;
let bob: Session<Workspace>;

beforeAll(async () => {
  server = await startServer({ tasks: 3 });
  const open = () => createSession({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey });
  alice = open();
  bob = open();
  await alice.eventHub.connect();
  await bob.eventHub.connect();
});
afterAll(async () => {
  await alice?.close();
  await bob?.close();
  await server?.close();
});

describe('our sessions through the local hub', () => {
  it('one session publishes and gets the reply of a subscriber in another', async () => {
    bob.eventHub.subscribe('topic=my-company.ping and source.user.username=admin', (event) => ({ pong: (event.data as { n: number }).n + 1 }));
    await until(() => server.events.subscriptions().some((s) => s.subscription.startsWith('topic=my-company.ping')), 'bob’s subscription at the hub', 5000);
    const reply = await alice.eventHub.publishAndWaitForReply({ topic: 'my-company.ping', data: { n: 41 } }, { timeoutMs: 5000 });
    expect(reply.data).toEqual({ pong: 42 });
    expect(reply.inReplyToEvent).toEqual(expect.any(String));
  });

  it('a listener in one session sees the ftrack.update of the other session’s commit', async () => {
    const seen: unknown[] = [];
    alice.eventHub.subscribe('topic=ftrack.update', (event) => {
      seen.push(event.data);
    });
    await until(() => server.events.subscriptions().filter((s) => s.subscription === 'topic=ftrack.update').length === 1, 'the ftrack.update subscription', 5000);
    const task = await bob.query(q.Task.select('id', 'name')).first();
    task!.name = 'renamed-by-bob';
    await bob.commit();
    await until(() => seen.length > 0, 'ftrack.update at alice', 5000);
    expect(seen[0]).toMatchObject({ entities: [{ action: 'update', entityId: task!.id, entity_type: 'Task', changes: { name: { new: 'renamed-by-bob' } } }] });
  });

  it('the official JS EventHub gets a reply from a subscriber in our client', async () => {
    bob.eventHub.subscribe('topic=official.ping', () => ({ answeredBy: 'ftrack-codegen' }));
    await until(() => server.events.subscriptions().some((s) => s.subscription === 'topic=official.ping'), 'the official.ping subscription', 5000);
    const official = new OfficialEventHub(server.url, server.apiUser, server.apiKey);
    official.connect();
    try {
      await until(() => official.isConnected(), 'the official hub', 5000);
      const reply = (await official.publishAndWaitForReply(new Event('official.ping', { n: 1 }), { timeout: 5 })) as { data: unknown };
      expect(reply.data).toEqual({ answeredBy: 'ftrack-codegen' });
    } finally {
      official.disconnect();
    }
  });

  it('after the hub drops every connection, our sessions reconnect and their subscriptions fire again', async () => {
    const seen: unknown[] = [];
    bob.eventHub.subscribe('topic=after.drop', (event) => {
      seen.push(event.data);
    });
    await until(() => server.events.subscriptions().some((s) => s.subscription === 'topic=after.drop'), 'the after.drop subscription', 5000);
    server.events.disconnectAll();
    expect(server.events.subscriptions()).toEqual([]);
    await until(() => server.events.subscriptions().some((s) => s.subscription === 'topic=after.drop'), 're-subscription after reconnecting', 15_000);
    server.events.publish({ topic: 'after.drop', data: { n: 1 } });
    await until(() => seen.length > 0, 'the event after reconnecting', 5000);
    expect(seen).toEqual([{ n: 1 }]);
  }, 30_000);
});
