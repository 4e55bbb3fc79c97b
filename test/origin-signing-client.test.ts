// The client signs its batches (`sign: batchSigner(…)` from @tukar/client/sign, WebCrypto Ed25519) and a
// real hub on a loopback port checks and keeps the signatures.
import { createHubClient, PushRecordsError, provisionHub, verifyReceipt } from '@tukar/client';
import { batchSigner } from '@tukar/client/sign';
import { verifyAuditEvidence } from '@tukar/hub';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  exampleContract,
  publishDataset,
  puskesmasRecords,
  registerClient,
  startHub,
  type TestHub,
} from '../packages/hub/test/hub-fixture';

const dataset = 'dinkes.puskesmas';
const SIMPUS = 'ciamis/dinkes/simpus';
let hub: TestHub;

beforeEach(async () => {
  hub = await startHub();
  await publishDataset(hub.admin, await exampleContract(dataset));
});
afterEach(() => hub.close());

/** A new Ed25519 key pair; its public key registered for SIMPUS under `kid`. */
async function registeredKey(kid: string): Promise<CryptoKeyPair> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const { kty, crv, x } = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const jwk = { kty: kty as 'OKP', crv: crv as 'Ed25519', x: x as string };
  const { signingKeys } = await provisionHub(hub.admin, { signingKeys: [{ clientId: SIMPUS, kid, jwk }] });
  expect(signingKeys).toEqual([expect.objectContaining({ clientId: SIMPUS, kid, jwk })]);
  return pair;
}

/** The origin signature a receipt holds, once the receipt verifies with the hub's published keys. */
async function originOf(receipt: string): Promise<string | undefined> {
  const jwks = await (await fetch(`${hub.url}/.well-known/jwks.json`)).json();
  const verified = await verifyReceipt(receipt, jwks);
  if (!verified.ok) throw new Error(`receipt does not verify: ${verified.issue.message}`);
  return verified.claims.originSignature;
}

describe('a client that signs its batches', () => {
  it('pushes and deletes signed batches (CryptoKey); each receipt and audit entry holds its signature', async () => {
    const { apiKey } = await registerClient(hub, SIMPUS, { [dataset]: ['read', 'write'] });
    const pair = await registeredKey('simpus-2025');
    const client = createHubClient({
      baseUrl: hub.url,
      apiKey,
      retry: false,
      sign: batchSigner({ key: pair.privateKey, kid: 'simpus-2025' }),
    });
    const pushed = await client.pushRecords(dataset, puskesmasRecords(25), { batchSize: 10, concurrency: 2 });
    expect(pushed).toMatchObject({ batches: 3, created: 25 });
    const keys = puskesmasRecords(5).map((r) => ({ kode_puskesmas: r['kode_puskesmas'] }));
    const deleted = await client.deleteRecords(dataset, keys);
    expect(deleted).toMatchObject({ deleted: 5 });
    const signatures = await Promise.all([...pushed.receipts, ...deleted.receipts].map(originOf));
    expect(signatures).toHaveLength(4);
    for (const signature of signatures) expect(signature).toMatch(/^[A-Za-z0-9_-]+\.\.[A-Za-z0-9_-]+$/);

    await hub.running.hub.sealAudit();
    const bundle = await hub.admin.unwrap(hub.admin.GET('/v1/audit/export'));
    const kept = bundle.entries.flatMap((e) => (e.originSignature ? [e.originSignature] : []));
    expect(kept.sort()).toEqual([...signatures].sort());
    expect(await verifyAuditEvidence(bundle)).toMatchObject({ ok: true, issues: [] });
  });

  it('signs with a private JWK too', async () => {
    const { apiKey } = await registerClient(hub, SIMPUS, { [dataset]: ['write'] });
    const pair = await registeredKey('simpus-jwk');
    const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
    const client = createHubClient({
      baseUrl: hub.url,
      apiKey,
      retry: false,
      sign: batchSigner({ key: jwk, kid: 'simpus-jwk' }),
    });
    expect(await client.pushRecords(dataset, puskesmasRecords(3))).toMatchObject({ created: 3 });
  });

  it('is refused without a signer, or with a key the hub does not know, and nothing is written', async () => {
    const { apiKey } = await registerClient(hub, SIMPUS, { [dataset]: ['read', 'write'] });
    await registeredKey('simpus-2025');
    const unsigned = createHubClient({ baseUrl: hub.url, apiKey, retry: false });
    const error = await unsigned.pushRecords(dataset, puskesmasRecords(2)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PushRecordsError);
    expect((error as PushRecordsError).code).toBe('origin_signature_missing');
    const stranger = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const wrongKey = createHubClient({
      baseUrl: hub.url,
      apiKey,
      retry: false,
      sign: batchSigner({ key: stranger.privateKey, kid: 'simpus-2025' }),
    });
    const refused = await wrongKey.pushRecords(dataset, puskesmasRecords(2)).catch((e: unknown) => e);
    expect((refused as PushRecordsError).code).toBe('origin_signature_invalid');
    const info = await hub.admin.unwrap(
      hub.admin.GET('/v1/datasets/{datasetId}', { params: { path: { datasetId: dataset } } }),
    );
    expect(info.recordCount).toBe(0);
  });
});
