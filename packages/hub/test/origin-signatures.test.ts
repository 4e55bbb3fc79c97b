// Origin signatures (Tukar-Signature) over a real loopback hub: registered keys, refusals, evidence.
import { createHash, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReceiptClaims, Schemas } from '@tukar/spec';
import { decodeJwt } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore, type Store, verifyAuditEvidence } from '../src/index';
import { openSqliteStore } from '../src/sqlite-store';
import {
  exampleContract,
  publishDataset,
  puskesmasRecords,
  registerClient,
  startHub,
  type TestHub,
} from './hub-fixture';

const SIMPUS = 'ciamis/dinkes/simpus';
const DATASET = 'dinkes.puskesmas';

type AuditEvidenceBundle = Schemas['AuditEvidenceBundle'];

const hubs: TestHub[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The stores the hub runs on in these tests: the memory store and a real SQLite file. */
const STORES: Array<[string, () => Promise<Store>]> = [
  ['memory store', async () => createMemoryStore()],
  [
    'SQLite file',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tukar-origin-'));
      dirs.push(dir);
      return openSqliteStore({ file: join(dir, 'hub.db') });
    },
  ],
];
let openStore: () => Promise<Store> = async () => createMemoryStore();

const b64u = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');

/** An Ed25519 key pair: the private key and the public JWK the administrator registers. */
function keyPair(): { privateKey: KeyObject; jwk: { kty: 'OKP'; crv: 'Ed25519'; x: string } } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const { x } = publicKey.export({ format: 'jwk' }) as { x: string };
  return { privateKey, jwk: { kty: 'OKP', crv: 'Ed25519', x } };
}

/** The detached JWS a client sends: over the batch statement of `body` for `datasetId`. */
function originSignature(privateKey: KeyObject, kid: string, body: string, datasetId = DATASET): string {
  const bodySha256 = createHash('sha256').update(body).digest('hex');
  const statement = JSON.stringify({ typ: 'tukar-batch/1', datasetId, bodySha256 });
  const header = b64u(JSON.stringify({ alg: 'EdDSA', kid }));
  const signature = sign(null, Buffer.from(`${header}.${b64u(statement)}`), privateKey);
  return `${header}..${b64u(signature)}`;
}

async function hubWithSigningSimpus() {
  const hub = await startHub({ store: await openStore() });
  hubs.push(hub);
  await publishDataset(hub.admin, await exampleContract(DATASET));
  const simpus = await registerClient(hub, SIMPUS, { [DATASET]: ['read', 'write'] });
  const keys = keyPair();
  const put = await registerKey(hub, 'simpus-2025', keys.jwk);
  expect(put.status).toBe(201);
  return { hub, simpus, keys };
}

function registerKey(hub: TestHub, kid: string, jwk: object, clientId = SIMPUS): Promise<Response> {
  return fetch(`${hub.url}/v1/clients/${encodeURIComponent(clientId)}/signing-keys/${kid}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${hub.adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ jwk }),
  });
}

function push(
  hub: TestHub,
  apiKey: string,
  body: string,
  idempotencyKey: string,
  signature?: string,
): Promise<Response> {
  return fetch(`${hub.url}/v1/datasets/${DATASET}/records`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${apiKey}`,
      'content-type': 'application/json',
      'idempotency-key': idempotencyKey,
      ...(signature !== undefined && { 'tukar-signature': signature }),
    },
    body,
  });
}

function exportBundle(hub: TestHub): Promise<AuditEvidenceBundle> {
  return hub.admin.unwrap(hub.admin.GET('/v1/audit/export'));
}

/** The text with the character at `index` replaced by another base64url character. */
function flipped(text: string, index: number): string {
  const char = text[index] === 'A' ? 'B' : 'A';
  return `${text.slice(0, index)}${char}${text.slice(index + 1)}`;
}

describe.each(STORES)('origin signatures on the %s', (_name, storeOf) => {
  beforeEach(() => {
    openStore = storeOf;
  });

  it('registers a public key once per kid; refuses another key under it, and a private key', async () => {
    const { hub, keys } = await hubWithSigningSimpus();
    expect((await registerKey(hub, 'simpus-2025', keys.jwk)).status).toBe(200);
    const other = await registerKey(hub, 'simpus-2025', keyPair().jwk);
    expect(other.status).toBe(409);
    expect(((await other.json()) as { detail: string }).detail).toContain('under a new kid');
    const exported = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
    const secret = await registerKey(hub, 'leaked', exported);
    expect(secret.status).toBe(400);
    expect(((await secret.json()) as { detail: string }).detail).toContain('private part');
    const list = await fetch(`${hub.url}/v1/clients/${encodeURIComponent(SIMPUS)}/signing-keys`, {
      headers: { authorization: `Bearer ${hub.adminKey}` },
    });
    expect(((await list.json()) as { items: Array<{ kid: string }> }).items.map((k) => k.kid)).toEqual([
      'simpus-2025',
    ]);
  });

  it('accepts a signed batch and keeps the signature in its receipt, audit entry and export', async () => {
    const { hub, simpus, keys } = await hubWithSigningSimpus();
    const body = JSON.stringify({ upsert: puskesmasRecords(3) });
    const signature = originSignature(keys.privateKey, 'simpus-2025', body);
    const answer = await push(hub, simpus.apiKey, body, 'signed-0001', signature);
    expect(answer.status).toBe(200);
    const result = (await answer.json()) as { receipt: string; created: number };
    expect(result.created).toBe(3);
    const claims = decodeJwt(result.receipt) as unknown as ReceiptClaims;
    expect(claims.originSignature).toBe(signature);

    // A replay with the same key, body and signature answers the same receipt.
    const replay = await push(hub, simpus.apiKey, body, 'signed-0001', signature);
    expect(replay.status).toBe(200);
    expect(((await replay.json()) as { receipt: string; replayed: boolean }).receipt).toBe(result.receipt);

    const bundle = await exportBundle(hub);
    const entry = bundle.entries.find((e) => e.method === 'POST' && e.status === 200);
    expect(entry?.originSignature).toBe(signature);
    expect(bundle.clientKeys).toEqual([
      expect.objectContaining({ clientId: SIMPUS, kid: 'simpus-2025', jwk: keys.jwk }),
    ]);
    expect(await verifyAuditEvidence(bundle)).toMatchObject({ ok: true, issues: [] });
    await hub.running.hub.sealAudit();
    const sealed = await exportBundle(hub);
    expect(await verifyAuditEvidence(sealed)).toMatchObject({ ok: true, issues: [] });
  });

  it('refuses each bad signature with its code, and writes nothing', async () => {
    const { hub, simpus, keys } = await hubWithSigningSimpus();
    const body = JSON.stringify({ upsert: puskesmasRecords(2) });
    const otherBody = JSON.stringify({ upsert: puskesmasRecords(2, 100) });
    const cases: Array<[string, string | undefined, string]> = [
      ['missing', undefined, 'origin_signature_missing'],
      ['malformed', 'not-a-jws', 'origin_signature_malformed'],
      ['a compact JWS with its payload', `a.${b64u('x')}.b`, 'origin_signature_malformed'],
      ['unknown kid', originSignature(keys.privateKey, 'simpus-1999', body), 'origin_key_unknown'],
      ['other bytes', originSignature(keys.privateKey, 'simpus-2025', otherBody), 'origin_signature_invalid'],
      [
        'another dataset',
        originSignature(keys.privateKey, 'simpus-2025', body, 'dinkes.other'),
        'origin_signature_invalid',
      ],
      ['another key', originSignature(keyPair().privateKey, 'simpus-2025', body), 'origin_signature_invalid'],
    ];
    for (const [name, signature, code] of cases) {
      const answer = await push(
        hub,
        simpus.apiKey,
        body,
        `bad-batch-${cases.findIndex((c) => c[0] === name)}`,
        signature,
      );
      expect(answer.status, name).toBe(422);
      const problem = (await answer.json()) as { code: string; detail: string };
      expect(problem.code, name).toBe(code);
      expect(problem.detail, name).toContain('nothing was written');
    }
    const dataset = await hub.admin.unwrap(
      hub.admin.GET('/v1/datasets/{datasetId}', { params: { path: { datasetId: DATASET } } }),
    );
    expect(dataset).toMatchObject({ recordCount: 0 });
    await hub.running.hub.sealAudit(); // writes the buffered entries too
    const bundle = await exportBundle(hub);
    expect(bundle.entries.filter((e) => e.method === 'POST' && e.status === 422)).toHaveLength(cases.length);
    expect(bundle.entries.some((e) => e.originSignature !== undefined)).toBe(false);

    // The same batch signed right then goes through with one of the keys it used.
    const good = await push(
      hub,
      simpus.apiKey,
      body,
      'bad-batch-0',
      originSignature(keys.privateKey, 'simpus-2025', body),
    );
    expect(good.status).toBe(200);
  });

  it('refuses a signing client’s DELETE of one record (it carries no signature)', async () => {
    const { hub, simpus } = await hubWithSigningSimpus();
    const key = String(puskesmasRecords(1)[0]?.['kode_puskesmas']);
    const answer = await fetch(`${hub.url}/v1/datasets/${DATASET}/records/${key}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${simpus.apiKey}` },
    });
    expect(answer.status).toBe(422);
    expect(((await answer.json()) as { code: string }).code).toBe('origin_signature_missing');
  });

  it('lets a client without a key push unsigned, and refuses a signature it has no key for', async () => {
    const hub = await startHub();
    hubs.push(hub);
    await publishDataset(hub.admin, await exampleContract(DATASET));
    const plain = await registerClient(hub, SIMPUS, { [DATASET]: ['write'] });
    const body = JSON.stringify({ upsert: puskesmasRecords(1) });
    expect((await push(hub, plain.apiKey, body, 'plain-0001')).status).toBe(200);
    const signed = await push(
      hub,
      plain.apiKey,
      body,
      'plain-0002',
      originSignature(keyPair().privateKey, 'k', body),
    );
    expect(signed.status).toBe(422);
    expect(((await signed.json()) as { code: string }).code).toBe('origin_key_unknown');
  });

  it('offline verification names the entry whose origin signature was altered', async () => {
    const { hub, simpus, keys } = await hubWithSigningSimpus();
    for (const [i, offset] of [0, 10].entries()) {
      const body = JSON.stringify({ upsert: puskesmasRecords(2, offset) });
      const signature = originSignature(keys.privateKey, 'simpus-2025', body);
      expect((await push(hub, simpus.apiKey, body, `batch-000${i}`, signature)).status).toBe(200);
    }
    await hub.running.hub.sealAudit();
    const bundle = await exportBundle(hub);
    const signedEntries = bundle.entries.filter((e) => e.originSignature !== undefined);
    expect(signedEntries).toHaveLength(2);
    const target = signedEntries[1] as (typeof signedEntries)[number];
    const text = target.originSignature as string;
    const altered: AuditEvidenceBundle = {
      ...bundle,
      entries: bundle.entries.map((e) =>
        e.seq === target.seq ? { ...e, originSignature: flipped(text, text.length - 20) } : e,
      ),
    };
    const result = await verifyAuditEvidence(altered);
    expect(result.ok).toBe(false);
    expect(result.issues).toContainEqual(
      expect.objectContaining({
        code: 'origin_signature_invalid',
        seq: target.seq,
        checkpoint: target.checkpoint,
      }),
    );
    expect(result.issues).toContainEqual(expect.objectContaining({ code: 'entry_changed', seq: target.seq }));

    // Without the clients' keys, a signed entry is named as unverifiable.
    const { clientKeys: _keys, ...withoutKeys } = bundle;
    const keyless = await verifyAuditEvidence(withoutKeys);
    expect(keyless.issues.map((i) => [i.code, i.seq])).toEqual(
      signedEntries.map((e) => ['origin_key_unknown', e.seq]),
    );
  });
});
