// A hub process with one dataset (dinkes.puskesmas) filled with `total` records, for the read benches.
import { createHubClient } from '@tukar/client';
import { exampleContract, publishDataset, puskesmasRecords } from '../packages/hub/test/hub-fixture';

/** Publishes the dataset and pushes `total` records in batches of 5,000. */
export async function fillHub(url: string, adminKey: string, total: number): Promise<void> {
  await publishDataset(
    createHubClient({ baseUrl: url, apiKey: adminKey }),
    await exampleContract('dinkes.puskesmas'),
  );
  for (let offset = 0; offset < total; offset += 5_000) {
    const response = await fetch(`${url}/v1/datasets/dinkes.puskesmas/records`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${adminKey}`,
        'content-type': 'application/json',
        'idempotency-key': `fill-${offset}-abcdef`,
      },
      body: JSON.stringify({ upsert: puskesmasRecords(Math.min(5_000, total - offset), offset) }),
    });
    if (response.status !== 200)
      throw new Error(`filling the hub: ${response.status} ${await response.text()}`);
  }
}

/** The key of the `n`-th record of `puskesmasRecords`. */
export const recordKey = (n: number) => `P${String(3207000000 + n).padStart(10, '0')}`;
