// A client's signing keys: the public keys it signs its batches with (origin signatures).
import { importClientKey } from '../evidence/origin-signature';
import { HubProblem } from '../hub-problem';
import { json, type RouteTable } from '../request-context';
import type { ClientSigningKeyRow } from '../store';
import { requireClient } from './clients';

export const signingKeyRoutes = {
  async listClientSigningKeys(ctx) {
    const client = await requireClient(ctx.core.store, ctx.path.clientId);
    return json(ctx, 200, { items: await ctx.core.store.listClientSigningKeys(client.id) });
  },

  async putClientSigningKey(ctx) {
    const { store } = ctx.core;
    const client = await requireClient(store, ctx.path.clientId);
    const { kid } = ctx.path;
    const given = ctx.body.jwk as typeof ctx.body.jwk & { d?: unknown };
    if (given.d !== undefined) {
      throw new HubProblem(
        400,
        'bad_request',
        `The JWK of key ${kid} holds a private part (d); send only the public key (kty, crv, x) and keep the private key on the client's server.`,
      );
    }
    const jwk = { kty: given.kty, crv: given.crv, x: given.x };
    try {
      await importClientKey(jwk);
    } catch {
      throw new HubProblem(400, 'bad_request', `The JWK of key ${kid} is not a usable Ed25519 public key.`);
    }
    const row: ClientSigningKeyRow = { clientId: client.id, kid, jwk, createdAt: ctx.at };
    if (await store.putClientSigningKey(row)) return json(ctx, 201, row);
    const stored = (await store.listClientSigningKeys(client.id)).find((k) => k.kid === kid);
    if (stored && stored.jwk.x === jwk.x) return json(ctx, 200, stored);
    throw new HubProblem(
      409,
      'conflict',
      `Client ${client.id} already has another key under kid ${kid}; keys are never replaced (old signatures must still verify). Register the new key under a new kid.`,
    );
  },
} satisfies Partial<RouteTable>;
