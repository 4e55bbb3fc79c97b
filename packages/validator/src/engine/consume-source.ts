import type { StopReason } from '../report';
import type { RecordChecker } from './record-checker';
import type { RecordSource } from './source-event';

/** The stop reason of the record cap, after `records` records. */
export function recordCapReason(records: number): StopReason {
  return {
    code: 'max-records',
    message: `stopped after ${records.toLocaleString('en')} records (the record cap).`,
  };
}

/**
 * Runs a source into the checker: each event in order, records one by one. At the record cap it stops the
 * source (ending its iteration, which ends its reads and requests) as soon as the source has anything more
 * to give: a record, an unparseable record or a next page. A source that ends right at the cap is complete.
 */
export async function consumeSource(checker: RecordChecker, source: RecordSource): Promise<void> {
  for await (const event of source) {
    switch (event.type) {
      case 'records': {
        const records = event.records;
        for (let i = 0; i < records.length; i++) {
          if (checker.full) return capped(checker);
          checker.check(records[i]);
        }
        checker.tick(false);
        break;
      }
      case 'unparseable':
        if (checker.full) return capped(checker);
        checker.unparseable(event.code, event.message);
        break;
      case 'page':
        if (checker.full) return capped(checker);
        checker.atPage(event.page, event.url);
        break;
      case 'finding':
        checker.finding(event.code, event.message, event.path);
        break;
      case 'bytes':
        checker.bytes(event.read, event.total);
        break;
      case 'stop':
        checker.stop(event.reason);
        break;
    }
  }
}

function capped(checker: RecordChecker): void {
  checker.stop(recordCapReason(checker.records));
}
