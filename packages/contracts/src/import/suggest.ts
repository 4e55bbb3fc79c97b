import { isValidReferenceCode, type ReferenceFormatName } from '../formats/index';
import { toDottedKodeWilayah } from '../formats/wilayah';
import type { PropertySchema } from './column-schema';

/**
 * A change the importer proposes for a field (or the whole contract), with the reason a person reads.
 * `applied` says whether the importer already wrote it into the contract.
 *
 * @example
 * ```ts
 * import type { ImportSuggestion } from '@tukar/contracts';
 *
 * const print = (s: ImportSuggestion) =>
 *   console.log(`${s.applied ? 'applied' : 'proposed'}: ${s.field ?? 'contract'} ${s.keyword}=${String(s.value)} (${s.reason})`);
 * ```
 */
export interface ImportSuggestion {
  /** The property, or `undefined` for a contract-level suggestion (classification). */
  readonly field?: string;
  readonly keyword: 'format' | 'x-pii' | 'classification' | 'enum';
  readonly value: string | boolean;
  readonly reason: string;
  readonly applied: boolean;
}

type WilayahFormat = `kode-wilayah-${'provinsi' | 'kabupaten' | 'kecamatan' | 'desa'}`;
const WILAYAH_FORMATS: readonly WilayahFormat[] = [
  'kode-wilayah-desa',
  'kode-wilayah-kecamatan',
  'kode-wilayah-kabupaten',
  'kode-wilayah-provinsi',
];

const BY_NAME: readonly { re: RegExp; format: ReferenceFormatName; what: string }[] = [
  { re: /^(no_|nomor_)?nik(_[a-z0-9_]+)?$|_nik$/, format: 'nik', what: 'a NIK (Nomor Induk Kependudukan)' },
  { re: /^(no_|nomor_)?nip(_[a-z0-9_]+)?$|_nip$/, format: 'nip', what: 'a NIP (Nomor Induk Pegawai)' },
  {
    re: /^(no_|nomor_)?npsn(_[a-z0-9_]+)?$|_npsn$/,
    format: 'npsn',
    what: 'an NPSN (Nomor Pokok Sekolah Nasional)',
  },
  { re: /^(no_|nomor_)?npwp(_[a-z0-9_]+)?$|_npwp$/, format: 'npwp', what: 'an NPWP' },
  {
    re: /^(kode|kd|id)_(desa|kelurahan|kel|desa_kelurahan)$/,
    format: 'kode-wilayah-desa',
    what: 'a kode desa/kelurahan',
  },
  { re: /^(kode|kd|id)_(kecamatan|kec)$/, format: 'kode-wilayah-kecamatan', what: 'a kode kecamatan' },
  {
    re: /^(kode|kd|id)_(kabupaten|kab|kota|kab_kota)$/,
    format: 'kode-wilayah-kabupaten',
    what: 'a kode kabupaten/kota',
  },
  { re: /^(kode|kd|id)_(provinsi|prov|propinsi)$/, format: 'kode-wilayah-provinsi', what: 'a kode provinsi' },
  { re: /^(kode|kd)_wilayah$/, format: 'kode-wilayah-desa', what: 'a kode wilayah' },
];

const PERSON_WORDS =
  /(penduduk|warga|pegawai|asn|pns|karyawan|pasien|siswa|murid|mahasiswa|guru|pemohon|pelapor|peserta|anggota|penerima|orang|person|ibu|ayah|wali|suami|istri|anak|kepala_keluarga|petugas|pemilik|pj|penanggung_jawab|dokter|bidan|pengguna|user)/;
const PERSONAL_NAME =
  /^nama_(lengkap|ibu|ayah|wali|suami|istri|anak|kepala|pegawai|penduduk|siswa|pasien|pemohon|pelapor|petugas|pemilik|penanggung_jawab|pj|guru|dokter|bidan|peserta|penerima|kk|kepala_keluarga)(_[a-z0-9_]+)?$/;
const FAMILY_CARD = /^(no_|nomor_)?kk$/;

function isStringSchema(schema: PropertySchema): boolean {
  const type = schema.type;
  return type === 'string' || (Array.isArray(type) && type.includes('string'));
}

function present(values: readonly unknown[] | undefined): unknown[] {
  return (values ?? []).filter((value) => value !== null && value !== undefined && value !== '');
}

function wilayahFromValues(values: readonly unknown[]): { format?: WilayahFormat; undotted?: WilayahFormat } {
  if (values.length === 0 || !values.every((v) => typeof v === 'string')) return {};
  for (const format of WILAYAH_FORMATS) {
    if (values.every((v) => isValidReferenceCode(format, v))) return { format };
  }
  for (const format of WILAYAH_FORMATS) {
    if (values.every((v) => isValidReferenceCode(format, toDottedKodeWilayah(String(v))))) {
      return { undotted: format };
    }
  }
  return {};
}

/**
 * Proposes the reference-code formats, `x-pii` marks and classification a person would otherwise forget,
 * from field names and, when given, sample values (never printed: they may be personal data). Applies
 * the safe ones to `properties` in place and returns every suggestion with its reason.
 *
 * @example
 * ```ts
 * import { suggestForProperties } from '@tukar/contracts';
 *
 * const properties = { nik: { type: 'string', maxLength: 16 }, nama: { type: 'string' } };
 * for (const s of suggestForProperties('penduduk', properties, {})) console.log(s.field, s.keyword, s.reason);
 * // nik format: nik; nik x-pii; nama x-pii; classification terbatas
 * ```
 */
export function suggestForProperties(
  table: string,
  properties: Record<string, PropertySchema>,
  samples: Readonly<Record<string, readonly unknown[]>>,
): ImportSuggestion[] {
  const suggestions: ImportSuggestion[] = [];
  const names = Object.keys(properties);
  const personTable = PERSON_WORDS.test(table) || names.some((name) => /^(no_|nomor_)?nik$/.test(name));
  for (const [name, schema] of Object.entries(properties)) {
    const values = samples[name] === undefined ? undefined : present(samples[name]);
    if (isStringSchema(schema) && schema.format === undefined && schema.enum === undefined) {
      const formatSuggestion = suggestFormat(name, values);
      if (formatSuggestion) {
        if (formatSuggestion.applied) schema.format = formatSuggestion.value;
        suggestions.push(formatSuggestion);
      }
    }
    const pii = piiReason(name, personTable);
    if (pii && schema['x-pii'] !== true) {
      schema['x-pii'] = true;
      suggestions.push({ field: name, keyword: 'x-pii', value: true, reason: pii, applied: true });
    }
  }
  return suggestions;
}

function suggestFormat(name: string, values: unknown[] | undefined): ImportSuggestion | undefined {
  const byName = BY_NAME.find((entry) => entry.re.test(name));
  if (byName?.format.startsWith('kode-wilayah') || (!byName && values && values.length > 0)) {
    const fromValues = values && values.length > 0 ? wilayahFromValues(values) : {};
    if (fromValues.format) {
      return {
        field: name,
        keyword: 'format',
        value: fromValues.format,
        reason: `all ${values?.length} sample values are on the Kemendagri list at this level`,
        applied: true,
      };
    }
    if (fromValues.undotted) {
      return {
        field: name,
        keyword: 'format',
        value: fromValues.undotted,
        reason: `the sample values are Kemendagri codes without dots; serve them dotted (toDottedKodeWilayah) and set this format`,
        applied: false,
      };
    }
    if (!byName) return undefined;
    return {
      field: name,
      keyword: 'format',
      value: byName.format,
      reason:
        values && values.length > 0
          ? `the name says ${byName.what}, but the sample values are not all on the Kemendagri list at this level: check them`
          : `the name says ${byName.what}; no sample values to check against the Kemendagri list (import from the live table, or set it yourself)`,
      applied: false,
    };
  }
  if (!byName) return undefined;
  if (values && values.length > 0) {
    const bad = values.filter((v) => !isValidReferenceCode(byName.format, v)).length;
    if (bad > 0) {
      return {
        field: name,
        keyword: 'format',
        value: byName.format,
        reason: `the name says ${byName.what}, but ${bad} of ${values.length} sample values are not valid: fix the data or leave the format out`,
        applied: false,
      };
    }
    return {
      field: name,
      keyword: 'format',
      value: byName.format,
      reason: `the name says ${byName.what} and all ${values.length} sample values are valid`,
      applied: true,
    };
  }
  return {
    field: name,
    keyword: 'format',
    value: byName.format,
    reason: `the name says ${byName.what}`,
    applied: true,
  };
}

function piiReason(name: string, personTable: boolean): string | undefined {
  if (/^(no_|nomor_)?nik$|_nik$|^nik_/.test(name)) {
    return 'a NIK identifies a person (UU 27/2022): it is masked in reports and logs';
  }
  if (FAMILY_CARD.test(name)) return 'a Nomor KK identifies a family (UU 27/2022)';
  if (PERSONAL_NAME.test(name)) return "a person's name is personal data (UU 27/2022)";
  if (personTable && /^nama$/.test(name)) {
    return "the records are about persons (the table holds a NIK or its name says so), so `nama` is a person's name";
  }
  if (/^(tanggal|tgl)_lahir$/.test(name) && personTable) return 'a birth date of a person is personal data';
  return undefined;
}
