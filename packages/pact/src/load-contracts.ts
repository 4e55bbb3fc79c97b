import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Contract, formatProblem, loadContract } from '@tukar/contracts';
import type { ContractDocument } from '@tukar/spec';
import { PactError } from './pact-error';
import { isObject } from './schema-walk';

/**
 * A contract: a loaded one, or a path to a contract file (`.yaml`, `.yml`, `.json`).
 *
 * @example
 * ```ts
 * import { loadContract } from '@tukar/contracts';
 * import { type ContractSource, verifyHub } from '@tukar/pact';
 *
 * const loaded = await loadContract('contracts/dinkes.puskesmas.yaml');
 * if (!loaded.ok) throw new Error('the contract does not load');
 * const contracts: ContractSource[] = ['contracts/disdik.sekolah.yaml', loaded.contract];
 * await verifyHub({ hubUrl: 'http://127.0.0.1:8080', adminKey: process.env.TUKAR_ADMIN_KEY!, contracts });
 * ```
 */
export type ContractSource = string | Contract | ContractDocument;

/**
 * The contract as the hub API takes it (plain JSON).
 *
 * @example
 * ```ts
 * await admin.PUT('/v1/contracts/{contractId}/versions/{version}', { params, body: toDocument(contract) });
 * ```
 */
export function toDocument(contract: Contract | ContractDocument): ContractDocument {
  return JSON.parse(JSON.stringify(contract)) as ContractDocument;
}

/**
 * Loads one contract from a path, or checks that an object is one. Throws {@link PactError} with every
 * problem of the file (file:line:column) when it does not load.
 *
 * @example
 * ```ts
 * import { loadOneContract } from '@tukar/pact';
 *
 * const contract = await loadOneContract('contracts/dinkes.puskesmas.yaml');
 * console.log(contract.contract, contract.version, contract.provider?.path);
 * ```
 */
export async function loadOneContract(source: ContractSource, cwd = process.cwd()): Promise<Contract> {
  if (typeof source === 'string') {
    const file = resolve(cwd, source);
    const loaded = await loadContract(file);
    if (!loaded.ok) {
      const problems = loaded.problems.slice(0, 5).map((problem) => `  ${formatProblem(problem)}`);
      throw new PactError('invalid_option', `contract ${source} does not load:\n${problems.join('\n')}`);
    }
    return loaded.contract;
  }
  if (
    !isObject(source) ||
    typeof source.contract !== 'string' ||
    typeof source.version !== 'string' ||
    !isObject(source.schema)
  ) {
    throw new PactError(
      'invalid_option',
      'contract: pass a contract file path or a loaded contract (with contract, version and schema)',
    );
  }
  return source as Contract;
}

/**
 * Loads contracts from files, directories (every `*.yaml`, `*.yml`, `*.json` in them that is a contract;
 * others are skipped) and objects.
 *
 * @example
 * ```ts
 * import { loadContracts } from '@tukar/pact';
 *
 * const documents = await loadContracts(['examples/kontrak-kabupaten/contracts']);
 * console.log(documents.map((doc) => `${doc.contract}@${doc.version}`));
 * ```
 */
export async function loadContracts(
  sources: ReadonlyArray<ContractSource>,
  cwd = process.cwd(),
): Promise<ContractDocument[]> {
  if (!Array.isArray(sources)) {
    throw new PactError(
      'invalid_option',
      'contracts: pass an array of contract files, directories or contracts',
    );
  }
  const documents: ContractDocument[] = [];
  for (const source of sources) {
    if (typeof source === 'string') {
      const path = resolve(cwd, source);
      let isDirectory = false;
      try {
        isDirectory = (await stat(path)).isDirectory();
      } catch {
        throw new PactError('invalid_option', `contracts: ${source} does not exist (relative to ${cwd})`);
      }
      if (isDirectory) {
        const names = (await readdir(path)).filter((name) => /\.(ya?ml|json)$/i.test(name)).sort();
        for (const name of names) {
          const loaded = await loadContract(join(path, name));
          if (loaded.ok) documents.push(toDocument(loaded.contract));
        }
        continue;
      }
    }
    documents.push(toDocument(await loadOneContract(source, cwd)));
  }
  return documents;
}
