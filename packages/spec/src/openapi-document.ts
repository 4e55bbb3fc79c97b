import type { HubLimits } from './limits';

/**
 * The parts of an OpenAPI 3.1 document that code reading `openApiDocument` typically needs; every
 * object stays open for the rest of the document.
 *
 * @example
 * import type { OpenApiDocument } from '@tukar/spec';
 * import { openApiDocument } from '@tukar/spec/operations';
 * const doc: OpenApiDocument = openApiDocument;
 * console.log(doc.info.version); // '1.0.0'
 */
export interface OpenApiDocument {
  /** OpenAPI version of the document (`3.1.0`). */
  readonly openapi: string;
  readonly info: {
    readonly title: string;
    readonly version: string;
    readonly description?: string;
    /** The hub's size limits (see `HUB_LIMITS`). */
    readonly 'x-tukar-limits': { readonly [K in keyof HubLimits]: number };
    readonly [key: string]: unknown;
  };
  readonly servers: readonly { readonly url: string; readonly description?: string }[];
  readonly security: readonly Readonly<Record<string, readonly string[]>>[];
  readonly tags: readonly { readonly name: string; readonly description?: string }[];
  /** Path → path item (`get`, `post`, …, `parameters`). */
  readonly paths: { readonly [path: string]: { readonly [key: string]: unknown } };
  readonly components: {
    readonly schemas: { readonly [name: string]: { readonly [key: string]: unknown } };
    readonly parameters: { readonly [name: string]: { readonly [key: string]: unknown } };
    readonly responses: { readonly [name: string]: { readonly [key: string]: unknown } };
    readonly securitySchemes: { readonly [name: string]: { readonly [key: string]: unknown } };
    readonly [key: string]: unknown;
  };
  readonly [key: string]: unknown;
}
