import type { SourceEvent } from '../../engine/source-event';
import type { PageReader } from './page-reader';

/**
 * One pagination style of an OPD endpoint: which page to read next, and when the data is proven to have
 * ended. A style reads its pages through the {@link PageReader} and yields their events; it ends without a
 * `stop` event only when the end is proven for the style (see the contract reference, `provider.pagination`):
 *
 * - next link: a page with no next link;
 * - page number: the last page of a stated page count, or an empty page;
 * - offset: the last page of a stated total, or an empty page;
 * - cursor: a page with no next cursor;
 * - none: the one response.
 *
 * A page shorter than the size asked for is not proof: servers cap their page size.
 */
export type PaginationStyle = (reader: PageReader) => AsyncGenerator<SourceEvent, void>;
