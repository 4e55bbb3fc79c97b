import { createHubClient } from '@tukar/client';
import { type Contract, contractSchema } from '@tukar/contracts';

/**
 * The contract version each dataset is pinned to on a hub (what its records are checked against now),
 * read with the client: `GET /v1/datasets/{id}`, then that contract version's document.
 */
export async function pinnedContracts(
  baseUrl: string,
  apiKey: string,
  datasetIds: readonly string[],
): Promise<Contract[]> {
  const hub = createHubClient({ baseUrl, apiKey });
  const contracts: Contract[] = [];
  for (const datasetId of datasetIds) {
    const dataset = await hub.unwrap(
      hub.GET('/v1/datasets/{datasetId}', { params: { path: { datasetId } } }),
    );
    const stored = await hub.unwrap(
      hub.GET('/v1/contracts/{contractId}/versions/{version}', {
        params: { path: { contractId: dataset.contractId, version: dataset.contractVersion } },
      }),
    );
    contracts.push(contractSchema.parse(stored.document));
  }
  return contracts;
}
