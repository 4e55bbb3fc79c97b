import type { SourceEvent } from '../../engine/source-event';
import type { PageReader } from './page-reader';

/** `style: none`: one response holds every record, so its end is the end of the data. */
export async function* singleResponse(reader: PageReader): AsyncGenerator<SourceEvent, void> {
  yield* reader.read(1, reader.crawl.firstUrl.href);
}
