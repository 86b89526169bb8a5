import { describe, expect, it } from 'vitest';
import { decodePacket, encodeAck, encodeEvent, eventOfPacket } from '../../runtime/protocol/socket-io-packet.js';

describe('socket.io 0.9 packet codec (shared by the client hub and the local server)', () => {
  it('splits type, ack id, endpoint and data; the data keeps its colons', () => {
    expect(decodePacket('5:7+::{"a":"b:c"}')).toEqual({ type: '5', ackId: '7', data: '{"a":"b:c"}' });
    expect(decodePacket('2::')).toEqual({ type: '2', ackId: undefined, data: '' });
    expect(decodePacket('5:7::x')).toEqual({ type: '5', ackId: undefined, data: 'x' });
  });

  it('rejects a frame without its type, id and endpoint parts', () => {
    expect(decodePacket('2')).toBeUndefined();
    expect(decodePacket('2:')).toBeUndefined();
  });

  it('reads back the event it encodes, and only an ftrack.event with exactly one object argument', () => {
    const event = { topic: 'ftrack.update', data: { n: 1 } };
    const frame = encodeEvent(event);
    expect(frame).toBe('5:::{"name":"ftrack.event","args":[{"topic":"ftrack.update","data":{"n":1}}]}');
    expect(eventOfPacket(decodePacket(frame)!.data)).toEqual(event);
    expect(eventOfPacket('{"name":"ftrack.event","args":[{},{}]}')).toBeUndefined();
    expect(eventOfPacket('{"name":"other","args":[{}]}')).toBeUndefined();
    expect(eventOfPacket('{"name":"ftrack.event","args":[[]]}')).toBeUndefined();
    expect(eventOfPacket('not json')).toBeUndefined();
  });

  it('acks with exactly one object argument', () => {
    expect(encodeAck('3', false, 'no')).toBe('6:::3+[{"success":false,"message":"no"}]');
    expect(encodeAck('4', true)).toBe('6:::4+[{"success":true}]');
  });
});
