import type { Classification, ContractInput, UpdateFrequency } from '../contract-schema';
import type { ImportSuggestion } from './suggest';

/**
 * What the author must still decide after an import: a field (or the contract) and what to do.
 *
 * @example
 * ```ts
 * import type { ImportDecision } from '@tukar/contracts';
 *
 * const line = (d: ImportDecision) => `- ${d.field ?? 'contract'}: ${d.message}`;
 * ```
 */
export interface ImportDecision {
  readonly field?: string;
  readonly message: string;
}

/**
 * The result of an import: a draft contract, the suggestions made (applied or proposed) with their
 * reasons, and the decisions left to the author. With no decisions left the contract lints clean as is.
 *
 * @example
 * ```ts
 * import { type ImportResult, renderImportYaml } from '@tukar/contracts';
 *
 * declare const result: ImportResult;
 * for (const d of result.decisions) console.warn(`decide: ${d.field ?? 'contract'}: ${d.message}`);
 * const yaml = renderImportYaml(result); // the contract with the decisions as comments on top
 * ```
 */
export interface ImportResult {
  readonly contract: ContractInput;
  readonly suggestions: readonly ImportSuggestion[];
  readonly decisions: readonly ImportDecision[];
}

/**
 * The contract-level facts an import cannot know; what is left out becomes a placeholder and a decision.
 *
 * @example
 * ```ts
 * import type { ImportOptions } from '@tukar/contracts';
 *
 * const options: ImportOptions = {
 *   contract: 'dinkes.puskesmas',
 *   owner: { opd: 'Dinas Kesehatan', contact: 'simpus@dinkes.ciamiskab.go.id' },
 *   steward: 'Diskominfo Kabupaten Ciamis',
 *   updateFrequency: 'monthly',
 * };
 * ```
 */
export interface ImportOptions {
  /** Contract id `<opd>.<dataset>`. */
  readonly contract?: string;
  readonly version?: string;
  readonly title?: string;
  readonly description?: string;
  readonly owner?: { readonly opd: string; readonly unit?: string; readonly contact: string };
  readonly steward?: string;
  /** Left out: `terbatas` when a field is personal data, else `publik` (a decision either way). */
  readonly classification?: Classification;
  readonly updateFrequency?: UpdateFrequency;
  /** Sample records (as the API serves them) used to check reference formats and give examples. */
  readonly samples?: readonly Record<string, unknown>[];
  /** `false` writes `additionalProperties: false` (a closed record). Default: open. */
  readonly additionalProperties?: boolean;
}

/** Placeholders for what an import cannot know. */
export const PLACEHOLDER_OPD = 'NAMA OPD (isi)';
export const PLACEHOLDER_CONTACT = 'kontak@opd.example.go.id';
export const PLACEHOLDER_STEWARD = 'Diskominfo (isi)';

/** Turns a table or file name into a dataset id part: lower case, `-` between words. */
export function datasetName(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return /^[a-z]/.test(cleaned) ? cleaned : `data-${cleaned || 'set'}`;
}

/**
 * Fills in the contract-level fields from the options, with placeholders and decisions for the rest.
 */
export function contractHeader(
  name: string,
  hasPii: boolean,
  options: ImportOptions,
  decisions: ImportDecision[],
  suggestions: ImportSuggestion[],
): Omit<ContractInput, 'schema' | 'primaryKey'> {
  const id = options.contract ?? `opd.${datasetName(name)}`;
  if (!options.contract) {
    decisions.push({
      message: `contract id is ${id}: write <opd>.<dataset>, e.g. dinkes.${datasetName(name)}`,
    });
  }
  if (!options.owner) {
    decisions.push({
      message: `owner: write the producing OPD and its contact email (now "${PLACEHOLDER_OPD}", ${PLACEHOLDER_CONTACT})`,
    });
  }
  if (!options.steward)
    decisions.push({ message: `steward: write the walidata (now "${PLACEHOLDER_STEWARD}")` });
  if (!options.updateFrequency) {
    decisions.push({ message: 'updateFrequency: how often the OPD updates the data (now adhoc)' });
  }
  let classification = options.classification;
  if (!classification) {
    classification = hasPii ? 'terbatas' : 'publik';
    suggestions.push({
      keyword: 'classification',
      value: classification,
      reason: hasPii
        ? 'a field is personal data (x-pii): UU 27/2022 restricts who may read it'
        : 'no field is marked as personal data; confirm the data may be public (UU 14/2008)',
      applied: true,
    });
    if (!hasPii) decisions.push({ message: 'classification: publik was assumed; confirm or raise it' });
  }
  return {
    contract: id,
    version: options.version ?? '0.1.0',
    status: 'draft',
    title: options.title ?? name,
    ...(options.description ? { description: options.description } : {}),
    owner: options.owner ?? { opd: PLACEHOLDER_OPD, contact: PLACEHOLDER_CONTACT },
    steward: options.steward ?? PLACEHOLDER_STEWARD,
    classification,
    compatibility: 'backward',
    updateFrequency: options.updateFrequency ?? 'adhoc',
  };
}
