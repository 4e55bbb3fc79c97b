import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY_CACHE_TTL_MS } from '../src/api-key-cache';
import { openSqliteStore } from '../src/sqlite-store';
import { registerClient, startHub, type TestHub } from './hub-fixture';

// Two hub instances on one store (a SQLite file), as two processes behind a load balancer share one
// database, each with its own cache; they share a clock the test moves.
const dir = mkdtempSync(join(tmpdir(), 'tukar-key-cache-'));
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);
let revoking: TestHub;
let other: TestHub;
let uncached: TestHub;

beforeAll(async () => {
  const store = await openSqliteStore({ file: join(dir, 'hub.db') });
  revoking = await startHub({ store, now });
  other = await startHub({ store, now });
  uncached = await startHub({ store, now, apiKeyCacheTtlMs: 0 });
});
afterAll(async () => {
  await Promise.all([revoking?.close(), other?.close(), uncached?.close()]);
  await revoking?.store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function whoami(hub: TestHub, apiKey: string): Promise<{ status: number; detail?: string }> {
  const response = await fetch(`${hub.url}/v1/meta/whoami`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  const body = (await response.json()) as { detail?: string };
  return { status: response.status, detail: body.detail };
}

describe('API keys looked up recently (cached for apiKeyCacheTtlMs, 5 s by default)', () => {
  it('refuses a revoked key at once on the instance that revoked it, and on another within the TTL', async () => {
    const victim = await registerClient(revoking, 'ciamis/dinkes/simpus');
    // Both instances have looked the key up, so both hold it.
    expect((await whoami(revoking, victim.apiKey)).status).toBe(200);
    expect((await whoami(other, victim.apiKey)).status).toBe(200);

    await revoking.admin.unwrap(
      revoking.admin.DELETE('/v1/clients/{clientId}/keys/{keyId}', {
        params: { path: { clientId: 'ciamis/dinkes/simpus', keyId: victim.keyId } },
      }),
    );
    const refused = await whoami(revoking, victim.apiKey);
    expect(refused.status).toBe(401);
    expect(refused.detail).toMatch(new RegExp(`${victim.keyId} was revoked`));

    // The other instance learns of it when what it read is older than the TTL, and not later.
    offsetMs += API_KEY_CACHE_TTL_MS;
    const elsewhere = await whoami(other, victim.apiKey);
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.detail).toMatch(new RegExp(`${victim.keyId} was revoked`));
  });

  it('refuses a revoked key on every instance at once when apiKeyCacheTtlMs is 0', async () => {
    const victim = await registerClient(revoking, 'ciamis/dinsos/siks');
    expect((await whoami(uncached, victim.apiKey)).status).toBe(200);
    await revoking.admin.unwrap(
      revoking.admin.DELETE('/v1/clients/{clientId}/keys/{keyId}', {
        params: { path: { clientId: 'ciamis/dinsos/siks', keyId: victim.keyId } },
      }),
    );
    expect((await whoami(uncached, victim.apiKey)).status).toBe(401);
  });

  it('refuses an apiKeyCacheTtlMs that is not a number of milliseconds ≥ 0, naming it', async () => {
    await expect(startHub({ store: revoking.store, apiKeyCacheTtlMs: -1 })).rejects.toThrow(
      /`apiKeyCacheTtlMs` must be a number of milliseconds ≥ 0, got -1/,
    );
  });

  it('takes a key issued through one instance on another at once (unknown keys are not remembered)', async () => {
    const unknownYet = await registerClient(revoking, 'ciamis/bappeda/satudata');
    expect((await whoami(other, unknownYet.apiKey)).status).toBe(200);
  });
});
