// Receipt signing per committed batch (target under 1 ms): signReceipt with the hub's Ed25519 key,
// against the SHA-256 of a 1,000-record body that every batch already pays. And an origin signature
// (a client that signs its batches): the client's batchSigner plus the hub's check of it, per batch,
// against the same SHA-256. Part of hub.bench.ts; runs alone with
// `node --import tsx bench/receipt-signing.ts`.
import { createHash } from 'node:crypto';
import { batchSigner } from '@tukar/client/sign';
import { createMemoryStore } from '@tukar/hub';
import {
  batchStatement,
  importClientKey,
  parseDetachedSignature,
  verifyDetachedSignature,
} from '../packages/hub/src/evidence/origin-signature';
import { signReceipt } from '../packages/hub/src/evidence/receipt';
import { loadSigningKey } from '../packages/hub/src/evidence/signing-keys';
import { puskesmasRecords } from '../packages/hub/test/hub-fixture';
import { type Comparison, compare, median } from './harness';

/** Median ms of signing one receipt, and the comparison rows (receipt; origin signature signed and checked). */
export async function benchReceiptSigning(): Promise<{
  row: Comparison;
  originRow: Comparison;
  perReceiptMs: number;
}> {
  const signing = await loadSigningKey(createMemoryStore(), undefined, new Date());
  const body = JSON.stringify({ upsert: puskesmasRecords(1_000) });
  const subject = {
    op: 'push' as const,
    datasetId: 'dinkes.puskesmas',
    contractVersion: '1.0.0',
    bodySha256: createHash('sha256').update(body).digest('hex'),
    idempotencyKey: 'bench-0001',
    clientId: 'ciamis/dinkes/simpus',
    at: new Date().toISOString(),
  };
  let seq = 0;
  const row = await compare('receipt signing per batch (Ed25519 JWS vs SHA-256 of the 1,000-record body)', {
    rounds: 2_000,
    baseline: () => {
      createHash('sha256').update(body).digest('hex');
    },
    candidate: async () => {
      seq += 1_000;
      await signReceipt(signing, subject, { created: 1_000, updated: 0, unchanged: 0, deleted: 0, seq });
    },
  });
  // The harness's median per round is the figure; a second look with many signatures in a row.
  const samples: number[] = [];
  for (let i = 0; i < 2_000; i++) {
    const start = performance.now();
    await signReceipt(signing, subject, { created: 1, updated: 0, unchanged: 0, deleted: 0, seq: i });
    samples.push(performance.now() - start);
  }
  const originRow = await benchOriginSignature(body);
  return { row, originRow, perReceiptMs: median(samples) };
}

/** A client signing a 1,000-record body and the hub checking the signature, against hashing the body. */
async function benchOriginSignature(body: string): Promise<Comparison> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const publicJwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const sign = batchSigner({ key: pair.privateKey, kid: 'bench-2026' });
  const key = await importClientKey({ kty: 'OKP', crv: 'Ed25519', x: publicJwk.x ?? '' });
  return compare('origin signature per batch (client signs, hub checks, vs SHA-256 of the body)', {
    rounds: 500,
    baseline: () => {
      createHash('sha256').update(body).digest('hex');
    },
    candidate: async () => {
      const parsed = parseDetachedSignature(await sign('dinkes.puskesmas', body));
      if (typeof parsed === 'string') throw new Error(`bench signature unreadable: ${parsed}`);
      const bodySha256 = createHash('sha256').update(body).digest('hex');
      if (!(await verifyDetachedSignature(parsed, key, batchStatement('dinkes.puskesmas', bodySha256))))
        throw new Error('bench signature does not verify');
    },
  });
}

export function receiptLine(perReceiptMs: number): string {
  return `receipt signing: median ${perReceiptMs.toFixed(3)} ms per batch (target under 1 ms: ${perReceiptMs < 1 ? 'met' : 'MISSED'})`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { row, originRow, perReceiptMs } = await benchReceiptSigning();
  console.table(
    [row, originRow].map((r) => ({
      bench: r.name,
      'baseline ms': r.baselineMs.toFixed(3),
      'candidate ms': r.candidateMs.toFixed(3),
    })),
  );
  console.log(receiptLine(perReceiptMs));
}
