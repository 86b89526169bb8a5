import { ArgumentError } from '../errors.js';
import type { LinkEntry } from '../contract/link-entry.js';

/**
 * The names of a `link` path joined into a breadcrumb, from the project down to the entity. Takes
 * the `link` array or anything that has one (an entity or a query row that loaded `link`).
 * @example
 * const shot = await session.query(q.Shot.select('link').where((s) => s.name.eq('sh010'))).one();
 * // select link from Shot where name is "sh010"
 * breadcrumb(shot) // 'alpha / sq010 / sh010'
 * breadcrumb(shot.link, ' > ') // 'alpha > sq010 > sh010'
 * @throws ArgumentError when the value is not a link path (an array of `{ name }`), e.g. `link` was not loaded.
 */
export function breadcrumb(source: readonly LinkEntry[] | { readonly link: readonly LinkEntry[] }, separator = ' / '): string {
  const link = Array.isArray(source) ? source : (source as { link?: unknown } | null)?.link;
  if (!Array.isArray(link) || !link.every((step) => typeof (step as Partial<LinkEntry> | null)?.name === 'string')) {
    throw new ArgumentError('breadcrumb() takes a link path (an array of { id, name, type }, as `link` is sent) or an object that loaded `link`.', {
      cause: { received: Array.isArray(link) ? 'array' : typeof link },
    });
  }
  return (link as readonly LinkEntry[]).map((step) => step.name).join(separator);
}
