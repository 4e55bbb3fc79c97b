#!/usr/bin/env node
// `pnpm demo` — what Tukar runs end to end today: SOP steps 2–3 on the contracts of Kabupaten Ciamis,
// through the real `tukar` command (built by `pnpm build`). The full twelve-step demo with the hub
// comes with @tukar/hub; until then this script says so at the end.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = join(root, 'packages/cli/dist/bin.js');
const contracts = join(root, 'examples/kontrak-kabupaten/contracts');
if (!existsSync(bin)) {
  console.error('packages/cli/dist/bin.js is missing: run `pnpm build` first (`pnpm demo` does).');
  process.exit(2);
}

const tukar = (...args) => {
  console.log(`\n$ tukar ${args.map((a) => a.replace(root, '')).join(' ')}`);
  const run = spawnSync(process.execPath, [bin, ...args], { stdio: 'inherit', env: process.env });
  return run.status;
};
const step = (n, name, actor) => console.log(`\n━━ Langkah ${n} · ${name} — ${actor}`);
const expect = (what, status, wanted) => {
  if (status !== wanted) {
    console.error(`\ndemo failed: ${what} exited ${status}, expected ${wanted}`);
    process.exit(1);
  }
};

step(2, 'OPD menyerahkan struktur data (the OPD hands over its data structure)', 'Dinas Kesehatan');
expect('contract lint', tukar('contract', 'lint', contracts), 0);

step(3, 'Evaluasi skenario integrasi (the structure is evaluated)', 'Diskominfo');
const work = mkdtempSync(join(tmpdir(), 'tukar-demo-'));
try {
  const apbd = join(contracts, 'bpkad.realisasi-apbd.yaml');
  console.log(
    '\nA compatible revision of bpkad.realisasi-apbd: an optional field `sumber_dana`, version 1.1.0 → 1.2.0.',
  );
  const added = join(work, 'bpkad.realisasi-apbd.yaml');
  writeFileSync(
    added,
    readFileSync(apbd, 'utf8')
      .replace('version: 1.1.0', 'version: 1.2.0')
      .replace('\n  properties:\n', '\n  properties:\n    sumber_dana: { type: string, maxLength: 60 }\n'),
  );
  expect('contract diff (compatible)', tukar('contract', 'diff', apbd, added), 0);

  const puskesmas = join(contracts, 'dinkes.puskesmas.yaml');
  console.log(
    '\nA breaking revision of dinkes.puskesmas: `nama` cut to 60 characters, version left at 1.0.0.',
  );
  console.log('Records the OPD system already writes may no longer fit, so kominfo returns it to the OPD.');
  const tightened = join(work, 'dinkes.puskesmas.yaml');
  writeFileSync(tightened, readFileSync(puskesmas, 'utf8').replace('maxLength: 120', 'maxLength: 60'));
  expect('contract diff (breaking)', tukar('contract', 'diff', puskesmas, tightened), 1);
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(`
━━ What runs today: steps 2–3 (contracts: lint, diff, changeset check), the hub API document and the typed client.
   Steps 1 and 4–12 (the hub, Pact, the validator, the dashboard, the reports) come with the next packages;
   see README.md "What runs today".`);
