// Where the Kemendagri area list comes from: the list file shipped in the package on Node, the compiled-in
// list of @tukar/contracts/wilayah-data (browsers), or a source of your own through setWilayahSource. Both
// are generated from the idn-area-data CSV files (a dev dependency), which these tests read as the truth.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  ContractError,
  explainReferenceCode,
  isValidReferenceCode,
  setWilayahSource,
  type WilayahLevel,
  type WilayahSource,
  wilayahCodes,
} from '@tukar/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { readIdnAreaData } from '../scripts/read-idn-area-data';
import { WILAYAH_CODES } from '../src/formats/wilayah-codes.generated';
import { decodeWilayahCodes, encodeWilayahCodes } from '../src/formats/wilayah-compact';
import { IDN_AREA_DATA_VERSION, wilayahSource } from '../src/wilayah-data'; // @tukar/contracts/wilayah-data

const LEVELS: WilayahLevel[] = ['provinsi', 'kabupaten', 'kecamatan', 'desa'];

afterEach(() => setWilayahSource(undefined));

/** The codes of every level as read from the idn-area-data CSV files (the build-time input). */
function csvCodes(): Record<WilayahLevel, string[]> {
  return Object.fromEntries(LEVELS.map((level) => [level, readIdnAreaData(level)])) as Record<
    WilayahLevel,
    string[]
  >;
}

describe('the area list Node reads by default (data/wilayah-codes.txt)', () => {
  const dataDir = new URL('../data/', import.meta.url);

  it('holds exactly the codes of the idn-area-data files, at every level', () => {
    setWilayahSource(undefined);
    const csv = csvCodes();
    for (const level of LEVELS) expect([...wilayahCodes(level)], level).toEqual(csv[level]);
  });

  it('is the compiled-in list, and records the version and licence it was generated from', () => {
    expect(readFileSync(new URL('wilayah-codes.txt', dataDir), 'utf8')).toBe(WILAYAH_CODES);
    const source = JSON.parse(readFileSync(new URL('wilayah-codes.source.json', dataDir), 'utf8'));
    expect(source).toMatchObject({ source: 'idn-area-data', version: IDN_AREA_DATA_VERSION, license: 'MIT' });
    expect(readFileSync(new URL(source.licenseFile, dataDir), 'utf8')).toMatch(
      /MIT License\s+Copyright \(c\) \d{4} Fityan/,
    );
  });

  it('ships in the package, and idn-area-data is not a runtime dependency', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(manifest.files).toContain('data');
    expect(manifest.dependencies['idn-area-data']).toBeUndefined();
    expect(manifest.devDependencies['idn-area-data']).toBeTypeOf('string');
  });
});

describe('@tukar/contracts/wilayah-data: the area list compiled in', () => {
  it('holds exactly the codes Node reads from the idn-area-data files, at every level', () => {
    const csv = csvCodes();
    for (const level of LEVELS) expect(wilayahSource(level)).toEqual(csv[level]);
    expect(csv.desa).toHaveLength(83_762);
  });

  it('is up to date with the installed idn-area-data (run `pnpm --filter @tukar/contracts generate`)', () => {
    const installed = JSON.parse(
      readFileSync(createRequire(import.meta.url).resolve('idn-area-data/package.json'), 'utf8'),
    ) as { version: string };
    expect(IDN_AREA_DATA_VERSION).toBe(installed.version);
    expect(encodeWilayahCodes(csvCodes())).toBe(WILAYAH_CODES);
  });

  it('is small: about 110 kB of text for 90,000 codes', () => {
    expect(WILAYAH_CODES.length).toBeLessThan(120_000);
  });

  it('as the source, checks kode wilayah and NIK as Node does', () => {
    setWilayahSource(wilayahSource);
    expect(isValidReferenceCode('kode-wilayah-desa', '32.07.01.2008')).toBe(true);
    expect(isValidReferenceCode('kode-wilayah-desa', '32.07.01.1001')).toBe(true);
    expect(explainReferenceCode('kode-wilayah-desa', '32.07.99.9999')).toMatch(
      /its kecamatan 32.07.99 does not exist/,
    );
    expect(isValidReferenceCode('nik', '3207011203850001')).toBe(true);
    expect(explainReferenceCode('nik', '3299011203850001')).toMatch(/32.99.01 is not/);
  });
});

describe('setWilayahSource', () => {
  const tiny: WilayahSource = (level) =>
    ({ provinsi: ['32'], kabupaten: ['32.07'], kecamatan: ['32.07.01'], desa: ['32.07.01.2008'] })[level];

  it('replaces the list, drops the codes already read, and undefined brings back the files', () => {
    expect(wilayahCodes('kabupaten').has('32.73')).toBe(true); // Kota Bandung, from the CSV files
    setWilayahSource(tiny);
    expect(wilayahCodes('kabupaten').has('32.73')).toBe(false);
    expect([...wilayahCodes('desa')]).toEqual(['32.07.01.2008']);
    expect(explainReferenceCode('kode-wilayah-desa', '32.07.01.2009')).toMatch(/kecamatan 32.07.01 has no/);
    setWilayahSource(undefined);
    expect(wilayahCodes('kabupaten').has('32.73')).toBe(true);
  });

  it('asks the source once per level', () => {
    const asked: WilayahLevel[] = [];
    setWilayahSource((level) => {
      asked.push(level);
      return tiny(level);
    });
    for (let i = 0; i < 3; i++) isValidReferenceCode('kode-wilayah-desa', '32.07.01.2008');
    expect(asked).toEqual(['desa']);
  });

  it('refuses what is not a source, naming what it got', () => {
    expect(() => setWilayahSource({ desa: [] } as unknown as WilayahSource)).toThrow(
      /setWilayahSource expects a function \(level\) => codes or undefined, got object/,
    );
    expect(() => setWilayahSource(null as unknown as WilayahSource)).toThrow(/got null/);
  });

  it.each([
    [
      'throws',
      () => {
        throw new Error('disk full');
      },
      /setWilayahSource threw \(disk full\) for level "desa"/,
    ],
    ['returns no iterable', () => 42, /did not return an iterable of codes for level "desa"/],
    [
      'returns a number among the codes',
      () => ['32.07.01.2008', 3207012009],
      /returned 3207012009, not a dotted/,
    ],
    ['returns nothing', () => [], /returned no codes for level "desa"/],
  ])('a source that %s gives a ContractError naming the level', (_, source, message) => {
    setWilayahSource(source as unknown as WilayahSource);
    const error = (() => {
      try {
        wilayahCodes('desa');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({ code: 'reference_data_missing', message: expect.stringMatching(message) });
  });

  it('an unknown level is a TypeError naming the levels', () => {
    expect(() => wilayahCodes('dusun' as WilayahLevel)).toThrow(
      /Unknown area level "dusun"; use one of provinsi, kabupaten, kecamatan, desa/,
    );
  });
});

describe('the compact form', () => {
  const list = {
    provinsi: ['11', '32'],
    kabupaten: ['11.01', '32.07', '32.08'],
    kecamatan: ['11.01.01', '32.07.01', '32.07.02'],
    desa: [
      '11.01.01.0007',
      '32.07.01.1001',
      '32.07.01.1002',
      '32.07.01.1003',
      '32.07.01.2008',
      '32.07.01.2008',
    ],
  };

  it('round-trips: runs, leading zeros, duplicates, a kabupaten without kecamatan, a kecamatan without desa', () => {
    const text = encodeWilayahCodes(list);
    expect(text).toBe('11 32\n1101 01:0007\n3207 01:1001-2,2008 02\n3208');
    for (const level of LEVELS) expect(decodeWilayahCodes(text, level)).toEqual([...new Set(list[level])]);
  });

  it.each([
    ['provinsi code "3" is not in the dotted form', { ...list, provinsi: ['32', '3'] }],
    ['kabupaten code "3207" is not in the dotted form', { ...list, kabupaten: ['3207'] }],
    ['desa code "32.07.01.200" is not in the dotted form', { ...list, desa: ['32.07.01.200'] }],
    ['kabupaten 33.01 has no provinsi', { ...list, kabupaten: ['33.01'] }],
    ['kecamatan 32.09.01 has no kabupaten', { ...list, kecamatan: ['32.09.01'] }],
    ['desa 32.07.03.2001 has no kecamatan', { ...list, desa: ['32.07.03.2001'] }],
  ])('refuses a list it cannot encode losslessly: %s', (message, bad) => {
    expect(() => encodeWilayahCodes(bad)).toThrow(message);
  });
});
