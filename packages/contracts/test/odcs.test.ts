// ODCS v3: every example contract of this repository exports to ODCS that validates against the
// standard's JSON Schema and imports back without a breaking change; every ODCS example with a table
// schema imports. The ODCS reference files sit at ../shared/standards/odcs beside the repository.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import {
  breakingChanges,
  type Contract,
  diffContracts,
  importOdcs,
  odcsTables,
  parseContract,
  renderImportYaml,
  toOdcs,
} from '@tukar/contracts';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { exampleContracts, repositoryRoot } from './example-contracts';

const odcsDir = `${repositoryRoot}../shared/standards/odcs`;
const present = existsSync(`${odcsDir}/odcs-json-schema-v3.1.0.json`);

if (!present) {
  describe.skip(`ODCS (skipped: the ODCS reference files are not at ${odcsDir}; check out shared/ beside the repository)`, () => {
    it('needs the ODCS files', () => {});
  });
} else {
  const schema = JSON.parse(readFileSync(`${odcsDir}/odcs-json-schema-v3.1.0.json`, 'utf8')) as Record<
    string,
    unknown
  >;
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats(ajv);
  const { $schema: _draft, ...body } = schema;
  const validateOdcs = ajv.compile(body);

  describe('toOdcs / importOdcs', () => {
    it('every example contract exports to valid ODCS v3.1.0 and imports back unchanged', async () => {
      const contracts = await exampleContracts();
      expect(contracts.length).toBeGreaterThanOrEqual(6);
      for (const { file, contract } of contracts) {
        const document = toOdcs(contract);
        const valid = validateOdcs(document);
        expect(valid ? [] : validateOdcs.errors, file).toEqual([]);
        const result = importOdcs(stringify(document));
        expect(result.decisions, file).toEqual([]);
        const loaded = parseContract(renderImportYaml(result), { filename: `${contract.contract}.yaml` });
        if (!loaded.ok) throw new Error(`${file}: ${loaded.problems.map((p) => p.message).join('; ')}`);
        const diff = diffContracts(contract, loaded.contract);
        expect(breakingChanges(diff.changes, contract.compatibility), file).toEqual([]);
        // examples with personal data are not written into a document shared with other tools
        const personal =
          JSON.stringify(contract.schema).includes('"x-pii":true') && (contract.examples?.length ?? 0) > 0;
        expect(
          diff.changes.map((c) => `${c.rule} ${c.path}`),
          file,
        ).toEqual(personal ? ['example-changed /examples'] : []);
        expect(JSON.stringify(document).includes('3207015203850002'), file).toBe(false); // a NIK of the examples
      }
    });

    it('ODCS fields carry the contract: logical types, options, keys, required, PII, enums', async () => {
      const contract = (await exampleContracts()).find((c) =>
        c.file.endsWith('fixtures/dinkes.puskesmas.yaml'),
      )?.contract as Contract;
      const document = toOdcs(contract) as {
        schema: { properties: Record<string, unknown>[] }[];
        status: string;
      };
      const byName = Object.fromEntries(document.schema[0]?.properties.map((p) => [p.name, p]) ?? []);
      expect(document.status).toBe('active');
      expect(byName.kode_puskesmas).toMatchObject({
        logicalType: 'string',
        logicalTypeOptions: { pattern: '^P[0-9]{10}$' },
        required: true,
        primaryKey: true,
        primaryKeyPosition: 1,
      });
      expect(byName.kode_wilayah).toMatchObject({ logicalTypeOptions: { format: 'kode-wilayah-desa' } });
      expect(byName.akreditasi).toMatchObject({
        quality: [
          { metric: 'invalidValues', arguments: { validValues: ['dasar', 'madya', 'utama', 'paripurna'] } },
        ],
      });
      expect(byName.kode_puskesmas).not.toHaveProperty('customProperties'); // ODCS says it all
    });

    it('every ODCS example with a table schema imports to a contract that loads', () => {
      const files = readdirSync(`${odcsDir}/examples`).filter((f) => f.endsWith('.yaml'));
      let imported = 0;
      for (const file of files) {
        const document = parse(readFileSync(`${odcsDir}/examples/${file}`, 'utf8')) as Record<
          string,
          unknown
        >;
        for (const table of odcsTables(document)) {
          const result = importOdcs(document, { table });
          const loaded = parseContract(renderImportYaml(result), { filename: `${file}#${table}` });
          if (!loaded.ok)
            throw new Error(`${file}#${table}: ${loaded.problems.map((p) => p.message).join('; ')}`);
          const odcsTable = (document as { schema: { name: string; properties: unknown[] }[] }).schema.find(
            (s) => s.name === table,
          );
          expect(Object.keys(loaded.contract.schema.properties as object)).toHaveLength(
            odcsTable?.properties.length ?? -1,
          );
          // what ODCS does not say (owner, contact, steward) is listed for the author
          expect(result.decisions.length, `${file}#${table}`).toBeGreaterThan(0);
          imported++;
        }
      }
      expect(imported).toBeGreaterThanOrEqual(7);
    }, 120_000); // 74 tables, each contract compiled
  });
}
