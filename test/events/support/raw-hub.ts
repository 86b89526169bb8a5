import WebSocket from 'ws';
import type { ServerHandle } from '../../../server/index.js';

/** A bare socket.io 0.9 client of the local hub: every frame it received, and waiting for one. */
export interface RawHubClient {
  readonly frames: string[];
  /** Resolves with the first received frame (from the start) matching `predicate` not yet returned. */
  next(predicate: (frame: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Events (`5:::…` frames) received so far, decoded. */
  events(): Record<string, unknown>[];
  send(frame: string): void;
  /** Sends `ftrack.meta.subscribe` with ack id `ack` and waits for the ack frame. */
  subscribe(subscriber: Record<string, unknown>, subscription: string, ack: number): Promise<string>;
  publish(event: Record<string, unknown>, ack?: number): void;
  close(): Promise<void>;
  readonly socket: WebSocket;
}

/** `GET /socket.io/1/` with credentials in headers (default, as PY) or in the query (as JS). */
export async function handshake(server: ServerHandle, how: 'headers' | 'query' = 'headers', key = server.apiKey): Promise<Response> {
  if (how === 'query') return fetch(`${server.url}/socket.io/1/?api_user=${encodeURIComponent(server.apiUser)}&api_key=${encodeURIComponent(key)}`);
  return fetch(`${server.url}/socket.io/1/`, { headers: { 'ftrack-user': server.apiUser, 'ftrack-api-key': key } });
}

export async function connectRaw(server: ServerHandle): Promise<RawHubClient> {
  const answer = await handshake(server);
  const sid = (await answer.text()).split(':')[0]!;
  const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/socket.io/1/websocket/${sid}`);
  const frames: string[] = [];
  const consumed = new Set<number>();
  const waiters: (() => void)[] = [];
  socket.on('message', (data: Buffer) => {
    frames.push(data.toString('utf8'));
    for (const wake of waiters.splice(0)) wake();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const next = (predicate: (frame: string) => boolean, timeoutMs = 3000) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`No matching frame within ${timeoutMs} ms; got ${JSON.stringify(frames)}`)), timeoutMs);
      const check = () => {
        const index = frames.findIndex((frame, i) => !consumed.has(i) && predicate(frame));
        if (index >= 0) {
          consumed.add(index);
          clearTimeout(timer);
          resolve(frames[index]!);
        } else waiters.push(check);
      };
      check();
    });
  const send = (frame: string) => socket.send(frame);
  const publish = (event: Record<string, unknown>, ack?: number) => send(`5:${ack === undefined ? '' : `${ack}+`}::${JSON.stringify({ name: 'ftrack.event', args: [event] })}`);
  return {
    frames,
    socket,
    next,
    send,
    publish,
    events: () => frames.filter((frame) => frame.startsWith('5:::')).map((frame) => (JSON.parse(frame.slice(4)) as { args: Record<string, unknown>[] }).args[0]!),
    subscribe: async (subscriber, subscription, ack) => {
      publish({ topic: 'ftrack.meta.subscribe', data: { subscriber, subscription } }, ack);
      return next((frame) => frame.startsWith(`6:::${ack}+`));
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close();
      }),
  };
}

/** Decoded event of a `5:::` frame. */
export function eventOfFrame(frame: string): Record<string, unknown> {
  return (JSON.parse(frame.slice(4)) as { args: Record<string, unknown>[] }).args[0]!;
}
