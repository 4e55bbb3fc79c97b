import { openApiDocument } from '@tukar/spec/operations';
import { describe, expect, it } from 'vitest';

type Obj = { readonly [key: string]: unknown };
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;
const isObj = (value: unknown): value is Obj =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Follows an internal `$ref` (`#/components/...`) until a non-reference object. */
function deref(value: unknown, seen: string[] = []): Obj {
  if (!isObj(value)) throw new Error(`expected an object, got ${JSON.stringify(value)}`);
  const ref = value['$ref'];
  if (typeof ref !== 'string') return value;
  if (!ref.startsWith('#/') || seen.includes(ref)) throw new Error(`unresolvable $ref ${ref}`);
  let target: unknown = openApiDocument;
  for (const part of ref.slice(2).split('/'))
    target = isObj(target) ? target[part.replace(/~1/g, '/')] : undefined;
  if (target === undefined) throw new Error(`$ref ${ref} points nowhere`);
  return deref(target, [...seen, ref]);
}

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly pathItem: Obj;
  readonly op: Obj;
  readonly name: string;
}
const operations: Operation[] = Object.entries(openApiDocument.paths).flatMap(([path, pathItem]) =>
  METHODS.flatMap((method) => {
    const op = pathItem[method];
    return isObj(op) ? [{ method, path, pathItem, op, name: `${method.toUpperCase()} ${path}` }] : [];
  }),
);
const responsesOf = (op: Obj) =>
  Object.entries(deref(op['responses'])).map(([code, r]) => [code, deref(r)] as const);
const hasExample = (media: Obj) =>
  media['example'] !== undefined || (isObj(media['examples']) && Object.keys(media['examples']).length > 0);

/** The hub's operations, each at its method and path — binding: the client is written against them. */
const EXPECTED_OPERATIONS: Record<string, string> = {
  getHealth: 'GET /v1/health',
  getLiveness: 'GET /v1/health/live',
  getReadiness: 'GET /v1/health/ready',
  getOpenApiDocument: 'GET /v1/meta/openapi',
  getSigningKeys: 'GET /v1/meta/jwks',
  getWellKnownJwks: 'GET /.well-known/jwks.json',
  getMaintenance: 'GET /v1/meta/maintenance',
  setMaintenance: 'PUT /v1/meta/maintenance',
  whoAmI: 'GET /v1/meta/whoami',
  listContracts: 'GET /v1/contracts',
  getContract: 'GET /v1/contracts/{contractId}',
  listContractVersions: 'GET /v1/contracts/{contractId}/versions',
  getContractVersion: 'GET /v1/contracts/{contractId}/versions/{version}',
  putContractVersion: 'PUT /v1/contracts/{contractId}/versions/{version}',
  setContractVersionStatus: 'POST /v1/contracts/{contractId}/versions/{version}/status',
  listDatasets: 'GET /v1/datasets',
  putDataset: 'PUT /v1/datasets/{datasetId}',
  getDataset: 'GET /v1/datasets/{datasetId}',
  pushRecords: 'POST /v1/datasets/{datasetId}/records',
  listRecords: 'GET /v1/datasets/{datasetId}/records',
  getRecord: 'GET /v1/datasets/{datasetId}/records/{key}',
  deleteRecord: 'DELETE /v1/datasets/{datasetId}/records/{key}',
  listChanges: 'GET /v1/datasets/{datasetId}/changes',
  getDatasetOpenApi: 'GET /v1/datasets/{datasetId}/openapi',
  listClients: 'GET /v1/clients',
  createClient: 'POST /v1/clients',
  getClient: 'GET /v1/clients/{clientId}',
  listApiKeys: 'GET /v1/clients/{clientId}/keys',
  issueApiKey: 'POST /v1/clients/{clientId}/keys',
  revokeApiKey: 'DELETE /v1/clients/{clientId}/keys/{keyId}',
  listClientSigningKeys: 'GET /v1/clients/{clientId}/signing-keys',
  putClientSigningKey: 'PUT /v1/clients/{clientId}/signing-keys/{kid}',
  listGrants: 'GET /v1/clients/{clientId}/grants',
  putGrant: 'PUT /v1/clients/{clientId}/grants/{datasetId}',
  revokeGrant: 'DELETE /v1/clients/{clientId}/grants/{datasetId}',
  listIntegrations: 'GET /v1/integrations',
  createIntegration: 'POST /v1/integrations',
  getIntegration: 'GET /v1/integrations/{integrationId}',
  transitionIntegration: 'POST /v1/integrations/{integrationId}/transitions',
  listAttachments: 'GET /v1/integrations/{integrationId}/attachments',
  addAttachment: 'POST /v1/integrations/{integrationId}/attachments',
  getAttachment: 'GET /v1/integrations/{integrationId}/attachments/{attachmentId}',
  getIntegrationReport: 'GET /v1/integrations/{integrationId}/report',
  submitValidationReport: 'POST /v1/validation-reports',
  listValidationReports: 'GET /v1/validation-reports',
  getValidationReport: 'GET /v1/validation-reports/{reportId}',
  listAudit: 'GET /v1/audit',
  verifyAudit: 'GET /v1/audit/verify',
  exportAuditEvidence: 'GET /v1/audit/export',
  sealAudit: 'POST /v1/audit/checkpoints',
  getDashboard: 'GET /dashboard',
  getDashboardLogin: 'GET /dashboard/login',
  postDashboardLogin: 'POST /dashboard/login',
  postDashboardLogout: 'POST /dashboard/logout',
  startDashboardSso: 'GET /dashboard/login/sso',
  finishDashboardSso: 'GET /dashboard/login/sso/callback',
};

describe('the operations of spec-api.md', () => {
  it('are all present at their method and path, and there are no others', () => {
    const actual = Object.fromEntries(operations.map((o) => [o.op['operationId'], o.name]));
    expect(actual).toEqual(EXPECTED_OPERATIONS);
  });
  it('only health, meta/openapi, the signing keys and the dashboard login (single sign-on too) and logout are public', () => {
    const publicOps = operations.filter(
      (o) => Array.isArray(o.op['security']) && o.op['security'].length === 0,
    );
    expect(publicOps.map((o) => o.op['operationId']).sort()).toEqual([
      'finishDashboardSso',
      'getDashboardLogin',
      'getHealth',
      'getLiveness',
      'getOpenApiDocument',
      'getReadiness',
      'getSigningKeys',
      'getWellKnownJwks',
      'postDashboardLogin',
      'postDashboardLogout',
      'startDashboardSso',
    ]);
    expect(openApiDocument.security).toEqual([{ apiKey: [] }]);
  });
});

describe.each(operations)('$name', ({ op, path, pathItem, method }) => {
  it('has an operationId, a summary, a description and a known tag', () => {
    expect(op['operationId']).toMatch(/^[a-z][A-Za-z]+$/);
    expect(String(op['summary'])).not.toBe('');
    expect(String(op['description'])).not.toBe('');
    const tags = openApiDocument.tags.map((t) => t.name);
    expect(op['tags']).toEqual([expect.toBeOneOf(tags)]);
  });

  it('has a success response with an example (a redirect for the login and logout form posts and the start of single sign-on)', () => {
    const success = responsesOf(op).filter(([code]) => /^2\d\d$/.test(code));
    const redirects = ['postDashboardLogin', 'postDashboardLogout', 'startDashboardSso'];
    if (redirects.includes(String(op['operationId']))) {
      expect(responsesOf(op).map(([code]) => code)).toContain('303');
      return;
    }
    expect(success.length).toBeGreaterThan(0);
    for (const [code, response] of success) {
      if (code === '204') continue;
      const content = deref(response['content']);
      for (const [type, media] of Object.entries(content)) {
        expect(hasExample(deref(media)), `${code} ${type} has no example`).toBe(true);
      }
    }
  });

  it('answers every 4xx/5xx with an application/problem+json Problem with an example', () => {
    const errors = responsesOf(op).filter(([code]) => /^[45]\d\d$/.test(code));
    expect(errors.length).toBeGreaterThan(0);
    for (const [code, response] of errors) {
      const content = deref(response['content']);
      // A dashboard page may answer a browser with HTML as well (the login form again after a wrong key).
      const html = (op['tags'] as string[]).includes('dashboard') ? ['text/html'] : [];
      expect(Object.keys(content), code).toContain('application/problem+json');
      expect(
        Object.keys(content).filter((type) => type !== 'application/problem+json'),
        code,
      ).toEqual(Object.keys(content).filter((type) => html.includes(type)));
      const media = deref(content['application/problem+json']);
      expect(media['schema'], code).toEqual({ $ref: '#/components/schemas/Problem' });
      expect(hasExample(media), `${code} has no example`).toBe(true);
      for (const example of Object.values(deref(media['examples']))) {
        expect(deref(deref(example)['value'])['status'], `${code} example status`).toBe(Number(code));
      }
    }
  });

  it('declares 400 (a bad parameter, a hostile X-Request-Id), 429 and 500', () => {
    expect(responsesOf(op).map(([code]) => code)).toEqual(expect.arrayContaining(['400', '429', '500']));
  });

  it('declares 413 (over the body limit) and 415 when it takes a body', () => {
    if (op['requestBody'] === undefined) return;
    expect(responsesOf(op).map(([code]) => code)).toEqual(expect.arrayContaining(['413', '415']));
  });

  it('declares 401, 403, 429 and 500 when it is secured', () => {
    if (Array.isArray(op['security']) && op['security'].length === 0) return;
    const codes = responsesOf(op).map(([code]) => code);
    expect(codes).toEqual(expect.arrayContaining(['401', '403', '429', '500']));
  });

  it('sends X-Request-Id on every response and accepts it on the request', () => {
    for (const [code, response] of responsesOf(op)) {
      expect(Object.keys(deref(response['headers'] ?? {})), code).toContain('X-Request-Id');
    }
    const params = [
      ...((pathItem['parameters'] as unknown[]) ?? []),
      ...((op['parameters'] as unknown[]) ?? []),
    ];
    expect(params.map((p) => deref(p)['name'])).toContain('X-Request-Id');
  });

  it('declares every path parameter of its path, required, and no other', () => {
    const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    const params = [
      ...((pathItem['parameters'] as unknown[]) ?? []),
      ...((op['parameters'] as unknown[]) ?? []),
    ]
      .map((p) => deref(p))
      .filter((p) => p['in'] === 'path');
    expect(params.map((p) => p['name']).sort()).toEqual([...inPath].sort());
    for (const p of params) expect(p['required'], String(p['name'])).toBe(true);
  });

  it('has an example for each request body media type', () => {
    if (op['requestBody'] === undefined) return;
    for (const [type, media] of Object.entries(deref(deref(op['requestBody'])['content']))) {
      expect(hasExample(deref(media)), `${method} body ${type}`).toBe(true);
    }
  });
});

describe('details a client author relies on', () => {
  it('pushRecords requires Idempotency-Key; deleteRecord takes it optionally', () => {
    const find = (id: string) => operations.find((o) => o.op['operationId'] === id)?.op ?? {};
    const header = (id: string) =>
      ((find(id)['parameters'] as unknown[]) ?? [])
        .map((p) => deref(p))
        .find((p) => p['name'] === 'Idempotency-Key');
    expect(header('pushRecords')?.['required']).toBe(true);
    expect(header('deleteRecord')?.['required']).toBe(false);
  });

  it('the 422 example of pushRecords lists two record errors and masks the NIK', () => {
    const value = deref(deref(openApiDocument.components['examples'])['ProblemValidationFailed'])['value'];
    const errors = deref(value)['errors'] as Obj[];
    expect(errors).toHaveLength(2);
    const nik = errors.find((e) => e['path'] === '/nik_kepala');
    expect(String(nik?.['message'])).toMatch(/3207\*{8}0003/);
    expect(JSON.stringify(value)).not.toMatch(/\b\d{16}\b/);
  });

  it('uses OpenAPI 3.1 / JSON Schema 2020-12 keywords, not the 3.0 ones', () => {
    const text = JSON.stringify(openApiDocument);
    expect(openApiDocument.openapi).toBe('3.1.0');
    expect(text).not.toContain('"nullable"');
    expect(text).not.toMatch(/"exclusiveMinimum":\s*(true|false)/);
    expect(text).toContain('"format":"int64"');
  });

  it('has the info, server and security schemes of spec-api.md', () => {
    expect(openApiDocument.info.title).toBe('Tukar exchange hub API');
    expect(openApiDocument.info.version).toBe('1.0.0');
    expect(openApiDocument.info['license']).toMatchObject({ name: 'MIT', identifier: 'MIT' });
    expect(openApiDocument.servers[0]?.url).toBe('http://127.0.0.1:8080');
    expect(openApiDocument.components.securitySchemes).toEqual({
      apiKey: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'tukar-api-key' }),
      session: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'tukar_session' }),
    });
  });

  it('names the reusable parameters of spec-api.md', () => {
    expect(Object.keys(openApiDocument.components.parameters)).toEqual(
      expect.arrayContaining([
        'ContractIdPath',
        'VersionPath',
        'DatasetIdPath',
        'ClientIdPath',
        'KeyIdPath',
        'IntegrationIdPath',
        'AttachmentIdPath',
        'ReportIdPath',
        'RecordKeyPath',
        'Cursor',
        'Limit',
        'IdempotencyKey',
        'RequestId',
      ]),
    );
  });
});
