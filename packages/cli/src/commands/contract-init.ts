import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  CLASSIFICATIONS,
  csvSheetRecords,
  formatSuggestion,
  ImportError,
  type ImportOptions,
  type ImportResult,
  importDataDictionary,
  importOdcs,
  inferFromRecords,
  parseCsv,
  parseSampleText,
  probeEndpoint,
  renderImportYaml,
  SQL_DIALECTS,
  tableToContract,
  UPDATE_FREQUENCIES,
} from '@tukar/contracts';
import { describeDatabaseQuery, importDatabaseTable, parseDdl } from '@tukar/contracts/sql';
import { readDataDictionaryXlsx, readSheetRecordsXlsx } from '@tukar/contracts/xlsx';
import { defineCommand, EXIT, type OptionValues, UsageError } from '../command';

const str = (values: OptionValues, name: string): string | undefined => {
  const value = values[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  flag: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError('bad_arguments', `--${flag} must be one of ${allowed.join(', ')}; got "${value}"`);
  }
  return value as T;
}

function contractFacts(values: OptionValues): ImportOptions {
  const opd = str(values, 'opd');
  const contact = str(values, 'contact');
  if ((opd === undefined) !== (contact === undefined)) {
    throw new UsageError(
      'bad_arguments',
      '--opd and --contact go together: the producing OPD and its contact email',
    );
  }
  const classification = oneOf(str(values, 'classification'), CLASSIFICATIONS, 'classification');
  const updateFrequency = oneOf(str(values, 'frequency'), UPDATE_FREQUENCIES, 'frequency');
  const id = str(values, 'id');
  const steward = str(values, 'steward');
  return {
    ...(id ? { contract: id } : {}),
    ...(opd && contact ? { owner: { opd, contact } } : {}),
    ...(steward ? { steward } : {}),
    ...(classification ? { classification } : {}),
    ...(updateFrequency ? { updateFrequency } : {}),
  };
}

async function readInput(path: string, cwd: string): Promise<string> {
  try {
    return await readFile(resolve(cwd, path), 'utf8');
  } catch (cause) {
    throw new UsageError('missing_path', `cannot read ${path}: ${(cause as Error).message}`, { cause });
  }
}

async function readBytes(path: string, cwd: string): Promise<Uint8Array> {
  try {
    return await readFile(resolve(cwd, path));
  } catch (cause) {
    throw new UsageError('missing_path', `cannot read ${path}: ${(cause as Error).message}`, { cause });
  }
}

/** --sample FILE: a JSON array or NDJSON, or a data sheet (.csv, or .xlsx with --sheet NAME). */
async function readSample(sample: string, sheet: string | undefined, cwd: string) {
  if (sheet !== undefined && !/\.xlsx$/i.test(sample))
    throw new UsageError('bad_arguments', '--sheet names a sheet of an .xlsx --sample workbook');
  if (/\.xlsx$/i.test(sample))
    return readSheetRecordsXlsx(await readBytes(sample, cwd), {
      source: sample,
      ...(sheet ? { sheet } : {}),
    });
  if (/\.csv$/i.test(sample)) return csvSheetRecords(await readInput(sample, cwd), sample);
  return parseSampleText(await readInput(sample, cwd), sample);
}

async function importFrom(
  values: OptionValues,
  cwd: string,
  env: Record<string, string | undefined>,
): Promise<ImportResult> {
  const facts = contractFacts(values);
  const table = str(values, 'table');
  const ddl = str(values, 'ddl');
  const odcs = str(values, 'odcs');
  const dbEnv = str(values, 'db-env');
  const sample = str(values, 'sample');
  const endpoint = str(values, 'endpoint');
  const dictionary = str(values, 'dictionary');
  const sources = [ddl, odcs, dbEnv, sample, endpoint, dictionary].filter(Boolean).length;
  if (sources !== 1) {
    throw new UsageError(
      'bad_arguments',
      'give one source: --db-env NAME with --table (a live table), --ddl FILE, --dictionary FILE, --odcs FILE, --sample FILE or --endpoint URL',
    );
  }
  if (dictionary) {
    const name = table ?? dictionary.replace(/^.*[\\/]/, '').replace(/\.(xlsx|csv)$/i, '');
    if (/\.xlsx$/i.test(dictionary)) {
      return readDataDictionaryXlsx(await readBytes(dictionary, cwd), { ...facts, name });
    }
    return importDataDictionary(parseCsv(await readInput(dictionary, cwd)), {}, { ...facts, name });
  }
  if (sample) {
    const records = await readSample(sample, str(values, 'sheet'), cwd);
    const name = sample.replace(/^.*[\\/]/, '').replace(/\.((nd)?json|csv|xlsx)$/i, '');
    return inferFromRecords(records, { ...facts, name: table ?? name });
  }
  if (endpoint) {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      throw new UsageError('bad_arguments', `--endpoint ${endpoint} is not a URL: write https://host/path`);
    }
    const token = str(values, 'token-env');
    const headers = token && env[token] ? { authorization: `Bearer ${env[token]}` } : undefined;
    const probe = await probeEndpoint(url, headers ? { headers } : {});
    const name = table ?? url.pathname.split('/').filter(Boolean).pop() ?? 'data';
    const result = inferFromRecords(probe.records, { ...facts, name });
    return { ...result, contract: { ...result.contract, provider: probe.provider } };
  }
  if (ddl) {
    const dialect = oneOf(str(values, 'dialect') ?? 'mysql', SQL_DIALECTS, 'dialect') ?? 'mysql';
    const tables = await parseDdl(await readInput(ddl, cwd), dialect);
    const chosen = table ? tables.find((t) => t.name === table) : tables[0];
    if (!chosen) {
      throw new UsageError(
        'bad_arguments',
        table
          ? `${ddl} has no CREATE TABLE ${table} (it has: ${tables.map((t) => t.name).join(', ') || 'none'})`
          : `${ddl} has no CREATE TABLE statement`,
      );
    }
    return tableToContract(chosen, facts);
  }
  if (odcs) return importOdcs(await readInput(odcs, cwd), { ...facts, ...(table ? { table } : {}) });
  const url = env[dbEnv ?? ''];
  if (!url) {
    throw new UsageError(
      'bad_config',
      `the environment variable ${dbEnv} is not set: export ${dbEnv}=mysql://user:password@host/db (or postgres://…)`,
    );
  }
  const query = str(values, 'query');
  if (query) {
    const { table: described, records } = await describeDatabaseQuery(url, query);
    const name = table ?? facts.contract?.split('.').pop() ?? 'data';
    return tableToContract({ ...described, name }, { ...facts, samples: records });
  }
  if (!table)
    throw new UsageError('bad_arguments', '--db-env needs --table NAME (or --query SQL): what to read');
  return importDatabaseTable(url, table, facts);
}

/** `tukar contract init`: a draft contract from what the OPD already has. */
export const contractInitCommand = defineCommand({
  name: 'init',
  summary: 'draft a contract from a database table, SQL DDL, sample records, an endpoint or ODCS',
  usage: '[options]',
  description: `
SOP step 2: the OPD hands over its database structure. init reads it (a live MariaDB/MySQL
or PostgreSQL table, a CREATE TABLE file, a data dictionary spreadsheet, sample records,
the OPD's live endpoint, or an ODCS v3 document) and writes a draft
contract: column types, lengths, nullability (required), primary key, ENUM / CHECK lists,
unique keys, comments and defaults. It suggests what people forget (reference formats such
as kode-wilayah-desa checked against the table's values, nik, npsn, nip; x-pii on NIK and
personal names; classification terbatas), prints each suggestion with its reason, and lists
what the author must still decide. The database URL is read from an environment variable
and never written to the contract. Reading a live table needs the driver next to tukar:
npm install mysql2 (MariaDB/MySQL) or pg (PostgreSQL).`,
  options: {
    'db-env': {
      type: 'string',
      valueName: 'NAME',
      description: 'environment variable holding the database URL',
    },
    table: {
      type: 'string',
      valueName: 'NAME',
      description: 'table to read (or to pick from --ddl / --odcs)',
    },
    query: {
      type: 'string',
      valueName: 'SQL',
      description: 'with --db-env: a SELECT (a view, a join) instead of a table',
    },
    ddl: { type: 'string', valueName: 'FILE', description: 'SQL file with CREATE TABLE statements' },
    dialect: {
      type: 'string',
      valueName: 'DIALECT',
      description: 'dialect of --ddl: mysql (default) or postgresql',
    },
    dictionary: {
      type: 'string',
      valueName: 'FILE',
      description: 'data dictionary: .xlsx or .csv (nama kolom, tipe, panjang, wajib, keterangan)',
    },
    odcs: { type: 'string', valueName: 'FILE', description: 'ODCS v3 document (YAML or JSON)' },
    sample: {
      type: 'string',
      valueName: 'FILE',
      description: 'sample records: JSON array, NDJSON, or a data sheet (.csv, .xlsx; header row = fields)',
    },
    sheet: {
      type: 'string',
      valueName: 'NAME',
      description: 'sheet of an .xlsx --sample (default: the first)',
    },
    endpoint: {
      type: 'string',
      valueName: 'URL',
      description: "the OPD's endpoint: probe records, pagination, page size",
    },
    'token-env': {
      type: 'string',
      valueName: 'NAME',
      description: 'environment variable with a bearer token for --endpoint',
    },
    id: { type: 'string', valueName: 'ID', description: 'contract id, <opd>.<dataset>' },
    opd: { type: 'string', valueName: 'NAME', description: 'producing OPD (with --contact)' },
    contact: { type: 'string', valueName: 'EMAIL', description: "the OPD's contact email (with --opd)" },
    steward: { type: 'string', valueName: 'NAME', description: 'walidata, usually Diskominfo' },
    classification: { type: 'string', valueName: 'CLASS', description: 'publik, terbatas or rahasia' },
    frequency: { type: 'string', valueName: 'FREQ', description: 'update frequency (daily, monthly…)' },
    output: {
      type: 'string',
      short: 'o',
      valueName: 'FILE',
      description: 'write the contract here (default: stdout)',
    },
    force: { type: 'boolean', description: 'overwrite --output if it exists' },
  },
  examples: [
    'TUKAR_DB_URL=mysql://simpus:…@10.0.0.5/simpus tukar contract init --db-env TUKAR_DB_URL --table puskesmas --id dinkes.puskesmas -o contracts/dinkes.puskesmas.yaml',
    'tukar contract init --ddl struktur-db.sql --dialect postgresql --table sekolah',
    'tukar contract init --odcs kontrak.odcs.yaml -o contracts/disdik.sekolah.yaml',
    'tukar contract init --sample puskesmas.ndjson --id dinkes.puskesmas',
    'tukar contract init --sample data-sekolah.xlsx --sheet Sekolah --id disdik.sekolah',
    'tukar contract init --dictionary struktur-db-simpus.xlsx --id dinkes.puskesmas',
    'tukar contract init --endpoint https://simpus.dinkes.example.go.id/api/puskesmas --token-env SIMPUS_TOKEN',
  ],
  exitCodes: [
    [EXIT.ok, 'the draft was written; what is left to decide is printed'],
    [
      EXIT.usage,
      'usage or configuration error, SQL that does not parse, a table or database that cannot be read',
    ],
  ],
  async run({ io, values, colors }) {
    let result: ImportResult;
    try {
      result = await importFrom(values, io.cwd, io.env);
    } catch (error) {
      if (error instanceof ImportError) {
        io.stderr.write(`${colors.stderr.red('error')}: ${error.message}\n`);
        return EXIT.usage;
      }
      throw error;
    }
    const yaml = renderImportYaml(result);
    const output = str(values, 'output');
    if (output) {
      try {
        await writeFile(resolve(io.cwd, output), yaml, { flag: values.force ? 'w' : 'wx' });
      } catch (cause) {
        const exists = (cause as { code?: string }).code === 'EEXIST';
        throw new UsageError(
          'bad_arguments',
          exists
            ? `${output} exists: pass --force to overwrite it`
            : `cannot write ${output}: ${(cause as Error).message}`,
        );
      }
    } else io.stdout.write(yaml);
    const c = colors.stderr;
    for (const s of result.suggestions) io.stderr.write(`${c.cyan('suggest')} ${formatSuggestion(s)}\n`);
    for (const d of result.decisions)
      io.stderr.write(`${c.yellow('decide')}  ${d.field ? `${d.field}: ` : ''}${d.message}\n`);
    if (output) {
      io.stderr.write(
        result.decisions.length === 0
          ? `${c.green('✔')} wrote ${output}; it lints clean: tukar contract lint ${output}\n`
          : `${c.green('✔')} wrote ${output}; decide the ${result.decisions.length} point(s) above, then tukar contract lint ${output}\n`,
      );
    }
    return EXIT.ok;
  },
});
