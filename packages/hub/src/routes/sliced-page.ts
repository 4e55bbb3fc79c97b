import { joinBytes } from '../join-bytes';
import type { ChangeItems } from '../store';

/** Items a page reads at a time; a page larger than this is sent slice by slice. */
export const PAGE_SLICE_ITEMS = 1000;

/** How one page's items are read in slices. */
export interface SlicedPage {
  /** The page's size. */
  limit: number;
  /** Reads at most `count` items, after the first `offset` items of the page. */
  read(offset: number, count: number): Promise<ChangeItems>;
  /** The members after `items`, each with its leading comma (`,"nextSince":…`). */
  tail(count: number, hasMore: boolean): string;
  /** Told when a read fails after the answer has started (the answer is then cut short). */
  onLateFailure(error: unknown): void;
}

const encoder = new TextEncoder();
/** The page's opening and the separator between slices, encoded once. */
const HEAD = encoder.encode('{"items":[');
const COMMA = encoder.encode(',');

/** A slice's items as bytes: the store's own bytes when it gives them (SQLite), else the text encoded. */
function bytesOf(items: string | Uint8Array): Uint8Array {
  return typeof items === 'string' ? encoder.encode(items) : items;
}

/**
 * A page as `{"items":[…]…}`, its items written by the store. A page of at most {@link PAGE_SLICE_ITEMS}
 * items is read and answered whole. A larger one is read a slice at a time and each slice is sent as soon
 * as it is read, so the caller receives one slice while the hub reads the next: a page of 5,000 changes is
 * five reads of 1,000, each sent at once, not one read, then one 1.2 MB string, then its transfer. The
 * first slice is read before the answer starts, so a store that cannot read answers with its problem as
 * usual; a read that fails later cuts the answer short (the caller sees an incomplete body and asks
 * again: reading a page changes nothing). Such an answer says `transfer-encoding: chunked`, which is how
 * the Node server knows to write it itself (write-streamed-answer.ts).
 */
export async function slicedPageAnswer(page: SlicedPage): Promise<Response> {
  const first = await page.read(0, Math.min(page.limit, PAGE_SLICE_ITEMS));
  const headers = { 'content-type': 'application/json' };
  if (!first.more || first.count === page.limit) {
    const tail = `]${page.tail(first.count, first.more)}}`;
    if (typeof first.items === 'string') {
      return new Response(`{"items":[${first.items}${tail}`, { status: 200, headers });
    }
    return new Response(joinBytes([HEAD, first.items, encoder.encode(tail)]), {
      status: 200,
      headers,
    });
  }
  let sent = first.count;
  let more = true;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(HEAD);
      controller.enqueue(bytesOf(first.items));
    },
    async pull(controller) {
      if (more && sent < page.limit) {
        let slice: ChangeItems;
        try {
          slice = await page.read(sent, Math.min(page.limit - sent, PAGE_SLICE_ITEMS));
        } catch (error) {
          page.onLateFailure(error);
          controller.error(error);
          return;
        }
        if (slice.count > 0) {
          controller.enqueue(COMMA);
          controller.enqueue(bytesOf(slice.items));
        }
        sent += slice.count;
        more = slice.more;
        if (more && sent < page.limit) return;
      }
      controller.enqueue(encoder.encode(`]${page.tail(sent, more)}}`));
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { ...headers, 'transfer-encoding': 'chunked' } });
}
