import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Contract, ProviderSpec } from '@tukar/contracts';
import type { ContractDocument } from '@tukar/spec';
import { escapeRegex } from './format-patterns';
import { DEFAULT_PACT_DIR } from './hub-pact';
import { matchersFromSchema, type PactTemplate } from './matchers-from-schema';
import { PactError } from './pact-error';
import type { PactDocument } from './pact-files';
import { isObject } from './schema-walk';

/**
 * Options of {@link pactFromContract}.
 *
 * @example
 * ```ts
 * import { loadContract } from '@tukar/contracts';
 * import { type PactFromContractOptions, pactFromContract } from '@tukar/pact';
 *
 * const loaded = await loadContract('contracts/dinkes.puskesmas.yaml');
 * if (!loaded.ok) throw new Error('the contract does not load');
 * const options: PactFromContractOptions = { provider: 'ciamis-dinkes-simpus', dir: 'test/pacts' };
 * const { file } = await pactFromContract(loaded.contract, options); // test/pacts/tukar-hub-ciamis-dinkes-simpus.json
 * ```
 */
export interface PactFromContractOptions {
  /** Who consumes the OPD endpoint (default `tukar-hub`). */
  consumer?: string;
  /** The OPD system's name in the pact (default `opd-<contract id with dashes>`, e.g. `opd-dinkes-puskesmas`). */
  provider?: string;
  /** Directory to write the pact file to (default `pacts`); `false` writes nothing. */
  dir?: string | false;
}

/**
 * A pact made from a contract, and where it was written.
 *
 * @example
 * ```ts
 * import { loadContract } from '@tukar/contracts';
 * import { type ContractPact, pactFromContract } from '@tukar/pact';
 *
 * const loaded = await loadContract('contracts/dinkes.puskesmas.yaml');
 * if (!loaded.ok) throw new Error('the contract does not load');
 * const made: ContractPact = await pactFromContract(loaded.contract, { dir: false }); // in memory only
 * console.log(made.pact.provider.name, made.pact.interactions.length, made.file ?? '(not written)');
 * ```
 */
export interface ContractPact {
  /** The pact document (pact specification 4). */
  pact: PactDocument;
  /** The pact file, when one was written. */
  file?: string;
}

/** A matching rule in a pact file. */
interface PactRule {
  match: string;
  regex?: string;
  min?: number;
  max?: number;
}
type RuleSet = Record<string, { combine: 'AND' | 'OR'; matchers: PactRule[] }>;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function childPath(path: string, key: string): string {
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}['${key.replace(/'/g, "\\'")}']`;
}

/** Splits a template into the example body and the pact file's matching rules (path → rule). */
function compileTemplate(template: PactTemplate, path: string, rules: RuleSet): unknown {
  if (Array.isArray(template))
    return template.map((item, i) => compileTemplate(item, `${path}[${i}]`, rules));
  if (!isObject(template)) return template;
  const type = template['pact:matcher:type'];
  if (typeof type === 'string') {
    const rule: PactRule = { match: type };
    if (typeof template.regex === 'string') rule.regex = template.regex;
    if (typeof template.min === 'number') rule.min = template.min;
    if (typeof template.max === 'number') rule.max = template.max;
    rules[path] = { combine: 'AND', matchers: [rule] };
    const value = template.value;
    if (Array.isArray(value))
      return value.map((item) => compileTemplate(item as PactTemplate, `${path}[*]`, rules));
    if (isObject(value)) return compileTemplate(value as PactTemplate, path, rules);
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template))
    out[key] = compileTemplate(value as PactTemplate, childPath(path, key), rules);
  return out;
}

/** Sets `value` at a dot path inside `body`, creating objects on the way; returns the JSON path. */
function place(body: Record<string, unknown>, dotPath: string, value: unknown): string {
  const parts = dotPath.split('.');
  let node = body;
  let path = '$';
  parts.forEach((part, i) => {
    path = childPath(path, part);
    if (i === parts.length - 1) {
      node[part] = value;
      return;
    }
    const next = isObject(node[part]) ? (node[part] as Record<string, unknown>) : {};
    node[part] = next;
    node = next;
  });
  return path;
}

/**
 * A pact describing a contract's `provider` endpoint: `GET <provider.path>` answered with the
 * contract's content type and a body holding one or more records like the contract's (matched on their
 * required fields with {@link matchersFromSchema}) where `provider.records` says, plus the pagination
 * fields (`links.next`: a URL or null; `total`/`totalPages`: integers; `nextCursor`: a string or null).
 * Written to `pacts/<consumer>-<provider>.json`; verify the OPD system with {@link verifyProvider}.
 *
 * @example
 * ```ts
 * import { loadContract } from '@tukar/contracts';
 * import { pactFromContract } from '@tukar/pact';
 *
 * const loaded = await loadContract('contracts/dinkes.puskesmas.yaml');
 * if (loaded.ok) {
 *   const { file } = await pactFromContract(loaded.contract); // pacts/tukar-hub-opd-dinkes-puskesmas.json
 * }
 * ```
 */
export async function pactFromContract(
  contract: Contract | ContractDocument,
  options: PactFromContractOptions = {},
): Promise<ContractPact> {
  if (!isObject(contract) || typeof contract.contract !== 'string' || !isObject(contract.schema)) {
    throw new PactError(
      'invalid_option',
      'pactFromContract: pass a loaded contract (loadContract(…).contract)',
    );
  }
  const spec = contract.provider as Partial<ProviderSpec> | undefined;
  if (!isObject(spec) || typeof spec.path !== 'string') {
    throw new PactError(
      'invalid_option',
      `pactFromContract: contract ${contract.contract}@${contract.version} has no \`provider\` section (provider.path says where the OPD system serves the records)`,
    );
  }
  const consumer = options.consumer ?? 'tukar-hub';
  const provider = options.provider ?? `opd-${contract.contract.replace(/[^A-Za-z0-9]+/g, '-')}`;
  for (const [what, name] of [
    ['consumer', consumer],
    ['provider', provider],
  ] as const) {
    if (typeof name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name)) {
      throw new PactError(
        'invalid_option',
        `pactFromContract: ${what} must be a name like "tukar-hub", got ${JSON.stringify(name)}`,
      );
    }
  }
  const contentType = spec.contentType ?? 'application/json';
  const example = Array.isArray(contract.examples)
    ? (contract.examples[0] as Record<string, unknown> | undefined)
    : undefined;
  let record: PactTemplate;
  try {
    record = matchersFromSchema(contract.schema, example, { properties: 'required' });
  } catch (error) {
    if (error instanceof PactError) {
      throw new PactError(error.code, `pactFromContract (${contract.contract}): ${error.message}`, {
        cause: error,
      });
    }
    throw error;
  }
  const rules: RuleSet = {};
  const records = { 'pact:matcher:type': 'type', min: 1, value: [record] } as PactTemplate;
  let content: unknown;
  if (spec.records) {
    const body: Record<string, unknown> = {};
    const recordsPath = place(body, spec.records, null);
    const compiled = compileTemplate(records, recordsPath, rules);
    place(body, spec.records, compiled);
    content = body;
    addPaginationRules(body, spec.pagination, rules);
  } else {
    content = compileTemplate(records, '$', rules);
  }
  const interaction = {
    type: 'Synchronous/HTTP',
    description: `a request for the ${contract.contract} records (contract ${contract.version})`,
    pending: false,
    request: {
      method: spec.method ?? 'GET',
      path: spec.path,
      headers: { Accept: [contentType] },
    },
    response: {
      status: 200,
      headers: { 'Content-Type': [contentType] },
      body: { contentType, encoded: false, content },
      matchingRules: {
        body: rules,
        header: {
          'Content-Type': {
            combine: 'AND',
            matchers: [{ match: 'regex', regex: `^${escapeRegex(contentType)}(?:\\s*;.*)?$` }],
          },
        },
      },
    },
  };
  const key = createHash('sha256').update(JSON.stringify(interaction)).digest('hex').slice(0, 16);
  const pact: PactDocument = {
    consumer: { name: consumer },
    provider: { name: provider },
    interactions: [{ ...interaction, key }],
    metadata: {
      pactSpecification: { version: '4.0' },
      tukar: {
        contract: contract.contract,
        version: contract.version,
        generatedBy: '@tukar/pact pactFromContract',
      },
    },
  };
  if (options.dir === false) return { pact };
  const dir = resolve(options.dir ?? DEFAULT_PACT_DIR);
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${consumer}-${provider}.json`);
  await writeFile(file, `${JSON.stringify(pact, null, 2)}\n`);
  return { pact, file };
}

function addPaginationRules(
  body: Record<string, unknown>,
  pagination: ProviderSpec['pagination'] | undefined,
  rules: RuleSet,
): void {
  if (!isObject(pagination)) return;
  const nullableString = (dotPath: string, regex: string) => {
    const path = place(body, dotPath, null);
    rules[path] = { combine: 'OR', matchers: [{ match: 'null' }, { match: 'regex', regex }] };
  };
  const integer = (dotPath: string) => {
    const path = place(body, dotPath, 1);
    rules[path] = { combine: 'AND', matchers: [{ match: 'integer' }] };
  };
  if ('next' in pagination && typeof pagination.next === 'string') nullableString(pagination.next, '^\\S+$');
  if (pagination.style === 'cursor' && typeof pagination.nextCursor === 'string') {
    nullableString(pagination.nextCursor, '^[\\s\\S]+$');
  }
  if (pagination.style === 'page' && typeof pagination.totalPages === 'string')
    integer(pagination.totalPages);
  if (pagination.style === 'offset' && typeof pagination.total === 'string') integer(pagination.total);
}
