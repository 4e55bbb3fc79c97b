import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { StringDecoder } from 'node:string_decoder';
import { addReferenceFormats, loadContract } from '@tukar/contracts';
import { validateFile } from '@tukar/validator';
import { compare, printComparisons } from './harness';
const loaded = await loadContract('examples/kontrak-kabupaten/contracts/disdukcapil.penduduk-desa.yaml');
if (!loaded.ok) throw 1;
const r = createRequire(new URL('../packages/contracts/package.json', import.meta.url));
const { Ajv2020 } = r('ajv/dist/2020.js'); const addFormats = r('ajv-formats');
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true }); addFormats(ajv); addReferenceFormats(ajv); ajv.addKeyword('x-pii');
const v = ajv.compile(loaded.contract.schema);
let sink = 0;
const file = '/tmp/vt/p.ndjson';
const bare = async () => { const d = new StringDecoder('utf8'); let carry = ''; for await (const c of createReadStream(file, { highWaterMark: 256 * 1024 })) { const t = carry + d.write(c as Buffer); let s = 0; let nl = t.indexOf('\n'); while (nl !== -1) { if (nl > s && v(JSON.parse(t.slice(s, nl)))) sink++; s = nl + 1; nl = t.indexOf('\n', s); } carry = t.slice(s); } };
const cand = async () => { await validateFile(loaded.contract, file); };
printComparisons([await compare('ndjson', { rounds: Number(process.argv[2] ?? 3), baseline: bare, candidate: cand, target: 1.3 })]);
import { readFile, writeFile } from 'node:fs/promises';
const jfile = '/tmp/vt/p.json';
if (process.argv[3] === 'array') {
  const text = (await readFile(file, 'utf8')).trimEnd().split('\n').join(',\n');
  await writeFile(jfile, `[${text}]`);
  const bareA = async () => { const recs = JSON.parse(await readFile(jfile, 'utf8')) as unknown[]; for (const x of recs) if (v(x)) sink++; };
  printComparisons([await compare('array', { rounds: Number(process.argv[2] ?? 3), baseline: bareA, candidate: async () => { await validateFile(loaded.contract, jfile); }, target: 1.3 })]);
}
