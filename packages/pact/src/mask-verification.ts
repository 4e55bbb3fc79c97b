import { isPiiField, maskValue } from '@tukar/contracts';
import type { InteractionVerification } from './verification-report';

/**
 * What masking needs to know of a contract: its record schema (the `x-pii` marks) and its primary key
 * (a state's record `key` is personal data when a key field is). A `Contract` or `ContractDocument` fits.
 */
export interface PiiContract {
  contract?: string;
  schema?: unknown;
  primaryKey?: readonly string[];
}

/** The texts of a verification that may quote what the provider answered. */
export interface VerificationTexts {
  interactions: InteractionVerification[];
  output: string;
  warnings: string[];
  failure?: string;
}

/** A path longer than this is treated as personal data as a whole (no per-suffix schema lookups). */
const MAX_PATH_TOKENS = 200;
/** A value shorter than this is replaced only where it stands quoted, not inside other words. */
const MIN_BARE_LENGTH = 4;

/**
 * Masks the personal data the Pact verifier quotes: every value of an `x-pii` field of one of `contracts`
 * found in a mismatch's expected or actual value (the field itself, or inside a record or list the
 * mismatch quotes), and the records and keys of provider-state parameters, is replaced by its
 * `maskValue` form wherever it appears (messages, states, the verifier's printed output, warnings).
 * A mismatch at a personal-data field whose value the verifier did not give has the quoted values of its
 * message masked. Returns new texts; the input is not changed.
 *
 * @example
 * ```ts
 * const masked = maskVerificationTexts({ interactions, output, warnings: [] }, [contract]);
 * // $.data[3].nama: Expected 'J*******************n' to match '^[\s\S]{0,120}$'
 * ```
 */
export function maskVerificationTexts<T extends VerificationTexts>(
  texts: T,
  contracts: readonly PiiContract[],
): T {
  const schemas = contracts.map((c) => c.schema).filter((s) => s !== null && typeof s === 'object');
  if (schemas.length === 0) return texts;
  const isPii = piiLookup(schemas);
  const secrets = new Set<string>();
  const fallbackPaths: string[] = [];
  for (const interaction of texts.interactions) {
    for (const mismatch of interaction.mismatches) {
      const tokens = mismatch.path === undefined ? [] : pathTokens(mismatch.path);
      const quoted = [mismatch.actual, mismatch.expected].filter((v) => v !== undefined);
      for (const text of quoted) collectSecrets(parseQuoted(text), tokens, isPii, secrets);
      if (mismatch.path !== undefined && mismatch.actual === undefined && isPii(tokens)) {
        fallbackPaths.push(mismatch.path);
      }
    }
    for (const state of interaction.states) collectStateSecrets(state, contracts, isPii, secrets);
  }
  const replace = replacer(secrets);
  const maskFallback = (path: string | undefined, message: string) =>
    path !== undefined && fallbackPaths.includes(path) ? maskQuotedValues(message) : message;
  const interactions = texts.interactions.map((interaction) => ({
    ...interaction,
    states: interaction.states.map(replace),
    mismatches: interaction.mismatches.map((mismatch) => {
      const masked = { ...mismatch, message: maskFallback(mismatch.path, replace(mismatch.message)) };
      if (mismatch.expected !== undefined) masked.expected = replace(mismatch.expected);
      if (mismatch.actual !== undefined) masked.actual = replace(mismatch.actual);
      return masked;
    }),
  }));
  const output = replace(texts.output)
    .split('\n')
    .map((line) => {
      const path = fallbackPaths.find((p) => line.includes(`${p} -> `));
      return path === undefined ? line : maskQuotedValues(line);
    })
    .join('\n');
  const result: T = { ...texts, interactions, output, warnings: texts.warnings.map(replace) };
  if (texts.failure !== undefined) result.failure = replace(texts.failure);
  return result;
}

/** `$.data[3].nama` → `['data', '3', 'nama']`; `$['a.b'][0]` → `['a.b', '0']`. */
export function pathTokens(path: string): string[] {
  const tokens: string[] = [];
  const step = /^(?:\.([^.[\]]+)|\[(\d+|\*)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\])/;
  let rest = path.startsWith('$') ? path.slice(1) : path;
  while (rest !== '') {
    const match = step.exec(rest);
    // Not a JSON path this parser knows: split on its punctuation (masking errs towards masking).
    if (!match) return path.split(/[$.[\]'"]+/).filter((token) => token !== '');
    const quoted = match[3] ?? match[4];
    tokens.push(match[1] ?? match[2] ?? quoted?.replace(/\\(.)/g, '$1') ?? '');
    rest = rest.slice(match[0].length);
  }
  return tokens;
}

/**
 * `true` when a response path is a personal-data field of a record: some tail of the path, read as a
 * record pointer, is `x-pii` in one of the schemas (the records sit at different places in different
 * answers: `$.data[3].nama`, `$.items[0].record.nama`).
 */
function piiLookup(schemas: readonly unknown[]): (tokens: readonly string[]) => boolean {
  const cache = new Map<string, boolean>();
  return (tokens) => {
    if (tokens.length > MAX_PATH_TOKENS) return true;
    const key = tokens.join('\u0000');
    const known = cache.get(key);
    if (known !== undefined) return known;
    let found = false;
    for (let start = 0; start < tokens.length && !found; start++) {
      const pointer = `/${tokens
        .slice(start)
        .map((t) => t.replace(/~/g, '~0').replace(/\//g, '~1'))
        .join('/')}`;
      found = schemas.some((schema) => isPiiField(schema, pointer));
    }
    cache.set(key, found);
    return found;
  };
}

/** The verifier gives values as JSON text (`"\"Budi\""`); anything else is taken as it is. */
function parseQuoted(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Adds the text of every string or number in `value` at a personal-data path to `secrets` (no recursion). */
function collectSecrets(
  value: unknown,
  at: readonly string[],
  isPii: (tokens: readonly string[]) => boolean,
  secrets: Set<string>,
): void {
  const stack: Array<{ value: unknown; tokens: readonly string[]; pii: boolean }> = [
    { value, tokens: at, pii: at.length > 0 && isPii(at) },
  ];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value: node, tokens, pii } = next;
    if (typeof node === 'string' || typeof node === 'number') {
      if (pii && String(node) !== '') secrets.add(String(node));
    } else if (node !== null && typeof node === 'object') {
      const entries = Array.isArray(node)
        ? node.map((v, i) => [String(i), v] as const)
        : Object.entries(node);
      for (const [name, inner] of entries) {
        const path = [...tokens, name];
        stack.push({ value: inner, tokens: path, pii: pii || isPii(path) });
      }
    }
  }
}

/**
 * A state `dataset has records {"records":[…]}` or `record does not exist {"key":"…"}` may carry
 * personal data: the records' `x-pii` fields, and a key made of one.
 */
function collectStateSecrets(
  state: string,
  contracts: readonly PiiContract[],
  isPii: (tokens: readonly string[]) => boolean,
  secrets: Set<string>,
): void {
  const brace = state.indexOf(' {');
  if (brace === -1) return;
  const params = parseQuoted(state.slice(brace + 1));
  if (params === null || typeof params !== 'object' || Array.isArray(params)) return;
  const { records, key } = params as { records?: unknown; key?: unknown };
  if (Array.isArray(records)) collectSecrets(records, ['records'], isPii, secrets);
  const keyIsPii = contracts.some((c) =>
    (c.primaryKey ?? []).some((field) => c.schema !== undefined && isPiiField(c.schema, `/${field}`)),
  );
  if (keyIsPii && (typeof key === 'string' || typeof key === 'number')) {
    // A composite key's parts are `encodeURIComponent`'d and joined by `,` (as the hub shows keys).
    for (const part of String(key).split(',')) {
      if (part !== '') secrets.add(part);
      try {
        if (part !== '') secrets.add(decodeURIComponent(part));
      } catch {
        // not an encoded part: taken as it is above
      }
    }
    secrets.add(String(key));
  }
}

/** A function that puts the masked form in place of every secret in a text, longest secrets first. */
function replacer(secrets: ReadonlySet<string>): (text: string) => string {
  const ordered = [...secrets].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const secret of ordered) {
      const masked = String(maskValue(secret));
      const escaped = JSON.stringify(secret).slice(1, -1);
      for (const form of new Set([secret, escaped])) {
        out =
          [...form].length >= MIN_BARE_LENGTH
            ? out.split(form).join(form === escaped ? JSON.stringify(masked).slice(1, -1) : masked)
            : out.split(`'${form}'`).join(`'${masked}'`).split(`"${form}"`).join(`"${masked}"`);
      }
    }
    return out;
  };
}

/**
 * Masks every `'…'` value of a verifier message but the pattern after `to match` (the contract's, not
 * the provider's): `Expected 'Budi' to match '^x$'` → `Expected 'B**i' to match '^x$'`.
 */
function maskQuotedValues(message: string): string {
  return message.replace(/(to match )?'([^']*)'/g, (whole, pattern: string | undefined, value: string) =>
    pattern !== undefined ? whole : `'${String(maskValue(value))}'`,
  );
}
