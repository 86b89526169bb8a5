import { describe, expect, it } from 'vitest';
import { itemsOf } from '../../runtime/loading/page-items.js';

async function* pagesOf(pages: number[][], log: string[]): AsyncGenerator<number[], void, undefined> {
  try {
    for (const page of pages) {
      log.push(`page ${page.join(',')}`);
      await new Promise((resolve) => setImmediate(resolve));
      yield page;
    }
  } finally {
    log.push('cleanup');
  }
}

describe('itemsOf (for await over query pages)', () => {
  it('gives every item of every page in order, asking for a page only when the last one is used up', async () => {
    const log: string[] = [];
    const seen: number[] = [];
    for await (const item of { [Symbol.asyncIterator]: () => itemsOf(pagesOf([[1, 2], [3], [4, 5, 6]], log)) }) {
      seen.push(item);
      log.push(`item ${item}`);
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    expect(log).toEqual(['page 1,2', 'item 1', 'item 2', 'page 3', 'item 3', 'page 4,5,6', 'item 4', 'item 5', 'item 6', 'cleanup']);
  });

  it('answers calls made before earlier ones settle in the order made', async () => {
    const iterator = itemsOf(pagesOf([[1], [2, 3], [4]], []));
    const results = await Promise.all([iterator.next(), iterator.next(), iterator.next(), iterator.next(), iterator.next()]);
    expect(results).toEqual([
      { value: 1, done: false },
      { value: 2, done: false },
      { value: 3, done: false },
      { value: 4, done: false },
      { value: undefined, done: true },
    ]);
  });

  it('a break ends the page iterator (its cleanup runs) and later calls are done', async () => {
    const log: string[] = [];
    const iterator = itemsOf(pagesOf([[1, 2], [3]], log));
    const iterable = { [Symbol.asyncIterator]: () => iterator };
    for await (const item of iterable) if (item === 1) break;
    expect(log).toEqual(['page 1,2', 'cleanup']);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  it('a failing page rejects that call; the iteration is over after it', async () => {
    async function* failing(): AsyncGenerator<number[], void, undefined> {
      yield [1];
      throw new Error('page 2 failed');
    }
    const iterator = itemsOf(failing());
    expect(await iterator.next()).toEqual({ value: 1, done: false });
    await expect(iterator.next()).rejects.toThrow('page 2 failed');
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });
});
