import { z } from 'zod';

/**
 * The shape of a Tukar data contract file (the written form of SOP steps 2–4).
 *
 * This zod schema is the single source of truth for the contract document: the TypeScript type
 * {@link Contract}, the loader's structural checks and the JSON Schema shipped for editors
 * (`@tukar/contracts/contract.schema.json`) all come from it.
 */

/** `<opd>.<dataset>`, lower case, e.g. `dinkes.puskesmas`. */
export const CONTRACT_ID_PATTERN = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9_-]*)+$/;
/** Semantic version without a leading `v`, e.g. `1.2.0` or `2.0.0-rc.1`. */
export const SEMVER_PATTERN =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** Lifecycle of a contract version: `draft → agreed → deprecated → retired`. */
export const CONTRACT_STATUSES = ['draft', 'agreed', 'deprecated', 'retired'] as const;
/** Data classification after UU 14/2008 (KIP) and UU 27/2022 (PDP). */
export const CLASSIFICATIONS = ['publik', 'terbatas', 'rahasia'] as const;
/** Compatibility modes, as a schema registry has them. */
export const COMPATIBILITY_MODES = ['backward', 'forward', 'full', 'none'] as const;
/** How often the producing OPD updates the dataset. */
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

export const paginationSchema = z.union([
  nextLinkPaginationSchema,
  pagePaginationSchema,
  offsetPaginationSchema,
  cursorPaginationSchema,
  noPaginationSchema,
]);

/** How the OPD system serves the dataset (used by the validator and the Pact helpers). */
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

/** A parsed, structurally valid contract (defaults applied). */
export type Contract = z.output<typeof contractSchema>;
/** A contract as written in a file (defaults not yet applied). */
export type ContractInput = z.input<typeof contractSchema>;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
export type Classification = (typeof CLASSIFICATIONS)[number];
export type CompatibilityMode = (typeof COMPATIBILITY_MODES)[number];
export type UpdateFrequency = (typeof UPDATE_FREQUENCIES)[number];
export type ProviderSpec = z.output<typeof providerSchema>;
export type Pagination = z.output<typeof paginationSchema>;
