// Verification results never show an x-pii value: whatever the Pact verifier quotes of a personal-data
// field (the field's value, a record or list holding one, a provider state's records or key) is masked
// in the report, its summary, JUnit and result files. The real verifier's case is in test/pii-grep.test.ts;
// these are the shapes of its JSON that a failing OPD endpoint or hub can produce.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PiiContract, pathTokens } from '../src/mask-verification';
import type { CoreVerifierRun } from '../src/run-core-verifier';
import { buildReport, toJUnit, writeVerificationResults } from '../src/verification-report';
import { tempDir } from './helpers';

const NIK = '3207095711930417';
const NAMA = "Siti O'Aminah";
const SHORT = 'Eko';

const warga = {
  contract: 'disdukcapil.warga',
  primaryKey: ['nik'],
  schema: {
    type: 'object',
    properties: {
      nik: { type: 'string', 'x-pii': true },
      nama: { type: 'string', 'x-pii': true },
      kode_wilayah: { type: 'string' },
      keluarga: { type: 'array', items: { $ref: '#/$defs/orang' } },
    },
    $defs: { orang: { type: 'object', properties: { nama: { type: 'string', 'x-pii': true } } } },
  },
};

const INTERACTION = 'Verifying a pact between tukar-hub and opd-warga - a request for the warga records';

function run(mismatches: NonNullable<CoreVerifierRun['json']>['errors']): CoreVerifierRun {
  return {
    json: {
      result: false,
      errors: mismatches,
      interactionResults: [{ description: 'a request for the warga records', result: 'failed' }],
    },
    failure: undefined,
    output: [
      `$.data[0].nama -> Expected '${NAMA}' to match '^[\\s\\S]{0,10}$'`,
      `$.data[1] -> Expected ${JSON.stringify({ nik: NIK, kode_wilayah: '32.07.09.2002' })} to equal {}`,
      `$.data[2].keluarga[0].nama -> Expected '${SHORT}' (String) to be equal to 'Budi' (String)`,
      `$.data[3].nik -> Expected a value of type String`,
      'kode_wilayah 32.07.09.2002 stays as it is',
    ].join('\n'),
  };
}

const mismatches = [
  {
    type: 'BodyMismatch',
    path: '$.data[0].nama',
    mismatch: `Expected '${NAMA}' to match '^[\\s\\S]{0,10}$'`,
    expected: '"contoh"',
    actual: JSON.stringify(NAMA),
  },
  {
    type: 'BodyMismatch',
    path: '$.data[1]',
    mismatch: `Expected ${JSON.stringify({ nik: NIK, kode_wilayah: '32.07.09.2002' })} to equal {}`,
    actual: JSON.stringify({ nik: NIK, kode_wilayah: '32.07.09.2002' }),
  },
  {
    type: 'BodyMismatch',
    path: '$.data[2].keluarga[0].nama',
    mismatch: `Expected '${SHORT}' (String) to be equal to 'Budi' (String)`,
    expected: '"Budi"',
    actual: JSON.stringify(SHORT),
  },
  // No actual value given: the quoted values of the message are masked, the pattern is kept.
  { type: 'BodyMismatch', path: '$.data[3].nik', mismatch: `Expected '${NIK}' to match '^[0-9]{16}$'` },
];

function report(contracts: PiiContract[]) {
  return buildReport({
    run: run([{ interaction: INTERACTION, mismatch: { type: 'mismatches', mismatches } }]),
    provider: 'opd-warga',
    providerUrl: 'http://127.0.0.1:8090',
    sources: ['pacts/tukar-hub-opd-warga.json'],
    pacts: [
      {
        source: 'pacts/tukar-hub-opd-warga.json',
        document: {
          consumer: { name: 'tukar-hub' },
          provider: { name: 'opd-warga' },
          interactions: [
            {
              description: 'a request for the warga records',
              providerStates: [
                {
                  name: 'dataset has records',
                  params: { datasetId: 'disdukcapil.warga', records: [{ nik: NIK, nama: NAMA }] },
                },
                { name: 'record does not exist', params: { datasetId: 'disdukcapil.warga', key: NIK } },
              ],
              request: { method: 'GET', path: '/api/warga' },
              response: { status: 200 },
            },
          ],
          metadata: { pactSpecification: { version: '3.0.0' } },
        },
      },
    ],
    startedAt: new Date(),
    contracts,
  });
}

describe('verification results mask x-pii values', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir('mask'));
  });
  afterAll(() => cleanup());

  it('masks a quoted field, a quoted record, a short value and a message without its value, in every output', async () => {
    const masked = report([warga]);
    const files = await writeVerificationResults(masked, dir, 'opd-warga');
    const outputs = {
      summary: masked.summary,
      output: masked.output,
      junit: toJUnit(masked),
      json: await readFile(files.json, 'utf8'),
      xml: await readFile(files.junit, 'utf8'),
    };
    for (const [channel, text] of Object.entries(outputs)) {
      for (const secret of [NIK, NAMA, `'${SHORT}'`, `"${SHORT}"`, 'Aminah']) {
        expect(text.includes(secret), `${secret} in ${channel}`).toBe(false);
      }
    }
    const [first, second, third, fourth] = masked.interactions[0]!.mismatches;
    expect(first!.message).toBe(`Expected 'Siti*******ah' to match '^[\\s\\S]{0,10}$'`);
    expect(first!.actual).toBe('"Siti*******ah"');
    expect(second!.message).toBe(
      'Expected {"nik":"3207**********17","kode_wilayah":"32.07.09.2002"} to equal {}',
    );
    expect(third!.message).toBe("Expected '***' (String) to be equal to 'B**i' (String)");
    expect(fourth!.message).toBe("Expected '3207**********17' to match '^[0-9]{16}$'");
    expect(masked.output).toContain('$.data[3].nik -> Expected a value of type String');
    expect(masked.output).toContain('kode_wilayah 32.07.09.2002 stays as it is');
    expect(masked.interactions[0]!.states).toEqual([
      'dataset has records {"datasetId":"disdukcapil.warga","records":[{"nik":"3207**********17","nama":"Siti*******ah"}]}',
      'record does not exist {"datasetId":"disdukcapil.warga","key":"3207**********17"}',
    ]);
    expect(masked.summary).toContain("$.data[0].nama: Expected 'Siti*******ah' to match");
  });

  it('keeps every value when no contract marks it x-pii', () => {
    const plain = report([{ ...warga, schema: { type: 'object', properties: { nik: { type: 'string' } } } }]);
    expect(plain.interactions[0]!.mismatches[0]!.message).toBe(
      `Expected '${NAMA}' to match '^[\\s\\S]{0,10}$'`,
    );
    expect(plain.output).toContain(NIK);
    expect(report([]).summary).toContain(NAMA);
  });

  it('reads the JSON paths the verifier writes', () => {
    expect(pathTokens('$.data[3].nama')).toEqual(['data', '3', 'nama']);
    expect(pathTokens("$['a.b'][0].c")).toEqual(['a.b', '0', 'c']);
    expect(pathTokens('$.items[0].record')).toEqual(['items', '0', 'record']);
    expect(pathTokens('$.x[*].y')).toEqual(['x', '*', 'y']);
  });
});
