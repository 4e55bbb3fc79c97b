import type { SourceEvent } from '../../engine/source-event';
import { untilEmptyPage } from './page-number';
import type { PageReader } from './page-reader';
import { pageWindow } from './page-window';

/**
 * Offset pagination (`?offset=0&limit=100`). Each next offset follows the records the pages really gave, not
 * the limit asked for: a server that caps its pages at 100 while 500 are asked for is read 100 at a time.
 * With a stated total (`total`), the first page's size is taken as the server's page size and the pages up
 * to the total are read several at once; a shorter page before the last means records may have been
 * skipped, and the crawl stops saying so. Without a total, pages are read until an empty one.
 */
export async function* offsetPages(reader: PageReader): AsyncGenerator<SourceEvent, void> {
  const pagination = reader.crawl.provider.pagination;
  if (pagination.style !== 'offset') return;
  const { offsetParam, limitParam, limit } = pagination;
  const urlAt = (offset: number): string => {
    const url = new URL(reader.crawl.firstUrl.href);
    url.searchParams.set(offsetParam, String(offset));
    url.searchParams.set(limitParam, String(limit));
    return url.href;
  };
  const first = yield* reader.read(1, urlAt(0));
  if (first.records === -1 && first.parsed) yield* reader.pageMissed(1);
  const hint = ` (the server seems to ignore the \`${offsetParam}\` parameter)`;
  const total =
    first.parsed && pagination.total
      ? yield* reader.wholeNumber(first.body, pagination.total, 'total')
      : undefined;
  if (total !== undefined && first.records > 0) {
    const step = first.records;
    const pages = Math.ceil(total / step);
    const checkPage = (page: number, records: number) =>
      records < step
        ? reader.endUnproven(
            `page ${page} (offset ${((page - 1) * step).toLocaleString('en')}) gave ${records} records where ${step} were expected before the stated total of ${total.toLocaleString('en')}, so records after it may have been skipped`,
          )
        : undefined;
    return yield* pageWindow(reader, 2, pages, (page) => urlAt((page - 1) * step), hint, checkPage);
  }
  if (first.records === -1) return void (yield reader.cannotContinue(1, 'the number of records is unknown'));
  // Unknown total: the offsets advance by the records each page gave, until an empty page.
  let offset = first.records;
  let largest = first.records;
  const urlOf = (): string => urlAt(offset);
  yield* untilEmptyPage(reader, first, urlOf, hint, limit, (records) => {
    offset += records === -1 ? Math.max(largest, 1) : records;
    largest = Math.max(largest, records);
  });
}
