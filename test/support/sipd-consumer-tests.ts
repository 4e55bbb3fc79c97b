// SIPD (Bappeda Ciamis) as an OPD consumer of the hub: it reads the puskesmas records and their
// changes, and writes nothing. Its consumer tests, run against the Pact mock, for the end-to-end tests
// that need an OPD's pact.
import type { Contract } from '@tukar/contracts';
import { type hubPact, readChangesInteraction, readRecordsInteraction, withHubClient } from '@tukar/pact';
import { expect } from 'vitest';

/** Runs SIPD's two read interactions on `pact`, which writes them to its pact file. */
export async function runSipdConsumerTests(
  pact: ReturnType<typeof hubPact>,
  contract: Contract,
): Promise<void> {
  await readRecordsInteraction(pact, { contract, clientId: 'ciamis/bappeda/sipd' }).executeTest(
    withHubClient(async (client) => {
      for await (const stored of client.listRecords('dinkes.puskesmas'))
        expect(stored.record).toHaveProperty('nama');
    }),
  );
  await readChangesInteraction(pact, { contract, clientId: 'ciamis/bappeda/sipd' }).executeTest(
    withHubClient(async (client) => {
      for await (const change of client.pullChanges('dinkes.puskesmas')) expect(change.op).toBe('upsert');
    }),
  );
}
