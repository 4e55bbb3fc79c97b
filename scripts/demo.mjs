#!/usr/bin/env node
// `pnpm demo` — runs `tukar demo` from the built CLI (packages/cli/dist, built by `pnpm build`; `pnpm demo`
// builds first). The demo itself lives in packages/cli/src/demo/: the steps of a kabupaten's SOP Integrasi
// dan Pertukaran Data Sistem Informasi against an embedded hub, reports in ./.tukar/demo/ (or --out DIR).
//
//   node scripts/demo.mjs [--exit] [--out DIR] [--records N]     (the same as `tukar demo ...`)
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../packages/cli/dist/index.js', import.meta.url));
if (!existsSync(cli)) {
  console.error(`${cli} missing: run \`pnpm build\` first (\`pnpm demo\` does).`);
  process.exit(1);
}
const { runCli } = await import(cli);
process.exitCode = await runCli(['demo', ...process.argv.slice(2)], {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
