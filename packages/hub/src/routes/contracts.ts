import { compareVersions, parseContract } from '@tukar/contracts';
import { HUB_LIMITS, type Schemas } from '@tukar/spec';
import { HubProblem } from '../hub-problem';
import { knownStore } from '../metadata-access';
import { decodeCursor, encodeCursor, isAfterCursor } from '../page-cursor';
import { json, type RouteTable } from '../request-context';
import type { ContractVersionRow } from '../store';
import {
  contractSha256,
  latestVersion,
  requireCompatible,
  requireContractVersion,
  toContractVersion,
} from './contract-versions';

type Status = Schemas['ContractStatus'];

/** The lifecycle of a version: what each status may move to. */
const NEXT_STATUS: Record<Status, readonly Status[]> = {
  draft: ['agreed', 'retired'],
  agreed: ['deprecated'],
  deprecated: ['retired'],
  retired: [],
};

function summary(id: string, versions: ContractVersionRow[]): Schemas['ContractSummary'] {
  const latestAgreed = latestVersion(versions, ['agreed']);
  const shown =
    latestAgreed ??
    latestVersion(versions, ['agreed', 'deprecated', 'draft', 'retired']) ??
    (versions[0] as ContractVersionRow);
  let updatedAt = shown.publishedAt;
  for (const v of versions) {
    for (const at of [v.publishedAt, v.statusChangedAt]) if (at > updatedAt) updatedAt = at;
  }
  return {
    id,
    title: shown.document.title,
    owner: shown.document.owner,
    classification: shown.document.classification,
    latestVersion: latestAgreed?.version ?? null,
    versions: versions.length,
    updatedAt,
  };
}

export const contractRoutes = {
  async listContracts(ctx) {
    const limit = ctx.query.limit ?? HUB_LIMITS.defaultPageSize;
    const after = decodeCursor(ctx.query.cursor, isAfterCursor)?.k;
    const status = ctx.query.status;
    const ids = await ctx.core.store.listContractIds({ after, limit: limit + 1, status });
    const pageIds = ids.slice(0, limit);
    const known = await Promise.all(
      pageIds.map(async (id) => [id, await knownStore(ctx).listContractVersions(id)] as const),
    );
    const items = known
      .filter(([, versions]) => versions.length > 0)
      .map(([id, versions]) => summary(id, versions));
    const last = pageIds.at(-1);
    return json(ctx, 200, {
      items,
      nextCursor: ids.length > limit && last !== undefined ? encodeCursor({ k: last }) : null,
    });
  },

  async getContract(ctx) {
    const { contractId } = ctx.path;
    const versions = await knownStore(ctx).listContractVersions(contractId);
    if (versions.length === 0)
      throw new HubProblem(404, 'not_found', `Contract ${contractId} does not exist.`);
    const latest = latestVersion(versions, ['agreed']);
    if (!latest) {
      throw new HubProblem(
        404,
        'not_found',
        `Contract ${contractId} has no agreed version yet (versions: ${versions.map((v) => `${v.version} ${v.status}`).join(', ')}).`,
      );
    }
    return json(ctx, 200, toContractVersion(latest));
  },

  async listContractVersions(ctx) {
    const { contractId } = ctx.path;
    const versions = await knownStore(ctx).listContractVersions(contractId);
    if (versions.length === 0)
      throw new HubProblem(404, 'not_found', `Contract ${contractId} does not exist.`);
    const sorted = [...versions].sort((a, b) => compareVersions(a.version, b.version));
    return json(ctx, 200, {
      items: sorted.map(({ version, status, publishedAt, sha256 }) => ({
        version,
        status,
        publishedAt,
        sha256,
      })),
    });
  },

  async getContractVersion(ctx) {
    const { contractId, version } = ctx.path;
    return json(
      ctx,
      200,
      toContractVersion(await requireContractVersion(knownStore(ctx), contractId, version)),
    );
  },

  async putContractVersion(ctx) {
    const { contractId, version } = ctx.path;
    const document = ctx.body;
    if (document.contract !== contractId || document.version !== version) {
      throw new HubProblem(
        400,
        'bad_request',
        `The body is contract ${document.contract} ${document.version} but the path names ${contractId} ${version}; they must be equal.`,
      );
    }
    const parsed = parseContract(new TextDecoder().decode(ctx.rawBody), {
      filename: `${contractId}@${version}`,
    });
    if (!parsed.ok) {
      throw new HubProblem(
        400,
        'contract_invalid',
        `Contract ${contractId} ${version} is not valid: ${parsed.problems
          .slice(0, 3)
          .map((p) => `${p.path || '/'}: ${p.message}`)
          .join('; ')}.`,
        {
          errors: parsed.problems.map((p) => ({
            index: 0,
            op: 'upsert' as const,
            path: p.path,
            code: p.code,
            message: p.message,
          })),
        },
      );
    }
    if (document.status === 'deprecated' || document.status === 'retired') {
      throw new HubProblem(
        400,
        'bad_request',
        `Publish a version as "draft" or "agreed"; "${document.status}" is reached through POST …/versions/${version}/status.`,
      );
    }
    const { store } = ctx.core;
    const sha256 = await contractSha256(document);
    const existing = await store.getContractVersion(contractId, version);
    if (existing && existing.sha256 === sha256) return json(ctx, 200, toContractVersion(existing));
    if (existing && existing.status !== 'draft') {
      throw new HubProblem(
        409,
        'contract_immutable',
        `Contract ${contractId} ${version} is ${existing.status} and cannot change (stored SHA-256 ${existing.sha256}, this body ${sha256}). Publish the change as a new version.`,
      );
    }
    const row: ContractVersionRow = {
      contractId,
      version,
      status: document.status,
      sha256,
      document,
      publishedAt: existing?.publishedAt ?? ctx.at,
      statusChangedAt: ctx.at,
    };
    if (row.status === 'agreed') await requireCompatible(store, row);
    if (!(await store.putContractVersion(row, existing?.sha256 ?? null))) {
      throw new HubProblem(
        409,
        'conflict',
        `Contract ${contractId} ${version} was changed by another request at the same time; send it again.`,
      );
    }
    const location = `/v1/contracts/${contractId}/versions/${version}`;
    return existing
      ? json(ctx, 200, toContractVersion(row))
      : json(ctx, 201, toContractVersion(row), { location });
  },

  async setContractVersionStatus(ctx) {
    const { contractId, version } = ctx.path;
    const { status } = ctx.body;
    const { store } = ctx.core;
    const row = await requireContractVersion(store, contractId, version);
    if (row.status === status) return json(ctx, 200, toContractVersion(row));
    if (!NEXT_STATUS[row.status].includes(status)) {
      const allowed = NEXT_STATUS[row.status];
      throw new HubProblem(
        409,
        'invalid_transition',
        `Contract ${contractId} ${version} is ${row.status}; it can move to ${allowed.length ? allowed.join(' or ') : 'nothing (final)'}, not to ${status}.`,
      );
    }
    if (status === 'agreed') await requireCompatible(store, { ...row, status });
    if (!(await store.setContractVersionStatus(contractId, version, row.status, status, ctx.at))) {
      throw new HubProblem(
        409,
        'conflict',
        `Contract ${contractId} ${version} changed status meanwhile; read it and try again.`,
      );
    }
    return json(ctx, 200, toContractVersion({ ...row, status, statusChangedAt: ctx.at }));
  },
} satisfies Partial<RouteTable>;
