import { z } from 'zod';

/**
 * The shape of a Tukar data contract file (the written form of SOP steps 2–4).
 *
 * This zod schema is the single source of truth for the contract document: the TypeScript type
 * {@link Contract}, the loader's structural checks and the JSON Schema shipped for editors
 * (`@tukar/contracts/contract.schema.json`) all come from it.
 */

/**
 * `<opd>.<dataset>`, lower case, e.g. `dinkes.puskesmas`.
 *
 * @example
 * ```ts
 * import { CONTRACT_ID_PATTERN } from './contract-schema'; // internal
 *
 * const id = 'dinkes.puskesmas'; // e.g. from a form or a CLI argument
 * if (!CONTRACT_ID_PATTERN.test(id)) {
 *   throw new Error(`"${id}" is not a contract id: write <opd>.<dataset> in lower case`);
 * }
 * ```
 */
export const CONTRACT_ID_PATTERN = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9_-]*)+$/;
/**
 * Semantic version without a leading `v`, e.g. `1.2.0` or `2.0.0-rc.1`.
 *
 * @example
 * ```ts
 * import { SEMVER_PATTERN } from './contract-schema'; // internal
 *
 * SEMVER_PATTERN.test('1.2.0'); // true
 * SEMVER_PATTERN.test('v1.2'); // false — no leading v, all three numbers
 * // parseVersion('1.2.0') gives the parts
 * ```
 */
export const SEMVER_PATTERN =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/**
 * Lifecycle of a contract version: `draft → agreed → deprecated → retired`.
 *
 * @example
 * ```ts
 * import { CONTRACT_STATUSES, type ContractStatus } from '@tukar/contracts';
 *
 * const isStatus = (value: string): value is ContractStatus =>
 *   (CONTRACT_STATUSES as readonly string[]).includes(value);
 * const wanted = process.argv[2] ?? 'agreed';
 * if (!isStatus(wanted)) throw new Error(`status must be one of: ${CONTRACT_STATUSES.join(', ')}`);
 * ```
 */
export const CONTRACT_STATUSES = ['draft', 'agreed', 'deprecated', 'retired'] as const;
/**
 * Data classification after UU 14/2008 (KIP) and UU 27/2022 (PDP).
 *
 * @example
 * ```ts
 * import { CLASSIFICATIONS } from '@tukar/contracts';
 *
 * // Choices of a "Klasifikasi" dropdown in a contract editor
 * const options = CLASSIFICATIONS.map((value) => ({ value, label: value[0]?.toUpperCase() + value.slice(1) }));
 * ```
 */
export const CLASSIFICATIONS = ['publik', 'terbatas', 'rahasia'] as const;
/**
 * Compatibility modes, as a schema registry has them: `backward`, `forward`, `full` and `none` judge a
 * version against the one before it; the `_transitive` modes judge it the same way against every earlier
 * agreed version.
 *
 * @example
 * ```ts
 * import { checkCompatibility, COMPATIBILITY_MODES, loadContract } from '@tukar/contracts';
 *
 * const v1 = await loadContract('contracts/dinkes.puskesmas-1.2.0.yaml');
 * const v2 = await loadContract('contracts/dinkes.puskesmas.yaml');
 * if (v1.ok && v2.ok) {
 *   for (const mode of COMPATIBILITY_MODES) {
 *     console.log(mode, checkCompatibility(v1.contract, v2.contract, mode).compatible);
 *   }
 * }
 * ```
 */
export const COMPATIBILITY_MODES = [
  'backward',
  'forward',
  'full',
  'none',
  'backward_transitive',
  'forward_transitive',
  'full_transitive',
] as const;
/**
 * How often the producing OPD updates the dataset.
 *
 * @example
 * ```ts
 * import { UPDATE_FREQUENCIES } from '@tukar/contracts';
 *
 * // Help text of a contract generator
 * console.log(`updateFrequency: one of ${UPDATE_FREQUENCIES.join(', ')}`);
 * ```
 */
export const UPDATE_FREQUENCIES = [
  'realtime',
  'daily',
  'weekly',
  'monthly',
  'quarterly',
  'yearly',
  'adhoc',
] as const;

const dotPath = z
  .string()
  .regex(/^[A-Za-z_$][\w$-]*(\.[A-Za-z_$][\w$-]*)*$/, 'a dot path such as `data` or `links.next`');

/** Pagination of the OPD endpoint: follow a next link found in the body. */
export const nextLinkPaginationSchema = z
  .object({
    style: z.literal('next-link').optional(),
    /** Dot path of the next page's URL in the response body, e.g. `links.next`. */
    next: dotPath,
  })
  .strict();

/** Pagination by page number: `?page=1&limit=100`. */
export const pagePaginationSchema = z
  .object({
    style: z.literal('page'),
    pageParam: z.string().min(1).default('page'),
    limitParam: z.string().min(1).optional(),
    limit: z.number().int().positive().max(10_000).optional(),
    firstPage: z.number().int().min(0).default(1),
    /** Dot path of the total page count in the body, when the endpoint gives one. */
    totalPages: dotPath.optional(),
  })
  .strict();

/** Pagination by offset: `?offset=0&limit=100`. */
export const offsetPaginationSchema = z
  .object({
    style: z.literal('offset'),
    offsetParam: z.string().min(1).default('offset'),
    limitParam: z.string().min(1).default('limit'),
    limit: z.number().int().positive().max(10_000).default(100),
    /** Dot path of the total record count in the body, when the endpoint gives one. */
    total: dotPath.optional(),
  })
  .strict();

/** Pagination by an opaque cursor returned in the body: `?cursor=…`. */
export const cursorPaginationSchema = z
  .object({
    style: z.literal('cursor'),
    cursorParam: z.string().min(1).default('cursor'),
    /** Dot path of the next cursor in the body; absent, null or empty means the last page. */
    nextCursor: dotPath,
    limitParam: z.string().min(1).optional(),
    limit: z.number().int().positive().max(10_000).optional(),
  })
  .strict();

/** A single response holding every record. */
export const noPaginationSchema = z.object({ style: z.literal('none') }).strict();

/**
 * Pagination of the OPD endpoint (`provider.pagination`): a next link in the body (`{ next }`), page
 * number, offset, opaque cursor, or `none`. Parsing applies the defaults of each style.
 *
 * @example
 * ```ts
 * import { paginationSchema } from '@tukar/contracts';
 *
 * const parsed = paginationSchema.safeParse({ style: 'offset', limit: 500 });
 * if (parsed.success) console.log(parsed.data); // { style: 'offset', offsetParam: 'offset', limitParam: 'limit', limit: 500 }
 * else console.error(parsed.error.issues);
 * ```
 */
export const paginationSchema = z.union([
  nextLinkPaginationSchema,
  pagePaginationSchema,
  offsetPaginationSchema,
  cursorPaginationSchema,
  noPaginationSchema,
]);

/**
 * How the OPD system serves the dataset (used by the validator and the Pact helpers).
 *
 * @example
 * ```ts
 * import { providerSchema } from '@tukar/contracts';
 *
 * const parsed = providerSchema.safeParse({
 *   path: '/api/puskesmas',
 *   records: 'data',
 *   pagination: { next: 'links.next' },
 * });
 * if (parsed.success) console.log(parsed.data.latencyBudgetMs); // 2000, the default
 * else for (const issue of parsed.error.issues) console.error(issue.path.join('.'), issue.message);
 * ```
 */
export const providerSchema = z
  .object({
    /** Path on the OPD system's base URL, e.g. `/api/puskesmas`. */
    path: z.string().regex(/^\//, 'a path starting with `/`'),
    method: z.enum(['GET', 'POST']).default('GET'),
    /** Dot path of the records array in the response body; omit when the body is the array itself. */
    records: dotPath.optional(),
    pagination: paginationSchema.default({ style: 'none' }),
    /** Expected content type of the answer. */
    contentType: z.string().min(1).default('application/json'),
    /** Response time budget per request in milliseconds. */
    latencyBudgetMs: z.number().int().positive().max(600_000).default(2_000),
  })
  .strict();

/** Owner of the data: the producing OPD (*produsen data*). */
export const ownerSchema = z
  .object({
    opd: z.string().min(1),
    unit: z.string().min(1).optional(),
    contact: z.email(),
  })
  .strict();

/** A JSON Schema 2020-12 document for one record (checked in depth when compiled). */
export const recordSchemaSchema = z.record(z.string(), z.unknown());

/**
 * The zod schema of the whole contract document: its structure and defaults. It does not check the record
 * `schema` as JSON Schema nor give line numbers; `parseContract` and `loadContract` do both.
 * Useful for contracts built in code (tests, generators).
 *
 * @example
 * ```ts
 * import { contractSchema } from '@tukar/contracts';
 *
 * const contract = contractSchema.parse({
 *   contract: 'dinkes.puskesmas', version: '1.0.0', status: 'draft', title: 'Daftar Puskesmas Kota Semarang',
 *   owner: { opd: 'Dinas Kesehatan', contact: 'simpus@dinkes.semarangkota.go.id' },
 *   steward: 'Diskominfo Kota Semarang', classification: 'terbatas', updateFrequency: 'monthly',
 *   primaryKey: ['kode_puskesmas'],
 *   schema: { type: 'object', required: ['kode_puskesmas'], properties: { kode_puskesmas: { type: 'string' } } },
 * });
 * contract.compatibility; // 'backward' (the default, applied)
 * ```
 */
export const contractSchema = z
  .object({
    /** Editors' hint, e.g. `./node_modules/@tukar/contracts/contract.schema.json`. */
    $schema: z.string().optional(),
    contract: z
      .string()
      .regex(CONTRACT_ID_PATTERN, '`<opd>.<dataset>` in lower case, e.g. `dinkes.puskesmas`'),
    version: z.string().regex(SEMVER_PATTERN, 'a semantic version such as `1.0.0`'),
    status: z.enum(CONTRACT_STATUSES),
    title: z.string().min(1).max(200),
    description: z.string().max(10_000).optional(),
    owner: ownerSchema,
    /** The data steward (*walidata*), usually Diskominfo. */
    steward: z.string().min(1),
    classification: z.enum(CLASSIFICATIONS),
    compatibility: z.enum(COMPATIBILITY_MODES).default('backward'),
    updateFrequency: z.enum(UPDATE_FREQUENCIES),
    primaryKey: z.array(z.string().min(1)).min(1),
    schema: recordSchemaSchema,
    provider: providerSchema.optional(),
    examples: z.array(z.record(z.string(), z.unknown())).optional(),
    tags: z.array(z.string()).optional(),
  })
  .strict();

/**
 * A parsed, structurally valid contract (defaults applied).
 *
 * @example
 * ```ts
 * import { type Contract, loadContract } from '@tukar/contracts';
 *
 * const loaded = await loadContract('contracts/dinkes.puskesmas.yaml');
 * if (loaded.ok) {
 *   const contract: Contract = loaded.contract;
 *   console.log(`${contract.contract}@${contract.version} (${contract.status}), key: ${contract.primaryKey.join(', ')}`);
 *   console.log(`${contract.owner.opd}, ${contract.classification}, updated ${contract.updateFrequency}`);
 * }
 * ```
 */
export type Contract = z.output<typeof contractSchema>;
/**
 * A contract as written in a file (defaults not yet applied).
 *
 * @example
 * ```ts
 * import { type ContractInput, parseContract } from '@tukar/contracts';
 *
 * const input: ContractInput = {
 *   contract: 'dinkes.puskesmas', version: '1.0.0', status: 'draft', title: 'Daftar Puskesmas Kota Semarang',
 *   owner: { opd: 'Dinas Kesehatan', contact: 'simpus@dinkes.semarangkota.go.id' },
 *   steward: 'Diskominfo Kota Semarang', classification: 'terbatas', updateFrequency: 'monthly',
 *   primaryKey: ['kode_puskesmas'],
 *   schema: { type: 'object', required: ['kode_puskesmas'], properties: { kode_puskesmas: { type: 'string' } } },
 * };
 * const result = parseContract(JSON.stringify(input, null, 2), { filename: 'dinkes.puskesmas.json' });
 * ```
 */
export type ContractInput = z.input<typeof contractSchema>;
/**
 * A contract's lifecycle status, one of {@link CONTRACT_STATUSES}.
 *
 * @example
 * ```ts
 * import type { Contract, ContractStatus } from '@tukar/contracts';
 *
 * function statusLabel(status: ContractStatus): string {
 *   switch (status) {
 *     case 'draft': return 'Draf, belum disepakati';
 *     case 'agreed': return 'Disepakati';
 *     case 'deprecated': return 'Usang: pindah ke versi baru';
 *     case 'retired': return 'Tidak berlaku lagi';
 *   }
 * }
 * declare const contract: Contract;
 * console.log(statusLabel(contract.status));
 * ```
 */
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
/**
 * A data classification, one of {@link CLASSIFICATIONS}.
 *
 * @example
 * ```ts
 * import type { Classification, Contract } from '@tukar/contracts';
 *
 * declare const contract: Contract;
 * const classification: Classification = contract.classification;
 * if (classification !== 'publik') {
 *   // terbatas / rahasia: only consumers with an API key may read the records
 *   if (!process.env.TUKAR_API_KEY) throw new Error(`${contract.contract} is ${classification}: set TUKAR_API_KEY`);
 * }
 * ```
 */
export type Classification = (typeof CLASSIFICATIONS)[number];
/**
 * A compatibility mode, one of {@link COMPATIBILITY_MODES}.
 *
 * @example
 * ```ts
 * import { checkCompatibility, type CompatibilityMode, type Contract } from '@tukar/contracts';
 *
 * declare const v1: Contract;
 * declare const v2: Contract;
 * const mode: CompatibilityMode = process.env.CI_STRICT === '1' ? 'full' : 'backward';
 * const { compatible, violations } = checkCompatibility(v1, v2, mode);
 * if (!compatible) console.error(`${violations.length} change(s) refused under ${mode}`);
 * ```
 */
export type CompatibilityMode = (typeof COMPATIBILITY_MODES)[number];
/**
 * How often a dataset is updated, one of {@link UPDATE_FREQUENCIES}.
 *
 * @example
 * ```ts
 * import type { Contract, UpdateFrequency } from '@tukar/contracts';
 *
 * // Days after which a dataset counts as stale in a monitoring dashboard
 * const staleAfterDays: Record<UpdateFrequency, number | undefined> = {
 *   realtime: 1, daily: 2, weekly: 8, monthly: 32, quarterly: 93, yearly: 366, adhoc: undefined,
 * };
 * declare const contract: Contract;
 * const limit = staleAfterDays[contract.updateFrequency];
 * ```
 */
export type UpdateFrequency = (typeof UPDATE_FREQUENCIES)[number];
/**
 * How the OPD system serves the dataset: the `provider` section of a contract, defaults applied.
 *
 * @example
 * ```ts
 * import type { Contract, ProviderSpec } from '@tukar/contracts';
 *
 * declare const contract: Contract;
 * const provider: ProviderSpec | undefined = contract.provider;
 * if (provider) {
 *   const url = new URL(provider.path, 'https://simpus.dinkes.semarangkota.go.id');
 *   const response = await fetch(url, {
 *     method: provider.method,
 *     headers: { accept: provider.contentType },
 *     signal: AbortSignal.timeout(provider.latencyBudgetMs),
 *   });
 * }
 * ```
 */
export type ProviderSpec = z.output<typeof providerSchema>;
/**
 * Pagination of the OPD endpoint (`provider.pagination`), defaults applied. The next-link form may omit
 * `style`.
 *
 * @example
 * ```ts
 * import type { Pagination } from '@tukar/contracts';
 *
 * function describe(pagination: Pagination): string {
 *   switch (pagination.style) {
 *     case 'page': return `?${pagination.pageParam}=${pagination.firstPage}, ${pagination.pageParam}+1, …`;
 *     case 'offset': return `?${pagination.offsetParam}=0&${pagination.limitParam}=${pagination.limit}`;
 *     case 'cursor': return `?${pagination.cursorParam}= the body's ${pagination.nextCursor}`;
 *     case 'none': return 'every record in one response';
 *     default: return `follow the URL at ${pagination.next}`;
 *   }
 * }
 * ```
 */
export type Pagination = z.output<typeof paginationSchema>;
