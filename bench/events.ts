/**
 * Event hub benchmark (server side): raw socket.io 0.9 WebSocket clients against the local hub of
 * `startServer`, one publisher and 1 or 10 subscriber connections (each with one subscriber on
 * `topic=bench.ping`). Prints medians of several runs:
 *   (a) throughput — events/s from the first publish to the last delivery, for a burst of events
 *       (deliveries = events × subscribers);
 *   (b) latency — one event at a time, publish → every subscriber's socket received it, p50/p99.
 * Both go through the full path: frame parse, envelope normalisation, expression matching, fan-out.
 * No target yet: issue 14 sets one from these figures. The machine may be loaded; compare rows of one run.
 * Run: npx tsx bench/events.ts
 */
import WebSocket from 'ws';
import { HEARTBEAT_PACKET, encodeEvent } from '../runtime/protocol/socket-io-packet.js';
import { startServer, type ServerHandle } from '../server/index.js';

const BURST = 5000;
const LATENCY_SAMPLES = 400;
const RUNS = 5;

interface Client {
  readonly socket: WebSocket;
  onEvent: (frame: string) => void;
}

async function connect(server: ServerHandle): Promise<Client> {
  const answer = await fetch(`${server.url}/socket.io/1/`, { headers: { 'ftrack-user': server.apiUser, 'ftrack-api-key': server.apiKey } });
  const sid = (await answer.text()).split(':')[0]!;
  const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/socket.io/1/websocket/${sid}`);
  const client: Client = { socket, onEvent: () => undefined };
  socket.on('message', (data: Buffer) => {
    const frame = data.toString('utf8');
    if (frame.startsWith('5:::')) client.onEvent(frame);
    else if (frame === HEARTBEAT_PACKET) socket.send(HEARTBEAT_PACKET); // unanswered, the hub drops the socket after its timeout
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return client;
}

async function subscribe(client: Client, id: string): Promise<void> {
  const acked = new Promise<void>((resolve) => {
    const listener = (data: Buffer) => {
      if (data.toString('utf8').startsWith('6:::1+')) {
        client.socket.off('message', listener);
        resolve();
      }
    };
    client.socket.on('message', listener);
  });
  client.socket.send(`5:1+::${JSON.stringify({ name: 'ftrack.event', args: [{ topic: 'ftrack.meta.subscribe', data: { subscriber: { id }, subscription: 'topic=bench.ping' } }] })}`);
  await acked;
}

function event(n: number): Record<string, unknown> {
  return { id: `bench-${n}`, topic: 'bench.ping', data: { n, payload: 'x'.repeat(200) }, source: { id: 'bench-publisher', user: { username: 'admin' } }, target: '', inReplyToEvent: null };
}

async function throughput(publisher: Client, subscribers: readonly Client[]): Promise<number> {
  let remaining = BURST * subscribers.length;
  const done = new Promise<void>((resolve) => {
    for (const subscriber of subscribers) {
      subscriber.onEvent = () => {
        if (--remaining === 0) resolve();
      };
    }
  });
  const start = performance.now();
  for (let n = 0; n < BURST; n++) publisher.socket.send(encodeEvent(event(n)));
  await done;
  return BURST / ((performance.now() - start) / 1000);
}

async function latency(publisher: Client, subscribers: readonly Client[]): Promise<number[]> {
  const samples: number[] = [];
  for (let n = 0; n < LATENCY_SAMPLES; n++) {
    let remaining = subscribers.length;
    const done = new Promise<void>((resolve) => {
      for (const subscriber of subscribers) {
        subscriber.onEvent = () => {
          if (--remaining === 0) resolve();
        };
      }
    });
    const start = performance.now();
    publisher.socket.send(encodeEvent(event(n)));
    await done;
    samples.push(performance.now() - start);
  }
  return samples;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const median = (values: readonly number[]) => percentile(values, 50);

async function main(): Promise<void> {
  console.log(`event hub: burst of ${BURST} events, ${LATENCY_SAMPLES} latency samples, median of ${RUNS} runs`);
  console.log('subscribers | events/s (burst) | deliveries/s | latency p50 ms | latency p99 ms');
  for (const count of [1, 10]) {
    const server = await startServer({ tasks: 1 });
    try {
      const publisher = await connect(server);
      const subscribers = await Promise.all(Array.from({ length: count }, () => connect(server)));
      await Promise.all(subscribers.map((subscriber, index) => subscribe(subscriber, `sub-${index}`)));
      await throughput(publisher, subscribers); // warm-up
      const rates: number[] = [];
      const p50: number[] = [];
      const p99: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        rates.push(await throughput(publisher, subscribers));
        const samples = await latency(publisher, subscribers);
        p50.push(percentile(samples, 50));
        p99.push(percentile(samples, 99));
      }
      const rate = median(rates);
      console.log(
        `${String(count).padStart(11)} | ${rate.toFixed(0).padStart(16)} | ${(rate * count).toFixed(0).padStart(12)} | ${median(p50).toFixed(3).padStart(14)} | ${median(p99).toFixed(3).padStart(14)}`,
      );
      for (const client of [publisher, ...subscribers]) client.socket.terminate();
    } finally {
      await server.close();
    }
  }
}

await main();
