import type { Schemas } from '@tukar/spec';
import type { BeforePage } from './pages';

/**
 * An integration request as stored: everything but the fields computed at read time (`step`,
 * `stepDeadline`, `overdue`, `attachments`). `revision` increases with every update.
 *
 * @example
 * ```ts
 * import { openStore } from '@tukar/hub/node';
 *
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * for (const row of await store.listIntegrations({ limit: 50, step: 3 })) {
 *   const last = row.history.at(-1);
 *   console.log(`${row.id} (rev ${row.revision}) ${row.title}, ${row.opd}, requested by ${row.requester.name}`);
 *   console.log(`  step ${row.step} of ${row.procedureId} since ${row.stepSince}; last done by ${last?.actor ?? '-'}`);
 * }
 * ```
 */
export interface IntegrationRow {
  id: string;
  revision: number;
  /** The step of the pinned procedure the integration is at (the last one done when `ended`). */
  step: number;
  /** Whether a transition ended the procedure. */
  ended: boolean;
  opd: string;
  /** The client that opened the request (it may act in the OPD's steps). */
  requestedBy: string;
  createdAt: string;
  updatedAt: string;
  /** When the current step was entered (the start of the step's time limit). */
  stepSince: string;
  title: string;
  requester: Schemas['Requester'];
  purpose: string;
  consumers: string[];
  datasetId: string | null;
  contractVersion: string | null;
  /** The procedure (SOP) the integration follows, pinned when it was opened. */
  procedureId: string;
  /** The version of that procedure it started under; a later version loaded does not change it. */
  procedureVersion: string;
  history: Schemas['IntegrationEvent'][];
}

/**
 * An attachment's metadata and, when read one by one, its content.
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { openStore } from '@tukar/hub/node';
 *
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * for (const row of await store.listAttachments('int_7Qx2LmP9aB3cD4eF')) {
 *   const found = await store.getAttachment(row.integrationId, row.id);
 *   if (found) await writeFile(`./lampiran/${row.kind}-${row.name}`, found.content); // row.size bytes
 * }
 * ```
 */
export type AttachmentRow = Schemas['Attachment'] & { integrationId: string };

/**
 * A stored validation report (`issues` included).
 *
 * @example
 * ```ts
 * import { openStore } from '@tukar/hub/node';
 *
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * const [latest] = await store.listValidationReports({ limit: 1, datasetId: 'dinkes.puskesmas' });
 * if (latest) {
 *   const { verdict, issues } = latest.report;
 *   console.log(`${latest.id} submitted ${latest.submittedAt}: ${verdict}, ${issues.length} issue(s)`);
 * }
 * ```
 */
export interface ValidationReportRow {
  id: string;
  submittedAt: string;
  datasetId: string | null;
  integrationId: string | null;
  report: Schemas['ValidationReport'];
}

/**
 * The integrations and reports part of a {@link Store}: integration requests with their attachments, and
 * validation reports.
 *
 * @example
 * ```ts
 * import type { IntegrationStore } from '@tukar/hub';
 * import { openStore } from '@tukar/hub/node';
 *
 * async function underEvaluation(store: IntegrationStore): Promise<string[]> {
 *   const rows = await store.listIntegrations({ limit: 100, step: 3 });
 *   return rows.map((row) => `${row.id} ${row.title} (${row.opd})`);
 * }
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * console.log(await underEvaluation(store));
 * ```
 */
export interface IntegrationStore {
  createIntegration(row: IntegrationRow): Promise<boolean>;
  getIntegration(id: string): Promise<IntegrationRow | undefined>;
  /** Replaces the integration when its stored revision is `row.revision - 1`. */
  updateIntegration(row: IntegrationRow): Promise<boolean>;
  listIntegrations(page: BeforePage & { step?: number; opd?: string }): Promise<IntegrationRow[]>;
  createAttachment(row: AttachmentRow, content: Uint8Array): Promise<boolean>;
  /** Attachments of an integration without content, oldest first. */
  listAttachments(integrationId: string): Promise<AttachmentRow[]>;
  getAttachment(
    integrationId: string,
    id: string,
  ): Promise<{ row: AttachmentRow; content: Uint8Array } | undefined>;
  createValidationReport(row: ValidationReportRow): Promise<boolean>;
  getValidationReport(id: string): Promise<ValidationReportRow | undefined>;
  listValidationReports(
    page: BeforePage & { datasetId?: string; integrationId?: string },
  ): Promise<ValidationReportRow[]>;
}
