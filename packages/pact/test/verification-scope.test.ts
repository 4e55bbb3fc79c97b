// The names verify-hub's provider states use, and how requests and answers are translated.
import { describe, expect, it } from 'vitest';
import { createVerificationScope } from '../src/verification-scope';

describe('the scope of a verify-hub run', () => {
  it('gives datasets one scoped id per run and clients a new one per interaction', () => {
    const scope = createVerificationScope('k3x9q2ab');
    expect(scope.dataset('dinkes.puskesmas')).toBe('pact-k3x9q2ab.dinkes.puskesmas');
    expect(scope.client('ciamis/dinkes/simpus')).toBe('pact-k3x9q2ab-1-ciamis/dinkes/simpus');
    expect(scope.client('ciamis/dinkes/simpus')).toBe('pact-k3x9q2ab-1-ciamis/dinkes/simpus');
    scope.nextInteraction();
    expect(scope.client('ciamis/dinkes/simpus')).toBe('pact-k3x9q2ab-2-ciamis/dinkes/simpus');
    expect(scope.dataset('dinkes.puskesmas')).toBe('pact-k3x9q2ab.dinkes.puskesmas');
    expect(() => scope.dataset('../admin')).toThrow(/not a contract or dataset id/);
    expect(() => scope.client('Ciamis/Dinkes')).toThrow(/not a client id/);
  });

  it('translates path segments, query values and JSON strings on the way in, only for names a state used', () => {
    const scope = createVerificationScope('k3x9q2ab');
    scope.dataset('dinkes.puskesmas');
    scope.client('ciamis/dinkes/simpus');
    expect(scope.pathToHub('/v1/datasets/dinkes.puskesmas/records/P3207010101?limit=2')).toBe(
      '/v1/datasets/pact-k3x9q2ab.dinkes.puskesmas/records/P3207010101?limit=2',
    );
    expect(scope.pathToHub('/v1/clients/ciamis%2Fdinkes%2Fsimpus/grants/dinkes.puskesmas')).toBe(
      '/v1/clients/pact-k3x9q2ab-1-ciamis%2Fdinkes%2Fsimpus/grants/pact-k3x9q2ab.dinkes.puskesmas',
    );
    expect(scope.pathToHub('/v1/validation-reports?datasetId=dinkes.puskesmas&x=%E0')).toBe(
      '/v1/validation-reports?datasetId=pact-k3x9q2ab.dinkes.puskesmas&x=%EF%BF%BD',
    );
    expect(scope.pathToHub('/v1/datasets/disdik.sekolah')).toBe('/v1/datasets/disdik.sekolah');
    const body = Buffer.from(
      JSON.stringify({ datasetId: 'dinkes.puskesmas', nama: 'dinkes.puskesmas lama' }),
    );
    expect(JSON.parse(scope.bodyToHub(body, 'application/json').toString())).toEqual({
      datasetId: 'pact-k3x9q2ab.dinkes.puskesmas',
      nama: 'dinkes.puskesmas lama',
    });
    expect(scope.bodyToHub(body, 'text/plain')).toBe(body);
    // Nesting deeper than the translation goes is passed on as it is, without a stack overflow.
    const nested = Buffer.from(`${'['.repeat(100_000)}"dinkes.puskesmas"${']'.repeat(100_000)}`);
    expect(scope.bodyToHub(nested, 'application/json')).toBe(nested);
  });

  it('gives answers the pacts’ names back', () => {
    const scope = createVerificationScope('k3x9q2ab');
    const answer = JSON.stringify({
      clientId: 'pact-k3x9q2ab-3-ciamis/dinkes/simpus',
      grants: [{ datasetId: 'pact-k3x9q2ab.dinkes.puskesmas' }],
      instance: '/v1/datasets/pact-k3x9q2ab.dinkes.puskesmas',
      other: 'pact-zzzzzzzz.dinkes.puskesmas',
    });
    expect(JSON.parse(scope.fromHub(answer))).toEqual({
      clientId: 'ciamis/dinkes/simpus',
      grants: [{ datasetId: 'dinkes.puskesmas' }],
      instance: '/v1/datasets/dinkes.puskesmas',
      other: 'pact-zzzzzzzz.dinkes.puskesmas',
    });
  });
});
