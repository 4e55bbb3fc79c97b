import { z } from 'zod';
import { SEMVER_PATTERN } from '../contract-schema';

/**
 * The people roles of the hub a procedure's actors map onto: the requesting OPD's operator, Diskominfo's
 * technical team, the supervising official (*pejabat pengawas*) and the head of division
 * (*pejabat administrator*).
 *
 * @example
 * ```ts
 * import { PROCEDURE_ROLES, type ProcedureRole } from '@tukar/contracts/procedure';
 *
 * const isRole = (value: string): value is ProcedureRole => (PROCEDURE_ROLES as readonly string[]).includes(value);
 * isRole('tim-teknis'); // true
 * ```
 */
export const PROCEDURE_ROLES = ['opd-operator', 'tim-teknis', 'pengawas', 'administrator'] as const;
/**
 * A role of {@link PROCEDURE_ROLES}.
 *
 * @example
 * ```ts
 * import type { ProcedureRole } from '@tukar/contracts/procedure';
 * const role: ProcedureRole = 'pengawas';
 * ```
 */
export type ProcedureRole = (typeof PROCEDURE_ROLES)[number];

/**
 * What the hub keeps as a step's output (*output* of the SOP's *mutu baku*): a disposition letter, a
 * contract version (draft or agreed), a dataset on the hub, an API account, Pact results, a receipt of
 * pushed records, a validation report, the integration report, an attached document, or a person's
 * sign-off (a decision recorded under their own name).
 *
 * @example
 * ```ts
 * import { PROCEDURE_ARTEFACTS } from '@tukar/contracts/procedure';
 * PROCEDURE_ARTEFACTS.includes('validation-report'); // true
 * ```
 */
export const PROCEDURE_ARTEFACTS = [
  'disposition',
  'contract-version',
  'agreed-contract-version',
  'dataset',
  'client-account',
  'pact-results',
  'receipt',
  'validation-report',
  'integration-report',
  'attachment',
  'sign-off',
] as const;
/**
 * An artefact of {@link PROCEDURE_ARTEFACTS}.
 *
 * @example
 * ```ts
 * import type { ProcedureArtefact } from '@tukar/contracts/procedure';
 * const artefact: ProcedureArtefact = 'pact-results';
 * ```
 */
export type ProcedureArtefact = (typeof PROCEDURE_ARTEFACTS)[number];

/**
 * When a transition is taken: `done` (the step is finished; no decision), `agree` (the step's decision
 * is yes — *ya*, *sesuai*, *sepakat*) or `return` (the decision is no — *tidak*, *belum*).
 *
 * @example
 * ```ts
 * import { TRANSITION_CONDITIONS } from '@tukar/contracts/procedure';
 * TRANSITION_CONDITIONS; // ['done', 'agree', 'return']
 * ```
 */
export const TRANSITION_CONDITIONS = ['done', 'agree', 'return'] as const;
/**
 * A condition of {@link TRANSITION_CONDITIONS}.
 *
 * @example
 * ```ts
 * import type { TransitionCondition } from '@tukar/contracts/procedure';
 * const when: TransitionCondition = 'return';
 * ```
 */
export type TransitionCondition = (typeof TRANSITION_CONDITIONS)[number];

const SLUG = /^[a-z][a-z0-9-]*$/;
const text = z.string().trim().min(1);
const localized = z.strictObject({ id: text, en: text });

const transitionSchema = z.strictObject({
  when: z.enum(TRANSITION_CONDITIONS),
  to: z.union([z.number().int().positive(), z.literal('end')]),
  /** The SOP's own wording of the branch, e.g. `Tidak`. */
  label: text.optional(),
});

const outputSchema = z.strictObject({
  /** The output as the SOP names it. */
  name: text,
  artefact: z.enum(PROCEDURE_ARTEFACTS),
});

const stepSchema = z.strictObject({
  number: z.number().int().positive(),
  id: z.string().regex(SLUG, 'a lower-case id such as `evaluasi-integrasi`'),
  name: localized,
  actor: z.string(),
  /** `null` when the SOP names no required input for the step. */
  kelengkapan: text.nullable(),
  /** `null` when the SOP gives no time limit for the step. */
  waktu: z.string().nullable(),
  output: outputSchema.optional(),
  next: z.array(transitionSchema).min(1),
  /** How the step was transcribed where the SOP is unclear. */
  note: text.optional(),
});

const actorSchema = z.strictObject({
  /** The kabupaten's own title of the actor, e.g. `Ka. Sie. Telematika`. */
  title: text,
  role: z.enum(PROCEDURE_ROLES),
});

/**
 * The shape of a procedure file: one kabupaten's SOP *Integrasi dan Pertukaran Data* as data. The zod
 * schema is the source of the {@link ProcedureDocument} type, the loader's structural checks and the
 * JSON Schema for editors (`@tukar/contracts/procedure.schema.json`).
 *
 * @example
 * ```ts
 * import { procedureSchema } from '@tukar/contracts/procedure';
 * procedureSchema.safeParse({ procedure: 'ciamis' }).success; // false: version, steps, … are missing
 * ```
 */
export const procedureSchema = z.strictObject({
  procedure: z.string().regex(SLUG, 'a lower-case id such as `ciamis`'),
  version: z.string().regex(SEMVER_PATTERN, 'a semantic version such as `1.0.0`'),
  kabupaten: text,
  title: localized,
  sop: z.strictObject({
    nomor: text.nullable(),
    tanggal: text.nullable(),
    disahkanOleh: text.nullable(),
    source: text.optional(),
  }),
  actors: z.record(z.string().regex(SLUG, 'a lower-case id such as `tim-teknis`'), actorSchema),
  steps: z.array(stepSchema).min(1),
});

/**
 * A procedure file as written (before the loader parses `waktu`).
 *
 * @example
 * ```ts
 * import type { ProcedureDocument } from '@tukar/contracts/procedure';
 * declare const document: ProcedureDocument;
 * document.steps.map((s) => s.number);
 * ```
 */
export type ProcedureDocument = z.output<typeof procedureSchema>;
