import { type Contract, checkCompatibility, compareVersions } from '@tukar/contracts';
import { HUB_LIMITS } from '@tukar/spec';
import { mayAccess } from '../access-control';
import { HubProblem } from '../hub-problem';
import { maskRecordKey } from '../mask-record-key';
import { knownStore } from '../metadata-access';
import { decodeCursor, encodeCursor, isAfterCursor } from '../page-cursor';
import { callerOf, json, type RouteTable } from '../request-context';
import type { DatasetRow } from '../store';
import { requireContractVersion, toBreakingChanges } from './contract-versions';
import { compiledContractOf, requireDataset, toDataset } from './dataset-helpers';
import { datasetOpenApi } from './dataset-openapi';

/** How many stored records a re-pin checks against the new version at most before answering. */
const REPIN_PAGE = 1000;

export const datasetRoutes = {
  async listDatasets(ctx) {
    const caller = callerOf(ctx);
    const limit = ctx.query.limit ?? HUB_LIMITS.defaultPageSize;
    const after = decodeCursor(ctx.query.cursor, isAfterCursor)?.k;
    const visible: DatasetRow[] = [];
    for (const row of await ctx.core.store.listDatasets()) {
      if (after !== undefined && row.id <= after) continue;
      if (caller.client.role === 'admin' || (await mayAccess(caller, row, 'read'))) visible.push(row);
      if (visible.length > limit) break;
    }
    const page = visible.slice(0, limit);
    const last = page.at(-1);
    return json(ctx, 200, {
      items: page.map(toDataset),
      nextCursor: visible.length > limit && last ? encodeCursor({ k: last.id }) : null,
    });
  },

  async getDataset(ctx) {
    const row = await requireDataset(knownStore(ctx), ctx.path.datasetId);
    const caller = callerOf(ctx);
    if (!(await mayAccess(caller, row, 'read')) && !(await mayAccess(caller, row, 'write'))) {
      throw new HubProblem(
        403,
        'forbidden',
        `Client ${caller.client.id} has no grant on dataset ${row.id} ("${row.classification}").`,
      );
    }
    return json(ctx, 200, toDataset(row));
  },

  async getDatasetOpenApi(ctx) {
    const row = await requireDataset(knownStore(ctx), ctx.path.datasetId);
    const caller = callerOf(ctx);
    if (!(await mayAccess(caller, row, 'read')) && !(await mayAccess(caller, row, 'write'))) {
      throw new HubProblem(
        403,
        'forbidden',
        `Client ${caller.client.id} has no grant on dataset ${row.id} ("${row.classification}").`,
      );
    }
    const { contract } = await compiledContractOf(ctx.core.store, row);
    return json(ctx, 200, datasetOpenApi(row.id, contract));
  },

  async putDataset(ctx) {
    const { datasetId } = ctx.path;
    const { contractVersion } = ctx.body;
    const { store } = ctx.core;
    const version = await requireContractVersion(store, datasetId, contractVersion);
    if (version.status !== 'agreed') {
      throw new HubProblem(
        409,
        'conflict',
        `Contract ${datasetId} ${contractVersion} is ${version.status}; a dataset can only be pinned to an agreed version.`,
      );
    }
    const pinned = {
      contractVersion,
      classification: version.document.classification,
      updateFrequency: version.document.updateFrequency,
    };
    const existing = await store.getDataset(datasetId);
    if (!existing) {
      const row: DatasetRow = {
        id: datasetId,
        contractId: datasetId,
        ...pinned,
        createdAt: ctx.at,
        lastSeq: 0,
        recordCount: 0,
        lastChangeAt: null,
      };
      if (!(await store.createDataset(row)))
        throw new HubProblem(
          409,
          'conflict',
          `Dataset ${datasetId} was created by another request meanwhile.`,
        );
      return json(ctx, 201, toDataset(row), { location: `/v1/datasets/${datasetId}` });
    }
    if (existing.contractVersion === contractVersion) return json(ctx, 200, toDataset(existing));
    if (compareVersions(contractVersion, existing.contractVersion) < 0) {
      throw new HubProblem(
        409,
        'conflict',
        `Dataset ${datasetId} is pinned to ${existing.contractVersion}; it can only move to a newer version, not ${contractVersion}.`,
      );
    }
    const current = await requireContractVersion(store, datasetId, existing.contractVersion);
    const { compatible, violations } = checkCompatibility(
      current.document as Contract,
      version.document as Contract,
      'backward',
    );
    if (!compatible) {
      throw new HubProblem(
        422,
        'contract_incompatible',
        `Contract ${datasetId} ${contractVersion} cannot read the records stored under ${existing.contractVersion}: ${violations
          .slice(0, 3)
          .map((v) => v.message)
          .join('; ')}.`,
        { breakingChanges: toBreakingChanges(violations) },
      );
    }
    // The diff says compatible; the stored records must also pass the new version (formats, patterns).
    const compiled = await compiledContractOf(store, { ...existing, ...pinned });
    for (let after: string | undefined; ; ) {
      const page = await store.listRecords(datasetId, { after, limit: REPIN_PAGE });
      for (const record of page) {
        const value: unknown = JSON.parse(record.json);
        if (!compiled.check(value)) {
          const issue = compiled.validate(value)[0];
          throw new HubProblem(
            422,
            'validation_failed',
            `Stored record ${maskRecordKey(compiled, record.key)} does not pass ${datasetId} ${contractVersion}${issue ? `: ${issue.message}` : ''}; fix the records before re-pinning.`,
          );
        }
      }
      if (page.length < REPIN_PAGE) break;
      after = page.at(-1)?.key;
    }
    if (!(await store.repinDataset(datasetId, existing.contractVersion, pinned))) {
      throw new HubProblem(
        409,
        'conflict',
        `Dataset ${datasetId} was re-pinned by another request meanwhile.`,
      );
    }
    return json(ctx, 200, toDataset({ ...existing, ...pinned }));
  },
} satisfies Partial<RouteTable>;
