// SIMPUS (Dinas Kesehatan Kabupaten Ciamis) as an OPD application of the Tukar hub.
export { SIMPUS_ROWS, type SimpusRow } from './simpus-rows';
export {
  type FeedPosition,
  followChanges,
  memoryPosition,
  PUSKESMAS_DATASET,
  removePuskesmas,
  type SimpusHub,
  sendPuskesmas,
  toPuskesmasRecord,
} from './simpus-sync';
export type { Datasets, DinkesPuskesmasRecord } from './tukar-types.generated';
