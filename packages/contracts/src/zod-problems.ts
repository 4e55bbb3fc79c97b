import type { core } from 'zod';
import type { ContractProblem, ContractProblemCode } from './contract-problem';
import { getByPointer, joinPointer } from './json-pointer';

type Issue = core.$ZodIssue;

function pointerOf(path: readonly PropertyKey[]): string {
  return joinPointer('', ...path.map((p) => (typeof p === 'symbol' ? String(p.description) : p)));
}

/** How the problems name the document they are about (a contract, a procedure). */
export interface DocumentWords {
  /** `contract`, `procedure`. */
  noun: string;
  /** Hint when the whole document is not a mapping. */
  startHint: string;
}

const CONTRACT_WORDS: DocumentWords = {
  noun: 'contract',
  startHint: 'Start with `contract: <opd>.<dataset>`.',
};

function describe(pointer: string, words: DocumentWords): string {
  return pointer === '' ? `The ${words.noun} document` : `Field "${pointer.slice(1).replace(/\//g, '.')}"`;
}

function typeOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}

/** Picks the union branch the author most likely meant: one whose discriminating `style` matched, fewest issues. */
function bestBranch(branches: readonly (readonly Issue[])[]): readonly Issue[] {
  const scored = branches.map((issues) => ({
    issues,
    styleMiss: issues.some((i) => i.path[i.path.length - 1] === 'style' && i.code === 'invalid_value')
      ? 1
      : 0,
  }));
  scored.sort((a, b) => a.styleMiss - b.styleMiss || a.issues.length - b.issues.length);
  return scored[0]?.issues ?? [];
}

/**
 * Turns zod issues of the contract document into {@link ContractProblem}s (without positions), one per
 * issue: unknown keys become one `unknown_field` each, enum mismatches list the allowed values in `hint`.
 *
 * @example
 * ```ts
 * const parsed = contractSchema.safeParse(data);
 * if (!parsed.success) problems.push(...zodIssuesToProblems(parsed.error.issues, data));
 * ```
 */
export function zodIssuesToProblems(
  issues: readonly Issue[],
  data: unknown,
  base: readonly PropertyKey[] = [],
  words: DocumentWords = CONTRACT_WORDS,
): ContractProblem[] {
  const out: ContractProblem[] = [];
  for (const issue of issues) {
    const fullPath = [...base, ...issue.path];
    const pointer = pointerOf(fullPath);
    const add = (code: ContractProblemCode, message: string, hint?: string, path = pointer) =>
      out.push({ code, message, path, ...(hint ? { hint } : {}) });
    switch (issue.code) {
      case 'invalid_union': {
        const branch = bestBranch(issue.errors);
        const styles = issue.errors
          .flat()
          .filter((i) => i.code === 'invalid_value' && i.path[i.path.length - 1] === 'style')
          .flatMap((i) => (i.code === 'invalid_value' ? i.values.map(String) : []));
        const nested = zodIssuesToProblems(branch, data, fullPath, words);
        if (styles.length > 0) {
          for (const p of nested)
            p.hint ??= `pagination styles: ${[...new Set(styles)].join(', ')} (omit style for next-link)`;
        }
        out.push(...nested);
        break;
      }
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          const path = joinPointer(pointer, key);
          add(
            'unknown_field',
            `${describe(path, words)} is not part of the ${words.noun} format.`,
            'Remove it, or check its spelling.',
            path,
          );
        }
        break;
      case 'invalid_type': {
        const value = getByPointer(data, pointer);
        if (value === undefined) {
          add(
            'missing_field',
            `${describe(pointer, words)} is required.`,
            `Add \`${String(fullPath[fullPath.length - 1] ?? '')}:\` (${issue.expected}).`,
          );
        } else if (pointer === '') {
          add(
            'invalid_type',
            `The ${words.noun} document must be a mapping of fields, not ${typeOf(value)}.`,
            words.startHint,
          );
        } else {
          const hint =
            issue.expected === 'string' && typeof value === 'number'
              ? `Quote it: "${String(value)}"${pointer === '/version' ? ' (a version needs three parts, e.g. "1.0.0")' : ''}.`
              : undefined;
          add(
            'invalid_type',
            `${describe(pointer, words)} must be ${issue.expected === 'object' ? 'a mapping' : `a ${issue.expected}`}, not ${typeOf(value)}.`,
            hint,
          );
        }
        break;
      }
      case 'invalid_value': {
        const allowed = issue.values.map((v) => JSON.stringify(v)).join(', ');
        add(
          'invalid_value',
          `${describe(pointer, words)} is ${JSON.stringify(getByPointer(data, pointer))}, which is not allowed.`,
          `One of: ${allowed}.`,
        );
        break;
      }
      case 'invalid_format': {
        const got = JSON.stringify(getByPointer(data, pointer));
        if (/^Invalid/.test(issue.message)) {
          const hint =
            issue.format === 'email'
              ? 'Write an e-mail address, e.g. simpus@dinkes.ciamiskab.go.id.'
              : undefined;
          add('invalid_value', `${describe(pointer, words)} is not a valid ${issue.format}: ${got}.`, hint);
        } else {
          add(
            'invalid_value',
            `${describe(pointer, words)} must be ${issue.message}; got ${got}.`,
            `Write ${issue.message}.`,
          );
        }
        break;
      }
      default:
        add('invalid_value', `${describe(pointer, words)}: ${issue.message}.`);
    }
  }
  return out;
}
