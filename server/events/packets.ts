/**
 * socket.io 0.9 ("protocol 1") packets as the ftrack clients use them: `<type>:<id>:<endpoint>:<data>`
 * (spec event-hub.md §2.4). The server only ever sends `1::`, `2::`, `5:::{…}` and `6:::N+[…]`.
 *
 * @example
 * encodeEvent({ topic: 'ftrack.update', … }); // '5:::{"name":"ftrack.event","args":[{"id":…}]}'
 */

/** A decoded client packet: its type code, the ack id (`N` of `N+`, when requested) and its data. */
export interface ClientPacket {
  readonly type: string;
  readonly ackId: string | undefined;
  readonly data: string;
}

export const CONNECT_PACKET = '1::';
export const HEARTBEAT_PACKET = '2::';

/** Splits a frame into at most four parts (the data may contain `:`); undefined when malformed. */
export function decodePacket(frame: string): ClientPacket | undefined {
  const parts: string[] = [];
  let rest = frame;
  for (let i = 0; i < 3; i++) {
    const colon = rest.indexOf(':');
    if (colon < 0) break;
    parts.push(rest.slice(0, colon));
    rest = rest.slice(colon + 1);
  }
  parts.push(rest);
  if (parts.length === 2) return undefined;
  const [type, id = '', , data = ''] = parts;
  const ack = /^(\d+)\+$/.exec(id);
  return { type: type!, ackId: ack?.[1], data };
}

/** `5:::{"name":"ftrack.event","args":[event]}` — never with a message id (JS cannot parse one). */
export function encodeEvent(event: unknown): string {
  return `5:::${JSON.stringify({ name: 'ftrack.event', args: [event] })}`;
}

/** `6:::N+[{"success":…}]` — always with exactly one object argument (PY reads `args[0]`). */
export function encodeAck(ackId: string, success: boolean, message?: string): string {
  return `6:::${ackId}+${JSON.stringify([message === undefined ? { success } : { success, message }])}`;
}

/** The one event a `5` packet carries, when it is `{"name":"ftrack.event","args":[{…}]}`. */
export function eventOf(data: string): Record<string, unknown> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed) || parsed.name !== 'ftrack.event' || !Array.isArray(parsed.args) || parsed.args.length !== 1) return undefined;
  const event: unknown = parsed.args[0];
  return isRecord(event) ? event : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
