import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerHandle } from 'ftrack-codegen/server';
import { createSession } from '../../generated/index.js';
import { pythonPeerMissing, runPythonPeer } from '../fidelity/support/python-peer.js';
import { connectRaw, eventOfFrame, type RawHubClient } from './support/raw-hub.js';
import { tempDir } from '../support/temp-dirs.js';

// Issue 14 acceptance 3: the official Python client's session.event_hub against the local hub —
// a subscription filtered on source.user.username, and publish/reply both ways.
const missing = pythonPeerMissing();
if (missing !== null) console.warn(`[python-client.test] SKIPPED: ${missing}`);

const SCRIPT = String.raw`
import json, os, sys, time
import ftrack_api
from ftrack_api.event.base import Event

session = ftrack_api.Session(server_url=os.environ['FTRACK_SERVER'], api_user=os.environ['FTRACK_API_USER'],
                             api_key=os.environ['FTRACK_API_KEY'], auto_connect_event_hub=False)
hub = session.event_hub
hub.connect()
state = {'pings': [], 'replies': []}

def on_ping(event):
    state['pings'].append(event['data'])
    return {'pong': event['data']['n'], 'by': 'python'}

hub.subscribe('topic=test.ping and source.user.username="' + os.environ['FTRACK_API_USER'] + '"', on_ping,
              subscriber={'id': 'python-ping-subscriber'})

def on_reply(event):
    state['replies'].append(event['data'])

hub.publish(Event('test.hello', data={'x': 1}), on_reply=on_reply)
deadline = time.time() + 20
while time.time() < deadline and not (state['replies'] and state['pings']):
    hub.wait(0.1)
hub.wait(0.5)
print(json.dumps(state))
hub.disconnect()
`;

describe.skipIf(missing !== null)('official Python client against the local hub', () => {
  let server: ServerHandle;
  let ours: RawHubClient;
  beforeAll(async () => {
    server = await startServer({ tasks: 3 });
    ours = await connectRaw(server);
    await ours.subscribe({ id: 'ts-hub' }, 'topic=ftrack.meta.reply', 1);
    await ours.subscribe({ id: 'ts-hello' }, 'topic=test.hello', 2);
  });
  afterAll(async () => {
    await ours?.close();
    await server?.close();
  });

  it('subscribes with a source.user.username filter and exchanges publish/reply both ways', async () => {
    const folder = tempDir('hub-py');
    const script = join(folder, 'peer.py');
    writeFileSync(script, SCRIPT);
    const run = runPythonPeer(script, server);

    // Python → us: answer its test.hello; the reply is routed to its hub's reply subscriber.
    const hello = eventOfFrame(await ours.next((frame) => frame.includes('"test.hello"'), 30_000));
    const helloSource = hello.source as { id: string; user: { username: string } };
    expect(helloSource.user.username).toBe(server.apiUser);
    ours.publish({ id: 'hello-reply', topic: 'ftrack.meta.reply', data: { hi: 'from-ts' }, source: { id: 'ts-hello' }, target: `id=${helloSource.id}`, inReplyToEvent: hello.id });

    // Us → Python: its filtered subscriber answers only the ping from our API user.
    const deadline = Date.now() + 20_000;
    while (!server.events.subscriptions().some((s) => s.subscriber.id === 'python-ping-subscriber')) {
      if (Date.now() > deadline) throw new Error('the Python subscription never reached the hub');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const subscription = server.events.subscriptions().find((s) => s.subscriber.id === 'python-ping-subscriber')!;
    expect(subscription.subscription).toBe(`topic=test.ping and source.user.username="${server.apiUser}"`);
    ours.publish({ id: 'ping-bob', topic: 'test.ping', data: { n: 1 }, source: { id: 'ts-hub', user: { username: 'bob' } }, target: '', inReplyToEvent: null });
    ours.publish({ id: 'ping-admin', topic: 'test.ping', data: { n: 2 }, source: { id: 'ts-hub', user: { username: server.apiUser } }, target: '', inReplyToEvent: null });
    const reply = eventOfFrame(await ours.next((frame) => frame.includes('"ftrack.meta.reply"'), 20_000));
    expect(reply).toMatchObject({ topic: 'ftrack.meta.reply', inReplyToEvent: 'ping-admin', target: 'id=ts-hub', data: { pong: 2, by: 'python' } });

    const result = await run;
    expect(result.code, result.stderr).toBe(0);
    const state = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { pings: unknown[]; replies: unknown[] };
    expect(state.pings).toEqual([{ n: 2 }]);
    expect(state.replies).toEqual([{ hi: 'from-ts' }]);
    expect(ours.events().filter((event) => event.topic === 'ftrack.meta.reply')).toHaveLength(1);
  }, 60_000);

  it('exchanges publish/reply with our client (session.eventHub)', async () => {
    await using session = createSession({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey });
    session.eventHub.subscribe('topic=test.hello', () => ({ hi: 'from-ts' }));
    const deadline = Date.now() + 20_000;
    const waitFor = async (condition: () => boolean, what: string) => {
      while (!condition()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    await waitFor(() => server.events.subscriptions().some((s) => s.subscription === 'topic=test.hello' && s.subscriber.id !== 'ts-hello'), 'our subscription');
    const folder = tempDir('hub-py');
    const script = join(folder, 'peer.py');
    writeFileSync(script, SCRIPT);
    const run = runPythonPeer(script, server);
    await waitFor(() => server.events.subscriptions().some((s) => s.subscriber.id === 'python-ping-subscriber'), 'the Python subscription');
    const reply = await session.eventHub.publishAndWaitForReply({ topic: 'test.ping', data: { n: 7 } }, { timeoutMs: 20_000 });
    expect(reply.data).toEqual({ pong: 7, by: 'python' });
    const result = await run;
    expect(result.code, result.stderr).toBe(0);
    const state = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { pings: unknown[]; replies: unknown[] };
    expect(state.pings).toEqual([{ n: 7 }]);
    expect(state.replies).toContainEqual({ hi: 'from-ts' });
  }, 60_000);
});
