import { isJsonObject } from './json.js';

/** A socket.io 0.9 packet as read from one WebSocket text frame: `<type>:<id>:<endpoint>:<data>`. */
export interface SocketIoPacket {
  readonly type: string;
  readonly data: string;
}

/** Splits a frame into its type and data (at most four `:`-separated parts; data may hold `:`). */
export function decodePacket(frame: string): SocketIoPacket {
  const parts: string[] = [];
  let rest = frame;
  while (parts.length < 3) {
    const colon = rest.indexOf(':');
    if (colon < 0) break;
    parts.push(rest.slice(0, colon));
    rest = rest.slice(colon + 1);
  }
  parts.push(rest);
  return { type: parts[0] ?? '', data: parts.length === 4 ? parts[3]! : '' };
}

/** The event carried by an event packet's data (`{"name": "ftrack.event", "args": [event]}`), or undefined. */
export function eventOfPacket(data: string): Record<string, unknown> | undefined {
  let message: unknown;
  try {
    message = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (!isJsonObject(message) || message.name !== 'ftrack.event' || !Array.isArray(message.args)) return undefined;
  const event: unknown = message.args[0];
  return isJsonObject(event) ? event : undefined;
}

/** The frame that publishes `event` (no ack requested, as the JS client does). */
export function eventPacket(event: object): string {
  return `5:::${JSON.stringify({ name: 'ftrack.event', args: [event] })}`;
}

/** The answer to a server heartbeat. */
export const HEARTBEAT = '2::';

/** Parses the handshake body `<sid>:<heartbeat s>:<close s>:<transports>`; undefined when it is not one with `websocket`. */
export function parseHandshake(body: string): { sid: string; heartbeatSeconds: number } | undefined {
  const fields = body.trim().split(':');
  if (fields.length < 4 || fields[0] === '') return undefined;
  if (!fields[3]!.split(',').includes('websocket')) return undefined;
  const heartbeat = Number(fields[1]);
  return { sid: fields[0]!, heartbeatSeconds: Number.isFinite(heartbeat) && heartbeat > 0 ? heartbeat : 60 };
}
