import type { ProcedurePresetName } from '../procedure-presets';
import { CIAMIS } from './ciamis';
import { KARANGANYAR } from './karanganyar';
import { NGANJUK } from './nganjuk';
import { SRAGEN } from './sragen';

/** The preset texts by name. */
export const PRESET_TEXTS: Record<ProcedurePresetName, string> = {
  ciamis: CIAMIS,
  sragen: SRAGEN,
  nganjuk: NGANJUK,
  karanganyar: KARANGANYAR,
};
