// Signed receipts and the published key set, over a real loopback hub.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyReceipt } from '@tukar/client';
import type { ReceiptClaims, SigningKeySet } from '@tukar/spec';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/sqlite-store';
import {
  exampleContract,
  publishDataset,
  puskesmasRecords,
  registerClient,
  startHub,
  type TestHub,
} from './hub-fixture';

const hubs: TestHub[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function hubWithSimpus(options: Parameters<typeof startHub>[0] = {}) {
  const hub = await startHub(options);
  hubs.push(hub);
  await publishDataset(hub.admin, await exampleContract('dinkes.puskesmas'));
  const simpus = await registerClient(hub, 'ciamis/dinkes/simpus', { 'dinkes.puskesmas': ['read', 'write'] });
  return { hub, simpus };
}

async function keySet(hub: TestHub, path = '/.well-known/jwks.json'): Promise<SigningKeySet> {
  const answer = await fetch(`${hub.url}${path}`);
  expect(answer.status).toBe(200);
  return (await answer.json()) as SigningKeySet;
}

function push(hub: TestHub, apiKey: string, body: string, idempotencyKey: string): Promise<Response> {
  return fetch(`${hub.url}/v1/datasets/dinkes.puskesmas/records`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${apiKey}`,
      'content-type': 'application/json',
      'idempotency-key': idempotencyKey,
    },
    body,
  });
}

async function verified(receipt: unknown, jwks: unknown): Promise<ReceiptClaims> {
  expect(typeof receipt).toBe('string');
  const result = await verifyReceipt(receipt as string, jwks);
  if (!result.ok) throw new Error(`receipt does not verify: ${result.issue.place}: ${result.issue.message}`);
  return result.claims;
}

describe('signed receipts', () => {
  it('signs every committed push with what it did, verifiable offline with the published keys', async () => {
    const { hub, simpus } = await hubWithSimpus();
    const body = JSON.stringify({ upsert: puskesmasRecords(3) });
    const answer = await push(hub, simpus.apiKey, body, 'batch-0001');
    expect(answer.status).toBe(200);
    const result = (await answer.json()) as { receipt?: string; seq: number };
    const jwks = await keySet(hub);
    const claims = await verified(result.receipt, jwks);
    expect(claims).toMatchObject({
      typ: 'tukar-receipt/1',
      op: 'push',
      datasetId: 'dinkes.puskesmas',
      contractVersion: '1.0.0',
      seqFrom: 1,
      seqTo: 3,
      created: 3,
      updated: 0,
      unchanged: 0,
      deleted: 0,
      bodySha256: createHash('sha256').update(body).digest('hex'),
      idempotencyKey: 'batch-0001',
      clientId: 'ciamis/dinkes/simpus',
      kid: hub.running.hub.signingKeyId,
    });
    expect(Date.parse(claims.at)).toBeGreaterThan(Date.now() - 60_000);

    // A replay answers the same receipt; a batch that changes nothing gets an empty sequence range.
    const replay = (await (await push(hub, simpus.apiKey, body, 'batch-0001')).json()) as {
      receipt?: string;
    };
    expect(replay.receipt).toBe(result.receipt);
    const again = (await (await push(hub, simpus.apiKey, body, 'batch-0002')).json()) as { receipt?: string };
    expect(await verified(again.receipt, jwks)).toMatchObject({ seqFrom: 4, seqTo: 3, unchanged: 3 });
  });

  it('signs a record delete, and pushRecords hands the receipts of every batch to the caller', async () => {
    const { hub, simpus } = await hubWithSimpus();
    const pushed = await simpus.client.pushRecords('dinkes.puskesmas', puskesmasRecords(25), {
      batchSize: 10,
    });
    expect(pushed.receipts).toHaveLength(3);
    const jwks = await keySet(hub, '/v1/meta/jwks');
    const ranges = [];
    for (const receipt of pushed.receipts) {
      const claims = await verified(receipt, jwks);
      ranges.push([claims.seqFrom, claims.seqTo]);
    }
    // One receipt per batch, in input order (10, 10 and 5 records); batches sent at once may commit in
    // either order, so together, not one by one, they cover the sequence without a gap.
    expect(ranges.map((range) => range[1]! - range[0]! + 1)).toEqual([10, 10, 5]);
    expect([...ranges].sort((a, b) => a[0]! - b[0]!)).toEqual([
      [1, 10],
      [11, 20],
      [21, 25],
    ]);
    const key = String(puskesmasRecords(1)[0]?.['kode_puskesmas']);
    const deleted = await fetch(`${hub.url}/v1/datasets/dinkes.puskesmas/records/${key}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${simpus.apiKey}` },
    });
    const answer = (await deleted.json()) as { receipt?: string };
    expect(await verified(answer.receipt, jwks)).toMatchObject({
      op: 'delete',
      seqFrom: 26,
      seqTo: 26,
      deleted: 1,
      idempotencyKey: null,
      bodySha256: createHash('sha256').update(`DELETE ${key}`).digest('hex'),
    });
  });

  it('publishes public keys only, with kid, alg, use and validity; a rotation keeps old receipts verifiable', async () => {
    const { hub, simpus } = await hubWithSimpus();
    const before = await simpus.client.pushRecords('dinkes.puskesmas', puskesmasRecords(2));
    const oldKid = hub.running.hub.signingKeyId;
    const newKid = await hub.running.hub.rotateSigningKey();
    expect(newKid).not.toBe(oldKid);
    const after = await simpus.client.pushRecords('dinkes.puskesmas', puskesmasRecords(2, 100));

    const jwks = await keySet(hub);
    expect(jwks.keys.map((k) => k.kid)).toEqual([newKid, oldKid]);
    for (const key of jwks.keys) {
      expect(Object.keys(key).sort()).toEqual(
        [
          'alg',
          'crv',
          'kid',
          'kty',
          'use',
          'validFrom',
          'x',
          ...(key.kid === oldKid ? ['validUntil'] : []),
        ].sort(),
      );
      expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    }
    expect(jwks.keys[1]?.validUntil).toBe(jwks.keys[0]?.validFrom);
    expect(await verified(before.receipts[0], jwks)).toMatchObject({ kid: oldKid });
    expect(await verified(after.receipts[0], jwks)).toMatchObject({ kid: newKid });
    // Without the old key in the set, the old receipt is refused, naming the unknown kid.
    const onlyNew = { keys: jwks.keys.filter((k) => k.kid === newKid) };
    expect(await verifyReceipt(before.receipts[0] as string, onlyNew)).toMatchObject({
      ok: false,
      issue: { code: 'unknown_kid', place: 'header' },
    });
  });

  it('keeps a generated key in the store across restarts and never logs it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tukar-keys-'));
    dirs.push(dir);
    const lines: string[] = [];
    const log = (line: object) => lines.push(JSON.stringify(line));
    const first = await startHub({ store: await openSqliteStore({ file: join(dir, 'hub.db') }), log });
    const kid = first.running.hub.signingKeyId;
    const firstSet = await keySet(first);
    await first.close();
    const second = await startHub({ store: await openSqliteStore({ file: join(dir, 'hub.db') }), log });
    hubs.push(second);
    expect(second.running.hub.signingKeyId).toBe(kid);
    expect(await keySet(second)).toEqual(firstSet);
    const stored = await second.store.listSecrets('signing-key/');
    const privatePart = (JSON.parse(stored[0]?.value ?? '{}') as { privateJwk?: { d?: string } }).privateJwk
      ?.d;
    expect(privatePart).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(lines.join('\n')).not.toContain(privatePart);
    expect(JSON.stringify(firstSet)).not.toContain(privatePart);
  });

  it('signs with a configured PEM key and publishes it; a bad key is refused without showing it', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const x = (publicKey.export({ format: 'jwk' }) as { x: string }).x;
    const { hub, simpus } = await hubWithSimpus({ signingKey: pem });
    const jwks = await keySet(hub);
    expect(jwks.keys.map((k) => k.x)).toEqual([x]);
    const pushed = await simpus.client.pushRecords('dinkes.puskesmas', puskesmasRecords(1));
    expect(await verified(pushed.receipts[0], jwks)).toMatchObject({ created: 1 });
    expect(JSON.stringify(await hub.store.listSecrets('signing-key/'))).not.toContain('"d"');

    // An X25519 key is a PKCS#8 PEM but no signing key: refused, naming the formats, not the key.
    const wrong = generateKeyPairSync('x25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const refused = startHub({ signingKey: wrong });
    await expect(refused).rejects.toThrow(/neither an Ed25519 private JWK .* nor a PKCS#8 PEM/);
    const message = await refused.then(
      () => '',
      (error: Error) => error.message,
    );
    expect(message).not.toContain(wrong.split('\n')[1]);
  });
});
