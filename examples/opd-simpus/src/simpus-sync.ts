import type { HubClient, PushRecordsResult, TypedChange } from '@tukar/client';
import type { SimpusRow } from './simpus-rows';
import { type Datasets, type DinkesPuskesmasRecord, validators } from './tukar-types.generated';

/** The dataset SIMPUS publishes and follows on the hub. */
export const PUSKESMAS_DATASET = 'dinkes.puskesmas';

/** The hub client SIMPUS uses: records typed by `tukar types` from the agreed contracts. */
export type SimpusHub = HubClient<Datasets>;

/** The hub's `dinkes.puskesmas` dataset as SIMPUS sees it: every record helper bound to it and typed by it. */
function puskesmasOn(hub: SimpusHub) {
  return hub.dataset(PUSKESMAS_DATASET);
}

/**
 * A SIMPUS row as a `dinkes.puskesmas` record (contract 1.0.0): the contract's field names, the care
 * type as its enum, coordinates nested; optional fields only when SIMPUS has them.
 *
 * @example
 * ```ts
 * toPuskesmasRecord(SIMPUS_ROWS[0]); // { kode_puskesmas: 'P3207010101', jenis: 'rawat inap', … }
 * ```
 */
export function toPuskesmasRecord(row: SimpusRow): DinkesPuskesmasRecord {
  const record: DinkesPuskesmasRecord = {
    kode_puskesmas: row.kode,
    nama: row.nama,
    alamat: row.alamat,
    kode_wilayah: row.desa,
    jenis: row.rawatInap ? 'rawat inap' : 'non rawat inap',
    koordinat: { lat: row.lat, lon: row.lon },
    jumlah_tenaga_kesehatan: row.tenagaKesehatan,
  };
  if (row.dokter !== undefined) record.jumlah_dokter = row.dokter;
  if (row.telepon !== undefined) record.telepon = row.telepon;
  if (row.akreditasi !== undefined) record.terakreditasi = row.akreditasi;
  return record;
}

/**
 * Sends SIMPUS's puskesmas to the hub (SOP step 6: the OPD's data into the exchange), in idempotent
 * batches. Each record is checked against the contract before it leaves (the generated `validators`);
 * a refused batch, here or at the hub, throws `PushRecordsError` naming each bad record and field.
 *
 * @example
 * ```ts
 * const result = await sendPuskesmas(hub, rows); // { created: 3, … }
 * ```
 */
export function sendPuskesmas(hub: SimpusHub, rows: readonly SimpusRow[]): Promise<PushRecordsResult> {
  return puskesmasOn(hub).pushRecords(rows.map(toPuskesmasRecord), { validate: validators });
}

/**
 * Removes from the hub the puskesmas SIMPUS no longer has (closed, or merged into another), by their
 * Kemenkes code: the hub writes a tombstone to the changes feed for each one it had.
 *
 * @example
 * ```ts
 * const result = await removePuskesmas(hub, ['P3207090201']); // { deleted: 1, … }
 * ```
 */
export function removePuskesmas(hub: SimpusHub, kodes: readonly string[]): Promise<PushRecordsResult> {
  return puskesmasOn(hub).deleteRecords(kodes.map((kode_puskesmas) => ({ kode_puskesmas })));
}

/** Where SIMPUS keeps its position in the changes feed (a table row in the real application). */
export interface FeedPosition {
  load(): Promise<number>;
  save(seq: number): Promise<void>;
}

/**
 * Follows the hub's changes feed of `dinkes.puskesmas` from the stored position, hands every change to
 * `apply` in commit order and stores the position after each, so a restart resumes exactly where it
 * stopped. Resolves with the number of changes applied.
 *
 * @example
 * ```ts
 * const applied = await followChanges(hub, position, (change) => mirror.apply(change));
 * ```
 */
export async function followChanges(
  hub: SimpusHub,
  position: FeedPosition,
  apply: (change: TypedChange<DinkesPuskesmasRecord>) => void | Promise<void>,
): Promise<number> {
  let applied = 0;
  for await (const change of puskesmasOn(hub).pullChanges({ since: await position.load() })) {
    await apply(change);
    await position.save(change.seq);
    applied++;
  }
  return applied;
}

/** A feed position in memory (tests, or a one-off sync). */
export function memoryPosition(start = 0): FeedPosition & { readonly value: number } {
  let value = start;
  return {
    get value() {
      return value;
    },
    load: async () => value,
    save: async (seq) => {
      value = seq;
    },
  };
}
