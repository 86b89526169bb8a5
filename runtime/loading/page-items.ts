/**
 * The items of a page iterator one by one (what `for await` over a query reads): an item of the
 * current page is answered at once with one resolved promise, where an async generator's
 * `yield*` costs several promise jobs per item; the next page is asked for only when the current
 * one is used up. Calls are answered in the order made, also when one is made before the earlier
 * ones settle; `return()` (a `break` out of the loop) ends the page iterator, running its cleanup.
 */
export function itemsOf<R>(pages: AsyncGenerator<R[], void, undefined>): AsyncIterator<R> {
  let page: readonly R[] = [];
  let index = 0;
  let finished = false;
  /** The last call waiting for a page or for `return()`; later calls wait for it. */
  let busy: Promise<unknown> | undefined;

  const advance = async (): Promise<IteratorResult<R>> => {
    while (index >= page.length) {
      if (finished) return { value: undefined, done: true };
      const next = await pages.next();
      page = next.done === true ? [] : next.value;
      index = 0;
      if (next.done === true) finished = true;
    }
    return { value: page[index++]!, done: false };
  };
  const inOrder = (run: () => Promise<IteratorResult<R>>): Promise<IteratorResult<R>> => {
    const result = busy === undefined ? run() : busy.then(run);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    busy = settled;
    void settled.then(() => {
      if (busy === settled) busy = undefined;
    });
    return result;
  };

  return {
    next(): Promise<IteratorResult<R>> {
      if (busy === undefined && index < page.length) return Promise.resolve({ value: page[index++]!, done: false });
      return inOrder(advance);
    },
    return(): Promise<IteratorResult<R>> {
      return inOrder(async () => {
        finished = true;
        page = [];
        index = 0;
        await pages.return(undefined);
        return { value: undefined, done: true };
      });
    },
  };
}
