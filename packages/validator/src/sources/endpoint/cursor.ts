import type { SourceEvent } from '../../engine/source-event';
import { describeShape, getDotPath } from '../dot-path';
import type { PageReader } from './page-reader';

/**
 * Cursor pagination: sends the cursor the previous page gave (`nextCursor`) as `cursorParam`, until a page
 * gives no cursor (absent, null or empty): that is the proven end. A cursor given twice is a loop.
 */
export async function* cursorPages(reader: PageReader): AsyncGenerator<SourceEvent, void> {
  const pagination = reader.crawl.provider.pagination;
  if (pagination.style !== 'cursor') return;
  const { cursorParam, nextCursor, limitParam, limit } = pagination;
  const seen = new Map<string, number>();
  let cursor: string | undefined;
  for (let page = 1; ; page++) {
    if (!(yield* reader.mayRead(page))) return;
    const url = new URL(reader.crawl.firstUrl.href);
    if (limitParam && limit !== undefined) url.searchParams.set(limitParam, String(limit));
    if (cursor !== undefined) url.searchParams.set(cursorParam, cursor);
    const outcome = yield* reader.read(page, url.href);
    if (outcome.repeatOf !== undefined) return yield* reader.repeated(page, outcome.repeatOf, '');
    if (!outcome.parsed) return void (yield reader.cannotContinue(page, 'there is no next cursor to follow'));
    const next = getDotPath(outcome.body, nextCursor);
    if (next === undefined || next === null || next === '') return;
    if (typeof next !== 'string' && typeof next !== 'number') {
      yield {
        type: 'finding',
        code: 'envelope',
        message: `The next cursor \`${nextCursor}\` is ${describeShape(next)}, not a string.`,
      };
      return void (yield reader.cannotContinue(page, 'the next cursor is not a string'));
    }
    const text = String(next);
    const first = seen.get(text);
    if (first !== undefined || text === cursor) {
      const message = `Page ${page} gives the cursor of page ${first ?? page} again: the pagination loops.`;
      yield { type: 'finding', code: 'pagination_loop', message };
      yield { type: 'stop', reason: { code: 'pagination-loop', message: `${message} Stopped there.` } };
      return;
    }
    seen.set(text, page + 1);
    cursor = text;
  }
}
