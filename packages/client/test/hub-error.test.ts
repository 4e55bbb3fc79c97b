import { createHubClient, HubError } from '@tukar/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FixtureServer, startFixtureServer } from './fixture-server';

const apiKey = 'tk_test_simpus_0123456789';
let server: FixtureServer;
beforeEach(async () => {
  server = await startFixtureServer();
});
afterEach(() => server.close());

describe('problem+json answers become HubError', () => {
  it('carries status, code, request id and per-record errors, and a message a person can act on', async () => {
    server.route('POST /v1/datasets/dinkes.puskesmas/records', () => ({
      status: 422,
      problem: {
        code: 'validation_failed',
        title: 'Batch refused: 2 invalid records',
        detail: 'Nothing was written. Fix the records listed in errors and push the batch again.',
        errors: [
          {
            index: 0,
            op: 'upsert',
            key: 'P3207010101',
            path: '/kode_wilayah',
            code: 'format',
            message: 'kode_wilayah "32.07.99.9999" is not a desa in the Kemendagri list',
          },
          {
            index: 1,
            op: 'upsert',
            path: '/kode_puskesmas',
            code: 'required',
            message: 'kode_puskesmas is required',
          },
        ],
      },
    }));
    const hub = createHubClient({ baseUrl: server.url, apiKey, retry: false });
    const error = await hub
      .unwrap(
        hub.POST('/v1/datasets/{datasetId}/records', {
          params: { path: { datasetId: 'dinkes.puskesmas' }, header: { 'Idempotency-Key': 'batch-0001' } },
          body: { upsert: [{ kode_puskesmas: 'P3207010101' }, {}] },
          headers: { 'X-Request-Id': 'req-simpus-7' },
        }),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubError);
    const hubError = error as HubError;
    expect(hubError).toMatchObject({ status: 422, code: 'validation_failed', requestId: 'req-simpus-7' });
    expect(hubError.errors).toHaveLength(2);
    expect(hubError.message).toContain('POST');
    expect(hubError.message).toContain('422 Batch refused: 2 invalid records');
    expect(hubError.message).toContain('Nothing was written');
    expect(hubError.message).toContain('record 0 (key P3207010101) at /kode_wilayah');
    expect(hubError.message).toContain('request id: req-simpus-7');
  });

  it('says so when an error answer is not a problem document', async () => {
    server.route('GET /v1/datasets/dinkes.puskesmas', () => ({
      status: 502,
      json: { message: 'Bad gateway' },
    }));
    const hub = createHubClient({ baseUrl: server.url, apiKey, retry: false });
    const error = await hub
      .unwrap(hub.GET('/v1/datasets/{datasetId}', { params: { path: { datasetId: 'dinkes.puskesmas' } } }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_response', status: 502 });
    expect((error as Error).message).toMatch(/without a problem document/);
  });

  it('lists at most five record errors in the message and points at the rest', () => {
    const errors = Array.from({ length: 8 }, (_, i) => ({
      index: i,
      op: 'upsert' as const,
      path: '/nama',
      code: 'type',
      message: 'nama must be a string',
    }));
    const error = new HubError('validation_failed', 'Batch refused', { status: 422, errors });
    expect(error.message.match(/^ {2}record /gm)).toHaveLength(5);
    expect(error.message).toContain('… and 3 more record errors');
  });
});
