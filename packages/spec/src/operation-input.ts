import type { OperationId } from './operations';
import type { operations } from './schema.generated';

/** `{}` for a part the operation does not have (`never`/`undefined` in the generated types). */
type Present<T> = [Exclude<T, undefined>] extends [never] ? Record<never, never> : Exclude<T, undefined>;

type Parameters<Id extends OperationId> = operations[Id]['parameters'];
type Body<Id extends OperationId> = operations[Id] extends { requestBody?: infer B }
  ? [Exclude<B, undefined>] extends [never]
    ? undefined
    : Exclude<B, undefined> extends { content: infer C }
      ? C[keyof C]
      : undefined
  : undefined;

/**
 * The checked input of one operation, typed from the generated `operations`: path, query and header
 * parameters by their names in the document, and the request body (`undefined` for operations that take
 * none). The hub hands its route handlers this shape after checking the request against the document.
 *
 * @example
 * import type { OperationInput } from '@tukar/spec';
 *
 * function describePush(input: OperationInput<'pushRecords'>): string {
 *   const upserts = input.body.upsert?.length ?? 0;
 *   return `${input.path.datasetId}: ${upserts} upsert(s), key ${input.headers['Idempotency-Key']}`;
 * }
 */
export interface OperationInput<Id extends OperationId> {
  readonly path: Present<Parameters<Id>['path']>;
  readonly query: Present<Parameters<Id>['query']>;
  readonly headers: Present<Parameters<Id>['header']>;
  readonly body: Body<Id>;
}
