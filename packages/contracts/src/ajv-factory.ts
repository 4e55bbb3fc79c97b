import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { addReferenceFormats, REFERENCE_FORMAT_NAMES } from './formats/index';

/**
 * Creates the ajv (JSON Schema 2020-12) instance Tukar compiles record schemas with: strict mode
 * (unknown keywords and formats are errors; union types such as `[string, "null"]` are allowed),
 * the ajv-formats formats, the Indonesian reference-code formats, and every `x-` annotation keyword
 * used in `schema` (such as `x-pii`) registered as an annotation.
 *
 * @example
 * ```ts
 * const ajv = createAjv({ allErrors: true }, contract.schema);
 * const validate = ajv.compile(contract.schema);
 * ```
 */
export function createAjv(options: { allErrors: boolean }, schema?: unknown): Ajv2020 {
  const ajv = new Ajv2020({
    strict: true,
    allowUnionTypes: true,
    allErrors: options.allErrors,
    messages: true,
  });
  addFormats(ajv);
  addReferenceFormats(ajv);
  ajv.addKeyword('x-pii');
  for (const keyword of collectAnnotationKeywords(schema)) {
    if (keyword !== 'x-pii') ajv.addKeyword(keyword);
  }
  return ajv;
}

/** Every object key starting with `x-` anywhere in `value` (annotation keywords to register). */
export function collectAnnotationKeywords(value: unknown): Set<string> {
  const found = new Set<string>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, inner] of Object.entries(node)) {
        if (/^x-[A-Za-z0-9_$:-]+$/.test(key)) found.add(key);
        stack.push(inner);
      }
    }
  }
  return found;
}

let formatNames: readonly string[] | undefined;

/**
 * Names of every `format` a contract schema may use: the ajv-formats set and the reference-code formats.
 *
 * @example
 * ```ts
 * knownFormats().includes('kode-wilayah-desa'); // true
 * ```
 */
export function knownFormats(): readonly string[] {
  if (!formatNames) {
    const ajv = new Ajv2020();
    addFormats(ajv);
    const standard = Object.keys(ajv.formats).filter(
      (name) => !REFERENCE_FORMAT_NAMES.includes(name as never),
    );
    formatNames = [...standard.sort(), ...REFERENCE_FORMAT_NAMES];
  }
  return formatNames;
}
