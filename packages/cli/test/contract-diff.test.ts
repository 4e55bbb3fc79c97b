import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contractYaml, run, tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('diff'));
  await writeFile(join(dir, 'old.yaml'), contractYaml());
});
afterEach(() => cleanup());

describe('tukar contract diff', () => {
  it('exits 0 for a compatible change with a sufficient version bump', async () => {
    await writeFile(join(dir, 'new.yaml'), contractYaml({ version: '1.1.0', untypedProperty: 'alamat' }));
    const result = await run(['contract', 'diff', 'old.yaml', 'new.yaml'], { cwd: dir });
    expect(result.stdout).toContain('field-added-optional');
    expect(result.stdout).toContain("✔ compatible under 'backward'");
    expect(result.code).toBe(0);
  });

  it('exits 1 under backward for a typed optional property added to an open object', async () => {
    // The record object lists no additionalProperties: 1.0.0 accepted any value under `alamat`.
    await writeFile(join(dir, 'new.yaml'), contractYaml({ version: '1.1.0', extraProperty: 'alamat' }));
    const result = await run(['contract', 'diff', 'old.yaml', 'new.yaml'], { cwd: dir });
    expect(result.stdout).toMatch(
      /major\s+field-added-to-open-object\s+\/properties\/alamat\s+producers\s+REFUSED/,
    );
    expect(result.stdout).toContain('accepted any value under this name');
    expect(result.stdout).toContain("not compatible under 'backward'");
    expect(result.code).toBe(1);
  });

  it('exits 1 for a breaking change and names the rule and whom it breaks', async () => {
    await writeFile(join(dir, 'new.yaml'), contractYaml({ version: '2.0.0', namaMaxLength: 80 }));
    const result = await run(['contract', 'diff', 'old.yaml', 'new.yaml'], { cwd: dir });
    expect(result.stdout).toContain('max-length-tightened');
    expect(result.stdout).toContain('producers');
    expect(result.stdout).toContain("not compatible under 'backward'");
    expect(result.code).toBe(1);
  });

  it('exits 1 when the version is not bumped enough, even if compatible', async () => {
    await writeFile(join(dir, 'new.yaml'), contractYaml({ version: '1.0.1', untypedProperty: 'alamat' }));
    const result = await run(['contract', 'diff', 'old.yaml', 'new.yaml'], { cwd: dir });
    expect(result.stdout).toContain('version 1.0.0 → 1.0.1 does not fit a minor change');
    expect(result.code).toBe(1);
  });

  it('prints the diff as JSON with --json', async () => {
    await writeFile(join(dir, 'new.yaml'), contractYaml({ version: '1.1.0', untypedProperty: 'alamat' }));
    const result = await run(['contract', 'diff', '--json', 'old.yaml', 'new.yaml'], { cwd: dir });
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as {
      ok: boolean;
      bump: string;
      versionOk: boolean;
      changes: unknown[];
    };
    expect(parsed).toMatchObject({ ok: true, bump: 'minor', versionOk: true });
    expect(parsed.changes).toHaveLength(1);
  });

  it('backward_transitive refuses a chain whose steps each pass backward', async () => {
    // 1.0.0 promises a 2 s latency budget; 2.0.0 drops the provider section (breaks consumers only);
    // 2.1.0 brings it back at 0.5 s (an added section breaks no one). An OPD system built for 1.0.0 fails 2.1.0.
    await writeFile(join(dir, 'v1.yaml'), contractYaml({ version: '1.0.0', latencyBudgetMs: 2000 }));
    await writeFile(join(dir, 'v2.yaml'), contractYaml({ version: '2.0.0' }));
    const v3 = (compatibility: string) =>
      contractYaml({ version: '2.1.0', latencyBudgetMs: 500, compatibility });
    await writeFile(join(dir, 'v3.yaml'), v3('backward'));
    const diff = (...files: string[]) => run(['contract', 'diff', ...files], { cwd: dir });
    expect((await diff('v1.yaml', 'v2.yaml')).code).toBe(0);
    expect((await diff('v2.yaml', 'v3.yaml')).code).toBe(0);
    const plain = await diff('v1.yaml', 'v2.yaml', 'v3.yaml');
    expect(plain.stdout).toContain("'backward' judges 2.1.0 against the latest earlier version (2.0.0) only");
    expect(plain.code).toBe(0);

    await writeFile(join(dir, 'v3.yaml'), v3('backward_transitive'));
    const transitive = await diff('v2.yaml', 'v1.yaml', 'v3.yaml');
    expect(transitive.stdout).toContain('1.0.0: REFUSED, 1 change');
    expect(transitive.stdout).toContain('provider-changed /provider/latencyBudgetMs');
    expect(transitive.stdout).toContain("not compatible under 'backward_transitive' (against 1.0.0, 2.0.0)");
    expect(transitive.code).toBe(1);
    const json = await diff('--json', 'v1.yaml', 'v2.yaml', 'v3.yaml');
    const parsed = JSON.parse(json.stdout) as {
      ok: boolean;
      earlier: { checked: string[]; violations: { against: string }[] };
    };
    expect(parsed.ok).toBe(false);
    expect(parsed.earlier.checked).toEqual(['1.0.0']);
    expect(parsed.earlier.violations.map((v) => v.against)).toEqual(['1.0.0']);
  });

  it('exits 2 and prints the problems when a file does not load', async () => {
    await writeFile(join(dir, 'new.yaml'), 'contract: dinkes.puskesmas\nversion: [\n');
    const result = await run(['contract', 'diff', 'old.yaml', 'new.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('new.yaml does not load as a contract');
    expect(result.stderr).toMatch(/new\.yaml:\d+:\d+ {2}yaml_syntax/);
    expect(result.stdout).toBe('');
  });

  it('exits 2 when a file is missing, naming it', async () => {
    const result = await run(['contract', 'diff', 'old.yaml', 'missing.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('missing.yaml');
    expect(result.stderr).toContain('file_not_found');
  });

  it('exits 2 unless given at least two files that load', async () => {
    const one = await run(['contract', 'diff', 'old.yaml'], { cwd: dir });
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('expected two contract files, OLD and NEW; got 1');
    const three = await run(['contract', 'diff', 'a', 'b', 'c'], { cwd: dir });
    expect(three.code).toBe(2);
  });
});
