import document from '../openapi.json' with { type: 'json' };
import type { OpenApiDocument } from './openapi-document';

/**
 * The OpenAPI 3.1 document of the Tukar exchange hub API v1, parsed (the contents of
 * `@tukar/spec/openapi.json`, bundled into the package).
 *
 * @example
 * import { openApiDocument } from '@tukar/spec/operations';
 *
 * const operationIds = Object.values(openApiDocument.paths).flatMap((item) =>
 *   Object.values(item).flatMap((op) =>
 *     op && typeof op === 'object' && 'operationId' in op ? [String(op.operationId)] : [],
 *   ),
 * );
 */
export const openApiDocument: OpenApiDocument = document;
