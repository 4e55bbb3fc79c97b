// The pipelines of the CI guide (docs/guide/ci.md), run step by step on this machine the way a runner
// would: each `run:` of the GitHub Actions workflow in bash, in a repository laid out as the guide
// assumes (contracts/ kept with changesets, pacts/ written by the OPD's tests), against the built
// `tukar` and `tukar-hub` binaries. `pnpm exec X` runs the built binary X (the workspace is installed);
// the OPD's own `vitest run` is stood in for by consumer tests run here that write pacts/. The GitLab
// pipeline must run the same commands, and the Indonesian guide must carry the same pipelines.
import { execFile } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Contract, loadContract } from '@tukar/contracts';
import { generateApiKey } from '@tukar/hub';
import { hubPact } from '@tukar/pact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type OpdServer, startOpdServer } from '../examples/opd-provider/src/opd-server';
import { runSipdConsumerTests } from './support/sipd-consumer-tests';

const root = fileURLToPath(new URL('..', import.meta.url));
// The commands as the packages declare them (bin/ files that run dist/bin.js).
const bins = {
  tukar: join(root, 'packages/cli/bin/tukar.js'),
  'tukar-hub': join(root, 'packages/hub/bin/tukar-hub.js'),
};
const GUIDE_PORT = '8787';

interface Workflow {
  jobs: Record<string, { env?: Record<string, string>; steps: Array<{ run?: string; uses?: string }> }>;
}
type GitlabPipeline = Record<string, { script?: string[] } | unknown>;

/** The fenced `yaml` blocks of a guide, parsed, keyed by the file name in their first comment line. */
async function pipelinesOf(guide: string): Promise<{ github: Workflow; gitlab: GitlabPipeline }> {
  const markdown = await readFile(join(root, 'docs/guide', guide), 'utf8');
  const blocks = [...markdown.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  const github = blocks.find((b) => b.startsWith('# .github/workflows/'));
  const gitlab = blocks.find((b) => b.startsWith('# .gitlab-ci.yml'));
  if (!github || !gitlab) throw new Error(`${guide}: the GitHub Actions or GitLab CI block is missing`);
  return { github: parse(github) as Workflow, gitlab: parse(gitlab) as GitlabPipeline };
}

/** Every command line of a pipeline, in order: `run:` steps of GitHub, `script` lines of GitLab. */
const githubCommands = (workflow: Workflow) =>
  Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((step) => commandLines(step.run)));
const gitlabCommands = (pipeline: GitlabPipeline) =>
  Object.values(pipeline).flatMap((job) =>
    typeof job === 'object' && job !== null && 'script' in job
      ? (job as { script: string[] }).script.flatMap(commandLines)
      : [],
  );
const commandLines = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

async function freePort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return String(address.port);
}

interface StepResult {
  command: string;
  code: number;
  output: string;
}

function runStep(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<StepResult> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-eo', 'pipefail', '-c', command],
      { cwd, env, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ command, code, output: `${stdout}${stderr}` });
      },
    );
  });
}

describe('the CI guide', () => {
  let repo: string;
  let shims: string;
  let pids: string;
  let opd: OpdServer;
  let brokenOpd: OpdServer;
  const token = 'simpus-ci-token';
  const adminKey = generateApiKey();

  beforeAll(async () => {
    for (const file of Object.values(bins).map((bin) => join(bin, '../../dist/bin.js'))) {
      await stat(file).catch(() => {
        throw new Error(`${file} is missing: run \`pnpm build\` first (\`pnpm test\` does)`);
      });
    }
    repo = await mkdtemp(join(tmpdir(), 'tukar-ci-guide-'));
    // The repository: Diskominfo's contracts with their changesets, committed (contract check reads git).
    const kontrak = join(root, 'examples/kontrak-kabupaten');
    for (const entry of ['contracts', '.changeset', 'package.json', 'CHANGELOG.md']) {
      await cp(join(kontrak, entry), join(repo, entry), { recursive: true });
    }
    const git = (...args: string[]) =>
      runStep(`git -c user.name=ci -c user.email=ci@example.invalid ${args.join(' ')}`, repo, process.env);
    expect((await git('init', '-q')).code).toBe(0);
    expect((await git('add', '-A')).code).toBe(0);
    expect((await git('commit', '-qm', 'kontrak')).code).toBe(0);

    // The OPD's consumer tests (`pnpm exec vitest run` in the guide) write pacts/.
    const loaded = await loadContract(join(repo, 'contracts/dinkes.puskesmas.yaml'));
    if (!loaded.ok) throw new Error(loaded.problems[0]?.message);
    const contract: Contract = loaded.contract;
    const pact = hubPact({ consumer: 'ciamis-bappeda-sipd', dir: join(repo, 'pacts') });
    await runSipdConsumerTests(pact, contract);

    // `pnpm` as the steps call it: install is done, `exec` runs the built binaries.
    shims = join(repo, '.shims');
    pids = join(repo, '.shims/pids');
    await mkdir(shims);
    await writeFile(
      join(shims, 'pnpm'),
      [
        '#!/bin/sh',
        'case "$1" in',
        '  install) exit 0 ;;',
        '  exec) shift ;;',
        '  *) echo "unexpected pnpm call: $*" >&2; exit 97 ;;',
        'esac',
        'case "$1" in',
        `  tukar) shift; exec node ${JSON.stringify(bins.tukar)} "$@" ;;`,
        `  tukar-hub) shift; echo $$ >> ${JSON.stringify(pids)}; exec node ${JSON.stringify(bins['tukar-hub'])} "$@" ;;`,
        '  vitest) exit 0 ;; # the pacts were written above',
        '  *) echo "unexpected pnpm exec: $*" >&2; exit 97 ;;',
        'esac',
        '',
      ].join('\n'),
    );
    await chmod(join(shims, 'pnpm'), 0o755);
    opd = await startOpdServer({ token });
    brokenOpd = await startOpdServer({ token, variant: 'legacy-codes' });
  });

  afterAll(async () => {
    const started = await readFile(pids, 'utf8').catch(() => '');
    for (const pid of started.split('\n').filter(Boolean)) {
      try {
        process.kill(Number(pid), 'SIGTERM');
      } catch {
        // already stopped
      }
    }
    await opd?.close();
    await brokenOpd?.close();
    if (repo) await rm(repo, { recursive: true, force: true });
  });

  const env = (extra: Record<string, string>): NodeJS.ProcessEnv => ({
    ...process.env,
    PATH: `${shims}:${process.env.PATH}`,
    NO_COLOR: '1',
    ...extra,
  });

  it('GitHub Actions, job contracts-and-pacts: every step passes and the verification results are written', async () => {
    const { github } = await pipelinesOf('ci.md');
    const job = github.jobs['contracts-and-pacts'];
    expect(job?.env).toHaveProperty('TUKAR_ADMIN_KEY');
    const port = await freePort();
    const results: StepResult[] = [];
    for (const step of job?.steps ?? []) {
      if (!step.run) continue; // actions/checkout, setup-node, upload-artifact: the runner's own
      const result = await runStep(
        step.run.replaceAll(GUIDE_PORT, port),
        repo,
        env({ TUKAR_ADMIN_KEY: adminKey }),
      );
      results.push(result);
      if (result.code !== 0) break;
    }
    expect(results.map((r) => [r.command.split('\n')[0], r.code, r.code ? r.output : ''])).toEqual(
      results.map((r) => [r.command.split('\n')[0], 0, '']),
    );
    expect(results.map((r) => r.command)).toContainEqual(expect.stringContaining('tukar pact verify-hub'));
    const verification = JSON.parse(
      await readFile(join(repo, 'pacts/results/tukar-hub.verification.json'), 'utf8'),
    );
    expect(verification).toMatchObject({ ok: true, interactions: [{ ok: true }, { ok: true }] });
    const junit = await readFile(join(repo, 'pacts/results/tukar-hub.junit.xml'), 'utf8');
    expect(junit).toMatch(/<testsuites?[^>]*tests="2"/);
    expect(junit).toMatch(/failures="0"/);
  }, 180_000);

  it('GitHub Actions, job validate-opd: passes on a conforming OPD endpoint and fails the job on a broken one', async () => {
    const { github } = await pipelinesOf('ci.md');
    const steps = (github.jobs['validate-opd']?.steps ?? []).filter(
      (step) => step.run && !/pnpm install/.test(step.run),
    );
    expect(steps).toHaveLength(1);
    const command = steps[0]?.run ?? '';

    const good = await runStep(command, repo, env({ SIMPUS_URL: opd.url, SIMPUS_TOKEN: token }));
    expect(good).toMatchObject({ code: 0 });
    const html = await readFile(join(repo, 'reports/laporan-validasi.html'), 'utf8');
    expect(html).toContain('Laporan Hasil Validasi');
    expect(await readFile(join(repo, 'reports/validasi.junit.xml'), 'utf8')).toMatch(/failures="0"/);

    const bad = await runStep(command, repo, env({ SIMPUS_URL: brokenOpd.url, SIMPUS_TOKEN: token }));
    expect(bad.code).toBe(1);
    expect(bad.output).toContain('kode_puskesmas');
    expect(await readFile(join(repo, 'reports/validasi.junit.xml'), 'utf8')).not.toMatch(/failures="0"/);
  }, 120_000);

  it('GitLab CI runs the same commands as the GitHub Actions workflow', async () => {
    const { github, gitlab } = await pipelinesOf('ci.md');
    const setup = (line: string) => /^(pnpm install|corepack enable)/.test(line);
    expect(gitlabCommands(gitlab).filter((line) => !setup(line))).toEqual(
      githubCommands(github).filter((line) => !setup(line)),
    );
    expect((gitlab as { before_script?: string[] }).before_script).toContain(
      'pnpm install --frozen-lockfile',
    );
  });

  it('the Indonesian guide carries the same pipelines', async () => {
    const english = await pipelinesOf('ci.md');
    const indonesian = await pipelinesOf('ci.id.md');
    expect(githubCommands(indonesian.github)).toEqual(githubCommands(english.github));
    expect(gitlabCommands(indonesian.gitlab)).toEqual(gitlabCommands(english.gitlab));
  });
});
