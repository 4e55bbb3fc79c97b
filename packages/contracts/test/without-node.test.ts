// @tukar/contracts outside Node (a browser, a service worker): no Node built-in is reachable, as when
// process.getBuiltinModule is missing. Everything works on text; file paths and the idn-area-data files
// answer clear problems that say what to do instead.
import { readFileSync } from 'node:fs';
import {
  ContractError,
  clearCompiledContracts,
  compileContract,
  isValidReferenceCode,
  loadContract,
  parseContract,
  setWilayahSource,
  wilayahCodes,
} from '@tukar/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { wilayahSource } from '../src/wilayah-data'; // @tukar/contracts/wilayah-data

const fixture = new URL('./fixtures/dinkes.puskesmas.yaml', import.meta.url);
const contractText = readFileSync(fixture, 'utf8');
const record = {
  kode_puskesmas: 'P3207010101',
  nama: 'Puskesmas Ciamis',
  kode_wilayah: '32.07.01.2008',
  kecamatan: '32.07.01',
  rawat_inap: true,
};

const builtinsAsInABrowser = (): void => {
  vi.spyOn(process, 'getBuiltinModule').mockReturnValue(undefined as never);
};

beforeEach(() => {
  builtinsAsInABrowser();
  setWilayahSource(undefined);
  clearCompiledContracts();
});
afterEach(() => {
  vi.restoreAllMocks();
  setWilayahSource(undefined);
});

describe('@tukar/contracts without Node built-ins', () => {
  it('loadContract of a path answers a problem that says to pass the text; nothing throws', async () => {
    const result = await loadContract('contracts/dinkes.puskesmas.yaml');
    expect(result).toMatchObject({
      ok: false,
      problems: [
        {
          code: 'file_unreadable',
          file: 'contracts/dinkes.puskesmas.yaml',
          message: expect.stringContaining('file paths need Node'),
          hint: 'Pass the contract text to loadContract or parseContract instead of a path.',
        },
      ],
    });
  });

  it('the area list without a source: a ContractError that says how to provide it', () => {
    const error = (() => {
      try {
        wilayahCodes('desa');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({
      code: 'reference_data_missing',
      message: expect.stringContaining(
        "`import { wilayahSource } from '@tukar/contracts/wilayah-data'` and `setWilayahSource(wilayahSource)`",
      ),
    });
    expect(() => isValidReferenceCode('nik', '3207011203850001')).toThrow(/no Node file system/);
  });

  it('with the compiled-in list: parses text, compiles, checks records and names a fake kode wilayah', async () => {
    setWilayahSource(wilayahSource);
    const loaded = await loadContract(contractText, { filename: 'dinkes.puskesmas.yaml' });
    if (!loaded.ok) throw new Error(loaded.problems[0]?.message);
    const compiled = compileContract(loaded.contract);
    expect(compiled.check(record)).toBe(true);
    expect(compiled.validate({ ...record, kode_wilayah: '32.07.99.9999' })).toMatchObject([
      { code: 'format', path: '/kode_wilayah', message: expect.stringContaining('32.07.99 does not exist') },
    ]);
    expect(compiled.keyOf(record)).toBe('P3207010101');
  });

  it('the size limit counts UTF-8 bytes without Buffer', () => {
    setWilayahSource(wilayahSource); // the examples are checked, kode wilayah included
    const text = `${contractText}# ${'é'.repeat(60)}\n`; // 2 bytes each
    const limit = text.length + 30;
    expect(parseContract(text, { maxBytes: limit })).toMatchObject({
      ok: false,
      problems: [{ code: 'file_too_large' }],
    });
    expect(parseContract(text, { maxBytes: limit + 30 }).ok).toBe(true);
  });
});
