import { type CompiledContract, type Contract, compileContract } from '@tukar/contracts';
import type { Schemas } from '@tukar/spec';
import { HubProblem } from '../hub-problem';
import type { DatasetRow, Store } from '../store';

const compiled = new Map<string, CompiledContract>();
const MAX_COMPILED = 128;

/** A dataset or 404 naming it. */
export async function requireDataset(store: Store, id: string): Promise<DatasetRow> {
  const row = await store.getDataset(id);
  if (!row)
    throw new HubProblem(
      404,
      'not_found',
      `Dataset ${id} does not exist; the administrator creates it with PUT /v1/datasets/${id}.`,
    );
  return row;
}

/** The dataset's pinned contract, compiled once per version and content. */
export async function compiledContractOf(store: Store, dataset: DatasetRow): Promise<CompiledContract> {
  const row = await store.getContractVersion(dataset.contractId, dataset.contractVersion);
  if (!row) {
    throw new Error(
      `Dataset ${dataset.id} is pinned to ${dataset.contractId} ${dataset.contractVersion}, which is not stored.`,
    );
  }
  const cacheKey = `${row.contractId}@${row.version}#${row.sha256}`;
  let hit = compiled.get(cacheKey);
  if (!hit) {
    hit = compileContract(row.document as Contract);
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value as string);
    compiled.set(cacheKey, hit);
  }
  return hit;
}

/** A dataset as the API shows it. */
export function toDataset(row: DatasetRow): Schemas['Dataset'] {
  return {
    id: row.id,
    contractId: row.contractId,
    contractVersion: row.contractVersion,
    classification: row.classification,
    recordCount: row.recordCount,
    lastSeq: row.lastSeq,
    lastChangeAt: row.lastChangeAt,
    createdAt: row.createdAt,
    updateFrequency: row.updateFrequency,
  };
}
