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
 * items is read and answered whole. A larger one is read in slices: the first before the answer starts,
 * so a store that cannot read answers with its problem as usual; then, when more follows, all the others
 * at once, from where the first ended (on PostgreSQL each on a connection of its own, so they run side
 * by side), each sent in order as soon as it and those before it are read: a page of 5,000 changes is one
 * read of 1,000, then four read together, not five one after another, nor one 1.2 MB string. A slice
 * covers the page's items from its offset on (sequences are dense); a later slice that comes back short ends
 * the page there, and what later slices found (changes committed meanwhile) is left for the next page. A
 * read that fails after the answer has started cuts the answer short (the caller sees an incomplete body
 * and asks again: reading a page changes nothing). Such an answer says `transfer-encoding: chunked`, which
 * is how the Node server knows to write it itself (write-streamed-answer.ts).
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
  const rest = readRest(page, first.count);
  let sent = first.count;
  let more = true;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(HEAD);
      controller.enqueue(bytesOf(first.items));
    },
    async pull(controller) {
      // Called again only while more follows and a slice is left (see the return below).
      const next = rest.shift();
      if (next) {
        let slice: ChangeItems;
        try {
          slice = await next.items;
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
        // A short slice ends the page: what the slices after it read is not sent (there would be a gap).
        if (slice.count < next.count) rest.length = 0;
        if (more && rest.length > 0) return;
      }
      controller.enqueue(encoder.encode(`]${page.tail(sent, more)}}`));
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { ...headers, 'transfer-encoding': 'chunked' } });
}

/** Starts the reads of the page's slices after its first `offset` items, all at once, in order. */
function readRest(page: SlicedPage, offset: number): Array<{ count: number; items: Promise<ChangeItems> }> {
  const slices = [];
  for (let start = offset; start < page.limit; start += PAGE_SLICE_ITEMS) {
    const count = Math.min(page.limit - start, PAGE_SLICE_ITEMS);
    const items = page.read(start, count);
    // A failure is taken where the slice is sent, or not at all when an earlier slice ended the page.
    items.catch(() => {});
    slices.push({ count, items });
  }
  return slices;
}
