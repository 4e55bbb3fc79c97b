import { isReferenceFormatName, referenceFormatSpecs } from '@tukar/contracts';

/**
 * A Pact regex for a JSON Schema `format`, with an example value that matches it.
 *
 * @example
 * ```ts
 * import { type FormatPattern, formatPattern } from '@tukar/pact';
 *
 * const kabupaten: FormatPattern | undefined = formatPattern('kode-wilayah-kabupaten');
 * if (kabupaten) {
 *   const matcher = { 'pact:matcher:type': 'regex', regex: kabupaten.regex, value: kabupaten.example };
 * }
 * ```
 */
export interface FormatPattern {
  /** Whole-value regex (Pact regex matchers must match the entire value). */
  regex: string;
  example: string;
}

const ISO_DATE = '\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])';
const ISO_TIME = '(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?';
const ISO_OFFSET = '(?:[Zz]|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)';

/** Formats of ajv-formats (and the reference-code formats) that Pact can check by regex. */
const STANDARD_FORMATS: Record<string, FormatPattern> = {
  'date-time': { regex: `^${ISO_DATE}[Tt ]${ISO_TIME}${ISO_OFFSET}$`, example: '2025-03-10T08:00:00Z' },
  date: { regex: `^${ISO_DATE}$`, example: '2025-03-10' },
  time: { regex: `^${ISO_TIME}${ISO_OFFSET}?$`, example: '08:00:00Z' },
  email: { regex: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$', example: 'simpus@dinkes.example.go.id' },
  'idn-email': { regex: '^[^\\s@]+@[^\\s@]+$', example: 'simpus@dinkes.example.go.id' },
  uri: { regex: '^[A-Za-z][A-Za-z0-9+.-]*:\\S*$', example: 'https://dinkes.example.go.id/' },
  url: { regex: '^[A-Za-z][A-Za-z0-9+.-]*://\\S+$', example: 'https://dinkes.example.go.id/' },
  'uri-reference': { regex: '^\\S*$', example: '/api/puskesmas' },
  uuid: {
    regex: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
    example: '3f0e5c1a-9b2d-4c6e-8f7a-1b2c3d4e5f60',
  },
  ipv4: {
    regex: '^(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)$',
    example: '192.0.2.10',
  },
  hostname: {
    regex:
      '^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$',
    example: 'dinkes.example.go.id',
  },
};

/** Shapes of the Indonesian reference codes (the hub checks the real lists; a pact checks the shape). */
const REFERENCE_SHAPES: Record<string, string> = {
  'kode-wilayah-provinsi': '^\\d{2}$',
  'kode-wilayah-kabupaten': '^\\d{2}\\.\\d{2}$',
  'kode-wilayah-kecamatan': '^\\d{2}\\.\\d{2}\\.\\d{2}$',
  'kode-wilayah-desa': '^\\d{2}\\.\\d{2}\\.\\d{2}\\.\\d{4}$',
  nik: '^\\d{16}$',
  nip: '^\\d{18}$',
  npsn: '^\\d{8}$',
  npwp: '^(?:\\d{15}|\\d{16}|\\d{2}\\.\\d{3}\\.\\d{3}\\.\\d-\\d{3}\\.\\d{3})$',
};

/**
 * The Pact regex and an example for a JSON Schema `format`, or `undefined` for a format Pact cannot
 * express (the field is then matched by type).
 *
 * @example
 * ```ts
 * import { formatPattern } from '@tukar/pact';
 *
 * formatPattern('kode-wilayah-desa'); // { regex: '^\\d{2}\\.\\d{2}\\.\\d{2}\\.\\d{4}$', example: '32.07.01.2008' }
 * ```
 */
export function formatPattern(format: string): FormatPattern | undefined {
  const standard = STANDARD_FORMATS[format];
  if (standard) return standard;
  const shape = REFERENCE_SHAPES[format];
  if (shape && isReferenceFormatName(format)) {
    return { regex: shape, example: referenceFormatSpecs[format].example };
  }
  return undefined;
}

/** Lookaround and backreferences: JavaScript regex features the Pact core (Rust `regex`) does not have. */
const UNSUPPORTED_REGEX = /\(\?<?[=!]|\\[1-9]|\\k</;

/**
 * A JSON Schema `pattern` (ECMAScript, matches anywhere unless anchored) as a Pact regex (matches the
 * whole value), or `undefined` when the pattern uses features the Pact core cannot run.
 *
 * @example
 * ```ts
 * import { pactRegexFromPattern } from '@tukar/pact';
 *
 * pactRegexFromPattern('^P[0-9]{10}$'); // '^P[0-9]{10}$'
 * pactRegexFromPattern('[0-9]');        // '^[\\s\\S]*(?:[0-9])[\\s\\S]*$'
 * ```
 */
export function pactRegexFromPattern(pattern: string): string | undefined {
  if (UNSUPPORTED_REGEX.test(pattern)) return undefined;
  const anchoredStart = pattern.startsWith('^');
  const anchoredEnd = pattern.endsWith('$') && !pattern.endsWith('\\$');
  if (anchoredStart && anchoredEnd) return pattern;
  const body = pattern.slice(anchoredStart ? 1 : 0, anchoredEnd ? -1 : undefined);
  return `^${anchoredStart ? '' : '[\\s\\S]*'}(?:${body})${anchoredEnd ? '' : '[\\s\\S]*'}$`;
}

/** Escapes a literal for use in a regex. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}
