// The OPD system verified against the pact made from its contract, through `tukar pact verify-provider`
// (in-process) and the @tukar/pact API; each broken variant must be rejected naming the broken field.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '@tukar/cli';
import { verifyProvider } from '@tukar/pact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpdServer, type ServerVariant, startOpdServer } from '../src/opd-server';

const contract = fileURLToPath(
  new URL('../../kontrak-kabupaten/contracts/dinkes.puskesmas.yaml', import.meta.url),
);

async function tukar(argv: string[], cwd: string, env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env,
    cwd,
  });
  return { code, stdout, stderr };
}

describe('examples/opd-provider: SIMPUS verified against the dinkes.puskesmas pact', () => {
  const servers = new Map<ServerVariant, OpdServer>();
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tukar-opd-provider-'));
    for (const variant of ['correct', 'legacy-codes', 'string-counts', 'missing-wilayah'] as const) {
      servers.set(variant, await startOpdServer({ variant }));
    }
  });
  afterAll(async () => {
    await Promise.all([...servers.values()].map((server) => server.close()));
    await rm(dir, { recursive: true, force: true });
  });

  it('passes `tukar pact verify-provider` and writes the pact and JSON/JUnit results', async () => {
    const result = await tukar(
      ['pact', 'verify-provider', '--contract', contract, '--url', servers.get('correct')!.url],
      dir,
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('1 interaction verified');
    expect(result.code).toBe(0);
    const pact = JSON.parse(
      await readFile(join(dir, 'pacts', 'tukar-hub-opd-dinkes-puskesmas.json'), 'utf8'),
    );
    expect(pact.interactions[0].request.path).toBe('/api/puskesmas');
    const results = JSON.parse(
      await readFile(join(dir, 'pacts', 'results', 'opd-dinkes-puskesmas.verification.json'), 'utf8'),
    );
    expect(results.ok).toBe(true);
    const junit = await readFile(join(dir, 'pacts', 'results', 'opd-dinkes-puskesmas.junit.xml'), 'utf8');
    expect(junit).toContain('failures="0"');
  });

  it('rejects the variant with legacy PKM- codes, pointing at kode_puskesmas', async () => {
    const result = await tukar(
      ['pact', 'verify-provider', '-c', contract, '-u', servers.get('legacy-codes')!.url],
      dir,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('1 of 1 interaction failed');
    expect(result.stdout).toMatch(
      /\$\.data\[0\]\.kode_puskesmas: Expected 'PKM-3207010101' to match '\^P\[0-9\]\{10\}\$'/,
    );
  });

  it('rejects counts sent as text, pointing at jumlah_tenaga_kesehatan', async () => {
    const report = await verifyProvider({
      contract,
      providerBaseUrl: servers.get('string-counts')!.url,
      cwd: dir,
      resultsDir: false,
    });
    expect(report.ok).toBe(false);
    const paths = report.interactions[0]!.mismatches.map((m) => m.path);
    expect(paths).toContain('$.data[0].jumlah_tenaga_kesehatan');
    expect(report.summary).toContain("Expected '68' (String) to be an integer");
  });

  it('rejects records without kode_wilayah, naming the missing key', async () => {
    const report = await verifyProvider({
      contract,
      providerBaseUrl: servers.get('missing-wilayah')!.url,
      cwd: dir,
      resultsDir: false,
    });
    expect(report.ok).toBe(false);
    expect(report.summary).toMatch(/\$\.data\[0\].*kode_wilayah/);
  });

  it('sends the bearer token named by --bearer-env, and fails clearly without it', async () => {
    const guarded = await startOpdServer({ token: 'rahasia-simpus' });
    try {
      const ok = await tukar(
        ['pact', 'verify-provider', '-c', contract, '-u', guarded.url, '--bearer-env', 'SIMPUS_TOKEN'],
        dir,
        { SIMPUS_TOKEN: 'rahasia-simpus' },
      );
      expect(ok.code).toBe(0);
      const denied = await tukar(['pact', 'verify-provider', '-c', contract, '-u', guarded.url], dir);
      expect(denied.code).toBe(1);
      expect(denied.stdout).toMatch(/expected 200 but was 401/i);
      const unset = await tukar(
        ['pact', 'verify-provider', '-c', contract, '-u', guarded.url, '--bearer-env', 'SIMPUS_TOKEN'],
        dir,
      );
      expect(unset.code).toBe(2);
      expect(unset.stderr).toContain('SIMPUS_TOKEN is not set');
    } finally {
      await guarded.close();
    }
  });

  it('also passes `tukar validate` over every page, which flags each broken record and its field', async () => {
    const valid = await tukar(
      ['validate', '--contract', contract, '--url', servers.get('correct')!.url],
      dir,
    );
    expect(valid.code).toBe(0);
    expect(valid.stdout).toContain('3 pages');
    const invalid = await tukar(
      ['validate', '--contract', contract, '--url', servers.get('legacy-codes')!.url],
      dir,
    );
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toContain('5 records: 0 valid, 5 invalid');
    expect(invalid.stdout).toContain(
      'Field "kode_puskesmas" "PKM-3207010101" does not match the pattern ^P[0-9]{10}$.',
    );
  });
});
