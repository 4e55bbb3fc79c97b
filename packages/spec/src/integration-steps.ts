import type { components } from './schema.generated';

type IntegrationState = components['schemas']['IntegrationState'];

/**
 * Who carries out a step of the SOP (*pelaksana*): the requesting OPD, Diskominfo's technical team,
 * the supervising official (*pejabat pengawas*) or the head of division (*pejabat administrator*).
 *
 * @example
 * import type { IntegrationActor } from '@tukar/spec';
 * const actor: IntegrationActor = 'tim-teknis';
 */
export type IntegrationActor = 'opd' | 'tim-teknis' | 'pengawas' | 'administrator';

/**
 * A time limit (*waktu*) of the SOP's *mutu baku*, in working days, with the seed's own wording.
 *
 * @example
 * import type { StepTimeLimit } from '@tukar/spec';
 * const limit: StepTimeLimit = { amount: 3, unit: 'working-days', seed: '1-3 hari' };
 */
export interface StepTimeLimit {
  /** Length of the limit; for a range in the SOP (`1-3 hari`) the upper bound. */
  readonly amount: number;
  /** Unit of `amount`. A month (`1 bulan`) counts as 22 working days. */
  readonly unit: 'working-days' | 'hours';
  /** The time limit as the SOP writes it. */
  readonly seed: string;
}

/**
 * One SOP step as represented by an integration state.
 *
 * @example
 * import { INTEGRATION_STEPS, type IntegrationStep } from '@tukar/spec';
 * const step: IntegrationStep = INTEGRATION_STEPS['under-evaluation'];
 */
export interface IntegrationStep {
  /** SOP step number (the first one when the state spans two steps). */
  readonly step: number;
  /** Last SOP step the state covers (equal to `step` except for `validated`, steps 9–10). */
  readonly lastStep: number;
  /** Name of the step in Bahasa Indonesia. */
  readonly name: string;
  /** Name of the step in English. */
  readonly nameEn: string;
  /** Who must act while the integration is in this state. */
  readonly actor: IntegrationActor;
  /** The actor as the SOP names it. */
  readonly actorName: string;
  /** Time limit of the step, or `null` when the state is final. */
  readonly timeLimit: StepTimeLimit | null;
}

const OPD = 'Perangkat Daerah (OPD)';
const TIM_TEKNIS = 'Tim Teknis Diskominfo';
const PENGAWAS = 'Pejabat Pengawas';
const ADMINISTRATOR = 'Kepala Bidang (Pejabat Administrator)';

/**
 * The twelve-step SOP *Integrasi dan Pertukaran Data Sistem Informasi* (Kabupaten Nganjuk and
 * Karanganyar; Ciamis and Sragen have the same steps 1–9) mapped to the states of an integration
 * request: the step each state represents, its names, its actor and its time limit (*mutu baku: waktu*).
 * The hub computes `stepDeadline` and `overdue` from `timeLimit`. `returned` (step 3, back at the OPD)
 * uses the one working day of step 2, the OPD's hand-over of the structure.
 *
 * @example
 * import { INTEGRATION_STEPS } from '@tukar/spec';
 *
 * const { step, name, timeLimit } = INTEGRATION_STEPS['under-evaluation'];
 * // → 3, 'Perumusan skenario integrasi', { amount: 22, unit: 'working-days', seed: '1 bulan' }
 */
export const INTEGRATION_STEPS = {
  requested: {
    step: 1,
    lastStep: 1,
    name: 'Permohonan integrasi dan disposisi',
    nameEn: 'Integration request and disposition',
    actor: 'administrator',
    actorName: ADMINISTRATOR,
    timeLimit: { amount: 1, unit: 'working-days', seed: '1 hari' },
  },
  disposed: {
    step: 2,
    lastStep: 2,
    name: 'Penyerahan dokumen integrasi dan struktur database',
    nameEn: 'Hand-over of the integration document and the database structure',
    actor: 'opd',
    actorName: OPD,
    timeLimit: { amount: 1, unit: 'working-days', seed: '1 hari' },
  },
  'under-evaluation': {
    step: 3,
    lastStep: 3,
    name: 'Perumusan skenario integrasi',
    nameEn: 'Evaluation of the integration scenario',
    actor: 'tim-teknis',
    actorName: TIM_TEKNIS,
    timeLimit: { amount: 22, unit: 'working-days', seed: '1 bulan' },
  },
  returned: {
    step: 3,
    lastStep: 3,
    name: 'Dikembalikan kepada OPD untuk perbaikan struktur',
    nameEn: 'Returned to the OPD to revise the structure',
    actor: 'opd',
    actorName: OPD,
    timeLimit: { amount: 1, unit: 'working-days', seed: '1 hari' },
  },
  agreed: {
    step: 4,
    lastStep: 4,
    name: 'Pembentukan dokumen interchange data',
    nameEn: 'Forming the data interchange document',
    actor: 'tim-teknis',
    actorName: TIM_TEKNIS,
    timeLimit: { amount: 22, unit: 'working-days', seed: '1 bulan' },
  },
  'api-prepared': {
    step: 5,
    lastStep: 5,
    name: 'Persiapan API pada server pusat pertukaran data',
    nameEn: 'Preparing the API on the exchange server',
    actor: 'tim-teknis',
    actorName: TIM_TEKNIS,
    timeLimit: { amount: 22, unit: 'working-days', seed: '1 bulan' },
  },
  tested: {
    step: 6,
    lastStep: 6,
    name: 'Penyimpanan dalam database server dan unit tes integrasi',
    nameEn: 'Storage on the database server and integration unit tests',
    actor: 'tim-teknis',
    actorName: TIM_TEKNIS,
    timeLimit: { amount: 3, unit: 'working-days', seed: '1-3 hari' },
  },
  'results-delivered': {
    step: 7,
    lastStep: 7,
    name: 'Penyampaian hasil integrasi kepada OPD',
    nameEn: 'Delivering the integration results to the OPD',
    actor: 'tim-teknis',
    actorName: TIM_TEKNIS,
    timeLimit: { amount: 2, unit: 'working-days', seed: '2 hari' },
  },
  validating: {
    step: 8,
    lastStep: 8,
    name: 'Pengecekan dan pemutakhiran sistem OPD (validasi aplikasi)',
    nameEn: 'The OPD checks and updates its system (application validation)',
    actor: 'opd',
    actorName: OPD,
    timeLimit: { amount: 2, unit: 'working-days', seed: '1-2 hari' },
  },
  validated: {
    step: 9,
    lastStep: 10,
    name: 'Penyusunan dan penyampaian laporan hasil validasi',
    nameEn: 'Preparing and delivering the validation report',
    actor: 'pengawas',
    actorName: PENGAWAS,
    timeLimit: { amount: 2, unit: 'working-days', seed: '1 hari + 1 hari' },
  },
  displayed: {
    step: 11,
    lastStep: 11,
    name: 'Penampilan data integrasi pada dasbor',
    nameEn: 'Showing the integrated data on the dashboard',
    actor: 'administrator',
    actorName: ADMINISTRATOR,
    timeLimit: { amount: 3, unit: 'working-days', seed: '1-3 hari' },
  },
  completed: {
    step: 12,
    lastStep: 12,
    name: 'Laporan hasil integrasi',
    nameEn: 'Final integration report',
    actor: 'administrator',
    actorName: ADMINISTRATOR,
    timeLimit: null,
  },
} as const satisfies Record<IntegrationState, IntegrationStep>;
