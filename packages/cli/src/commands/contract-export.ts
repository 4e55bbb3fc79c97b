import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  bpsMetadataRows,
  type Contract,
  dataDictionaryTable,
  loadContract,
  toCsv,
  toDataDictionaryHtml,
  toDdl,
  toJsonSchema,
  toOdcs,
  toTableSchema,
} from '@tukar/contracts';
import { writeBpsMetadataXlsx, writeDataDictionaryXlsx } from '@tukar/contracts/xlsx';
import { stringify } from 'yaml';
import { defineCommand, EXIT, UsageError } from '../command';
import { displayPath, formatProblem } from '../format-problem';

type Output = string | Uint8Array;

interface ExportFormat {
  readonly description: string;
  readonly binary?: boolean;
  render(
    contract: Contract,
    options: { table?: string; place?: string; json: boolean },
  ): Output | Promise<Output>;
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** The formats `tukar contract export` writes, by name. */
export const EXPORT_FORMATS: Record<string, ExportFormat> = {
  'ddl-mysql': {
    description: 'CREATE TABLE for MySQL/MariaDB (the consumer’s own table)',
    render: (c, o) => toDdl(c, 'mysql', o.table ? { table: o.table } : {}),
  },
  'ddl-postgresql': {
    description: 'CREATE TABLE for PostgreSQL',
    render: (c, o) => toDdl(c, 'postgresql', o.table ? { table: o.table } : {}),
  },
  'json-schema': {
    description: 'plain JSON Schema 2020-12 of one record',
    render: (c) => json(toJsonSchema(c)),
  },
  odcs: {
    description: 'Open Data Contract Standard v3.1.0 (YAML; JSON when -o ends in .json)',
    render: (c, o) => (o.json ? json(toOdcs(c)) : stringify(toOdcs(c), { lineWidth: 0 })),
  },
  'table-schema': { description: 'Frictionless Table Schema (JSON)', render: (c) => json(toTableSchema(c)) },
  html: {
    description: 'data dictionary, printable HTML (Dokumen Interchange Data)',
    render: (c, o) => toDataDictionaryHtml(c, o.place ? { place: o.place } : {}),
  },
  xlsx: {
    description: 'data dictionary as an XLSX workbook',
    binary: true,
    render: (c) => writeDataDictionaryXlsx(c),
  },
  csv: {
    description: 'data dictionary as CSV (header block, then one row per field)',
    render: (c) => {
      const table = dataDictionaryTable(c);
      return toCsv([
        ...table.header.map((r) => [...r]),
        [],
        [...table.columns],
        ...table.rows.map((r) => [...r]),
      ]);
    },
  },
  'bps-csv': {
    description: 'BPS metadata (MS-Var rows per field) as CSV',
    render: (c) => toCsv(bpsMetadataRows(c)),
  },
  'bps-xlsx': {
    description: 'BPS metadata (MS-Var rows per field) as XLSX',
    binary: true,
    render: (c) => writeBpsMetadataXlsx(c),
  },
};

/** `tukar contract export FILE --format F` */
export const contractExportCommand = defineCommand({
  name: 'export',
  summary: 'write a contract as DDL, JSON Schema, ODCS, Table Schema or the data dictionary',
  usage: '[options] <contract> --format <format>',
  description: `
SOP steps 3–4 end in documents: the agreed structure for the consumer's own tables, and
the formats other tools read. Formats:
${Object.entries(EXPORT_FORMATS)
  .map(([name, f]) => `  ${name.padEnd(16)} ${f.description}`)
  .join('\n')}`,
  options: {
    format: { type: 'string', short: 'f', valueName: 'FORMAT', description: 'one of the formats above' },
    output: { type: 'string', short: 'o', valueName: 'FILE', description: 'write here (default: stdout)' },
    table: {
      type: 'string',
      valueName: 'NAME',
      description: 'table name for ddl-* (default: the dataset id)',
    },
    place: { type: 'string', valueName: 'PLACE', description: 'place above the signatures (html)' },
  },
  examples: [
    'tukar contract export contracts/dinkes.puskesmas.yaml --format ddl-postgresql > puskesmas.sql',
    'tukar contract export contracts/dinkes.puskesmas.yaml --format odcs -o dinkes.puskesmas.odcs.yaml',
    'tukar contract export contracts/dinkes.puskesmas.yaml --format html --place Ciamis -o kamus-data.html',
    'tukar contract export contracts/dinkes.puskesmas.yaml --format xlsx -o kamus-data.xlsx',
  ],
  exitCodes: [
    [EXIT.ok, 'written'],
    [EXIT.usage, 'usage error, or the contract does not load'],
  ],
  async run({ io, values, positionals, colors, commandPath }) {
    if (positionals.length !== 1) {
      throw new UsageError(
        'bad_arguments',
        `expected one contract file.\nRun '${commandPath} --help' for usage.`,
      );
    }
    const name = typeof values.format === 'string' ? values.format : undefined;
    const format = name ? EXPORT_FORMATS[name] : undefined;
    if (!format) {
      throw new UsageError(
        'bad_arguments',
        `${name ? `unknown format "${name}"` : '--format is required'}: one of ${Object.keys(EXPORT_FORMATS).join(', ')}`,
      );
    }
    const output = typeof values.output === 'string' ? values.output : undefined;
    if (format.binary && !output)
      throw new UsageError('bad_arguments', `--format ${name} writes a binary file: give -o FILE`);
    const file = resolve(io.cwd, positionals[0] as string);
    const loaded = await loadContract(file);
    if (!loaded.ok) {
      const shown = displayPath(file, io.cwd);
      io.stderr.write(`${colors.stderr.red('error')}: ${shown} does not load as a contract:\n`);
      for (const problem of loaded.problems) io.stderr.write(formatProblem(problem, shown, colors.stderr));
      return EXIT.usage;
    }
    const table = typeof values.table === 'string' ? values.table : undefined;
    const place = typeof values.place === 'string' ? values.place : undefined;
    const rendered = await format.render(loaded.contract, {
      ...(table ? { table } : {}),
      ...(place ? { place } : {}),
      json: output?.endsWith('.json') ?? false,
    });
    if (output) {
      await writeFile(resolve(io.cwd, output), rendered);
      io.stderr.write(`${colors.stderr.green('✔')} wrote ${output} (${name})\n`);
    } else io.stdout.write(typeof rendered === 'string' ? rendered : Buffer.from(rendered).toString('utf8'));
    return EXIT.ok;
  },
});
