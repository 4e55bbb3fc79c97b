import { type Contract, checkCompatibility, isTransitiveMode, parseContract } from '@tukar/contracts';
import type { CheckProblem } from './check-problem';
import { contractFilesAt, type PublishedBase, releaseTags } from './published-contracts';

/** Every published version of each contract, by contract id, lowest version first. */
export type PublishedHistory = Map<string, Contract[]>;

/**
 * Every version of each contract in the package's release tags `<packageName>@<version>` reachable from
 * HEAD (one contract version counted once: the latest tag holding it wins). Files that do not load are
 * skipped: the published file at the base is reported on its own.
 *
 * @example
 * ```ts
 * const history = await publishedHistory('/repo/kontrak', '@example/kontrak', 'contracts');
 * history.get('dinkes.puskesmas')?.map((c) => c.version); // ['1.0.0', '1.1.0', '2.0.0']
 * ```
 */
export async function publishedHistory(
  dir: string,
  packageName: string,
  contractsDir: string,
): Promise<PublishedHistory> {
  const byId = new Map<string, Map<string, Contract>>();
  for (const tag of await releaseTags(dir, packageName)) {
    const read = await contractFilesAt(dir, tag, contractsDir);
    if (!read.ok) continue;
    for (const { file, text } of read.files) {
      const parsed = await parseContract(text, { filename: `${tag}:${file}` });
      if (!parsed.ok) continue;
      const versions = byId.get(parsed.contract.contract) ?? new Map<string, Contract>();
      versions.set(parsed.contract.version, parsed.contract);
      byId.set(parsed.contract.contract, versions);
    }
  }
  return new Map([...byId].map(([id, versions]) => [id, [...versions.values()]]));
}

/**
 * Under a `_transitive` compatibility mode, judges a changed contract against every earlier published
 * version (from `history`, and the base's version), pushing one `contract_incompatible` problem naming
 * each version it breaks. Other modes are left to `tukar contract diff` and the hub's agree step.
 *
 * @example
 * ```ts
 * checkTransitive('contracts/a.yaml', current, published, await publishedHistory(dir, name, 'contracts'), problems);
 * ```
 */
export function checkTransitive(
  file: string,
  next: Contract,
  previous: Contract | undefined,
  history: PublishedHistory | undefined,
  problems: CheckProblem[],
): void {
  const mode = next.compatibility;
  if (!previous || !isTransitiveMode(mode)) return;
  const earlier = [...(history?.get(next.contract) ?? [])];
  if (!earlier.some((c) => c.version === previous.version)) earlier.push(previous);
  const result = checkCompatibility(next, earlier, mode);
  if (result.compatible) return;
  const against = [...new Set(result.violations.map((v) => v.against))];
  const list = result.violations
    .map((v) => `\n    - against ${v.against}: ${v.message} [${v.rule}, breaks ${v.breaks.join(' + ')}]`)
    .join('');
  problems.push({
    code: 'contract_incompatible',
    message: `${next.contract} ${next.version} breaks its "${mode}" compatibility against ${against.join(', ')} (judged against ${result.checked.join(', ')})${list}`,
    file,
    contract: next.contract,
    hint: `keep what ${against.join(', ')} accepted, or agree a new compatibility mode for the next major version`,
  });
}

/** Whether the base is git history (so release tags can be read). */
export function hasGitHistory(base: PublishedBase): boolean {
  return base.kind === 'git' && base.ref !== undefined;
}
