import {
  type CompiledContract,
  type Contract,
  compileContract,
  formatProblem,
  loadContract,
} from '@tukar/contracts';
import { ValidatorConfigError } from './config-error';

/**
 * A contract as the validator takes it: loaded (`Contract`), compiled, or the path of its file.
 *
 * @example
 * ```ts
 * import { compileContract, loadContract } from '@tukar/contracts';
 * import { type ContractInput, validateFile } from '@tukar/validator';
 *
 * // Compile once, validate many files: the path would be loaded and compiled again each time.
 * const loaded = await loadContract('contracts/dinkes.puskesmas.yaml');
 * if (!loaded.ok) throw new Error('the contract does not load');
 * const contract: ContractInput = compileContract(loaded.contract);
 * for (const path of ['ekspor/puskesmas-2024.ndjson', 'ekspor/puskesmas-2025.ndjson']) {
 *   console.log(path, (await validateFile(contract, path)).verdict);
 * }
 * ```
 */
export type ContractInput = Contract | CompiledContract | string;

const isCompiled = (value: ContractInput): value is CompiledContract =>
  typeof value === 'object' && value !== null && 'check' in value && 'validate' in value;

/** A contract ready for a run: the document as given, and its compiled checks. */
export interface ResolvedContract {
  /**
   * The contract as given. Not `compiled.contract`: the compile cache is keyed by id, version and schema,
   * so that may be an earlier object with another title or `provider` section.
   */
  contract: Contract;
  compiled: CompiledContract;
}

/**
 * Loads (when a path) and compiles a contract, or throws a {@link ValidatorConfigError} that lists the
 * contract's problems with file and line.
 *
 * @example
 * ```ts
 * const { contract, compiled } = await resolveContract('contracts/dinkes.puskesmas.yaml');
 * ```
 */
export async function resolveContract(input: ContractInput): Promise<ResolvedContract> {
  if (typeof input === 'string') {
    const loaded = await loadContract(input);
    if (!loaded.ok) {
      const shown = loaded.problems.slice(0, 10).map((problem) => `  ${formatProblem(problem)}`);
      const more = loaded.problems.length > 10 ? [`  … and ${loaded.problems.length - 10} more`] : [];
      throw new ValidatorConfigError(
        'contract_invalid',
        [`the contract ${input} does not load (run 'tukar contract lint ${input}'):`, ...shown, ...more].join(
          '\n',
        ),
      );
    }
    return { contract: loaded.contract, compiled: compile(loaded.contract) };
  }
  if (isCompiled(input)) return { contract: input.contract, compiled: input };
  return { contract: input, compiled: compile(input) };
}

function compile(contract: Contract): CompiledContract {
  try {
    return compileContract(contract);
  } catch (cause) {
    throw new ValidatorConfigError(
      'contract_invalid',
      cause instanceof Error ? cause.message : String(cause),
      {
        cause,
      },
    );
  }
}
