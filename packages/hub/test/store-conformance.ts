import { afterAll, afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '../src/store';
import { describeAuditStoreConformance } from './store-conformance/audit';
import { describeBatchConformance } from './store-conformance/batches';
import { describeCheckpointTimestampConformance } from './store-conformance/checkpoint-timestamps';
import { describeClientStoreConformance } from './store-conformance/clients-and-keys';
import { describeContractStoreConformance } from './store-conformance/contracts';
import { describeDatasetStoreConformance } from './store-conformance/datasets-and-records';
import { describeIntegrationStoreConformance } from './store-conformance/integrations-and-reports';
import { describeSecretsConformance } from './store-conformance/secrets';
import { describeSettingsConformance } from './store-conformance/settings';
import { describeSigningKeyConformance } from './store-conformance/signing-keys';
import { describeStoreWideConformance } from './store-conformance/store-wide';

export { contractVersion, dataset, integration } from './store-conformance/fixtures';

/**
 * The behaviour every {@link Store} shares, as a vitest suite: the memory store is the reference, and
 * the SQLite and PostgreSQL stores must answer exactly as it does. One part per concern of the store
 * (`store-conformance/*.ts`), each typed by the part of `Store` it holds to.
 *
 * @param name names the store in the suite's title.
 * @param open opens a fresh, empty store; it is called before every test and the store is closed after it.
 * @param cleanup runs once after the suite (remove temp files, drop schemas).
 *
 * @example
 * ```ts
 * import { createMemoryStore } from '../src/memory-store';
 * import { describeStoreConformance } from './store-conformance';
 *
 * describeStoreConformance('memory store', async () => createMemoryStore());
 * ```
 */
export function describeStoreConformance(
  name: string,
  open: () => Promise<Store>,
  cleanup?: () => Promise<void>,
): void {
  describe(`${name} conforms to the Store contract`, () => {
    let store: Store;
    const opened: Store[] = [];
    beforeEach(async () => {
      store = await open();
      opened.push(store);
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });
    if (cleanup) afterAll(cleanup);
    const current = () => store;
    describeStoreWideConformance(current);
    describeContractStoreConformance(current);
    describeDatasetStoreConformance(current);
    describeBatchConformance(current);
    describeClientStoreConformance(current);
    describeIntegrationStoreConformance(current);
    describeAuditStoreConformance(current);
    describeSecretsConformance(current);
    describeSettingsConformance(current);
    describeSigningKeyConformance(current);
    describeCheckpointTimestampConformance(current);
  });
}
