// The example of the README, as an OPD developer writes it: three lines to a working hub.
import { createHubClient } from '@tukar/client';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mockHub } from '../src/index';
import { exampleContract, puskesmas as puskesmasRecords } from './fixture';

const puskesmas = await exampleContract('dinkes.puskesmas');
const records = puskesmasRecords(25);

const hub = await mockHub({
  contracts: [puskesmas],
  clients: { 'ciamis/dinkes/simpus': { grants: { 'dinkes.puskesmas': ['read', 'write'] } } },
});
const server = setupServer(...hub.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

it('sends the puskesmas list to the hub', async () => {
  const client = createHubClient({ baseUrl: hub.baseUrl, apiKey: hub.keys['ciamis/dinkes/simpus'] });
  await expect(client.pushRecords('dinkes.puskesmas', records)).resolves.toMatchObject({
    created: records.length,
  });
  expect((await hub.store.getDataset('dinkes.puskesmas'))?.recordCount).toBe(records.length);
});
