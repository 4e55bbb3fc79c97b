// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are TypeScript source text of template-literal types.
import type { ReferenceFormatName } from '../formats/index';

/**
 * The TypeScript type of each reference-code format in generated record types: a template-literal type
 * with the code's shape, so a literal like `'32.07.01.2008'` fits a `KodeWilayahDesa` field and `'3207'`
 * or a number does not. The digits themselves (and the Kemendagri list) are checked by the zod schema.
 */
export const FORMAT_TYPES: Readonly<
  Record<ReferenceFormatName, { name: string; type: string; doc: string }>
> = {
  'kode-wilayah-provinsi': {
    name: 'KodeWilayahProvinsi',
    type: '`${number}`',
    doc: 'Kemendagri province code, e.g. `32`.',
  },
  'kode-wilayah-kabupaten': {
    name: 'KodeWilayahKabupaten',
    type: '`${number}.${number}`',
    doc: 'Kemendagri regency/city code, dotted, e.g. `32.07`.',
  },
  'kode-wilayah-kecamatan': {
    name: 'KodeWilayahKecamatan',
    type: '`${number}.${number}.${number}`',
    doc: 'Kemendagri district code, dotted, e.g. `32.07.01`.',
  },
  'kode-wilayah-desa': {
    name: 'KodeWilayahDesa',
    type: '`${number}.${number}.${number}.${number}`',
    doc: 'Kemendagri village code, dotted, e.g. `32.07.01.2008`.',
  },
  nik: { name: 'Nik', type: '`${number}`', doc: 'Nomor Induk Kependudukan (16 digits). Personal data.' },
  nip: { name: 'Nip', type: '`${number}`', doc: 'Nomor Induk Pegawai ASN (18 digits).' },
  npsn: { name: 'Npsn', type: '`${number}`', doc: 'Nomor Pokok Sekolah Nasional (8 digits).' },
  npwp: {
    name: 'Npwp',
    type: '`${number}` | `${number}.${number}.${number}.${number}-${number}.${number}`',
    doc: 'NPWP: 15 or 16 digits, or dotted (`12.345.678.9-012.345`).',
  },
};
