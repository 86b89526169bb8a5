import { isPlainObject } from '../schema/normalize-property.js';

/**
 * The socket.io 0.9 ("protocol 1") wire codec both the client hub and the local server use:
 * one WebSocket text frame is one packet `<type>:<id>:<endpoint>:<data>` (spec event-hub.md §2.4).
 * The handshake (`GET /socket.io/1/`) is the client's own (runtime/events/socket-io-packet.ts).
 *
 * @example
 * encodeEvent({ topic: 'ftrack.update', data: {} }); // '5:::{"name":"ftrack.event","args":[{"topic":"ftrack.update","data":{}}]}'
 * decodePacket('5:1+::{…}'); // { type: '5', ackId: '1', data: '{…}' }
 */

/** A decoded packet: its type code, the ack id (`N` of `N+`, when requested) and its data. */
export interface SocketIoPacket {
  readonly type: string;
  readonly ackId: string | undefined;
  readonly data: string;
}

/** The server's first frame on a new connection. */
export const CONNECT_PACKET = '1::';
/** A heartbeat: the server sends it, the client answers with the same frame. */
export const HEARTBEAT_PACKET = '2::';

/** Splits a frame into at most four parts (the data may contain `:`); undefined without type, id and endpoint. */
export function decodePacket(frame: string): SocketIoPacket | undefined {
  const parts: string[] = [];
  let rest = frame;
  while (parts.length < 3) {
    const colon = rest.indexOf(':');
    if (colon < 0) break;
    parts.push(rest.slice(0, colon));
    rest = rest.slice(colon + 1);
  }
  parts.push(rest);
  if (parts.length < 3) return undefined;
  const [type, id, , data = ''] = parts;
  return { type: type!, ackId: /^(\d+)\+$/.exec(id!)?.[1], data };
}

/** `5:::{"name":"ftrack.event","args":[event]}` — never with a message id (the JS client cannot parse one). */
export function encodeEvent(event: object): string {
  return `5:::${JSON.stringify({ name: 'ftrack.event', args: [event] })}`;
}

/** `6:::N+[{"success":…}]` — always with exactly one object argument (the Python client reads `args[0]`). */
export function encodeAck(ackId: string, success: boolean, message?: string): string {
  return `6:::${ackId}+${JSON.stringify([message === undefined ? { success } : { success, message }])}`;
}

/** The event a `5` packet's data carries (`{"name":"ftrack.event","args":[{…}]}`), or undefined. */
export function eventOfPacket(data: string): Record<string, unknown> | undefined {
  let message: unknown;
  try {
    message = JSON.parse(data);
  } catch {
    return undefined;
  }
  // Both clients send an ftrack.event with exactly one argument; anything else is not an event.
  if (!isPlainObject(message) || message.name !== 'ftrack.event' || !Array.isArray(message.args) || message.args.length !== 1) return undefined;
  const event: unknown = message.args[0];
  return isPlainObject(event) ? event : undefined;
}
