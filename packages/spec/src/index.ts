/**
 * @tukar/spec — the OpenAPI 3.1 document of the Tukar exchange hub API v1 and the types generated from it
 * by openapi-typescript. The document (`openapi.yaml`) is the single source of truth: the client's types,
 * the mock's overrides, the hub's request checks and the Pact cross-check come from it.
 *
 * @packageDocumentation
 */

import type { components, paths as GeneratedPaths } from './schema.generated';

// The runtime operation model (SPEC_OPERATIONS, the path matcher, createSpecAjv) and the parsed
// document are in `@tukar/spec/operations`: this entry stays types and small constants, so that
// `@tukar/client` and other browser code do not carry ajv or the document.
// ── Constants that mirror the document (tested against it) ─────────────────────────────────────────────
export { HUB_LIMITS, type HubLimits } from './limits';
export type { OpenApiDocument } from './openapi-document';
export { PROBLEM_CODES } from './problem-codes';
// ── Generated types (openapi-typescript) ───────────────────────────────────────────────────────────────
/**
 * The generated types: `paths` (per path and method), `operations` (per operationId), `components`
 * (schemas, parameters, responses, …) and `webhooks` (none). Use them with openapi-fetch.
 *
 * @example
 * import type { components, operations } from '@tukar/spec';
 *
 * type Push = operations['pushRecords']['requestBody']['content']['application/json'];
 * type Dataset = components['schemas']['Dataset'];
 *
 * const batch: Push = { upsert: [{ kode_puskesmas: 'P3207010101', nama: 'Puskesmas Ciamis' }] };
 * const label = (d: Dataset) => `${d.id}@${d.contractVersion}`;
 */
export type { components, operations, webhooks } from './schema.generated';

/**
 * Every path of the API with, per HTTP method, its parameters, request body and responses (generated
 * by openapi-typescript). Give it to openapi-fetch (`createClient<paths>({ baseUrl })`) or openapi-msw for
 * typed calls and handlers, as `@tukar/client` and `@tukar/mock` do, or index it for one operation's types.
 *
 * @example
 * import type { paths } from '@tukar/spec';
 *
 * type GetDataset = paths['/v1/datasets/{datasetId}']['get'];
 * type Dataset = GetDataset['responses'][200]['content']['application/json'];
 *
 * async function getDataset(datasetId: GetDataset['parameters']['path']['datasetId']): Promise<Dataset> {
 *   const response = await fetch(`http://127.0.0.1:8080/v1/datasets/${datasetId}`, {
 *     headers: { Authorization: `Bearer ${process.env.TUKAR_API_KEY}` },
 *   });
 *   return (await response.json()) as Dataset;
 * }
 * const puskesmas = await getDataset('dinkes.puskesmas');
 */
// Declared here rather than re-exported: typedoc would take the generated file's header comment as its
// doc. The interface adds nothing to the generated one.
export interface paths extends GeneratedPaths {}

// ── Aliases of the main schemas ────────────────────────────────────────────────────────────────────────
/**
 * Every schema of the document by name.
 *
 * @example
 * import type { Schemas } from '@tukar/spec';
 * type Attachment = Schemas['Attachment'];
 */
export type Schemas = components['schemas'];

/**
 * An RFC 9457 problem document, the body of every error response.
 *
 * @example
 * import type { Problem } from '@tukar/spec';
 * const describe = (p: Problem) => `${p.status} ${p.code}: ${p.detail} (request ${p.requestId})`;
 */
export type Problem = Schemas['Problem'];

/**
 * The stable error codes of a {@link Problem}.
 *
 * @example
 * import type { ProblemCode } from '@tukar/spec';
 * const retryable: ProblemCode[] = ['rate_limited', 'service_unavailable'];
 */
export type ProblemCode = Schemas['ProblemCode'];

/**
 * One bad record of a batch refused with 422 `validation_failed`.
 *
 * @example
 * import type { RecordError } from '@tukar/spec';
 * const line = (e: RecordError) => `#${e.index} ${e.key ?? ''} ${e.path}: ${e.message}`;
 */
export type RecordError = Schemas['RecordError'];

/**
 * One breaking change of a contract version refused with 422 `contract_incompatible`.
 *
 * @example
 * import type { BreakingChange } from '@tukar/spec';
 * const needsMajor = (changes: BreakingChange[]) => changes.some((c) => c.bump === 'major');
 */
export type BreakingChange = Schemas['BreakingChange'];

/**
 * The body of `pushRecords`: upserts and deletes applied all or nothing.
 *
 * @example
 * import type { PushRequest } from '@tukar/spec';
 * const batch: PushRequest = { upsert: [{ kode_puskesmas: 'P3207010101', nama: 'Puskesmas Ciamis' }] };
 */
export type PushRequest = Schemas['PushRequest'];

/**
 * The answer of `pushRecords` and `deleteRecord`.
 *
 * @example
 * import type { PushResult } from '@tukar/spec';
 * const changed = (r: PushResult) => r.created + r.updated + r.deleted > 0;
 */
export type PushResult = Schemas['PushResult'];

/**
 * The signed content of a receipt: what one committed batch did, as the hub attests it.
 *
 * @example
 * import type { ReceiptClaims } from '@tukar/spec';
 * const describe = (c: ReceiptClaims) => `${c.datasetId}@${c.contractVersion} #${c.seqFrom}-${c.seqTo} by ${c.clientId}`;
 */
export type ReceiptClaims = Schemas['ReceiptClaims'];

/**
 * One public key of the hub (Ed25519 JWK with `kid`, `alg`, `use` and its validity).
 *
 * @example
 * import type { SigningKey } from '@tukar/spec';
 * const current = (k: SigningKey) => k.validUntil === undefined;
 */
export type SigningKey = Schemas['SigningKey'];

/**
 * The hub's published key set (`GET /.well-known/jwks.json`): every key it signed with, newest first.
 *
 * @example
 * import type { SigningKeySet } from '@tukar/spec';
 * const kids = (set: SigningKeySet) => set.keys.map((k) => k.kid);
 */
export type SigningKeySet = Schemas['SigningKeySet'];

/**
 * A record as stored by the hub, with its key and change sequence.
 *
 * @example
 * import type { StoredRecord } from '@tukar/spec';
 * const nama = (r: StoredRecord) => String(r.record['nama']);
 */
export type StoredRecord = Schemas['StoredRecord'];

/**
 * A page of `listRecords`.
 *
 * @example
 * import type { RecordPage } from '@tukar/spec';
 * const isLast = (page: RecordPage) => page.nextCursor === null;
 */
export type RecordPage = Schemas['RecordPage'];

/**
 * One entry of the changes feed; a delete carries no `record`.
 *
 * @example
 * import type { Change } from '@tukar/spec';
 * const isTombstone = (c: Change) => c.op === 'delete';
 */
export type Change = Schemas['Change'];

/**
 * A page of `listChanges`.
 *
 * @example
 * import type { ChangePage } from '@tukar/spec';
 * const resumeFrom = (page: ChangePage) => page.nextSince;
 */
export type ChangePage = Schemas['ChangePage'];

/**
 * A dataset pinned to a contract version.
 *
 * @example
 * import type { Dataset } from '@tukar/spec';
 * const label = (d: Dataset) => `${d.id}@${d.contractVersion} (${d.recordCount} records)`;
 */
export type Dataset = Schemas['Dataset'];

/**
 * A stored contract version with its document.
 *
 * @example
 * import type { ContractVersion } from '@tukar/spec';
 * const isAgreed = (v: ContractVersion) => v.status === 'agreed';
 */
export type ContractVersion = Schemas['ContractVersion'];

/**
 * A data contract file as JSON: the body of `putContractVersion`.
 *
 * @example
 * import type { ContractDocument } from '@tukar/spec';
 * const keyOf = (c: ContractDocument) => c.primaryKey.join(',');
 */
export type ContractDocument = Schemas['ContractDocument'];

/**
 * An integration request walking the steps of its pinned procedure (SOP).
 *
 * @example
 * import type { Integration } from '@tukar/spec';
 * const late = (list: Integration[]) => list.filter((i) => i.overdue);
 */
export type Integration = Schemas['Integration'];

/**
 * When a transition of an integration's current step is taken: `done`, `agree` or `return`.
 *
 * @example
 * import type { IntegrationCondition } from '@tukar/spec';
 * const decision: IntegrationCondition = 'agree';
 */
export type IntegrationCondition = Schemas['IntegrationCondition'];

/**
 * The role a caller acts in within an integration procedure.
 *
 * @example
 * import type { ProcedureRole } from '@tukar/spec';
 * const role: ProcedureRole = 'tim-teknis';
 */
export type ProcedureRole = Schemas['ProcedureRole'];

/**
 * The person a client's key acts for (`nip` is personal data).
 *
 * @example
 * import type { Person } from '@tukar/spec';
 * const person: Person = { name: 'Andi Pratama', nip: '198503102010011002', procedureRole: 'tim-teknis' };
 */
export type Person = Schemas['Person'];

/**
 * The body of `transitionIntegration`.
 *
 * @example
 * import type { IntegrationTransition } from '@tukar/spec';
 * const body: IntegrationTransition = { when: 'agree', contractVersion: '1.2.0' };
 */
export type IntegrationTransition = Schemas['IntegrationTransition'];

/**
 * An attachment of an integration (contract version, Pact results, validation report, document).
 *
 * @example
 * import type { Attachment } from '@tukar/spec';
 * const pacts = (list: Attachment[]) => list.filter((a) => a.kind === 'pact-results');
 */
export type Attachment = Schemas['Attachment'];

/**
 * A stored validation report with its issues.
 *
 * @example
 * import type { ValidationReport } from '@tukar/spec';
 * const passed = (r: ValidationReport) => r.verdict === 'valid' && r.complete;
 */
export type ValidationReport = Schemas['ValidationReport'];

/**
 * The body of `submitValidationReport`.
 *
 * @example
 * import type { ValidationReportInput } from '@tukar/spec';
 * const issueCount = (r: ValidationReportInput) => r.counts.issues;
 */
export type ValidationReportInput = Schemas['ValidationReportInput'];

/**
 * One entry of the hash-chained audit log.
 *
 * @example
 * import type { AuditEntry } from '@tukar/spec';
 * const failed = (entries: AuditEntry[]) => entries.filter((e) => e.status >= 400);
 */
export type AuditEntry = Schemas['AuditEntry'];

/**
 * A client's access to a dataset.
 *
 * @example
 * import type { Grant } from '@tukar/spec';
 * const canWrite = (g: Grant) => g.access.includes('write');
 */
export type Grant = Schemas['Grant'];

/**
 * A registered OPD system.
 *
 * @example
 * import type { Client } from '@tukar/spec';
 * const active = (list: Client[]) => list.filter((c) => !c.disabled);
 */
export type Client = Schemas['Client'];

/**
 * An API key without its secret.
 *
 * @example
 * import type { ApiKeyInfo } from '@tukar/spec';
 * const usable = (k: ApiKeyInfo) => k.revokedAt === null;
 */
export type ApiKeyInfo = Schemas['ApiKeyInfo'];

/**
 * A newly issued API key with its secret, shown once.
 *
 * @example
 * import type { IssuedApiKey } from '@tukar/spec';
 * const header = (k: IssuedApiKey) => ({ Authorization: `Bearer ${k.apiKey}` });
 */
export type IssuedApiKey = Schemas['IssuedApiKey'];
