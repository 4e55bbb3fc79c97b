import type { SourceEvent } from '../../engine/source-event';
import type { PageOutcome, PageReader } from './page-reader';
import { pageWindow } from './page-window';

/** Pages of unknown-total pagination that may fail one after another before the crawl gives up. */
export const MAX_FAILED_PAGES_IN_A_ROW = 3;

/**
 * Page-number pagination (`?page=1&limit=100`): with a stated page count (`totalPages`), reads pages up to
 * it, several at once; without one, one page after another until an empty page. A page shorter than the
 * limit asked for is not the end (the server may cap its page size): the next page is asked for. A server
 * that serves its last, short page again past the end never proves the end: the report says so.
 */
export async function* pageNumberPages(reader: PageReader): AsyncGenerator<SourceEvent, void> {
  const pagination = reader.crawl.provider.pagination;
  if (pagination.style !== 'page') return;
  const { pageParam, limitParam, limit, firstPage, totalPages } = pagination;
  const urlOf = (page: number): string => {
    const url = new URL(reader.crawl.firstUrl.href);
    url.searchParams.set(pageParam, String(firstPage + page - 1));
    if (limitParam && limit !== undefined) url.searchParams.set(limitParam, String(limit));
    return url.href;
  };
  const first = yield* reader.read(1, urlOf(1));
  if (first.records === -1 && first.parsed) yield* reader.pageMissed(1);
  const hint = ` (the server seems to ignore the \`${pageParam}\` parameter)`;
  const total =
    first.parsed && totalPages ? yield* reader.wholeNumber(first.body, totalPages, 'page count') : undefined;
  if (total !== undefined) return yield* pageWindow(reader, 2, total, urlOf, hint);
  if (first.records === -1) return void (yield reader.cannotContinue(1, 'the number of pages is unknown'));
  yield* untilEmptyPage(reader, first, urlOf, hint, limit);
}

/**
 * Reads page after page (from page 2) until an empty one. `urlOf` may depend on what the pages before gave
 * (`onPage` is called with the records of each page read).
 */
export async function* untilEmptyPage(
  reader: PageReader,
  first: PageOutcome,
  urlOf: (page: number) => string,
  hint: string,
  limit: number | undefined,
  onPage?: (records: number) => void,
): AsyncGenerator<SourceEvent, void> {
  let previous = first;
  let largest = Math.max(0, first.records);
  let failuresInARow = 0;
  for (let page = 2; ; page++) {
    if (previous.records === 0) return; // an empty page: the proven end
    if (failuresInARow >= MAX_FAILED_PAGES_IN_A_ROW) {
      return void (yield reader.cannotContinue(page - 1, `${failuresInARow} pages in a row failed`));
    }
    if (!(yield* reader.mayRead(page))) return;
    const outcome = yield* reader.read(page, urlOf(page));
    if (outcome.records === -1) yield* reader.pageMissed(page);
    failuresInARow = outcome.records === -1 ? failuresInARow + 1 : 0;
    if (outcome.repeatOf !== undefined) {
      const size = limit ?? largest;
      if (outcome.repeatOf === page - 1 && previous.records > 0 && previous.records < size) {
        return void (yield reader.endUnproven(
          `page ${page} repeats page ${page - 1}, which had ${previous.records} records (fewer than ${size}): the server serves its last page again past the end instead of an empty page`,
        ));
      }
      return yield* reader.repeated(page, outcome.repeatOf, hint);
    }
    onPage?.(outcome.records);
    if (outcome.records !== -1) {
      previous = outcome;
      largest = Math.max(largest, outcome.records);
    }
  }
}
