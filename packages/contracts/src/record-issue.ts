import type { ErrorObject } from 'ajv';
import { explainReferenceCode, isReferenceFormatName } from './formats/index';
import { getByPointer, joinPointer, parsePointer } from './json-pointer';
import { isPiiField, maskValue } from './pii';

/**
 * One reason a record does not match its contract.
 *
 * @example
 * ```ts
 * import { compileContract, type Contract, type RecordIssue } from '@tukar/contracts';
 *
 * declare const contract: Contract;
 * const record = { kode_puskesmas: 'P3374010101', nama: 'Puskesmas Pandanaran', kode_wilayah: '3374010001' };
 * const issues: RecordIssue[] = compileContract(contract).validate(record);
 * for (const issue of issues) {
 *   console.error(`${issue.path} [${issue.keyword}] ${issue.message}`); // /kode_wilayah [format] Field "kode_wilayah" …
 * }
 * ```
 */
export interface RecordIssue {
  /** Stable code derived from the JSON Schema keyword: `required`, `type`, `pattern`, `format`, `enum`, … */
  code: string;
  /** JSON Pointer of the field in the record (for `required` and `additionalProperties`: the field itself). */
  path: string;
  /** Human message naming the field; PII values are masked. */
  message: string;
  /** The JSON Schema keyword that failed. */
  keyword: string;
  /** The keyword's parameters as ajv reports them (PII property names masked). */
  params: Record<string, unknown>;
}

/**
 * A readable name of a record field from its pointer: `/anggota/3/nama` → `anggota[3].nama`.
 *
 * @example
 * ```ts
 * fieldName('/anggota/3/nama'); // 'anggota[3].nama'
 * ```
 */
export function fieldName(pointer: string): string {
  const tokens = parsePointer(pointer) ?? [];
  let out = '';
  for (const token of tokens) out += /^\d+$/.test(token) ? `[${token}]` : out === '' ? token : `.${token}`;
  return out;
}

/** How deep an issue message quotes a value; deeper parts show as `[…]` / `{…}` (no recursion beyond). */
const SHOWN_DEPTH = 16;
const SHOWN_CHARS = 60;

/** JSON text of `value` for a message, cut after about {@link SHOWN_CHARS} characters and {@link SHOWN_DEPTH} levels. */
function preview(value: unknown, levels: number): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const array = Array.isArray(value);
  if (levels === 0) return array ? '[…]' : '{…}';
  const parts: string[] = [];
  let length = 0;
  const entries: Array<[string | undefined, unknown]> = array
    ? value.map((item): [undefined, unknown] => [undefined, item])
    : Object.entries(value);
  for (const [key, inner] of entries) {
    const text = preview(inner, levels - 1) ?? (array ? 'null' : undefined);
    if (text === undefined) continue;
    const part = key === undefined ? text : `${JSON.stringify(key)}:${text}`;
    parts.push(part);
    length += part.length + 1;
    if (length > SHOWN_CHARS) {
      parts.push('…');
      break;
    }
  }
  return array ? `[${parts.join(',')}]` : `{${parts.join(',')}}`;
}

function show(value: unknown): string {
  const text = preview(value, SHOWN_DEPTH);
  if (text === undefined) return String(value);
  return text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS - 3)}…` : text;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isInteger(value)) return 'integer';
  return typeof value;
}

/**
 * Turns ajv errors into {@link RecordIssue}s with field names and values (masked where `schema` marks `x-pii`).
 *
 * @example
 * ```ts
 * if (!validate(record)) issues = toRecordIssues(validate.errors ?? [], record, contract.schema);
 * ```
 */
export function toRecordIssues(
  errors: readonly ErrorObject[],
  record: unknown,
  schema: unknown,
): RecordIssue[] {
  const issues: RecordIssue[] = [];
  for (const error of errors) {
    // if/then/else and combinators report a summary error next to the real ones; skip the summary.
    if (error.keyword === 'if') continue;
    issues.push(toIssue(error, record, schema));
  }
  return issues;
}

function toIssue(error: ErrorObject, record: unknown, schema: unknown): RecordIssue {
  const params: Record<string, unknown> = { ...(error.params as Record<string, unknown>) };
  const at = error.instancePath;
  const secret = isPiiField(schema, at);
  const value = getByPointer(record, at);
  const shown = secret ? show(maskValue(value)) : show(value);
  const field = (pointer: string) => (pointer === '' ? 'The record' : `Field "${fieldName(pointer)}"`);
  let path = at;
  let message: string;
  switch (error.keyword) {
    case 'required': {
      path = joinPointer(at, String(params.missingProperty));
      message = `${field(path)} is required but missing.`;
      break;
    }
    case 'additionalProperties': {
      if (secret) {
        params.additionalProperty = maskValue(params.additionalProperty);
        message = `${field(at)} has a property the contract does not define.`;
      } else {
        path = joinPointer(at, String(params.additionalProperty));
        message = `${field(path)} is not defined by the contract; remove it or add it to the schema.`;
      }
      break;
    }
    case 'propertyNames': {
      if (secret) params.propertyName = maskValue(params.propertyName);
      message =
        `${field(at)} has an invalid property name ${secret ? '' : show(params.propertyName)}`.trimEnd() +
        '.';
      break;
    }
    case 'type':
      message = `${field(at)} must be of type ${String(params.type)}, got ${typeOf(value)}.`;
      break;
    case 'format': {
      const format = String(params.format);
      let why = isReferenceFormatName(format) ? explainReferenceCode(format, value) : undefined;
      if (why && secret) why = why.split('; ')[0];
      message = `${field(at)} ${shown} is not a valid ${format}${why ? `: ${why}` : ''}.`;
      break;
    }
    case 'pattern':
      message = `${field(at)} ${shown} does not match the pattern ${String(params.pattern)}.`;
      break;
    case 'enum':
      message = `${field(at)} ${shown} must be one of: ${(params.allowedValues as unknown[]).map(show).join(', ')}.`;
      break;
    case 'const':
      message = `${field(at)} ${shown} must be ${show(params.allowedValue)}.`;
      break;
    default:
      message = `${field(at)} ${error.message ?? `fails ${error.keyword}`}.`;
  }
  return { code: error.keyword, path, message, keyword: error.keyword, params };
}
