// Build-time input: the dotted codes of one level from the idn-area-data CSV files (a dev dependency).
// scripts/generate-wilayah-data.ts compiles them into the package; test/wilayah-source.test.ts checks that
// the compiled list is still the installed one.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { WilayahLevel } from '../src/formats/wilayah-level';

const FILES: Record<WilayahLevel, string> = {
  provinsi: 'provinces.csv',
  kabupaten: 'regencies.csv',
  kecamatan: 'districts.csv',
  desa: 'villages.csv',
};

/** Where idn-area-data is installed (its package.json's directory). */
export function idnAreaDataDir(): string {
  return dirname(createRequire(import.meta.url).resolve('idn-area-data/package.json'));
}

/** The dotted codes of one level, in the order of the CSV file. */
export function readIdnAreaData(level: WilayahLevel): string[] {
  const text = readFileSync(join(idnAreaDataDir(), 'data', FILES[level]), 'utf8');
  return text
    .split('\n')
    .slice(1) // the header line
    .map((line) => line.slice(0, line.indexOf(',')))
    .filter((code) => code !== '');
}
