import type { RecordSource, SourceEvent } from '../../engine/source-event';
import type { HttpStats } from '../../report';
import type { Crawl } from './crawl-options';
import { cursorPages } from './cursor';
import { nextLinkPages } from './next-link';
import { offsetPages } from './offset';
import { pageNumberPages } from './page-number';
import { PageReader } from './page-reader';
import type { PaginationStyle } from './pagination-style';
import { singleResponse } from './single-response';

const STYLES: Readonly<Record<'next-link' | 'page' | 'offset' | 'cursor' | 'none', PaginationStyle>> = {
  'next-link': nextLinkPages,
  page: pageNumberPages,
  offset: offsetPages,
  cursor: cursorPages,
  none: singleResponse,
};

/** A crawl as a source: its events, and its HTTP statistics once they have been read. */
export interface EndpointCrawl {
  events: RecordSource;
  stats(): HttpStats;
}

/**
 * Crawls an OPD endpoint page by page, as the contract's `provider` section says (next link, page number,
 * offset, cursor, or one response): the events of every page (its records, findings about the answer and
 * the pagination), and the HTTP statistics.
 */
export function crawlEndpoint(crawl: Crawl): EndpointCrawl {
  const reader = new PageReader(crawl);
  const style = STYLES[crawl.provider.pagination.style ?? 'next-link'];
  async function* events(): AsyncGenerator<SourceEvent> {
    try {
      yield* style(reader);
      if (crawl.request.signal.aborted) {
        yield { type: 'stop', reason: { code: 'aborted', message: 'the crawl was stopped by the caller.' } };
      }
    } finally {
      reader.abort();
    }
  }
  return { events: events(), stats: () => reader.stats() };
}
