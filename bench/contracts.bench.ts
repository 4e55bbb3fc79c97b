/**
 * @tukar/contracts benchmark (run: `pnpm exec tsx bench/contracts.bench.ts`, ~10 s).
 *
 * - compile time of the realistic dinkes.puskesmas contract: cold (first compile) and cached;
 * - records/s of `compiled.check` over 200k generated records against a baseline: the same schema compiled
 *   directly with ajv (same options and formats), called in the same loop. Ratio = candidate / baseline.
 * - the zod schema `tukar types` generates (`recordSchema`, for `validate: 'zod'` before sending) against
 *   the same ajv baseline, over 20k of those records: what checking in the OPD's process costs.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { addReferenceFormats, clearCompiledContracts, compileContract, loadContract } from '@tukar/contracts';
import { recordSchema } from '@tukar/contracts/zod';
import { compare, median, printComparisons } from './harness';

// ajv is a dependency of @tukar/contracts, not of the repository root: load it from the package.
const requireFromContracts = createRequire(new URL('../packages/contracts/package.json', import.meta.url));
type Ajv = Parameters<typeof addReferenceFormats>[0];
const { Ajv2020 } = requireFromContracts('ajv/dist/2020.js') as { Ajv2020: new (options: object) => Ajv };
const addFormats = requireFromContracts('ajv-formats') as (ajv: Ajv) => Ajv;

const RECORDS = 200_000;
const fixture = fileURLToPath(
  new URL('../packages/contracts/test/fixtures/dinkes.puskesmas.yaml', import.meta.url),
);
const loaded = await loadContract(fixture);
if (!loaded.ok) throw new Error(`fixture does not load: ${JSON.stringify(loaded.problems)}`);
const contract = loaded.contract;

// Compile: cold (cache cleared each time) and cached.
const cold: number[] = [];
const cached: number[] = [];
for (let i = 0; i < 15; i++) {
  clearCompiledContracts();
  let start = performance.now();
  compileContract(contract);
  cold.push(performance.now() - start);
  start = performance.now();
  for (let k = 0; k < 1000; k++) compileContract(contract);
  cached.push((performance.now() - start) / 1000);
}

// 200k records: realistic Ciamis codes, ~10% invalid in one way or another.
const desa = ['32.07.01.2008', '32.07.01.1001', '32.07.02.2001', '32.07.03.2001', '32.07.03.2002'];
const records = Array.from({ length: RECORDS }, (_, i) => {
  const r: Record<string, unknown> = {
    kode_puskesmas: `P${String(3207010000 + i).padStart(10, '0')}`,
    nama: `Puskesmas ${i}`,
    kode_wilayah: desa[i % desa.length],
    kecamatan: (desa[i % desa.length] as string).slice(0, 8),
    rawat_inap: i % 3 === 0,
    jumlah_tempat_tidur: i % 7 === 0 ? null : i % 40,
    kepala: { nama: 'dr. Siti Aminah', nip: '198503122010012001', nik: '3207015203850002' },
  };
  if (i % 10 === 0) r.kode_wilayah = '32.07.01.9999';
  if (i % 25 === 0) delete r.nama;
  return r;
});

const compiled = compileContract(contract);
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
addFormats(ajv);
addReferenceFormats(ajv);
ajv.addKeyword('x-pii');
const baselineValidate = ajv.compile(contract.schema);

let sink = 0;
const row = await compare(`check() ${RECORDS / 1000}k records`, {
  rounds: 7,
  baseline: () => {
    for (const r of records) if (baselineValidate(r)) sink++;
  },
  candidate: () => {
    for (const r of records) if (compiled.check(r)) sink++;
  },
  target: 1.1,
});

const ZOD_RECORDS = 20_000;
const zodSchema = recordSchema(contract.schema);
const zodRow = await compare(`zod safeParse ${ZOD_RECORDS / 1000}k records`, {
  rounds: 7,
  baseline: () => {
    for (let i = 0; i < ZOD_RECORDS; i++) if (baselineValidate(records[i])) sink++;
  },
  candidate: () => {
    for (let i = 0; i < ZOD_RECORDS; i++) if (zodSchema.safeParse(records[i]).success) sink++;
  },
});

console.log('\n@tukar/contracts — compile');
console.table({
  'compile cold (ms)': median(cold).toFixed(2),
  'compile cached (µs)': (median(cached) * 1000).toFixed(2),
});
console.log(
  `\n@tukar/contracts — fast check (records/s: candidate ${Math.round(RECORDS / (row.candidateMs / 1000)).toLocaleString('en')}, baseline ${Math.round(RECORDS / (row.baselineMs / 1000)).toLocaleString('en')})`,
);
printComparisons([row, zodRow]);
if (sink === 0) console.log('(no valid records?)');
