import type { Contract } from '../contract-schema';
import { REFERENCE_FORMAT_NAMES } from '../formats/index';

/** The shape of each reference-code format, for tools that do not know the format. */
const SHAPES: Record<string, string> = {
  nik: '^[0-9]{16}$',
  nip: '^[0-9]{18}$',
  npsn: '^[0-9]{8}$',
  npwp: '^([0-9]{15,16}|[0-9]{2}\\.[0-9]{3}\\.[0-9]{3}\\.[0-9]-[0-9]{3}\\.[0-9]{3})$',
  'kode-wilayah-provinsi': '^[0-9]{2}$',
  'kode-wilayah-kabupaten': '^[0-9]{2}\\.[0-9]{2}$',
  'kode-wilayah-kecamatan': '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}$',
  'kode-wilayah-desa': '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}$',
};
const VALUE_KEYWORDS = new Set(['enum', 'const', 'default', 'examples']);
/** Tukar's formats beyond JSON Schema's own (ajv-formats' extras other tools may not know). */
const LOCAL_FORMATS: Record<string, string> = { 'iso-date-time': 'date-time', 'iso-time': 'time' };

/**
 * Options of {@link toJsonSchema}.
 *
 * @example
 * ```ts
 * import type { JsonSchemaExportOptions } from '@tukar/contracts';
 *
 * const options: JsonSchemaExportOptions = { keepAnnotations: true };
 * ```
 */
export interface JsonSchemaExportOptions {
  /** Keep the `x-` annotations (`x-pii`, `x-unique`…). Default: removed. */
  readonly keepAnnotations?: boolean;
}

function plain(node: unknown, options: JsonSchemaExportOptions): unknown {
  if (Array.isArray(node)) return node.map((item) => plain(item, options));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-') && !options.keepAnnotations) continue;
    out[key] = VALUE_KEYWORDS.has(key) ? value : plain(value, options);
  }
  const format = out.format;
  if (typeof format === 'string' && (REFERENCE_FORMAT_NAMES as readonly string[]).includes(format)) {
    delete out.format;
    const shape = SHAPES[format];
    if (shape) {
      if (out.pattern === undefined) out.pattern = shape;
      else out.allOf = [...(Array.isArray(out.allOf) ? out.allOf : []), { pattern: shape }];
    }
    out.$comment = `Tukar format ${format}: the shape here; @tukar/contracts also checks the code itself (Kemendagri list, birth date…)`;
  } else if (typeof format === 'string' && LOCAL_FORMATS[format]) {
    out.format = LOCAL_FORMATS[format];
  }
  return out;
}

/**
 * The record schema as a plain JSON Schema 2020-12 document for other tools: `$schema`, `$id`, title and
 * description from the contract, the `x-` annotations left out, and each Indonesian reference-code
 * format replaced by its shape as a `pattern` (with a `$comment` saying what Tukar checks beyond it).
 *
 * @example
 * ```ts
 * import { loadContract, toJsonSchema } from '@tukar/contracts';
 *
 * const loaded = await loadContract('contracts/dinkes.puskesmas.yaml');
 * if (loaded.ok) console.log(JSON.stringify(toJsonSchema(loaded.contract), null, 2));
 * ```
 */
export function toJsonSchema(
  contract: Contract,
  options: JsonSchemaExportOptions = {},
): Record<string, unknown> {
  const schema = plain(contract.schema, options) as Record<string, unknown>;
  const { $schema: _ignored, ...rest } = schema;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `urn:tukar:contract:${contract.contract}:${contract.version}`,
    title: contract.title,
    ...(contract.description ? { description: contract.description } : {}),
    ...rest,
  };
}
