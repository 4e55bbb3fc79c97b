import { ContractError } from '../contract-error';
import { parseProcedure } from './load-procedure';
import { PRESET_TEXTS } from './presets/index';
import type { Procedure } from './procedure';

/**
 * The procedures Tukar ships, each the SOP of one kabupaten transcribed from its own document:
 * `ciamis` (Interoperabilitas Data SIGODAM, nine steps), `sragen` (nine steps), `nganjuk` and
 * `karanganyar` (twelve steps).
 *
 * @example
 * ```ts
 * import { PROCEDURE_PRESETS } from '@tukar/contracts/procedure';
 * PROCEDURE_PRESETS; // ['ciamis', 'sragen', 'nganjuk', 'karanganyar']
 * ```
 */
export const PROCEDURE_PRESETS: readonly ProcedurePresetName[] = [
  'ciamis',
  'sragen',
  'nganjuk',
  'karanganyar',
];

/**
 * A name of {@link PROCEDURE_PRESETS}.
 *
 * @example
 * ```ts
 * import type { ProcedurePresetName } from '@tukar/contracts/procedure';
 * const preset: ProcedurePresetName = 'sragen';
 * ```
 */
export type ProcedurePresetName = 'ciamis' | 'sragen' | 'nganjuk' | 'karanganyar';

/**
 * Whether `name` is one of {@link PROCEDURE_PRESETS}.
 *
 * @example
 * ```ts
 * import { isProcedurePreset } from '@tukar/contracts/procedure';
 * isProcedurePreset('ciamis'); // true
 * isProcedurePreset('bandung'); // false
 * ```
 */
export function isProcedurePreset(name: string): name is ProcedurePresetName {
  return Object.hasOwn(PRESET_TEXTS, name);
}

/**
 * The YAML text of a preset, with its comments: the start of a kabupaten's own procedure file.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { procedurePresetText } from '@tukar/contracts/procedure';
 * writeFileSync('procedure.yaml', procedurePresetText('ciamis'));
 * ```
 */
export function procedurePresetText(name: ProcedurePresetName): string {
  return PRESET_TEXTS[name];
}

/**
 * A preset, loaded and checked.
 *
 * @example
 * ```ts
 * import { loadPreset } from '@tukar/contracts/procedure';
 * loadPreset('karanganyar').steps.at(-1)?.output?.name; // 'Laporan hasil Integrasi Aplikasi'
 * ```
 */
export function loadPreset(name: ProcedurePresetName): Procedure {
  const loaded = parseProcedure(procedurePresetText(name), { filename: `${name}.yaml` });
  if (!loaded.ok) {
    throw new ContractError(
      'invalid_schema',
      `The shipped preset ${name} does not load: ${loaded.problems.map((p) => p.message).join('; ')}`,
    );
  }
  return loaded.procedure;
}
