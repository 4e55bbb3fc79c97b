import type { OperationId } from './operation-model';
import type { operations } from './schema.generated';

/**
 * The checked input of one operation, typed from the generated `operations`: path, query and header
 * parameters by their names in the document, and the request body (`undefined` for operations that take
 * none). The hub hands its route handlers this shape after checking the request against the document.
 *
 * @example
 * import type { OperationInput } from '@tukar/spec/operations';
 *
 * function describePush(input: OperationInput<'pushRecords'>): string {
 *   const upserts = input.body.upsert?.length ?? 0;
 *   return `${input.path.datasetId}: ${upserts} upsert(s), key ${input.headers['Idempotency-Key']}`;
 * }
 */
export interface OperationInput<Id extends OperationId> {
  // The helper types are written out: typedoc documents no private aliases.
  /** Path parameters (`{}` for an operation without any). */
  readonly path: [Exclude<operations[Id]['parameters']['path'], undefined>] extends [never]
    ? Record<never, never>
    : Exclude<operations[Id]['parameters']['path'], undefined>;
  /** Query parameters, converted to their types (`{}` for an operation without any). */
  readonly query: [Exclude<operations[Id]['parameters']['query'], undefined>] extends [never]
    ? Record<never, never>
    : Exclude<operations[Id]['parameters']['query'], undefined>;
  /** Header parameters by their names in the document, e.g. `Idempotency-Key`. */
  readonly headers: [Exclude<operations[Id]['parameters']['header'], undefined>] extends [never]
    ? Record<never, never>
    : Exclude<operations[Id]['parameters']['header'], undefined>;
  /** The parsed body of the operation's media type; `undefined` for operations that take none. */
  readonly body: operations[Id] extends { requestBody?: infer B }
    ? [Exclude<B, undefined>] extends [never]
      ? undefined
      : Exclude<B, undefined> extends { content: infer C }
        ? C[keyof C]
        : undefined
    : undefined;
}
