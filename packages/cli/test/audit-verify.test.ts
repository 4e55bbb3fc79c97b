// `tukar audit export` and `tukar audit verify`: a real hub's sealed audit log, exported over HTTP and
// verified offline; a byte flipped anywhere in its entries or checkpoints fails with the place named.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHubClient, provisionHub } from '@tukar/client';
import { batchSigner } from '@tukar/client/sign';
import { loadContract } from '@tukar/contracts';
import { createMemoryStore, generateApiKey } from '@tukar/hub';
import { type RunningHub, serveHub } from '@tukar/hub/node';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './helpers';

const contractFile = new URL(
  '../../../examples/kontrak-kabupaten/contracts/dinkes.puskesmas.yaml',
  import.meta.url,
).pathname;

let running: RunningHub;
let dir: string;
let adminKey: string;

const records = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    kode_puskesmas: `P${3207000000 + from + i}`,
    nama: `Puskesmas Uji ${from + i}`,
    alamat: 'Jl. Contoh No. 1, Ciamis',
    kode_wilayah: '32.07.01.1002',
    jenis: 'non rawat inap',
    koordinat: { lat: -7.3, lon: 108.35 },
    jumlah_tenaga_kesehatan: 12,
  }));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tukar-audit-'));
  adminKey = generateApiKey();
  running = await serveHub({
    store: createMemoryStore(),
    adminKey,
    port: 0,
    handleSignals: false,
    rateLimit: false,
    audit: { sealSize: 4, sealIntervalMs: false },
  });
  const admin = createHubClient({ baseUrl: running.url, apiKey: adminKey, retry: { retries: 0 } });
  const loaded = await loadContract(contractFile);
  if (!loaded.ok) throw new Error('the example contract does not load');
  const contract = JSON.parse(JSON.stringify(loaded.contract));
  const { keys } = await provisionHub(admin, {
    contracts: [contract],
    datasets: [{ id: 'dinkes.puskesmas', contractVersion: contract.version }],
    clients: [{ id: 'ciamis/dinkes/simpus', name: 'SIMPUS', opd: 'dinkes', keyLabel: 'test' }],
    grants: [{ clientId: 'ciamis/dinkes/simpus', datasetId: 'dinkes.puskesmas', access: ['write'] }],
  });
  const simpus = createHubClient({
    baseUrl: running.url,
    apiKey: keys['ciamis/dinkes/simpus']?.apiKey as string,
  });
  await simpus.pushRecords('dinkes.puskesmas', records(0, 3));
  await running.hub.rotateSigningKey(); // checkpoints signed by two keys
  await simpus.pushRecords('dinkes.puskesmas', records(10, 2));
  // From here SIMPUS signs its batches: the bundle carries origin signatures and the client's key.
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const { kty, crv, x } = await crypto.subtle.exportKey('jwk', pair.publicKey);
  await admin.unwrap(
    admin.PUT('/v1/clients/{clientId}/signing-keys/{kid}', {
      params: { path: { clientId: 'ciamis/dinkes/simpus', kid: 'simpus-2025' } },
      body: { jwk: { kty: kty as 'OKP', crv: crv as 'Ed25519', x: x as string } },
    }),
  );
  const signing = createHubClient({
    baseUrl: running.url,
    apiKey: keys['ciamis/dinkes/simpus']?.apiKey as string,
    sign: batchSigner({ key: pair.privateKey, kid: 'simpus-2025' }),
  });
  await signing.pushRecords('dinkes.puskesmas', records(20, 2));
  await signing.deleteRecords('dinkes.puskesmas', [{ kode_puskesmas: 'P3207000020' }]);
  await writeFile(join(dir, 'jwks.json'), await (await fetch(`${running.url}/.well-known/jwks.json`)).text());
  await running.hub.sealAudit();
});

afterAll(async () => {
  await running.close();
  await rm(dir, { recursive: true, force: true });
});

/** The start and end (exclusive) of the text of the bundle's `entries` and `checkpoints` arrays. */
function protectedRange(text: string): [number, number] {
  const start = text.indexOf('"checkpoints":');
  const end = text.lastIndexOf(']');
  return [start, end + 1];
}

describe('tukar audit export and verify', () => {
  it('exports the bundle from the hub and verifies it offline, with its own keys or a saved key set', async () => {
    const exported = await run(['audit', 'export', '--hub', running.url, '--out', 'bundle.json'], {
      cwd: dir,
      env: { TUKAR_ADMIN_KEY: adminKey },
    });
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(
      /^wrote bundle\.json: \d+ entries \(\d+ sealed\), \d+ checkpoints, 2 keys\n$/,
    );
    const verified = await run(['audit', 'verify', '--export', 'bundle.json'], { cwd: dir });
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^valid {4}\d+ entries sealed by \d+ checkpoints; none unsealed\n$/);
    const withKeys = await run(
      ['audit', 'verify', '--export', 'bundle.json', '--keys', 'jwks.json', '--json'],
      {
        cwd: dir,
      },
    );
    expect(withKeys.code).toBe(0);
    expect(JSON.parse(withKeys.stdout)).toMatchObject({ ok: true, issues: [] });
  });

  it('fails for a byte flipped anywhere in the entries or checkpoints, naming the place', async () => {
    const text = await readFile(join(dir, 'bundle.json'), 'utf8');
    const [start, end] = protectedRange(text);
    const { verifyAuditEvidence } = await import('@tukar/hub');
    const { createSpecAjv } = await import('@tukar/spec/operations');
    const validate = createSpecAjv().compile({ $ref: '#/components/schemas/AuditEvidenceBundle' });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: start, max: end - 1 }), async (i) => {
        const flipped = `${text.slice(0, i)}${String.fromCharCode(text.charCodeAt(i) ^ 1)}${text.slice(i + 1)}`;
        let parsed: unknown;
        try {
          parsed = JSON.parse(flipped);
        } catch {
          return; // not JSON: refused, the parser names the position
        }
        if (!validate(parsed)) {
          // Not a bundle: refused, naming the field's path (or, at the top, the missing field).
          const first = validate.errors?.[0];
          expect(first?.instancePath || first?.params.missingProperty, `byte ${i}`).toBeTruthy();
          return;
        }
        const result = await verifyAuditEvidence(parsed as Parameters<typeof verifyAuditEvidence>[0]);
        expect(result.ok, `byte ${i} (${JSON.stringify(text.slice(i - 20, i + 20))})`).toBe(false);
        expect(result.issues[0]?.checkpoint ?? result.issues[0]?.seq, `byte ${i}`).not.toBeNull();
      }),
      { seed: 1207, numRuns: 2000 },
    );
  });

  it('exits 1 naming the checkpoint and entry of an altered bundle, 2 for a file that is no bundle', async () => {
    const bundle = JSON.parse(await readFile(join(dir, 'bundle.json'), 'utf8'));
    bundle.entries[3].status = 500;
    await writeFile(join(dir, 'altered.json'), JSON.stringify(bundle));
    const altered = await run(['audit', 'verify', '--export', 'altered.json'], { cwd: dir });
    expect(altered.code).toBe(1);
    expect(altered.stdout).toMatch(
      /^altered {2}checkpoint 1, entry 4: Entry 4 sealed by checkpoint 1 was changed/,
    );
    expect(altered.stdout).toMatch(/invalid {4}\d+ entries sealed/);

    await writeFile(
      join(dir, 'not-a-bundle.json'),
      JSON.stringify({ format: 'tukar-audit-evidence/1', entries: [{}] }),
    );
    const notBundle = await run(['audit', 'verify', '--export', 'not-a-bundle.json'], { cwd: dir });
    expect(notBundle.code).toBe(2);
    expect(notBundle.stderr).toContain('not-a-bundle.json is not an audit evidence bundle: at /');
    const missing = await run(['audit', 'verify', '--export', 'nowhere.json'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read the bundle nowhere.json: not found');
  });

  it('names the entry whose origin signature was altered, and checks them with the bundle’s client keys', async () => {
    const bundle = JSON.parse(await readFile(join(dir, 'bundle.json'), 'utf8'));
    expect(bundle.clientKeys).toEqual([
      expect.objectContaining({ clientId: 'ciamis/dinkes/simpus', kid: 'simpus-2025' }),
    ]);
    const signed = bundle.entries.filter(
      (e: { originSignature?: string }) => e.originSignature !== undefined,
    );
    expect(signed).toHaveLength(2);
    const entry = signed[1];
    const text: string = entry.originSignature;
    const i = text.length - 10;
    entry.originSignature = `${text.slice(0, i)}${text[i] === 'A' ? 'B' : 'A'}${text.slice(i + 1)}`;
    await writeFile(join(dir, 'origin-altered.json'), JSON.stringify(bundle));
    const altered = await run(['audit', 'verify', '--export', 'origin-altered.json'], { cwd: dir });
    expect(altered.code).toBe(1);
    expect(altered.stdout).toContain(
      `checkpoint ${entry.checkpoint}, entry ${entry.seq}: Entry ${entry.seq}: the origin signature by key simpus-2025 of client ciamis/dinkes/simpus does not verify`,
    );
    expect(altered.stdout).toContain('(origin_signature_invalid)');

    const keyless = JSON.parse(await readFile(join(dir, 'bundle.json'), 'utf8'));
    keyless.clientKeys = [];
    await writeFile(join(dir, 'keyless.json'), JSON.stringify(keyless));
    const unknown = await run(['audit', 'verify', '--export', 'keyless.json'], { cwd: dir });
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toContain('(origin_key_unknown)');
  });
});
