import type { ValidateFunction } from 'ajv';
import { checkAgainstMetaSchema, compileRecordSchema, sharedAjv } from './ajv-factory';
import { ContractError } from './contract-error';
import type { Contract } from './contract-schema';
import { piiPaths } from './pii';
import { type RecordIssue, toRecordIssues } from './record-issue';

/**
 * A contract ready to check records: compiled once, cached, reused.
 *
 * @example
 * ```ts
 * import { type CompiledContract, compileContract, type Contract } from '@tukar/contracts';
 *
 * declare const contract: Contract;
 * declare const records: unknown[]; // e.g. the rows the OPD system returned
 * const puskesmas: CompiledContract = compileContract(contract);
 * const byKey = new Map<string, unknown>();
 * for (const record of records) {
 *   if (puskesmas.check(record)) byKey.set(puskesmas.keyOf(record), record);
 *   else console.error(puskesmas.validate(record).map((issue) => issue.message).join('\n'));
 * }
 * ```
 */
export interface CompiledContract {
  /** The contract it was compiled from. */
  readonly contract: Contract;
  /** Fast yes/no check (ajv without `allErrors`); allocates nothing beyond ajv itself. */
  check(record: unknown): boolean;
  /** Every reason `record` is invalid (empty when valid), with PII masked in messages and params. */
  validate(record: unknown): RecordIssue[];
  /**
   * The hub's RecordKey: the primary-key values in `primaryKey` order, each `encodeURIComponent`'d,
   * joined with `,`. Throws a {@link ContractError} `primary_key_missing` when a key field is absent.
   */
  keyOf(record: unknown): string;
  /** Record pointers of the `x-pii` fields (`*` = every array item). */
  readonly piiPaths: readonly string[];
}

const MAX_CACHED = 256;
const cache = new Map<string, CompiledContract>();
/** Identity fast path: the same contract object skips the key (contracts are treated as immutable). */
const byObject = new WeakMap<Contract, CompiledContract>();

/** Key order independent JSON text, so that equal schemas give equal keys. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The cache key: id, version and the canonical text of the schema and primary key itself. Exact (no hash
 * whose collisions could hand back another schema's checks), and runs anywhere (no node:crypto). The map
 * holds at most {@link MAX_CACHED} keys, each no larger than the schema its compiled functions keep anyway.
 */
function cacheKey(contract: Contract): string {
  const canonical = canonicalJson({ schema: contract.schema, primaryKey: contract.primaryKey });
  return `${contract.contract}@${contract.version}#${canonical}`;
}

/** Refuses a schema that breaks JSON Schema's meta-schema, as ajv's own check on compiling did. */
function checkSchema(contract: Contract): void {
  const errors = checkAgainstMetaSchema(contract.schema);
  if (errors.length === 0) return;
  const reason = `schema is invalid: ${errors.map((e) => `data${e.instancePath} ${e.message ?? 'is invalid'}`).join(', ')}`;
  throw new ContractError(
    'invalid_schema',
    `Contract ${contract.contract}@${contract.version}: its schema does not compile (${reason}). Run loadContract on the file to see every problem with its line.`,
  );
}

function compileWith(contract: Contract, allErrors: boolean): ValidateFunction {
  try {
    return compileRecordSchema(sharedAjv({ allErrors }, contract.schema), contract.schema);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const code = /unknown format/.test(reason) ? 'unknown_format' : 'invalid_schema';
    throw new ContractError(
      code,
      `Contract ${contract.contract}@${contract.version}: its schema does not compile (${reason}). Run loadContract on the file to see every problem with its line.`,
      { cause },
    );
  }
}

function keyPart(value: unknown): string {
  return encodeURIComponent(typeof value === 'object' ? JSON.stringify(value) : String(value));
}

/**
 * Compiles a contract's record schema with ajv (JSON Schema 2020-12, strict, ajv-formats and the
 * Indonesian reference-code formats). The result is cached by contract id, version, schema and primary key
 * (compared as canonical JSON, key order aside), so compiling the same contract again returns the same object.
 *
 * @throws {ContractError} `invalid_schema` or `unknown_format` when the schema does not compile
 * (loadContract reports these as problems first).
 * @example
 * ```ts
 * const loaded = await loadContract('contracts/dinkes.puskesmas.yaml');
 * if (loaded.ok) {
 *   const compiled = compileContract(loaded.contract);
 *   compiled.check({ kode_puskesmas: 'P3207010101', nama: 'Puskesmas Ciamis', kode_wilayah: '32.07.01.1001' }); // true
 *   compiled.validate({ nama: 1 }); // [{ code: 'required', path: '/kode_puskesmas', … }, …]
 * }
 * ```
 */
export function compileContract(contract: Contract): CompiledContract {
  const known = byObject.get(contract) as (CompiledContract & { cacheKey: string }) | undefined;
  if (known && cache.get(known.cacheKey) === known) return known;
  const key = cacheKey(contract);
  const cached = cache.get(key);
  if (cached) {
    byObject.set(contract, cached);
    return cached;
  }
  checkSchema(contract);
  const fast = compileWith(contract, false);
  const full = compileWith(contract, true);
  const pii = piiPaths(contract.schema);
  const primaryKey = contract.primaryKey;
  const compiled: CompiledContract & { cacheKey: string } = {
    cacheKey: key,
    contract,
    piiPaths: pii,
    check: (record) => fast(record) as boolean,
    validate(record) {
      if (full(record)) return [];
      return toRecordIssues(full.errors ?? [], record, contract.schema);
    },
    keyOf(record) {
      const parts: string[] = [];
      for (const field of primaryKey) {
        const value =
          record !== null && typeof record === 'object'
            ? (record as Record<string, unknown>)[field]
            : undefined;
        if (value === undefined || value === null) {
          throw new ContractError(
            'primary_key_missing',
            `Record has no value for primary-key field "${field}" of contract ${contract.contract}; validate the record first.`,
          );
        }
        parts.push(keyPart(value));
      }
      return parts.join(',');
    },
  };
  if (cache.size >= MAX_CACHED) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(key, compiled);
  byObject.set(contract, compiled);
  return compiled;
}

/**
 * Empties the compiled-contract cache (for tests, or after reloading many contracts).
 *
 * @example
 * ```ts
 * afterEach(() => clearCompiledContracts());
 * ```
 */
export function clearCompiledContracts(): void {
  cache.clear();
}
