import type { SourceEvent } from '../../engine/source-event';
import { describeShape, getDotPath } from '../dot-path';
import { maskUrl } from '../mask-url';
import type { PageReader } from './page-reader';

/**
 * Next-link pagination (`{ next: links.next }`): follows the URL the body gives, on the same site only,
 * until a page has no next link (absent, null or empty): that is the proven end.
 */
export async function* nextLinkPages(reader: PageReader): AsyncGenerator<SourceEvent, void> {
  const pagination = reader.crawl.provider.pagination;
  if (pagination.style !== undefined && pagination.style !== 'next-link') return;
  const nextPath = pagination.next;
  const origin = reader.crawl.firstUrl.origin;
  const visited = new Map<string, number>();
  let url = reader.crawl.firstUrl.href;
  for (let page = 1; ; page++) {
    if (!(yield* reader.mayRead(page))) return;
    visited.set(url, page);
    const outcome = yield* reader.read(page, url);
    if (outcome.repeatOf !== undefined) return yield* reader.repeated(page, outcome.repeatOf, '');
    if (!outcome.parsed) return void (yield reader.cannotContinue(page, 'there is no next link to follow'));
    const next = getDotPath(outcome.body, nextPath);
    if (next === undefined || next === null || next === '') return;
    if (typeof next !== 'string') {
      yield {
        type: 'finding',
        code: 'envelope',
        message: `The next link \`${nextPath}\` is ${describeShape(next)}, not a URL.`,
      };
      return void (yield reader.cannotContinue(page, 'the next link is not a URL'));
    }
    let target: URL;
    try {
      target = new URL(next, url);
    } catch {
      yield {
        type: 'finding',
        code: 'envelope',
        message: `The next link \`${nextPath}\` is not a valid URL.`,
      };
      return void (yield reader.cannotContinue(page, 'the next link is not a valid URL'));
    }
    if (target.origin !== origin) {
      const message = `The next link of page ${page} leads to another site (${target.origin}); it was not followed, so that the credentials stay with ${origin}.`;
      yield { type: 'finding', code: 'pagination_offsite', message };
      yield { type: 'stop', reason: { code: 'pagination-offsite', message } };
      return;
    }
    target.hash = '';
    const seen = visited.get(target.href);
    if (seen !== undefined) {
      const message = `The next link of page ${page} points back to page ${seen} (${maskUrl(target.href)}): the pagination loops.`;
      yield { type: 'finding', code: 'pagination_loop', message };
      yield { type: 'stop', reason: { code: 'pagination-loop', message: `${message} Stopped there.` } };
      return;
    }
    url = target.href;
  }
}
