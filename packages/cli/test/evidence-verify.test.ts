// `tukar evidence verify`: receipts of a real hub, checked offline with its published key set.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHubClient, provisionHub, verifyReceipt } from '@tukar/client';
import { loadContract } from '@tukar/contracts';
import { createMemoryStore, generateApiKey } from '@tukar/hub';
import { type RunningHub, serveHub } from '@tukar/hub/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './helpers';

const contractFile = new URL(
  '../../../examples/kontrak-kabupaten/contracts/dinkes.puskesmas.yaml',
  import.meta.url,
).pathname;

let running: RunningHub;
let dir: string;
/** Receipts signed before and after a key rotation, and the key set that has both keys. */
let before: string;
let after: string;
let jwks: { keys: Array<{ kid: string }> };

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
  dir = await mkdtemp(join(tmpdir(), 'tukar-evidence-'));
  const adminKey = generateApiKey();
  running = await serveHub({
    store: createMemoryStore(),
    adminKey,
    port: 0,
    handleSignals: false,
    rateLimit: false,
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
  const apiKey = keys['ciamis/dinkes/simpus']?.apiKey as string;
  const simpus = createHubClient({ baseUrl: running.url, apiKey, retry: { retries: 0 } });
  before = (await simpus.pushRecords('dinkes.puskesmas', records(0, 3))).receipts[0] as string;
  await running.hub.rotateSigningKey();
  after = (await simpus.pushRecords('dinkes.puskesmas', records(10, 2))).receipts[0] as string;
  jwks = (await (await fetch(`${running.url}/.well-known/jwks.json`)).json()) as typeof jwks;
  await writeFile(join(dir, 'jwks.json'), JSON.stringify(jwks));
});

afterAll(async () => {
  await running.close();
  await rm(dir, { recursive: true, force: true });
});

async function verifyFile(name: string, content: string, ...flags: string[]) {
  await writeFile(join(dir, name), content);
  return run(['evidence', 'verify', name, '--keys', 'jwks.json', ...flags], { cwd: dir });
}

/** Which part of a compact JWS the character at `index` belongs to. */
function placeOf(receipt: string, index: number): string {
  const first = receipt.indexOf('.');
  const second = receipt.indexOf('.', first + 1);
  if (index === first || index === second) return 'receipt';
  return index < first ? 'header' : index < second ? 'payload' : 'signature';
}

describe('tukar evidence verify', () => {
  it('accepts receipts signed before and after a key rotation, with the old key in the set', async () => {
    expect(jwks.keys).toHaveLength(2);
    const answer = await verifyFile('pushed.json', JSON.stringify({ receipts: [before, after] }));
    expect(answer.stderr).toBe('');
    expect(answer.code).toBe(0);
    expect(answer.stdout).toContain(
      'valid    pushed.json receipts[0]: push dinkes.puskesmas@1.0.0, changes #1–3',
    );
    expect(answer.stdout).toContain(
      'valid    pushed.json receipts[1]: push dinkes.puskesmas@1.0.0, changes #4–5',
    );
    expect(answer.stdout).toContain(`key ${jwks.keys[1]?.kid}`);
    expect(answer.stdout).toContain(`key ${jwks.keys[0]?.kid}`);
    // The bare JWS and the hub's answer to one push read the same.
    expect((await verifyFile('bare.jws', `${before}\n`)).code).toBe(0);
    expect((await verifyFile('answer.json', JSON.stringify({ created: 3, receipt: before }))).code).toBe(0);
  });

  it('fails for a byte flipped anywhere in a receipt, naming the altered part', async () => {
    for (const receipt of [before, after]) {
      for (let i = 0; i < receipt.length; i++) {
        const flipped = `${receipt.slice(0, i)}${String.fromCharCode(receipt.charCodeAt(i) ^ 1)}${receipt.slice(i + 1)}`;
        const result = await verifyReceipt(flipped, jwks);
        expect(result.ok, `byte ${i} flipped`).toBe(false);
        if (!result.ok)
          expect(result.issue.place, `byte ${i} flipped: ${result.issue.message}`).toBe(placeOf(receipt, i));
      }
    }
  });

  it('exits 1 naming a tampered payload, a bad signature or an unknown kid', async () => {
    const [header, payload, signature] = before.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const more = Buffer.from(JSON.stringify({ ...claims, created: 300 })).toString('base64url');
    const tampered = await verifyFile('tampered.jws', `${header}.${more}.${signature}`);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(/invalid {2}tampered\.jws: payload: .*\(tampered_payload\)/);

    const otherSignature = after.split('.')[2] as string;
    const badSignature = await verifyFile('bad-signature.jws', `${header}.${payload}.${otherSignature}`);
    expect(badSignature.code).toBe(1);
    expect(badSignature.stdout).toMatch(
      /signature: the signature does not verify with key .* \(bad_signature\)/,
    );

    await writeFile(join(dir, 'new-key-only.json'), JSON.stringify({ keys: [jwks.keys[0]] }));
    await writeFile(join(dir, 'old.jws'), before);
    const unknown = await run(['evidence', 'verify', 'old.jws', '--keys', 'new-key-only.json', '--json'], {
      cwd: dir,
    });
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stdout)).toMatchObject({
      ok: false,
      receipts: [{ where: 'old.jws', ok: false, issue: { code: 'unknown_kid', place: 'header' } }],
    });
  });

  it('exits 2 for input it cannot read: a missing file, a file that is no receipt, keys that are no key set', async () => {
    const missing = await run(['evidence', 'verify', 'nope.json', '--keys', 'jwks.json'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read the receipt file nope.json: not found');
    const notJson = await verifyFile('broken.json', '{"receipt": ');
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain('broken.json is not JSON');
    const noReceipt = await verifyFile('other.json', '{"created": 3}');
    expect(noReceipt.code).toBe(2);
    expect(noReceipt.stderr).toContain('other.json holds no receipt');
    await writeFile(join(dir, 'bare.jws'), before);
    await writeFile(join(dir, 'not-keys.json'), '{"keys": "none"}');
    const badKeys = await run(['evidence', 'verify', 'bare.jws', '--keys', 'not-keys.json'], { cwd: dir });
    expect(badKeys.code).toBe(2);
    expect(badKeys.stderr).toContain('the key set not-keys.json cannot be used: the key set is not a JWKS');
    const noKeys = await run(['evidence', 'verify', 'bare.jws'], { cwd: dir });
    expect(noKeys.code).toBe(2);
  });
});
