import type { CheckId, CheckResult, ValidationReport } from '../report';

/** A label in Bahasa Indonesia (`id`) and English (`en`). */
export interface Label {
  id: string;
  en: string;
}

/** What each check is called and what it asks. */
export const CHECK_LABELS: Readonly<Record<CheckId, Label & { asks: string }>> = {
  readable: { id: 'Masukan dapat dibaca', en: 'Input readable', asks: 'every record can be read as JSON' },
  'http-status': { id: 'Status HTTP', en: 'HTTP status', asks: 'every request gets a 2xx answer' },
  'content-type': {
    id: 'Jenis konten',
    en: 'Content type',
    asks: "every answer has the contract's content type",
  },
  latency: { id: 'Waktu tanggap', en: 'Response time', asks: 'every answer comes within the latency budget' },
  envelope: {
    id: 'Struktur jawaban dan paginasi',
    en: 'Envelope and pagination',
    asks: 'every answer is JSON with the records where the contract says, and pagination ends',
  },
  schema: {
    id: 'Struktur data (skema)',
    en: 'Data structure (schema)',
    asks: "every record matches the contract's schema",
  },
  'reference-codes': {
    id: 'Kode referensi (wilayah, NIK, NIP, NPSN, NPWP)',
    en: 'Reference codes',
    asks: 'kode wilayah, NIK, NIP, NPSN and NPWP values are real codes',
  },
  'primary-key': {
    id: 'Keunikan kunci utama',
    en: 'Primary-key uniqueness',
    asks: 'no two records share a primary key',
  },
};

const RULE_LABELS: Readonly<Record<string, Label>> = {
  required: { id: 'Isian wajib tidak ada', en: 'Required field missing' },
  type: { id: 'Tipe data salah', en: 'Wrong data type' },
  format: { id: 'Format tidak sesuai', en: 'Invalid format' },
  pattern: { id: 'Pola tidak sesuai', en: 'Does not match the pattern' },
  enum: { id: 'Nilai di luar pilihan', en: 'Value not among the allowed ones' },
  const: { id: 'Nilai tidak sesuai', en: 'Value not allowed' },
  minimum: { id: 'Nilai terlalu kecil', en: 'Value too small' },
  exclusiveMinimum: { id: 'Nilai terlalu kecil', en: 'Value too small' },
  maximum: { id: 'Nilai terlalu besar', en: 'Value too large' },
  exclusiveMaximum: { id: 'Nilai terlalu besar', en: 'Value too large' },
  minLength: { id: 'Teks terlalu pendek', en: 'Text too short' },
  maxLength: { id: 'Teks terlalu panjang', en: 'Text too long' },
  additionalProperties: { id: 'Isian tidak dikenal kontrak', en: 'Field not in the contract' },
  minItems: { id: 'Daftar terlalu pendek', en: 'List too short' },
  maxItems: { id: 'Daftar terlalu panjang', en: 'List too long' },
  uniqueItems: { id: 'Isi daftar berulang', en: 'Repeated list items' },
  duplicate_key: { id: 'Kunci utama ganda', en: 'Duplicate primary key' },
  nik: { id: 'NIK tidak sah', en: 'Invalid NIK' },
  nip: { id: 'NIP tidak sah', en: 'Invalid NIP' },
  npsn: { id: 'NPSN tidak sah', en: 'Invalid NPSN' },
  npwp: { id: 'NPWP tidak sah', en: 'Invalid NPWP' },
  'kode-wilayah-provinsi': { id: 'Kode provinsi tidak dikenal', en: 'Unknown province code' },
  'kode-wilayah-kabupaten': { id: 'Kode kabupaten/kota tidak dikenal', en: 'Unknown regency code' },
  'kode-wilayah-kecamatan': { id: 'Kode kecamatan tidak dikenal', en: 'Unknown district code' },
  'kode-wilayah-desa': { id: 'Kode desa/kelurahan tidak dikenal', en: 'Unknown village code' },
  kode_wilayah_undotted: {
    id: 'Kode wilayah tidak ditulis dengan titik',
    en: 'Kode wilayah not in dotted form',
  },
  invalid_json: { id: 'Bukan JSON yang sah', en: 'Not valid JSON' },
  not_ndjson: { id: 'Bukan NDJSON', en: 'Not NDJSON' },
  not_json_array: { id: 'Bukan larik JSON', en: 'Not a JSON array' },
  not_text: { id: 'Bukan teks UTF-8', en: 'Not UTF-8 text' },
  trailing_data: { id: 'Data sisa setelah larik', en: 'Data after the array' },
  truncated: { id: 'Data terpotong', en: 'Input cut off' },
  record_too_large: { id: 'Rekaman terlalu besar', en: 'Record too large' },
  unreadable: { id: 'Masukan gagal dibaca', en: 'Input could not be read' },
  too_deep: { id: 'Rekaman bersarang terlalu dalam', en: 'Record nested too deeply' },
  unchecked: { id: 'Rekaman tidak dapat diperiksa', en: 'Record could not be checked' },
  hub_error: { id: 'Hub berhenti menjawab', en: 'Hub stopped answering' },
  http_status: { id: 'Status HTTP bukan 2xx', en: 'HTTP status not 2xx' },
  network_error: { id: 'Gagal terhubung', en: 'Network error' },
  timeout: { id: 'Melewati batas waktu', en: 'Timed out' },
  content_type: { id: 'Content-Type tidak sesuai', en: 'Wrong content type' },
  latency: { id: 'Waktu tanggap melebihi anggaran', en: 'Response time over budget' },
  envelope: { id: 'Struktur jawaban tidak sesuai', en: 'Unexpected response envelope' },
  body_not_json: { id: 'Jawaban bukan JSON', en: 'Answer is not JSON' },
  body_too_large: { id: 'Jawaban terlalu besar', en: 'Answer too large' },
  pagination_loop: { id: 'Paginasi berputar', en: 'Pagination loops' },
  pagination_offsite: { id: 'Tautan halaman ke situs lain', en: 'Next link to another site' },
  other: { id: 'Lain-lain', en: 'Other rules' },
};

/**
 * The name of an issue code in both languages (the code itself when it has no name).
 *
 * @example
 * ```ts
 * ruleLabel('kode-wilayah-desa'); // { id: 'Kode desa/kelurahan tidak dikenal', en: 'Unknown village code' }
 * ```
 */
export function ruleLabel(code: string): Label {
  return Object.hasOwn(RULE_LABELS, code) ? (RULE_LABELS[code] as Label) : { id: code, en: code };
}

/** The verdict in both languages. */
export function verdictLabel(report: ValidationReport): Label {
  return report.verdict === 'valid'
    ? { id: 'SESUAI KONTRAK', en: 'VALID' }
    : { id: 'TIDAK SESUAI KONTRAK', en: 'INVALID' };
}

/** A check result in both languages. */
export function statusLabel(status: CheckResult['status']): Label {
  if (status === 'passed') return { id: 'Lulus', en: 'Passed' };
  if (status === 'failed') return { id: 'Gagal', en: 'Failed' };
  return { id: 'Tidak berlaku', en: 'Not applicable' };
}

/** The kind of source in both languages. */
export function sourceLabel(kind: ValidationReport['source']['kind']): Label {
  if (kind === 'endpoint') return { id: 'Layanan (endpoint) OPD', en: 'OPD endpoint' };
  if (kind === 'hub') return { id: 'Dataset di hub', en: 'Hub dataset' };
  return { id: 'Berkas', en: 'File' };
}

/** `1234567` → `1,234,567` (English) or `1.234.567` (Indonesian). */
export function formatCount(n: number, locale: 'en' | 'id' = 'en'): string {
  return n.toLocaleString(locale === 'id' ? 'id-ID' : 'en-US');
}

/** A duration for people: `850 ms`, `12.4 s` (Indonesian: `12,4 s`), `3 min 5 s`. */
export function formatDuration(ms: number, locale: 'en' | 'id' = 'en'): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) {
    const seconds = (ms / 1000).toFixed(1);
    return `${locale === 'id' ? seconds.replace('.', ',') : seconds} s`;
  }
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Where an issue was found, briefly: `record 12 · key P3207010101 · page 2`. */
export function issuePlace(issue: { record?: number; key?: string; page?: number }): string {
  const parts: string[] = [];
  if (issue.record !== undefined) parts.push(`record ${issue.record}`);
  if (issue.key !== undefined) parts.push(`key ${issue.key}`);
  if (issue.page !== undefined) parts.push(`page ${issue.page}`);
  return parts.join(' · ');
}
