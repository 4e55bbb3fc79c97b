#!/usr/bin/env node
// Runs publint and @arethetypeswrong/cli on every package under packages/ (after `pnpm build`).
// Exit code 1 when any package has a problem; the output names the package and the tool.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packagesDir = join(root, 'packages');
const bin = (name) => join(root, 'node_modules', '.bin', name);

let failed = 0;
for (const dir of readdirSync(packagesDir).sort()) {
  const pkgDir = join(packagesDir, dir);
  const manifestPath = join(pkgDir, 'package.json');
  if (!existsSync(manifestPath)) continue;
  const { name } = JSON.parse(readFileSync(manifestPath, 'utf8'));
  for (const [tool, args] of [
    ['publint', ['--strict']],
    ['attw', ['--pack', '.', '--format', 'table-flipped']],
  ]) {
    const run = spawnSync(bin(tool), args, { cwd: pkgDir, encoding: 'utf8' });
    const ok = run.status === 0;
    process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${tool.padEnd(8)} ${name}\n`);
    if (!ok) {
      failed++;
      process.stdout.write(`${run.stdout}${run.stderr}\n`);
    }
  }
  // The builds must also load: import every ESM entry and require every CJS entry in a fresh Node.
  const { exports: entries = {} } = JSON.parse(readFileSync(manifestPath, 'utf8'));
  for (const [subpath, target] of Object.entries(entries)) {
    if (typeof target !== 'object' || target === null) continue;
    for (const [condition, loader] of [
      ['import', (file) => `await import(${JSON.stringify(file)})`],
      [
        'require',
        (file) => `(await import('node:module')).createRequire(import.meta.url)(${JSON.stringify(file)})`,
      ],
    ]) {
      const file = target[condition]?.default;
      if (!file) continue;
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', loader(join(pkgDir, file))], {
        encoding: 'utf8',
      });
      const ok = run.status === 0;
      process.stdout.write(
        `${ok ? 'ok  ' : 'FAIL'} ${condition.padEnd(8)} ${name}${subpath === '.' ? '' : subpath.slice(1)}\n`,
      );
      if (!ok) {
        failed++;
        process.stdout.write(`${run.stderr}\n`);
      }
    }
  }
}
if (failed > 0) {
  process.stderr.write(`${failed} package check(s) failed: fix the exports or files named above.\n`);
  process.exit(1);
}
