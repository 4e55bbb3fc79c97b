// The agree step judges a new version against every earlier agreed version under a `_transitive` mode,
// and against every version a dataset is still pinned to whatever the mode. Through the HTTP API of a hub
// on a real loopback port (memory store).
import { type Contract, checkCompatibility, contractSchema } from '@tukar/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ContractDocument, exampleContract, startHub, type TestHub } from './hub-fixture';

let hub: TestHub;
beforeEach(async () => {
  hub = await startHub();
});
afterEach(() => hub.close());

type Edit = (document: ContractDocument) => void;

async function version(id: string, at: string, ...edits: Edit[]): Promise<ContractDocument> {
  const document = await exampleContract('dinkes.puskesmas');
  const { examples: _examples, ...rest } = document;
  const copy: ContractDocument = { ...rest, contract: id, version: at, status: 'agreed' };
  for (const edit of edits) edit(copy);
  return copy;
}

const PROVIDER = { path: '/api/puskesmas', records: 'data', pagination: { next: 'links.next' } };
const withLatency =
  (ms: number): Edit =>
  (d) => {
    d.provider = { ...PROVIDER, latencyBudgetMs: ms };
  };
const withoutProvider: Edit = (d) => {
  delete d.provider;
};
const mode =
  (compatibility: ContractDocument['compatibility']): Edit =>
  (d) => {
    d.compatibility = compatibility;
  };
const namaMaxLength =
  (maxLength: number): Edit =>
  (d) => {
    const properties = d.schema['properties'] as Record<string, Record<string, unknown>>;
    properties['nama'] = { ...properties['nama'], maxLength };
  };

async function publish(document: ContractDocument) {
  const answer = await hub.admin.PUT('/v1/contracts/{contractId}/versions/{version}', {
    params: { path: { contractId: document.contract, version: document.version } },
    body: document,
  });
  return {
    status: answer.response.status,
    message: answer.error?.detail ?? '',
    code: answer.error?.code,
    breakingChanges:
      (
        answer.error as
          | { breakingChanges?: Array<{ rule: string; path: string; message: string }> }
          | undefined
      )?.breakingChanges ?? [],
  };
}

const asContract = (document: ContractDocument): Contract => contractSchema.parse(document);

describe('agree step: transitive modes', () => {
  it('backward_transitive refuses a chain whose steps each pass backward', async () => {
    // 1.0.0 promises producers a 2 s latency budget; 1.1.0 drops the provider section (breaks consumers
    // only); 1.2.0 brings it back at 0.5 s (an added section breaks no one). Each step passes backward,
    // but an OPD system built for 1.0.0 fails 1.2.0.
    const v1 = await version('dinkes.puskesmas', '1.0.0', withLatency(2_000));
    const v2 = await version('dinkes.puskesmas', '1.1.0', withoutProvider);
    const v3 = (compatibility: ContractDocument['compatibility']) =>
      version('dinkes.puskesmas', '1.2.0', withLatency(500), mode(compatibility));
    expect((await publish(v1)).status).toBe(201);
    expect((await publish(v2)).status).toBe(201);
    const transitive = await v3('backward_transitive');
    expect(checkCompatibility(asContract(v1), asContract(v2), 'backward').compatible).toBe(true);
    expect(checkCompatibility(asContract(v2), asContract(transitive), 'backward').compatible).toBe(true);

    const refused = await publish(transitive);
    expect(refused).toMatchObject({ status: 422, code: 'contract_incompatible' });
    expect(refused.message).toContain('breaks its "backward_transitive" compatibility against 1.0.0');
    expect(refused.breakingChanges).toEqual([
      expect.objectContaining({ rule: 'provider-changed', path: '/provider/latencyBudgetMs' }),
    ]);
    // The same version under plain backward is judged against 1.1.0 only, and agreed.
    expect((await publish(await v3('backward'))).status).toBe(201);
  });

  it('full_transitive judges every earlier agreed version, also those agreed under another mode', async () => {
    expect((await publish(await version('dinkes.puskesmas', '1.0.0'))).status).toBe(201);
    // 1.1.0 declares `none` and lowers nama's maxLength: allowed against 1.0.0 under its own mode.
    const v2 = await version('dinkes.puskesmas', '1.1.0', mode('none'), namaMaxLength(60));
    expect((await publish(v2)).status).toBe(201);
    const v3 = await version('dinkes.puskesmas', '1.2.0', mode('full_transitive'), namaMaxLength(60));
    const refused = await publish(v3);
    expect(refused.status).toBe(422);
    expect(refused.message).toContain(
      'against 1.0.0 with 1 change(s): max-length-tightened at /properties/nama',
    );
    expect(refused.message).not.toContain('1.1.0');
    expect((await publish({ ...v3, compatibility: 'full' })).status).toBe(201);
  });
});

describe('agree step: versions pinned by a dataset', () => {
  it('judges a new version against the version a dataset is still pinned to, whatever the mode', async () => {
    expect((await publish(await version('dinkes.puskesmas', '1.0.0'))).status).toBe(201);
    const pinned = await hub.admin.PUT('/v1/datasets/{datasetId}', {
      params: { path: { datasetId: 'dinkes.puskesmas' } },
      body: { contractVersion: '1.0.0' },
    });
    expect(pinned.response.status).toBe(201);
    expect(
      (await publish(await version('dinkes.puskesmas', '1.1.0', mode('none'), namaMaxLength(60)))).status,
    ).toBe(201);
    // Plain backward judges 1.2.0 against the latest agreed (1.1.0: no change) and against 1.0.0, pinned.
    const v3 = await version('dinkes.puskesmas', '1.2.0', namaMaxLength(60));
    const refused = await publish(v3);
    expect(refused).toMatchObject({ status: 422, code: 'contract_incompatible' });
    expect(refused.message).toContain('against 1.0.0 (1.0.0 still pinned by a dataset)');
    expect(refused.breakingChanges.map((c) => `${c.rule} ${c.path}`)).toEqual([
      'max-length-tightened /properties/nama',
    ]);
    const versions = await hub.admin.GET('/v1/contracts/{contractId}/versions', {
      params: { path: { contractId: 'dinkes.puskesmas' } },
    });
    expect(versions.data?.items.map((v) => v.version)).toEqual(['1.0.0', '1.1.0']);
  });

  it('agrees the same version of a contract no dataset is pinned to', async () => {
    expect((await publish(await version('dinkes.puskesmas', '1.0.0'))).status).toBe(201);
    expect(
      (await publish(await version('dinkes.puskesmas', '1.1.0', mode('none'), namaMaxLength(60)))).status,
    ).toBe(201);
    expect((await publish(await version('dinkes.puskesmas', '1.2.0', namaMaxLength(60)))).status).toBe(201);
  });
});
