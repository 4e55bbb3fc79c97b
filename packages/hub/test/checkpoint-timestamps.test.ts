// RFC 3161 countersignatures of audit checkpoints, from OpenSSL's own time-stamping authority.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Schemas } from '@tukar/spec';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditEvidence } from '../src/index';
import {
  exampleContract,
  publishDataset,
  puskesmasRecords,
  registerClient,
  startHub,
  type TestHub,
} from './hub-fixture';
import { hasOpensslTs, startOpensslTsa, type TestTsa } from './openssl-tsa';

const DATASET = 'dinkes.puskesmas';
const open: Array<TestHub | TestTsa> = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

async function stampedHub(): Promise<{ hub: TestHub; tsa: TestTsa; push: (n: number) => Promise<void> }> {
  const tsa = await startOpensslTsa();
  open.push(tsa);
  const hub = await startHub({ audit: { sealIntervalMs: false, timestampUrl: tsa.url } });
  open.push(hub);
  await publishDataset(hub.admin, await exampleContract(DATASET));
  const simpus = await registerClient(hub, 'ciamis/dinkes/simpus', { [DATASET]: ['write'] });
  return {
    hub,
    tsa,
    push: async (n) => {
      await simpus.client.pushRecords(DATASET, puskesmasRecords(2, n * 10));
    },
  };
}

function exported(hub: TestHub): Promise<Schemas['AuditEvidenceBundle']> {
  return hub.admin.unwrap(hub.admin.GET('/v1/audit/export'));
}

/** `openssl ts -verify` of a checkpoint's token over its JWS, with the authority's certificate. */
function opensslVerifies(tsa: TestTsa, checkpoint: Schemas['AuditCheckpoint']): string {
  const data = join(tsa.dir, `checkpoint-${checkpoint.number}.jws`);
  const token = join(tsa.dir, `checkpoint-${checkpoint.number}.tst`);
  writeFileSync(data, checkpoint.jws);
  writeFileSync(token, Buffer.from(checkpoint.timestampToken as string, 'base64'));
  return execFileSync(
    'openssl',
    ['ts', '-verify', '-data', data, '-in', token, '-token_in', '-CAfile', tsa.certificate],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

describe.skipIf(!hasOpensslTs())('checkpoints countersigned by an RFC 3161 authority (openssl ts)', () => {
  it('stamps each new checkpoint; OpenSSL verifies the token, and so does the offline check', async () => {
    const { hub, tsa, push } = await stampedHub();
    await push(0);
    await hub.running.hub.sealAudit();
    await push(1);
    await hub.running.hub.sealAudit();
    const bundle = await exported(hub);
    expect(bundle.checkpoints.length).toBeGreaterThanOrEqual(2);
    for (const checkpoint of bundle.checkpoints) {
      expect(checkpoint.timestampToken, `checkpoint ${checkpoint.number}`).toBeTypeOf('string');
      expect(opensslVerifies(tsa, checkpoint)).toContain('Verification: OK');
    }
    expect(await verifyAuditEvidence(bundle)).toMatchObject({ ok: true, issues: [] });

    // A token moved to another checkpoint, or altered, is named with its checkpoint.
    const [first, second] = bundle.checkpoints as [Schemas['AuditCheckpoint'], Schemas['AuditCheckpoint']];
    const swapped = {
      ...bundle,
      checkpoints: [
        { ...first, timestampToken: second.timestampToken },
        second,
        ...bundle.checkpoints.slice(2),
      ],
    };
    const result = await verifyAuditEvidence(swapped);
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([
      expect.objectContaining({ code: 'timestamp_invalid', checkpoint: first.number }),
    ]);
    const token = Buffer.from(first.timestampToken as string, 'base64');
    const at = token.length - 200;
    token[at] = (token[at] as number) ^ 1;
    const altered = {
      ...bundle,
      checkpoints: [{ ...first, timestampToken: token.toString('base64') }, ...bundle.checkpoints.slice(1)],
    };
    expect(() => opensslVerifies(tsa, altered.checkpoints[0] as Schemas['AuditCheckpoint'])).toThrow();
  });

  it('seals while the authority is down, and stamps the checkpoint at the next seal', async () => {
    const { hub, tsa, push } = await stampedHub();
    tsa.down = true;
    await push(0);
    await hub.running.hub.sealAudit();
    expect((await exported(hub)).checkpoints.map((c) => c.timestampToken)).toEqual([undefined]);
    tsa.down = false;
    await push(1);
    await hub.running.hub.sealAudit();
    const bundle = await exported(hub);
    expect(bundle.checkpoints.every((c) => typeof c.timestampToken === 'string')).toBe(true);
    expect(await verifyAuditEvidence(bundle)).toMatchObject({ ok: true });
  });
});

describe('tukar-hub --tsa-url', () => {
  it('passes the authority from the flag or TUKAR_TSA_URL, and refuses what is not an http(s) URL', async () => {
    const { parseHubCommand } = await import('../src/bin-options');
    const flag = parseHubCommand(['--tsa-url', 'https://tsa.example.go.id/tsr'], {});
    expect(flag).toMatchObject({ ok: true, command: { timestampUrl: 'https://tsa.example.go.id/tsr' } });
    const env = parseHubCommand([], { TUKAR_TSA_URL: 'http://10.0.0.5:318/' });
    expect(env).toMatchObject({ ok: true, command: { timestampUrl: 'http://10.0.0.5:318/' } });
    expect(parseHubCommand([], {})).toMatchObject({ ok: true, command: { store: expect.any(String) } });
    expect((parseHubCommand([], {}) as { command: object }).command).not.toHaveProperty('timestampUrl');
    expect(parseHubCommand(['--tsa-url', 'tsa.example.go.id'], {})).toEqual({
      ok: false,
      message: '--tsa-url must be an http:// or https:// URL, got "tsa.example.go.id".',
    });
  });
});
