// provisionHub (@tukar/client): the one typed helper that sets contracts, datasets, clients, keys and
// grants up through a real hub's admin API.
import { createHubClient, HubError, ProvisionError, provisionHub } from '@tukar/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleContract, puskesmasRecords, startHub, type TestHub } from '../packages/hub/test/hub-fixture';

describe('provisionHub against a real hub', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(() => hub.close());

  it('publishes, creates, registers, issues and grants in order; the keys work with their grants', async () => {
    const puskesmas = await exampleContract('dinkes.puskesmas');
    const made = await provisionHub(hub.admin, {
      contracts: [{ ...puskesmas, status: 'deprecated' }],
      datasets: [{ id: 'dinkes.puskesmas', contractVersion: puskesmas.version }],
      clients: [
        { id: 'ciamis/dinkes/simpus', name: 'SIMPUS', keyLabel: 'simpus-produksi' },
        { id: 'ciamis/bappeda/sipd', keyLabel: false },
      ],
      keys: [{ clientId: 'ciamis/bappeda/sipd', label: 'sipd-produksi' }],
      grants: [
        { clientId: 'ciamis/dinkes/simpus', datasetId: 'dinkes.puskesmas', access: ['read', 'write'] },
        { clientId: 'ciamis/bappeda/sipd', datasetId: 'dinkes.puskesmas', access: ['read'] },
      ],
    });
    // A deprecated document is published agreed, its dataset pinned, then moved.
    expect(made.contracts.map((c) => c.status)).toEqual(['deprecated']);
    expect(made.datasets.map((d) => [d.id, d.contractVersion])).toEqual([
      ['dinkes.puskesmas', puskesmas.version],
    ]);
    expect(made.clients.map((c) => [c.id, c.name, c.opd, c.role])).toEqual([
      ['ciamis/dinkes/simpus', 'SIMPUS', 'dinkes', 'client'],
      ['ciamis/bappeda/sipd', 'ciamis/bappeda/sipd', 'bappeda', 'client'],
    ]);
    expect(Object.keys(made.keys).sort()).toEqual(['ciamis/bappeda/sipd', 'ciamis/dinkes/simpus']);
    expect(made.grants.map((g) => g.access)).toEqual([['read', 'write'], ['read']]);

    const simpus = createHubClient({
      baseUrl: hub.url,
      apiKey: made.keys['ciamis/dinkes/simpus']!.apiKey,
      retry: false,
    });
    const pushed = await simpus.pushRecords('dinkes.puskesmas', puskesmasRecords(2));
    expect(pushed.created).toBe(2);
    const sipd = createHubClient({
      baseUrl: hub.url,
      apiKey: made.keys['ciamis/bappeda/sipd']!.apiKey,
      retry: false,
    });
    const refused = await sipd.pushRecords('dinkes.puskesmas', puskesmasRecords(1)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HubError);
    expect((refused as HubError).status).toBe(403);
  });

  it('names the refused step and keeps the hub answer; steps before it stay done', async () => {
    const error = await provisionHub(hub.admin, {
      clients: [{ id: 'ciamis/disdik/sekolah', keyLabel: false }, { id: 'Ciamis/Bad Id' }],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProvisionError);
    const refused = error as ProvisionError;
    expect(refused.step).toEqual({ part: 'clients', index: 1, what: 'register client Ciamis/Bad Id' });
    expect(refused.status).toBe(400);
    expect(refused.message.split('\n')[0]).toMatch(
      /^POST http:\/\/127\.0\.0\.1:\d+\/v1\/clients → 400 register client Ciamis\/Bad Id \(clients\[1\]\) was refused$/,
    );
    const kept = await hub.admin.unwrap(
      hub.admin.GET('/v1/clients/{clientId}', { params: { path: { clientId: 'ciamis/disdik/sekolah' } } }),
    );
    expect(kept.id).toBe('ciamis/disdik/sekolah');
  });
});
