import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeset, createReleasedPackage, gitIn, PACKAGE, put, remove } from './git-fixture';
import { ANSI, contractYaml, run, tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('check'));
  await createReleasedPackage(dir);
});
afterEach(() => cleanup());

const PUSKESMAS = 'contracts/dinkes.puskesmas.yaml';
const check = (...args: string[]) => run(['contract', 'check', ...args], { cwd: dir });
/** Adds the optional field `alamat` to dinkes.puskesmas (a minor change) at `version`. */
const addField = (version: string) =>
  put(dir, PUSKESMAS, contractYaml({ version, untypedProperty: 'alamat' }));

describe('tukar contract check', () => {
  it('passes when nothing changed since the release tag', async () => {
    const result = await check();
    expect(result.stdout).toContain(`contracts compared with git tag ${PACKAGE}@1.0.0`);
    expect(result.stdout).toContain('✔ 2 contracts, 0 changed');
    expect(result.code).toBe(0);
  });

  it('passes when the contract version and the changeset both match the change', async () => {
    await addField('1.1.0');
    await put(dir, '.changeset/brave-puskesmas.md', changeset('minor'));
    const result = await check();
    expect(result.stdout).toMatch(/dinkes\.puskesmas\s+1\.0\.0 → 1\.1\.0\s+demands minor/);
    expect(result.stdout).toContain('.changeset/brave-puskesmas.md (minor)');
    expect(result.stdout).toContain('demanded release: minor, changesets: minor');
    expect(result.code).toBe(0);
  });

  it('fails when the changeset bump is smaller than the change demands, naming contract and change', async () => {
    await addField('1.1.0');
    await put(dir, '.changeset/small.md', changeset('patch'));
    const result = await check();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('changeset_too_small');
    expect(result.stdout).toContain(
      `give ${PACKAGE} a patch release, but dinkes.puskesmas changed (1.0.0 → 1.1.0)`,
    );
    expect(result.stdout).toContain('minor: `alamat`: optional field added [field-added-optional]');
    expect(result.stdout).toContain(`change the bump for "${PACKAGE}" in the changeset to minor`);
  });

  it('fails when a contract changed but no pending changeset names the package', async () => {
    await addField('1.1.0');
    await put(dir, '.changeset/other.md', changeset('major', 'other package', '@example/lain'));
    const result = await check();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('changeset_missing');
    expect(result.stdout).toContain(`no pending changeset in .changeset/ names ${PACKAGE}`);
    expect(result.stdout).toContain('run `pnpm changeset`');
  });

  it('fails when the contract version is not bumped as much as its changes demand', async () => {
    await addField('1.0.1');
    await put(dir, '.changeset/a.md', changeset('minor'));
    const result = await check();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('version_not_bumped');
    expect(result.stdout).toContain(
      'dinkes.puskesmas version 1.0.0 → 1.0.1 is a patch bump, but its changes demand minor',
    );
  });

  it('fails when an agreed version changed without a version change', async () => {
    await addField('1.0.0');
    await put(dir, '.changeset/a.md', changeset('minor'));
    const result = await check();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('agreed_version_changed');
    expect(result.stdout).toContain(
      'dinkes.puskesmas 1.0.0 is agreed and published, but its content changed',
    );
    expect(result.stdout).not.toContain('version_not_bumped');
  });

  it('fails when the contract version says major but the changeset says minor', async () => {
    await addField('2.0.0');
    await put(dir, '.changeset/a.md', changeset('minor'));
    const result = await check();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('version_changeset_mismatch');
    expect(result.stdout).toContain(
      `dinkes.puskesmas version 1.0.0 → 2.0.0 is a major bump, but the pending changesets give ${PACKAGE} only a minor release`,
    );
  });

  it('fails when a contract version goes down', async () => {
    await put(dir, PUSKESMAS, contractYaml({ version: '0.9.0' }));
    await put(dir, '.changeset/a.md', changeset('patch'));
    const result = await check();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('version_downgrade');
    expect(result.stdout).toContain('dinkes.puskesmas version went down from 1.0.0 to 0.9.0');
  });

  it('treats a breaking change as demanding major from both the version and the changeset', async () => {
    await put(dir, PUSKESMAS, contractYaml({ version: '2.0.0', namaMaxLength: 80 }));
    await put(dir, '.changeset/a.md', changeset('minor'));
    const tooSmall = await check();
    expect(tooSmall.code).toBe(1);
    expect(tooSmall.stdout).toContain(
      'major: `nama`: maxLength lowered from 120 to 80 [max-length-tightened]',
    );
    await put(dir, '.changeset/a.md', changeset('major'));
    expect((await check()).code).toBe(0);
  });

  it('judges a backward_transitive contract against every release, refusing a chain whose steps each pass backward', async () => {
    // Release 1.1.0 promises a 2 s latency budget; 2.0.0 drops the provider section (breaks consumers
    // only); 2.1.0 brings it back at 0.5 s (an added section breaks no one).
    const release = async (version: string, yaml: string) => {
      await put(dir, PUSKESMAS, yaml);
      gitIn(dir, ['add', '-A']);
      gitIn(dir, ['commit', '-q', '-m', `chore: release ${version}`]);
      gitIn(dir, ['tag', `${PACKAGE}@${version}`]);
    };
    await release('1.1.0', contractYaml({ version: '1.1.0', latencyBudgetMs: 2000 }));
    await release('2.0.0', contractYaml({ version: '2.0.0' }));
    await put(dir, '.changeset/a.md', changeset('minor'));
    const next = (compatibility: string) =>
      put(dir, PUSKESMAS, contractYaml({ version: '2.1.0', latencyBudgetMs: 500, compatibility }));

    await next('backward');
    const plain = await check();
    expect(plain.stdout).toContain(`contracts compared with git tag ${PACKAGE}@2.0.0`);
    expect(plain.code).toBe(0);

    await next('backward_transitive');
    const transitive = await check();
    expect(transitive.code).toBe(1);
    expect(transitive.stdout).toContain('contract_incompatible');
    expect(transitive.stdout).toContain(
      'dinkes.puskesmas 2.1.0 breaks its "backward_transitive" compatibility against 1.1.0 (judged against 1.0.0, 1.1.0, 2.0.0)',
    );
    expect(transitive.stdout).toContain(
      'against 1.1.0: provider latency budget lowered from 2000 ms to 500 ms',
    );
  });

  it('accepts a new contract at 1.0.0 with a minor changeset and refuses one starting at 3.0.0', async () => {
    await put(dir, 'contracts/bpkad.realisasi-apbd.yaml', contractYaml({ id: 'bpkad.realisasi-apbd' }));
    await put(dir, '.changeset/a.md', changeset('minor'));
    const fine = await check();
    expect(fine.stdout).toMatch(/bpkad\.realisasi-apbd\s+1\.0\.0 \(new\)\s+demands minor/);
    expect(fine.code).toBe(0);
    await put(
      dir,
      'contracts/bpkad.realisasi-apbd.yaml',
      contractYaml({ id: 'bpkad.realisasi-apbd', version: '3.0.0' }),
    );
    const odd = await check();
    expect(odd.code).toBe(1);
    expect(odd.stdout).toContain('new_contract_version');
  });

  it('demands a major release when a published contract is removed', async () => {
    await remove(dir, 'contracts/disdik.sekolah.yaml');
    await put(dir, '.changeset/a.md', changeset('minor'));
    const result = await check();
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/disdik\.sekolah\s+1\.0\.0 \(removed\)\s+demands major/);
    expect(result.stdout).toContain('major: consumers of the removed contract lose it');
  });

  it('allows a status change of an agreed version without a new version, with a patch changeset', async () => {
    await put(dir, PUSKESMAS, contractYaml({ status: 'deprecated' }));
    expect((await check()).stdout).toContain('changeset_missing');
    await put(dir, '.changeset/a.md', changeset('patch', 'chore(dinkes.puskesmas): deprecated'));
    const result = await check();
    expect(result.stdout).not.toContain('agreed_version_changed');
    expect(result.code).toBe(0);
  });

  it('compares with the latest release tag by default and with --base when given', async () => {
    await addField('1.1.0');
    gitIn(dir, ['add', '-A']);
    gitIn(dir, ['commit', '-q', '-m', 'release 1.1.0']);
    gitIn(dir, ['tag', `${PACKAGE}@1.1.0`]);
    gitIn(dir, ['tag', `${PACKAGE}@1.0.1`]);
    const latest = await check();
    expect(latest.stdout).toContain(`git tag ${PACKAGE}@1.1.0`);
    expect(latest.code).toBe(0);
    const older = await check('--base', `${PACKAGE}@1.0.0`);
    expect(older.stdout).toContain(`git ${PACKAGE}@1.0.0`);
    expect(older.stdout).toContain('changeset_missing');
    expect(older.code).toBe(1);
  });

  it('compares with HEAD when the package has no release tag', async () => {
    gitIn(dir, ['tag', '-d', `${PACKAGE}@1.0.0`]);
    await addField('1.1.0');
    const result = await check();
    expect(result.stdout).toContain('git HEAD (no release tag found)');
    expect(result.stdout).toContain('changeset_missing');
    expect(result.code).toBe(1);
  });

  it('fails on a changeset with broken front matter, naming the file and line', async () => {
    await put(dir, '.changeset/bad.md', `---\n"${PACKAGE}": huge\n---\n\nx\n`);
    const result = await check();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('changeset_invalid');
    expect(result.stdout).toContain(".changeset/bad.md:2: 'huge' is not a bump");
  });

  it('reports a contract that does not load as a problem with its line', async () => {
    await put(dir, PUSKESMAS, contractYaml().replace('classification: publik', 'classification: umum'));
    const result = await check();
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/contracts\/dinkes\.puskesmas\.yaml:7:\d+ {2}contract_invalid/);
    // An unloadable file is not mistaken for a removed contract.
    expect(result.stdout).not.toContain('(removed)');
  });

  it('prints the report as JSON with --json', async () => {
    await addField('1.1.0');
    await put(dir, '.changeset/a.md', changeset('patch'));
    const result = await check('--json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      ok: boolean;
      demanded: string;
      changesetBump: string;
      problems: Array<{ code: string; contract: string }>;
      contracts: Array<{ contract: string; state: string }>;
    };
    expect(report.ok).toBe(false);
    expect(report.demanded).toBe('minor');
    expect(report.changesetBump).toBe('patch');
    expect(report.problems).toEqual([
      expect.objectContaining({ code: 'changeset_too_small', contract: 'dinkes.puskesmas' }),
    ]);
    expect(report.contracts.find((entry) => entry.contract === 'dinkes.puskesmas')?.state).toBe('changed');
  });

  it('uses no colours with NO_COLOR and colours on a fake terminal with FORCE_COLOR', async () => {
    await addField('1.1.0');
    const plain = await run(['contract', 'check'], { cwd: dir, tty: true, env: { NO_COLOR: '1' } });
    expect(plain.stdout).not.toMatch(ANSI);
    const colored = await run(['contract', 'check'], { cwd: dir, tty: true, env: { FORCE_COLOR: '1' } });
    expect(colored.stdout).toMatch(ANSI);
    expect(colored.code).toBe(1);
  });

  it('exits 2 for an unknown --base, naming it', async () => {
    const result = await check('--base', 'v9.9.9');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--base 'v9.9.9' is not a commit, branch or tag");
    const injected = await check('--base', '--output=/tmp/x');
    expect(injected.code).toBe(2);
  });

  it('exits 2 for a directory without package.json or contracts/', async () => {
    const noPackage = await check('contracts');
    expect(noPackage.code).toBe(2);
    expect(noPackage.stderr).toContain('no package.json in');
    await put(dir, 'broken/package.json', '{ "name": ');
    const broken = await check('broken');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('package.json is not valid JSON');
    await remove(dir, 'contracts');
    const noContracts = await check();
    expect(noContracts.code).toBe(2);
    expect(noContracts.stderr).toContain('no contracts/ directory');
  });

  it('exits 2 when --base and --published are both given', async () => {
    const result = await check('--base', 'HEAD', '--published', 'x');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--base and --published exclude each other');
  });
});

describe('tukar contract check --published', () => {
  let work: string;
  let cleanupWork: () => Promise<void>;
  beforeEach(async () => {
    ({ dir: work, cleanup: cleanupWork } = await tempDir('published'));
    // The package being prepared (no git) and the last published tarball unpacked into published/package.
    await put(work, 'next/package.json', JSON.stringify({ name: PACKAGE, version: '1.0.0' }));
    await put(work, 'next/.changeset/config.json', '{}');
    await put(
      work,
      'next/contracts/dinkes.puskesmas.yaml',
      contractYaml({ version: '1.1.0', untypedProperty: 'alamat' }),
    );
    await put(work, 'published/package/package.json', JSON.stringify({ name: PACKAGE, version: '1.0.0' }));
    await put(work, 'published/package/contracts/dinkes.puskesmas.yaml', contractYaml());
  });
  afterEach(() => cleanupWork());

  it('compares with an unpacked published package instead of git', async () => {
    const missing = await run(['contract', 'check', 'next', '--published', 'published'], { cwd: work });
    expect(missing.stdout).toContain('published package in');
    expect(missing.stdout).toContain('changeset_missing');
    expect(missing.code).toBe(1);
    await put(work, 'next/.changeset/a.md', changeset('minor'));
    const fine = await run(['contract', 'check', 'next', '--published', 'published/package'], { cwd: work });
    expect(fine.code).toBe(0);
  });

  it('exits 2 when the published directory holds no contracts', async () => {
    const result = await run(['contract', 'check', 'next', '--published', 'next/.changeset'], { cwd: work });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no contracts/ directory in');
  });

  it('without --published outside git, says so and suggests --published', async () => {
    const result = await run(['contract', 'check', 'next'], { cwd: work });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not inside a git repository');
    expect(result.stderr).toContain('--published DIR');
  });
});

describe('tukar contract check in a monorepo', () => {
  it('finds .changeset/ at the repository root above the package', async () => {
    const { dir: repo, cleanup: cleanupRepo } = await tempDir('monorepo');
    try {
      await put(repo, '.changeset/config.json', '{}');
      await put(repo, 'package.json', '{"name":"root","private":true}');
      await put(repo, 'kontrak/package.json', JSON.stringify({ name: PACKAGE, version: '1.0.0' }));
      await put(repo, 'kontrak/contracts/dinkes.puskesmas.yaml', contractYaml());
      gitIn(repo, ['init', '-q', '-b', 'main']);
      gitIn(repo, ['add', '-A']);
      gitIn(repo, ['commit', '-q', '-m', 'release']);
      gitIn(repo, ['tag', `${PACKAGE}@1.0.0`]);
      await put(
        repo,
        'kontrak/contracts/dinkes.puskesmas.yaml',
        contractYaml({ version: '1.1.0', untypedProperty: 'alamat' }),
      );
      await put(repo, '.changeset/x.md', changeset('minor'));
      const result = await run(['contract', 'check', 'kontrak'], { cwd: repo });
      expect(result.stdout).toContain('../.changeset/x.md (minor)');
      expect(result.code).toBe(0);
    } finally {
      await cleanupRepo();
    }
  });
});
