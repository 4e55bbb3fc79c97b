import { type OperationId, SPEC_OPERATIONS, type SpecOperation } from './operation-model';

const compiled = new Map<string, { pattern: RegExp; names: string[] }>();

function compile(template: string): { pattern: RegExp; names: string[] } {
  let hit = compiled.get(template);
  if (!hit) {
    const names: string[] = [];
    const source = template
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const name = /^\{(.+)\}$/.exec(part)?.[1];
        if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(name);
        return '([^/]+)';
      })
      .join('');
    hit = { pattern: new RegExp(`^${source}$`), names };
    compiled.set(template, hit);
  }
  return hit;
}

/**
 * Matches a request path against an OpenAPI path template. Returns the path parameters, still
 * percent-encoded as they were sent (decoding, and refusing bad encoding, is the caller's choice), or
 * `undefined` when the path does not fit the template. A parameter matches one non-empty segment.
 *
 * @example
 * import { matchPath } from '@tukar/spec/operations';
 * console.log(matchPath('/v1/datasets/{datasetId}', '/v1/datasets/dinkes.puskesmas')); // { datasetId: 'dinkes.puskesmas' }
 * console.log(matchPath('/v1/datasets/{datasetId}', '/v1/contracts')); // undefined
 */
export function matchPath(template: string, pathname: string): Record<string, string> | undefined {
  const { pattern, names } = compile(template);
  const match = pattern.exec(pathname);
  if (!match) return undefined;
  return Object.fromEntries(names.map((name, i) => [name, match[i + 1] ?? '']));
}

/**
 * The operations whose path template fits `pathname` (any method), from `operations` (default: the
 * hub API's). The hub answers 405 with their methods when none has the request's method.
 *
 * @example
 * import { operationsAt } from '@tukar/spec/operations';
 * console.log(operationsAt('/v1/datasets/dinkes.puskesmas').map((op) => op.method)); // ['GET', 'PUT']
 */
export function operationsAt<Op extends Pick<SpecOperation<string>, 'path'> = SpecOperation<OperationId>>(
  pathname: string,
  operations: readonly Op[] = SPEC_OPERATIONS as unknown as readonly Op[],
): Op[] {
  return operations.filter((op) => matchPath(op.path, pathname) !== undefined);
}

/**
 * The operation a request calls (`method` in any case), with its path parameters (still encoded), or
 * `undefined` when the hub API has none there.
 *
 * @example
 * import { findOperation } from '@tukar/spec/operations';
 * const found = findOperation('POST', '/v1/datasets/dinkes.puskesmas/records');
 * console.log(found?.operation.id, found?.path.datasetId); // 'pushRecords' 'dinkes.puskesmas'
 */
export function findOperation<
  Op extends Pick<SpecOperation<string>, 'path' | 'method'> = SpecOperation<OperationId>,
>(
  method: string,
  pathname: string,
  operations: readonly Op[] = SPEC_OPERATIONS as unknown as readonly Op[],
): { operation: Op; path: Record<string, string> } | undefined {
  const wanted = method.toUpperCase();
  for (const operation of operations) {
    if (operation.method !== wanted) continue;
    const path = matchPath(operation.path, pathname);
    if (path) return { operation, path };
  }
  return undefined;
}
