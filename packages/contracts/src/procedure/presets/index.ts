import { CIAMIS } from './ciamis';
import { KARANGANYAR } from './karanganyar';
import { NGANJUK } from './nganjuk';
import { SRAGEN } from './sragen';

/** The preset texts by name. */
export const PRESET_TEXTS = {
  ciamis: CIAMIS,
  sragen: SRAGEN,
  nganjuk: NGANJUK,
  karanganyar: KARANGANYAR,
} as const;
