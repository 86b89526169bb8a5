import { describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  InvalidCredentialsError,
  NetworkError,
  RequestAbortedError,
  ResponseTooLargeError,
  ServerValidationError,
  TimeoutError,
} from '../../runtime/errors.js';
import type { Operation } from '../../runtime/protocol/operations.js';
import { RequestBatcher, onlyReads, type BatchDecode } from '../../runtime/session/request-batcher.js';
import { Session, type SessionOptions } from '../../runtime/index.js';

interface Sent {
  readonly expressions: string[];
  readonly signal: AbortSignal | undefined;
}

/**
 * A fake server: answers each query with its expression, refuses the expressions listed in
 * `refuse` (naming the failing operation when `named`), or fails every request with `fail`.
 * `hold` keeps answers back until `release()`.
 */
function fakeServer(options: { refuse?: string[]; named?: boolean; fail?: () => Error; hold?: boolean } = {}) {
  const sent: Sent[] = [];
  let release = (): void => undefined;
  const released = options.hold === true ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
  const send = async (operations: readonly Operation[], signal: AbortSignal | undefined): Promise<unknown[]> => {
    const expressions = operations.map(expressionOf);
    sent.push({ expressions, signal });
    await released;
    if (signal?.aborted) throw new RequestAbortedError('aborted');
    if (options.fail) throw options.fail();
    const failing = expressions.findIndex((e) => options.refuse?.includes(e));
    if (failing >= 0) {
      throw new ServerValidationError('refused', {
        exception: 'ValidationError',
        content: `refused ${expressions[failing]}`,
        ...(options.named === true || expressions.length === 1 ? { operationIndex: failing, action: 'query' } : {}),
      });
    }
    return expressions.map((e) => ({ answer: e }));
  };
  return { sent, send, release: () => release() };
}

const query = (expression: string): Operation => ({ action: 'query', expression });
const expressionOf = (operation: Operation) => String((operation as { expression?: unknown }).expression);
const answers: BatchDecode<unknown[]> = (results) => results;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('RequestBatcher', () => {
  it('sends what is queued in the same tick as one request and hands each caller its own slice', async () => {
    const server = fakeServer();
    const batcher = new RequestBatcher(server.send, { maxOperations: 100 });
    const results = await Promise.all([
      batcher.enqueue([query('a')], undefined, answers),
      batcher.enqueue([query('b'), query('c')], undefined, answers),
      batcher.enqueue([query('d')], undefined, answers),
    ]);
    expect(server.sent.map((s) => s.expressions)).toEqual([['a', 'b', 'c', 'd']]);
    expect(results).toEqual([[{ answer: 'a' }], [{ answer: 'b' }, { answer: 'c' }], [{ answer: 'd' }]]);
  });

  it('decodes every caller synchronously, in batch order', async () => {
    const server = fakeServer();
    const batcher = new RequestBatcher(server.send, { maxOperations: 100 });
    const order: string[] = [];
    const decode: BatchDecode<void> = (results) => void order.push(...results.map((r) => (r as { answer: string }).answer));
    await Promise.all(['a', 'b', 'c'].map((e) => batcher.enqueue([query(e)], undefined, decode)));
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('sends calls of different turns separately', async () => {
    const server = fakeServer();
    const batcher = new RequestBatcher(server.send, { maxOperations: 100 });
    const first = batcher.enqueue([query('a')], undefined, answers);
    await nextTurn();
    const second = batcher.enqueue([query('b')], undefined, answers);
    await Promise.all([first, second]);
    expect(server.sent.map((s) => s.expressions)).toEqual([['a'], ['b']]);
  });

  it('caps the operations per request without splitting a caller', async () => {
    const server = fakeServer();
    const batcher = new RequestBatcher(server.send, { maxOperations: 3 });
    await Promise.all([
      batcher.enqueue([query('a'), query('b')], undefined, answers),
      batcher.enqueue([query('c'), query('d')], undefined, answers),
      batcher.enqueue([query('e'), query('f'), query('g'), query('h')], undefined, answers),
      batcher.enqueue([query('i')], undefined, answers),
    ]);
    expect(server.sent.map((s) => s.expressions)).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f', 'g', 'h'], ['i']]);
  });

  it('an immediate group joins what is waiting and goes at once', async () => {
    const server = fakeServer();
    const batcher = new RequestBatcher(server.send, { maxOperations: 100 });
    const waiting = batcher.enqueue([query('a')], undefined, answers);
    const group = batcher.enqueue([query('b'), query('c')], undefined, answers, true);
    expect(server.sent.map((s) => s.expressions)).toEqual([['a', 'b', 'c']]);
    await Promise.all([waiting, group]);
    await nextTurn();
    expect(server.sent).toHaveLength(1);
  });

  it('after a refusal that names the operation: its caller goes alone, the others together', async () => {
    const server = fakeServer({ refuse: ['bad'], named: true });
    const batcher = new RequestBatcher(server.send, { maxOperations: 100 });
    const outcomes = await Promise.allSettled([
      batcher.enqueue([query('a')], undefined, answers),
      batcher.enqueue([query('b'), query('bad')], undefined, answers),
      batcher.enqueue([query('c')], undefined, answers),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[0] as PromiseFulfilledResult<unknown[]>).value).toEqual([{ answer: 'a' }]);
    expect((outcomes[2] as PromiseFulfilledResult<unknown[]>).value).toEqual([{ answer: 'c' }]);
    // The caller's error comes from its own request: index 1 of its own two operations.
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ operationIndex: 1 });
    expect(server.sent.map((s) => s.expressions)).toEqual([['a', 'b', 'bad', 'c'], ['b', 'bad'], ['a', 'c']]);
  });

  it('after a refusal that names no operation (as ftrack): each caller alone, each with its own outcome', async () => {
    const server = fakeServer({ refuse: ['bad', 'worse'] });
    const batcher = new RequestBatcher(server.send, { maxOperations: 100 });
    const outcomes = await Promise.allSettled(['a', 'bad', 'b', 'worse'].map((e) => batcher.enqueue([query(e)], undefined, answers)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ content: 'refused bad', operationIndex: 0 });
    expect((outcomes[3] as PromiseRejectedResult).reason).toMatchObject({ content: 'refused worse', operationIndex: 0 });
    expect(server.sent.map((s) => s.expressions)).toEqual([['a', 'bad', 'b', 'worse'], ['a'], ['bad'], ['b'], ['worse']]);
  });

  it('a refusal of a lone caller is its error, not sent again', async () => {
    const server = fakeServer({ refuse: ['bad'] });
    const batcher = new RequestBatcher(server.send, { maxOperations: 100 });
    await expect(batcher.enqueue([query('bad')], undefined, answers)).rejects.toBeInstanceOf(ServerValidationError);
    expect(server.sent).toHaveLength(1);
  });

  it.each([
    ['a network failure', () => new NetworkError('down')],
    ['a timeout', () => new TimeoutError('slow')],
    ['refused credentials', () => new InvalidCredentialsError('no', { exception: 'InvalidCredentialsError' })],
  ])('%s reaches every caller as the same error, not sent again', async (_, fail) => {
    const server = fakeServer({ fail });
    const batcher = new RequestBatcher(server.send, { maxOperations: 100 });
    const outcomes = await Promise.allSettled(['a', 'b', 'c'].map((e) => batcher.enqueue([query(e)], undefined, answers)));
    const reasons = outcomes.map((o) => (o as PromiseRejectedResult).reason as unknown);
    expect(reasons[0]).toBeInstanceOf(fail().constructor);
    expect(new Set(reasons).size).toBe(1);
    expect(server.sent).toHaveLength(1);
  });

  it('an answer too large for the combined request is asked for again per caller', async () => {
    let calls = 0;
    const batcher = new RequestBatcher(
      async (operations) => {
        calls++;
        if (operations.length > 1) throw new ResponseTooLargeError('too large');
        return operations.map(expressionOf);
      },
      { maxOperations: 100 },
    );
    const results = await Promise.all(['a', 'b'].map((e) => batcher.enqueue([query(e)], undefined, answers)));
    expect(results).toEqual([['a'], ['b']]);
    expect(calls).toBe(3);
  });

  it("a caller aborted before the flush is rejected and left out; the others' request is not aborted", async () => {
    const server = fakeServer();
    const batcher = new RequestBatcher(server.send, { maxOperations: 100 });
    const controller = new AbortController();
    const dropped = batcher.enqueue([query('a')], controller.signal, answers);
    const kept = batcher.enqueue([query('b')], undefined, answers);
    controller.abort();
    await expect(dropped).rejects.toBeInstanceOf(RequestAbortedError);
    expect(await kept).toEqual([{ answer: 'b' }]);
    expect(server.sent.map((s) => s.expressions)).toEqual([['b']]);
  });

  it('a caller aborted in flight is rejected at once; the shared request goes on until every caller aborts', async () => {
    const server = fakeServer({ hold: true });
    const batcher = new RequestBatcher(server.send, { maxOperations: 100 });
    const [one, two] = [new AbortController(), new AbortController()];
    const decoded: [string, boolean][] = [];
    const decode: BatchDecode<string[]> = (results, dropped) => {
      const names = results.map((r) => (r as { answer: string }).answer);
      decoded.push(...names.map((name): [string, boolean] => [name, dropped]));
      return names;
    };
    const first = batcher.enqueue([query('a')], one.signal, decode);
    const second = batcher.enqueue([query('b')], two.signal, decode);
    const third = batcher.enqueue([query('c')], two.signal, decode);
    await nextTurn();
    one.abort();
    await expect(first).rejects.toBeInstanceOf(RequestAbortedError);
    expect(server.sent[0]!.signal!.aborted).toBe(false);
    server.release();
    expect(await Promise.all([second, third])).toEqual([['b'], ['c']]);
    // The dropped caller is decoded (its entities may be referred to by later results), its answer thrown away.
    expect(decoded).toEqual([['a', true], ['b', false], ['c', false]]);
  });

  it('aborts the shared request when every caller has aborted', async () => {
    const server = fakeServer({ hold: true });
    const batcher = new RequestBatcher(server.send, { maxOperations: 100 });
    const controllers = [new AbortController(), new AbortController()];
    const calls = controllers.map((c, i) => batcher.enqueue([query(String(i))], c.signal, answers));
    await nextTurn();
    controllers[0]!.abort();
    expect(server.sent[0]!.signal!.aborted).toBe(false);
    controllers[1]!.abort();
    expect(server.sent[0]!.signal!.aborted).toBe(true);
    for (const call of calls) await expect(call).rejects.toBeInstanceOf(RequestAbortedError);
    server.release();
  });

  it('a decoding error is the caller’s own', async () => {
    const server = fakeServer();
    const batcher = new RequestBatcher(server.send, { maxOperations: 100 });
    const broken = batcher.enqueue([query('a')], undefined, () => {
      throw new Error('cannot decode');
    });
    const fine = batcher.enqueue([query('b')], undefined, answers);
    await expect(broken).rejects.toThrow('cannot decode');
    expect(await fine).toEqual([{ answer: 'b' }]);
  });
});

describe('onlyReads', () => {
  it('accepts query, search, query_schemas and query_server_information only', () => {
    expect(onlyReads([{ action: 'query', expression: 'x' }, { action: 'query_schemas' }, { action: 'query_server_information' }, { action: 'search' }])).toBe(true);
    expect(onlyReads([{ action: 'query', expression: 'x' }, { action: 'delete', entity_type: 'Task', entity_key: 'k' }])).toBe(false);
    expect(onlyReads([{ action: 'get_widget_url' }])).toBe(false);
  });
});

describe('the autoBatch option', () => {
  const credentials = { serverUrl: 'http://127.0.0.1:9', apiUser: 'u', apiKey: 'k' };
  it.each([true, false, { maxOperations: 1 }, { maxOperations: 500 }, {}])('accepts %j', async (autoBatch) => {
    await new Session({ ...credentials, autoBatch }).close();
  });
  it.each([{ maxOperations: 0 }, { maxOperations: 2.5 }, { maxOperations: -1 }, { maxOperations: '10' }, 'yes', null])('refuses %j with a ConfigurationError', (autoBatch) => {
    expect(() => new Session({ ...credentials, autoBatch: autoBatch as SessionOptions['autoBatch'] })).toThrow(ConfigurationError);
  });
});
