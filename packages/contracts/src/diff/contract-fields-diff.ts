import type { Contract } from '../contract-schema';
import { CLASSIFICATIONS } from '../contract-schema';
import type { ChangeDetails, ContractChange } from './change';
import { makeChange } from './change';
import { deepEqual, show } from './deep-equal';
import type { ChangeRule } from './rules';

type Emit = (rule: ChangeRule, path: string, message: string, details?: ChangeDetails) => void;

const ENDPOINT_FIELDS = ['path', 'method', 'records', 'pagination', 'contentType'] as const;

function diffProvider(emit: Emit, prev: Contract['provider'], next: Contract['provider']): void {
  if (prev === undefined && next === undefined) return;
  if (prev === undefined || next === undefined) {
    const added = prev === undefined;
    emit('provider-changed', '/provider', `provider section ${added ? 'added' : 'removed'}`, {
      before: prev,
      after: next,
      breaks: added ? [] : ['consumers'],
    });
    return;
  }
  for (const key of ENDPOINT_FIELDS) {
    if (deepEqual(prev[key], next[key])) continue;
    emit(
      'provider-changed',
      `/provider/${key}`,
      `provider ${key} changed from ${show(prev[key])} to ${show(next[key])}; readers of the OPD endpoint must follow`,
      {
        before: prev[key],
        after: next[key],
      },
    );
  }
  const before = prev.latencyBudgetMs;
  const after = next.latencyBudgetMs;
  if (before !== after) {
    const lowered = after < before;
    emit(
      'provider-changed',
      '/provider/latencyBudgetMs',
      `provider latency budget ${lowered ? 'lowered' : 'raised'} from ${before} ms to ${after} ms`,
      {
        before,
        after,
        breaks: lowered ? ['producers'] : [],
        bump: 'patch',
      },
    );
  }
}

const sorted = (tags: string[] | undefined) => [...(tags ?? [])].sort();

/**
 * Compares the contract's own fields (everything but `schema` and `version`).
 *
 * @example
 * ```ts
 * diffContractFields(v1, { ...v1, primaryKey: ['nik'] })[0]?.rule; // 'primary-key-changed'
 * ```
 */
export function diffContractFields(prev: Contract, next: Contract): ContractChange[] {
  const changes: ContractChange[] = [];
  const emit: Emit = (rule, path, message, details) => changes.push(makeChange(rule, path, message, details));
  const simple = (rule: ChangeRule, key: keyof Contract, label: string) => {
    if (deepEqual(prev[key], next[key])) return;
    emit(rule, `/${key}`, `${label} changed from ${show(prev[key])} to ${show(next[key])}`, {
      before: prev[key],
      after: next[key],
    });
  };
  simple('contract-id-changed', 'contract', 'contract id');
  simple('status-changed', 'status', 'status');
  simple('primary-key-changed', 'primaryKey', 'primary key');
  const from = CLASSIFICATIONS.indexOf(prev.classification);
  const to = CLASSIFICATIONS.indexOf(next.classification);
  if (from !== to) {
    emit(
      to > from ? 'classification-raised' : 'classification-lowered',
      '/classification',
      `classification ${to > from ? 'raised' : 'lowered'} from ${prev.classification} to ${next.classification}`,
      {
        before: prev.classification,
        after: next.classification,
      },
    );
  }
  simple('compatibility-mode-changed', 'compatibility', 'compatibility mode');
  simple('update-frequency-changed', 'updateFrequency', 'update frequency');
  diffProvider(emit, prev.provider, next.provider);
  simple('title-changed', 'title', 'title');
  simple('description-changed', 'description', 'description');
  simple('owner-changed', 'owner', 'owner');
  simple('steward-changed', 'steward', 'steward');
  if (!deepEqual(sorted(prev.tags), sorted(next.tags))) {
    emit('tags-changed', '/tags', `tags changed from ${show(prev.tags)} to ${show(next.tags)}`, {
      before: prev.tags,
      after: next.tags,
    });
  }
  if (!deepEqual(prev.examples, next.examples)) {
    emit(
      'example-changed',
      '/examples',
      `examples changed (${prev.examples?.length ?? 0} → ${next.examples?.length ?? 0})`,
      {
        before: prev.examples,
        after: next.examples,
      },
    );
  }
  return changes;
}
