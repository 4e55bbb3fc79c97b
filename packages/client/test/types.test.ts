import { createHubClient, type HubClient, type PushRecordsResult } from '@tukar/client';
import type { Change, Dataset, Problem, StoredRecord } from '@tukar/spec';
import { describe, expectTypeOf, it } from 'vitest';

// Type-level tests: `pnpm typecheck` fails when the client's types drift from the spec.
// The calls are never awaited against a server; only their types are checked.
const hub: HubClient = createHubClient({ baseUrl: 'http://127.0.0.1:1', apiKey: 'tk_types' });

describe('client types come from the spec', () => {
  it('types path params, answers and problems', () => {
    const answer = hub.GET('/v1/datasets/{datasetId}', {
      params: { path: { datasetId: 'dinkes.puskesmas' } },
    });
    expectTypeOf(answer).resolves.toHaveProperty('data').toEqualTypeOf<Dataset | undefined>();
    type ErrorOf<T> = T extends { error?: infer E } ? E : never;
    expectTypeOf<NonNullable<ErrorOf<Awaited<typeof answer>>>>().toMatchTypeOf<Problem>();
    void answer.catch(() => undefined);
  });

  it('refuses unknown paths, missing params and wrong bodies at compile time', () => {
    // @ts-expect-error — no such path in the spec
    void hub.GET('/v1/dataset/{datasetId}', { params: { path: { datasetId: 'x' } } }).catch(() => undefined);
    // @ts-expect-error — datasetId is required
    void hub.GET('/v1/datasets/{datasetId}', { params: { path: {} } }).catch(() => undefined);
    void hub
      .POST('/v1/datasets/{datasetId}/records', {
        // @ts-expect-error — the Idempotency-Key header is required on a push
        params: { path: { datasetId: 'dinkes.puskesmas' } },
        body: { upsert: [] },
      })
      .catch(() => undefined);
    const badRole = { id: 'ciamis/dinkes/simpus', name: 'SIMPUS', opd: 'Dinkes', role: 'root' } as const;
    // @ts-expect-error — role must be 'client' or 'admin'
    void hub.POST('/v1/clients', { body: badRole }).catch(() => undefined);
  });

  it('types the helpers', () => {
    expectTypeOf(hub.pushRecords).returns.resolves.toEqualTypeOf<PushRecordsResult>();
    expectTypeOf(hub.pullChanges('dinkes.puskesmas')).toEqualTypeOf<AsyncIterable<Change>>();
    expectTypeOf(hub.listRecords('dinkes.puskesmas')).toMatchTypeOf<AsyncIterable<StoredRecord>>();
    expectTypeOf(hub.unwrap(hub.GET('/v1/meta/whoami')))
      .resolves.toHaveProperty('role')
      .toEqualTypeOf<'admin' | 'client'>();
  });
});
