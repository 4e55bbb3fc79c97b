import {
  createSpecAjv,
  findOperation,
  matchPath,
  type OperationId,
  type OperationInput,
  openApiDocument,
  operationsAt,
  readOperations,
  SPEC_OPERATIONS,
  specOperation,
} from '@tukar/spec/operations';
import { describe, expect, expectTypeOf, it } from 'vitest';

type Obj = Record<string, unknown>;
const documentOperations = Object.entries(openApiDocument.paths).flatMap(([path, item]) =>
  ['get', 'put', 'post', 'delete', 'patch'].flatMap((method) => {
    const op = item[method] as Obj | undefined;
    return op ? [{ path, method: method.toUpperCase(), op }] : [];
  }),
);

describe('the operation table', () => {
  it('has one entry per operation of the document, with its method, path and id', () => {
    expect(SPEC_OPERATIONS.map((op) => `${op.method} ${op.path} ${op.id}`)).toEqual(
      documentOperations.map(({ method, path, op }) => `${method} ${path} ${String(op.operationId)}`),
    );
  });

  it('takes each role from x-tukar-role, which every operation declares and which agrees with its security', () => {
    for (const { op } of documentOperations) {
      const entry = specOperation(op.operationId as OperationId);
      expect(op['x-tukar-role'], String(op.operationId)).toBe(entry.role);
      const open = Array.isArray(op.security) && op.security.length === 0;
      expect(entry.role === 'public', String(op.operationId)).toBe(open);
    }
    const admin = SPEC_OPERATIONS.filter((op) => op.role === 'admin').map((op) => op.id);
    expect(admin).toContain('putDataset');
    expect(admin).toContain('verifyAudit');
    expect(admin).not.toContain('pushRecords');
    expect(specOperation('getHealth').role).toBe('public');
    expect(specOperation('whoAmI').role).toBe('client');
  });

  it('resolves parameters and the request body, and derives the limits from the document', () => {
    const push = specOperation('pushRecords');
    expect(push.parameters.map((p) => `${p.in} ${p.name} ${p.required}`).sort()).toEqual([
      'header Idempotency-Key true',
      'header Tukar-Signature false',
      'header X-Request-Id false',
      'path datasetId true',
    ]);
    expect(push.requestBody).toMatchObject({ required: true, mediaTypes: ['application/json'] });
    expect(push.limits).toEqual({ maxBodyBytes: 10485760, maxItems: 5000 });
    expect(specOperation('listRecords').limits).toEqual({ maxPageSize: 1000 });
    expect(specOperation('listChanges').limits).toEqual({ maxPageSize: 5000 });
    expect(specOperation('postDashboardLogin').requestBody?.mediaTypes).toEqual([
      'application/x-www-form-urlencoded',
    ]);
    expect(specOperation('getHealth').requestBody).toBeUndefined();
    expect(() => specOperation('nope' as OperationId)).toThrow('The hub API has no operation "nope".');
  });

  it('refuses an unknown x-tukar-role and a dangling $ref, naming where', () => {
    const doc = (op: Obj) => ({ paths: { '/x': { get: { operationId: 'x', responses: {}, ...op } } } });
    expect(() => readOperations(doc({ 'x-tukar-role': 'root' }))).toThrow(
      'GET /x: x-tukar-role must be one of public, client, admin, not "root".',
    );
    expect(() => readOperations(doc({ parameters: [{ $ref: '#/components/parameters/Gone' }] }))).toThrow(
      'dangling $ref #/components/parameters/Gone',
    );
    expect(readOperations(doc({ security: [] }))[0]?.role).toBe('public');
  });
});

describe('the path matcher', () => {
  it('matches templates segment by segment and keeps the encoding', () => {
    expect(matchPath('/v1/clients/{clientId}/keys/{keyId}', '/v1/clients/a%2Fb/keys/key_1')).toEqual({
      clientId: 'a%2Fb',
      keyId: 'key_1',
    });
    expect(matchPath('/v1/datasets/{datasetId}', '/v1/datasets/')).toBeUndefined();
    expect(matchPath('/v1/datasets/{datasetId}', '/v1/datasets/a/b')).toBeUndefined();
    expect(matchPath('/v1/meta/openapi', '/v1/meta/openapiX')).toBeUndefined();
  });

  it('finds the operation of a request, and every method at a path', () => {
    const found = findOperation('delete', '/v1/datasets/dinkes.puskesmas/records/P1');
    expect(found?.operation.id).toBe('deleteRecord');
    expect(found?.path).toEqual({ datasetId: 'dinkes.puskesmas', key: 'P1' });
    expect(findOperation('PATCH', '/v1/datasets/dinkes.puskesmas')).toBeUndefined();
    expect(operationsAt('/v1/datasets/dinkes.puskesmas').map((op) => op.method)).toEqual(['GET', 'PUT']);
    expect(operationsAt('/v2/nothing')).toEqual([]);
  });
});

describe('createSpecAjv', () => {
  it('compiles the document schemas with their $refs and formats', () => {
    const specAjv = createSpecAjv();
    const push = specAjv.compile(specOperation('pushRecords').requestBody?.schema);
    expect(push({ upsert: [{ a: 1 }] })).toBe(true);
    expect(push({ upsert: 'no' })).toBe(false);
    expect(specAjv.ajv.errorsText(push.errors)).toContain('must be array');
    expect(specAjv.compile(specOperation('pushRecords').requestBody?.schema)).toBe(push);
    const int64 = specAjv.compile({ type: 'integer', format: 'int64' });
    expect(int64(2 ** 53)).toBe(false);
    expect(int64(42)).toBe(true);
  });

  it('converts and fills parameters when asked to, and applies a transform to every schema', () => {
    const parameters = createSpecAjv({ coerceTypes: true, useDefaults: true });
    const validate = parameters.compile({
      type: 'object',
      properties: { limit: { type: 'integer', default: 100 }, since: { type: 'integer' } },
    });
    const data: Obj = { since: '7' };
    expect(validate(data)).toBe(true);
    expect(data).toEqual({ since: 7, limit: 100 });
    const open = createSpecAjv({
      transform: (schema) => (schema && typeof schema === 'object' ? { ...schema, required: [] } : schema),
    });
    expect(open.compile({ type: 'object', required: ['a'] })({})).toBe(true);
  });
});

describe('OperationInput', () => {
  it('types path, query, headers and body per operation', () => {
    expectTypeOf<OperationInput<'pushRecords'>['path']>().toEqualTypeOf<{ datasetId: string }>();
    expectTypeOf<OperationInput<'pushRecords'>['headers']['Idempotency-Key']>().toEqualTypeOf<string>();
    expectTypeOf<OperationInput<'listRecords'>['query']['limit']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<OperationInput<'getHealth'>['body']>().toEqualTypeOf<undefined>();
    expectTypeOf<OperationInput<'putGrant'>['body']['access']>().toEqualTypeOf<Array<'read' | 'write'>>();
  });
});
