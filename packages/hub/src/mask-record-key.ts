import { type CompiledContract, isPiiField, maskValue } from '@tukar/contracts';

function pointerOf(field: string): string {
  return `/${field.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function decodePart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/**
 * A record key as an error answer, a message or a report may show it: each part of the key that is an
 * `x-pii` field of the contract (a NIK as primary key) masked with the contracts' `maskValue`, exactly as
 * the validator shows keys in its reports (`3207**********01`; parts stay `encodeURIComponent`'d and
 * joined by `,`). A key whose parts do not match the primary key (a malformed key from a URL) is masked
 * part by part when any primary-key field is personal data. A key without personal data is returned as is.
 *
 * @example
 * ```ts
 * // primaryKey [nik], nik marked x-pii
 * maskRecordKey(compiled, '3207011203850001'); // '3207**********01'
 * ```
 */
export function maskRecordKey(compiled: CompiledContract, key: string): string {
  const { primaryKey, schema } = compiled.contract;
  const secret = primaryKey.map((field) => isPiiField(schema, pointerOf(field)));
  if (!secret.includes(true)) return shortened(key);
  const parts = key.split(',');
  const exact = parts.length === primaryKey.length;
  return shortened(
    parts
      .map((part, i) =>
        exact && !secret[i] ? part : encodeURIComponent(String(maskValue(decodePart(part)))),
      )
      .join(','),
  );
}

/** The longest key an answer shows (the spec's `RecordKey` limit); a longer one is cut, ending in `…`. */
const MAX_SHOWN_KEY = 512;

function shortened(key: string): string {
  return key.length > MAX_SHOWN_KEY ? `${key.slice(0, MAX_SHOWN_KEY - 1)}…` : key;
}

/**
 * A request path as a problem answer shows it (`instance`, and the detail of a 404/405 for an unknown
 * path): a record key in it becomes `%7Bkey%7D` (`{key}`, as in log lines), since a key may be a NIK and
 * error answers end up in CI logs and tickets. The caller knows which key it sent.
 *
 * @example
 * ```ts
 * problemPath('/v1/datasets/disdukcapil.warga/records/3207011203850001'); // '/v1/datasets/disdukcapil.warga/records/%7Bkey%7D'
 * ```
 */
export function problemPath(pathname: string): string {
  return pathname.replace(/(\/records\/)[^/]+/, '$1%7Bkey%7D');
}
