import { ArgumentError, MalformedResponseError, MultipleResultsFoundError, NoResultFoundError } from '../errors.js';
import { splitPaging } from './expression.js';
import { ResultGroup } from './result-group.js';

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
  /** The expression to send: default projections added when it has no `select`. */
  resolve(expression: string): Promise<string>;
  /**
   * Sends one query (one request) and decodes its entities into the identity map; they join
   * `group` (all pages of one read share it: the unit of cross-result batching).
   */
  fetchPage(expression: string, signal?: AbortSignal, group?: ResultGroup): Promise<QueryPage>;
}

/** Options of `session.query()`. */
export interface QueryOptions {
  /** Rows per request while paging (default 500). */
  pageSize?: number;
  /** Aborts the requests of this query. */
  signal?: AbortSignal;
}

/**
 * The lazy result of `session.query()`: nothing is sent until it is read. Paging appends
 * `offset N limit M` to the expression, starts at an `offset` written in it, never goes past a
 * `limit` written in it, and follows the server's `metadata.next.offset`.
 *
 * @example
 * for await (const project of session.query('Project where status is active')) console.log(project.name);
 * // select context_type, id, name from Project where status is active limit 500
 */
export class QueryResult<R> implements AsyncIterable<R> {
  readonly #source: QuerySource;
  readonly #expression: string;
  readonly #pageSize: number;
  readonly #signal: AbortSignal | undefined;

  constructor(source: QuerySource, expression: string, options: QueryOptions = {}) {
    const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(pageSize) || pageSize < 1) {
      throw new ArgumentError(`pageSize must be a positive integer, got ${pageSize}.`, { cause: { pageSize } });
    }
    this.#source = source;
    this.#expression = expression;
    this.#pageSize = pageSize;
    this.#signal = options.signal;
  }

  /** Every result, fetched page by page. */
  async all(): Promise<R[]> {
    const pages: R[][] = [];
    for await (const page of this.pages()) pages.push(page);
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
    if (items.length === 0) throw new NoResultFoundError(`No result for the query "${this.#expression}".`, { cause: { expression: this.#expression } });
    if (items.length > 1) {
      throw new MultipleResultsFoundError(`More than one result for the query "${this.#expression}"; expected exactly one.`, {
        cause: { expression: this.#expression },
      });
    }
    return items[0]!;
  }

  /** The results page by page: only one page of new payload is held at a time. */
  async *pages(): AsyncGenerator<R[], void, undefined> {
    const { base, offset, limit } = splitPaging(await this.#source.resolve(this.#expression));
    let next = offset ?? 0;
    let remaining = limit ?? Number.POSITIVE_INFINITY;
    const group = new ResultGroup();
    while (remaining > 0) {
      const size = Math.min(this.#pageSize, remaining);
      const page = await this.#source.fetchPage(pagedExpression(base, next, size), this.#signal, group);
      const items = page.items.length > size ? page.items.slice(0, size) : page.items;
      remaining -= items.length;
      if (items.length > 0) yield items as R[];
      if (page.nextOffset === null || items.length === 0) return;
      if (page.nextOffset <= next) {
        throw new MalformedResponseError(`The server's metadata.next.offset (${page.nextOffset}) does not move past offset ${next}; paging stopped.`, {
          exception: 'MalformedResponseError',
          content: 'metadata.next.offset does not advance',
          action: 'query',
        });
      }
      next = page.nextOffset;
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<R> {
    for await (const page of this.pages()) yield* page;
  }

  /** The expression as given (before default projections and paging). */
  toString(): string {
    return this.#expression;
  }

  async #fetchFirst(count: number): Promise<R[]> {
    const { base, offset, limit } = splitPaging(await this.#source.resolve(this.#expression));
    const size = Math.min(count, limit ?? count);
    if (size === 0) return [];
    const page = await this.#source.fetchPage(pagedExpression(base, offset ?? 0, size), this.#signal, new ResultGroup());
    return page.items.slice(0, size) as R[];
  }
}

/** `<base>[ offset N] limit M` (no `offset 0` on a first page). */
export function pagedExpression(base: string, offset: number, limit: number): string {
  return `${base}${offset > 0 ? ` offset ${offset}` : ''} limit ${limit}`;
}
