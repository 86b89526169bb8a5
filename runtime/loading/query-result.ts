import { ArgumentError, MalformedResponseError, MultipleResultsFoundError, NoResultFoundError } from '../errors.js';
import { compileQuery } from '../query/compile-query.js';
import { queryNode } from '../query/node-factory.js';
import type { QueryNode } from '../query/nodes.js';
import { ResultGroup, type Retain } from '../identity/result-group.js';
import { itemsOf } from './page-items.js';

/** Default number of rows fetched per request while paging, as the Python client. */
export const DEFAULT_PAGE_SIZE = 500;

/** One page as the session fetched it. */
export interface QueryPage {
  readonly items: readonly unknown[];
  /** `metadata.next.offset`: where the next page starts, or null when there is none. */
  readonly nextOffset: number | null;
}

/** What a `QueryResult` needs from its session. */
export interface QuerySource {
  /** The query to send: the type's default projections filled in when it has no `select`. */
  resolve(query: QueryNode, signal?: AbortSignal): Promise<QueryNode>;
  /**
   * Sends one query (one request) and decodes its entities into the identity map; they join
   * `group` (all pages of one read share it: the unit of cross-result batching).
   */
  fetchPage(query: QueryNode, signal?: AbortSignal, group?: ResultGroup): Promise<QueryPage>;
}

/** Options of `session.query()`. */
export interface QueryOptions {
  /** Rows per request while paging (default 500). */
  pageSize?: number;
  /** Aborts the requests of this query. */
  signal?: AbortSignal;
  /**
   * How `for await` and `pages()` hold the entities they read. `'all'` (default): in the
   * identity map for the session's life, one batching group for the whole read. `'none'`
   * (bounded memory): entities this read puts in the identity map leave it when their page ends
   * (unless they have pending changes), so a later read of a row may give a new object; lazy
   * loads batch over the current page only. `all()`, `first()` and `one()` always retain.
   * @example for await (const task of session.query('Task', { retain: 'none' })) total += task.bid;
   * // select context_type, id, name from Task limit 500, then … offset 500 limit 500, …
   */
  retain?: Retain;
}

/**
 * The lazy result of `session.query()`: nothing is sent until it is read. Paging sets
 * `offset N limit M` on the query, starts at its `offset`, never goes past its `limit`, and
 * follows the server's `metadata.next.offset`.
 *
 * @example
 * for await (const project of session.query('Project where status is active')) console.log(project.name);
 * // select context_type, id, name from Project where status is active limit 500
 */
export class QueryResult<R> implements AsyncIterable<R> {
  readonly #source: QuerySource;
  readonly #query: QueryNode;
  /** The expression as given (a raw string); compiled from the query when undefined. */
  readonly #text: string | undefined;
  readonly #pageSize: number;
  readonly #signal: AbortSignal | undefined;
  readonly #retain: Retain;

  /** @internal `session.query()` makes them; `text` is the expression as given. */
  constructor(source: QuerySource, query: QueryNode, options: QueryOptions = {}, text?: string) {
    const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(pageSize) || pageSize < 1) {
      throw new ArgumentError(`pageSize must be a positive integer, got ${pageSize}.`, { cause: { pageSize } });
    }
    this.#source = source;
    this.#query = query;
    this.#text = text;
    this.#pageSize = pageSize;
    this.#signal = options.signal;
    const retain = options.retain ?? 'all';
    if (retain !== 'all' && retain !== 'none') {
      throw new ArgumentError(`retain must be 'all' or 'none', got ${JSON.stringify(retain)}.`, { cause: { retain } });
    }
    this.#retain = retain;
  }

  /** Every result, fetched page by page. */
  async all(): Promise<R[]> {
    const pages: R[][] = [];
    for await (const page of this.#pages('all')) pages.push(page);
    // Each page is a fresh array: a single page is the result as it is.
    return pages.length === 1 ? pages[0]! : pages.flat(1) as R[];
  }

  /** The first result (one request with `limit 1`), or undefined when there is none. */
  async first(): Promise<R | undefined> {
    const items = await this.#fetchFirst(1);
    return items[0];
  }

  /**
   * Exactly one result (one request with `limit 2`).
   * @throws NoResultFoundError when there is none; MultipleResultsFoundError when there are more.
   */
  async one(): Promise<R> {
    const items = await this.#fetchFirst(2);
    if (items.length === 0) throw new NoResultFoundError(`No result for the query "${this.toString()}".`, { cause: { expression: this.toString() } });
    if (items.length > 1) {
      throw new MultipleResultsFoundError(`More than one result for the query "${this.toString()}"; expected exactly one.`, {
        cause: { expression: this.toString() },
      });
    }
    return items[0]!;
  }

  /**
   * The results page by page: only one page of new payload is held at a time. With
   * `retain: 'none'` each page is its own batching group, released when the next page is asked
   * for (or the loop ends): the entities the page put in the identity map then leave it, except
   * those with pending changes.
   */
  pages(): AsyncGenerator<R[], void, undefined> {
    return this.#pages(this.#retain);
  }

  [Symbol.asyncIterator](): AsyncIterator<R> {
    return itemsOf(this.pages());
  }

  async *#pages(retain: Retain): AsyncGenerator<R[], void, undefined> {
    const query = await this.#source.resolve(this.#query, this.#signal);
    let next = query.offset ?? 0;
    let remaining = query.limit ?? Number.POSITIVE_INFINITY;
    let group = new ResultGroup(retain);
    try {
      while (remaining > 0) {
        const size = Math.min(this.#pageSize, remaining);
        const page = await this.#source.fetchPage(pageQuery(query, next, size), this.#signal, group);
        const items = page.items.length > size ? page.items.slice(0, size) : page.items;
        remaining -= items.length;
        if (items.length > 0) yield items as R[];
        if (retain === 'none') {
          group.release();
          group = new ResultGroup(retain);
        }
        if (page.nextOffset === null || items.length === 0) return;
        if (page.nextOffset <= next) {
          throw new MalformedResponseError(`The server's metadata.next.offset (${page.nextOffset}) does not move past offset ${next}; paging stopped.`, {
            action: 'query',
          });
        }
        next = page.nextOffset;
      }
    } finally {
      if (retain === 'none') group.release();
    }
  }

  /** The expression as given (before default projections and paging). */
  toString(): string {
    return this.#text ?? compileQuery(this.#query);
  }

  async #fetchFirst(count: number): Promise<R[]> {
    const query = await this.#source.resolve(this.#query, this.#signal);
    const size = Math.min(count, query.limit ?? count);
    if (size === 0) return [];
    const page = await this.#source.fetchPage(pageQuery(query, query.offset ?? 0, size), this.#signal, new ResultGroup());
    return page.items.slice(0, size) as R[];
  }
}

/**
 * One page of `query`: `offset N limit M`, without `offset 0` on a first page.
 * @example compileQuery(pageQuery(parseQuery('select id from Task'), 200, 100)) // select id from Task offset 200 limit 100
 */
export function pageQuery(query: QueryNode, offset: number, limit: number): QueryNode {
  return queryNode({ ...query, offset: offset > 0 ? offset : undefined, limit });
}
