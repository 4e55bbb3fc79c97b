import type { SourceEvent } from '../../engine/source-event';
import type { PageAnswer } from '../http-fetch';
import { maskUrl } from '../mask-url';
import type { PageReader } from './page-reader';

/**
 * Reads pages `from`..`last` of a known page count with up to `concurrency` requests at once, giving their
 * events in page order. `checkPage` may stop the crawl after a page that is not the last (it returns the
 * stop event): a short page in the middle of offset pagination means records may have been skipped.
 * Past the page cap, says so.
 */
export async function* pageWindow(
  reader: PageReader,
  from: number,
  last: number,
  urlOf: (page: number) => string,
  hint: string,
  checkPage?: (page: number, records: number) => SourceEvent | undefined,
): AsyncGenerator<SourceEvent, void> {
  const { maxPages, concurrency } = reader.crawl;
  const end = Math.min(last, maxPages);
  const pending = new Map<number, Promise<PageAnswer>>();
  let nextToStart = from;
  const fill = (upTo: number) => {
    while (nextToStart <= end && nextToStart < upTo) {
      const page = nextToStart++;
      pending.set(page, reader.fetch(urlOf(page), page));
    }
  };
  let stopped = false;
  try {
    for (let page = from; page <= end; page++) {
      if (reader.aborted) {
        stopped = true;
        break;
      }
      fill(page + concurrency);
      yield { type: 'page', page, url: maskUrl(urlOf(page)) };
      const answer = await pending.get(page)!;
      pending.delete(page);
      const outcome = yield* reader.consume(page, answer);
      if (outcome.repeatOf !== undefined) {
        yield* reader.repeated(page, outcome.repeatOf, hint);
        stopped = true;
        break;
      }
      if (outcome.records === -1) yield* reader.pageMissed(page);
      else if (page < last && checkPage) {
        const stop = checkPage(page, outcome.records);
        if (stop) {
          yield stop;
          stopped = true;
          break;
        }
      }
    }
  } finally {
    reader.abort();
    await Promise.allSettled(pending.values());
  }
  if (last > maxPages && !stopped) yield reader.capReached(last);
}
