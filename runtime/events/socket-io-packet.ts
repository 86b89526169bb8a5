/**
 * The client-only part of socket.io 0.9: the handshake answer. The packet codec itself is shared
 * with the local server (runtime/protocol/socket-io-packet.ts).
 */

/** Parses the handshake body `<sid>:<heartbeat s>:<close s>:<transports>`; undefined when it is not one with `websocket`. */
export function parseHandshake(body: string): { sid: string; heartbeatSeconds: number } | undefined {
  const fields = body.trim().split(':');
  if (fields.length < 4 || fields[0] === '') return undefined;
  if (!fields[3]!.split(',').includes('websocket')) return undefined;
  const heartbeat = Number(fields[1]);
  return { sid: fields[0]!, heartbeatSeconds: Number.isFinite(heartbeat) && heartbeat > 0 ? heartbeat : 60 };
}
