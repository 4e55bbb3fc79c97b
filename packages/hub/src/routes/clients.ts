import type { Schemas } from '@tukar/spec';
import { generateApiKey, hashApiKey } from '../api-key';
import { newId } from '../crypto-helpers';
import { HubProblem } from '../hub-problem';
import { json, type RouteTable } from '../request-context';
import type { ApiKeyRow, ClientRow, Store } from '../store';
import { requireDataset } from './dataset-helpers';
import { signingKeyRoutes } from './signing-keys';

export async function requireClient(store: Store, id: string): Promise<ClientRow> {
  const row = await store.getClient(id);
  if (!row) throw new HubProblem(404, 'not_found', `Client ${id} is not registered.`);
  return row;
}

/** A key as the API lists it: never its hash. */
function toKeyInfo(row: ApiKeyRow): Schemas['ApiKeyInfo'] {
  return {
    keyId: row.keyId,
    prefix: row.prefix,
    ...(row.label !== null && { label: row.label }),
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
    expiresAt: row.expiresAt,
  };
}

export const clientRoutes = {
  async listClients(ctx) {
    return json(ctx, 200, { items: await ctx.core.store.listClients() });
  },

  async createClient(ctx) {
    const input = ctx.body;
    const row: ClientRow = {
      id: input.id,
      name: input.name,
      opd: input.opd,
      role: input.role ?? 'client',
      ...(input.person !== undefined && { person: input.person }),
      createdAt: ctx.at,
      disabled: false,
    };
    if (!(await ctx.core.store.createClient(row))) {
      throw new HubProblem(409, 'conflict', `Client ${input.id} is already registered.`);
    }
    return json(ctx, 201, row, { location: `/v1/clients/${encodeURIComponent(row.id)}` });
  },

  async getClient(ctx) {
    return json(ctx, 200, await requireClient(ctx.core.store, ctx.path.clientId));
  },

  async listApiKeys(ctx) {
    const client = await requireClient(ctx.core.store, ctx.path.clientId);
    return json(ctx, 200, { items: (await ctx.core.store.listApiKeys(client.id)).map(toKeyInfo) });
  },

  async issueApiKey(ctx) {
    const client = await requireClient(ctx.core.store, ctx.path.clientId);
    const input = ctx.body ?? {};
    if (input.expiresAt !== undefined && Date.parse(input.expiresAt) <= Date.parse(ctx.at)) {
      throw new HubProblem(
        400,
        'bad_request',
        `expiresAt ${input.expiresAt} is in the past; give a future time or omit it.`,
      );
    }
    const apiKey = generateApiKey();
    const row: ApiKeyRow = {
      keyId: newId('key'),
      clientId: client.id,
      prefix: apiKey.slice(0, 8),
      hash: hashApiKey(apiKey),
      label: input.label ?? null,
      createdAt: ctx.at,
      lastUsedAt: null,
      revokedAt: null,
      expiresAt: input.expiresAt === undefined ? null : new Date(input.expiresAt).toISOString(),
    };
    if (!(await ctx.core.store.createApiKey(row)))
      throw new Error('A freshly generated API key collided with a stored one.');
    return json(ctx, 201, { ...toKeyInfo(row), apiKey }, { 'cache-control': 'no-store' });
  },

  async revokeApiKey(ctx) {
    const { clientId, keyId } = ctx.path;
    await requireClient(ctx.core.store, clientId);
    if (!(await ctx.core.store.revokeApiKey(clientId, keyId, ctx.at))) {
      throw new HubProblem(404, 'not_found', `Client ${clientId} has no API key ${keyId}.`);
    }
    ctx.core.apiKeys.forgetKey(keyId);
    const row = (await ctx.core.store.listApiKeys(clientId)).find((k) => k.keyId === keyId) as ApiKeyRow;
    return json(ctx, 200, toKeyInfo(row));
  },

  ...signingKeyRoutes,

  async listGrants(ctx) {
    const client = await requireClient(ctx.core.store, ctx.path.clientId);
    return json(ctx, 200, { items: await ctx.core.store.listGrants(client.id) });
  },

  async putGrant(ctx) {
    const { clientId, datasetId } = ctx.path;
    const { store } = ctx.core;
    await requireClient(store, clientId);
    await requireDataset(store, datasetId);
    const { access } = ctx.body;
    const row = { clientId, datasetId, access: [...access].sort(), grantedAt: ctx.at };
    await store.putGrant(row);
    return json(ctx, 200, row);
  },

  async revokeGrant(ctx) {
    const { clientId, datasetId } = ctx.path;
    await requireClient(ctx.core.store, clientId);
    if (!(await ctx.core.store.deleteGrant(clientId, datasetId))) {
      throw new HubProblem(404, 'not_found', `Client ${clientId} has no grant on dataset ${datasetId}.`);
    }
    return new Response(null, { status: 204 });
  },
} satisfies Partial<RouteTable>;
