import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { md5Hex } from '../../runtime/schema/md5.js';
import { randomUuid } from '../../runtime/identity/random-uuid.js';
import { reachableText } from '../../runtime/transport/reachable-text.js';
import { array, count, literal, nullable, number, object, optional, record, string, union, unknown } from '../../runtime/schema/json-shape.js';
import { queryResultSchema } from '../../runtime/protocol/envelopes.js';
import { ConfigurationError } from '../../runtime/errors.js';
import { resolveCredentials } from '../../runtime/session/session-options.js';

// The pieces that replaced Node built-ins and zod in what the browser entry imports: MD5 in plain
// JavaScript, UUIDs from Web Crypto, the text an error reaches (for redaction), JSON shapes.

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('md5Hex', () => {
  it("equals node:crypto's MD5 for any text, at every padding boundary", () => {
    for (const length of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000]) {
      const text = 'x'.repeat(length);
      expect(md5Hex(text), `length ${length}`).toBe(createHash('md5').update(text, 'utf8').digest('hex'));
    }
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => md5Hex(text) === createHash('md5').update(text, 'utf8').digest('hex')),
      { numRuns: 300 },
    );
  });
});

describe('randomUuid', () => {
  it('is a version 4 UUID from crypto.randomUUID', () => {
    const ids = new Set(Array.from({ length: 100 }, () => randomUuid()));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(UUID_V4);
  });

  it('without crypto.randomUUID (a page on plain http): built from getRandomValues', () => {
    const real = globalThis.crypto;
    const getRandomValues = vi.fn(<T extends Uint8Array>(array: T) => real.getRandomValues(array));
    vi.stubGlobal('crypto', { getRandomValues });
    const id = randomUuid();
    expect(id).toMatch(UUID_V4);
    expect(getRandomValues).toHaveBeenCalledTimes(1);
  });

  it('without Web Crypto: a ConfigurationError', () => {
    vi.stubGlobal('crypto', undefined);
    expect(() => randomUuid()).toThrow(ConfigurationError);
  });
});

describe('reachableText', () => {
  it("holds an error's message, stack, hidden properties, causes, Map and Set entries", () => {
    const inner = new Error('inner message');
    Object.defineProperty(inner, 'hidden', { value: 'hidden value', enumerable: false });
    const error = new AggregateError([new Error('first of many')], 'outer', { cause: { url: 'http://cause.test', list: [new Map([['mk', 'mv']]), new Set(['sv'])], inner } });
    const text = reachableText(error);
    for (const part of ['outer', 'first of many', 'http://cause.test', 'mk', 'mv', 'sv', 'inner message', 'hidden value', 'AggregateError']) expect(text).toContain(part);
  });

  it('calls no getter, survives cycles and stops at its depth', () => {
    const getter = vi.fn(() => 'from getter');
    const looped: Record<string, unknown> = { name: 'loop' };
    looped.self = looped;
    Object.defineProperty(looped, 'computed', { get: getter, enumerable: true });
    let deep: Record<string, unknown> = { secret: 'too deep' };
    for (let i = 0; i < 10; i++) deep = { next: deep };
    const text = reachableText({ looped, deep });
    expect(getter).not.toHaveBeenCalled();
    expect(text).toContain('loop');
    expect(text).not.toContain('too deep');
  });
});

describe('JSON shapes', () => {
  it('report the first issue with its path and what was expected', () => {
    const shape = object({ id: string, tags: array(string), size: optional(nullable(number)), kind: union(literal('a'), literal('b')) });
    expect(shape.safeParse({ id: 'x', tags: ['a', 2], kind: 'a' })).toEqual({
      success: false,
      issue: { path: ['tags', 1], code: 'invalid_type', message: 'expected a string, got a number' },
    });
    expect(shape.safeParse({ tags: [], kind: 'a' })).toMatchObject({ success: false, issue: { path: ['id'], message: 'expected a string, got nothing' } });
    expect(shape.safeParse({ id: 'x', tags: [], kind: 'c' })).toMatchObject({ success: false, issue: { path: ['kind'], message: 'expected "a" or "b", got a string' } });
    expect(count.safeParse(-1)).toMatchObject({ success: false, issue: { code: 'too_small' } });
    expect(record(number).safeParse({ a: 1, b: 'x' })).toMatchObject({ success: false, issue: { path: ['b'] } });
  });

  it("'drop' copies the declared keys; 'keep' returns the value read, other keys and all", () => {
    const input = { id: 'x', extra: 1, any: undefined };
    expect(object({ id: string, any: unknown }).safeParse(input)).toEqual({ success: true, data: { id: 'x', any: undefined } });
    const kept = object({ id: string }, 'keep').safeParse(input);
    expect(kept.success && kept.data).toBe(input);
  });

  it('a query envelope keeps its rows array (no copy) and checks metadata.next.offset', () => {
    const rows = [{ id: 1 }];
    const envelope = { action: 'query', data: rows, metadata: { next: { offset: null } } };
    const parsed = queryResultSchema.safeParse(envelope);
    expect(parsed.success && parsed.data.data).toBe(rows);
    expect(queryResultSchema.safeParse({ ...envelope, metadata: { next: { offset: 1.5 } } })).toMatchObject({
      success: false,
      issue: { path: ['metadata', 'next', 'offset'], code: 'too_small' },
    });
  });
});

describe('resolveCredentials', () => {
  it('reads the environment only for a value not passed', () => {
    const env = vi.fn(() => ({ FTRACK_SERVER: 'http://env.test', FTRACK_API_USER: 'env-user', FTRACK_API_KEY: 'env-key' }));
    expect(resolveCredentials({ serverUrl: 'http://given.test', apiUser: 'jane', apiKey: 'key' }, env)).toEqual({ serverUrl: 'http://given.test', apiUser: 'jane', apiKey: 'key' });
    expect(env).not.toHaveBeenCalled();
    expect(resolveCredentials({ serverUrl: 'http://given.test', apiUser: 'jane' }, env).apiKey).toBe('env-key');
    expect(env).toHaveBeenCalled();
  });

  it('where there is no process: a ConfigurationError naming the option, not a ReferenceError', () => {
    vi.stubGlobal('process', undefined);
    let error: unknown;
    try {
      resolveCredentials({ apiUser: 'jane', apiKey: 'key' });
    } catch (caught) {
      error = caught;
    } finally {
      vi.unstubAllGlobals();
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(String(error)).toContain('serverUrl');
  });
});
