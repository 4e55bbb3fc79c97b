import { type Contract, piiPaths } from '@tukar/contracts';
import { openApiDocument } from '@tukar/spec/operations';

/** The hub's record operations a dataset's document keeps: push, list, get, delete, changes. */
const RECORD_PATHS = [
  '/v1/datasets/{datasetId}/records',
  '/v1/datasets/{datasetId}/records/{key}',
  '/v1/datasets/{datasetId}/changes',
] as const;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The OpenAPI 3.1 document of one dataset's record operations: the hub's own operations on records
 * (their parameters, answers and problem documents as in the hub's document), with the dataset id in
 * the path and the pinned contract's record schema in place of the open `Record` schema. Examples are
 * the contract's own (the hub's record examples are puskesmas); components no kept operation uses
 * are left out.
 */
export function datasetOpenApi(datasetId: string, contract: Contract): Json {
  const hub = openApiDocument as unknown as Json;
  const paths: Json = {};
  for (const template of RECORD_PATHS) {
    const item = structuredClone((hub.paths as Json)[template]) as Json;
    item.parameters = (item.parameters as Json[]).filter(
      (p) => p.$ref !== '#/components/parameters/DatasetIdPath',
    );
    paths[template.replace('{datasetId}', datasetId)] = withoutExamples(item);
  }
  const components = structuredClone(hub.components) as Record<string, Json>;
  const { $schema: _schema, $id: _id, ...record } = contract.schema as Json;
  components.schemas = {
    ...components.schemas,
    Record: {
      ...record,
      description: `A ${contract.contract} record (contract version ${contract.version}).`,
    },
  };
  const pushRequest = (components.schemas as Json).PushRequest as Json;
  // Examples of a contract with personal data (x-pii) stay out: a document is no place for a NIK.
  if (contract.examples && contract.examples.length > 0 && piiPaths(contract.schema).length === 0) {
    (components.schemas as Json).PushRequest = { ...pushRequest, examples: [{ upsert: contract.examples }] };
  }
  const document: Json = {
    openapi: hub.openapi,
    info: {
      ...(hub.info as Json),
      title: `${contract.title} — records of dataset ${datasetId}`,
      version: contract.version,
      description: `The record operations of dataset \`${datasetId}\` on the Tukar hub, with the record schema of contract \`${contract.contract}@${contract.version}\`.`,
    },
    servers: hub.servers,
    security: hub.security,
    tags: (hub.tags as Json[]).filter((tag) => tag.name === 'records'),
    paths,
    components,
  };
  return withUsedComponents(document);
}

/** A copy without `example`/`examples` of media types (the hub's examples are puskesmas records). */
function withoutExamples(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutExamples);
  if (!isObject(node)) return node;
  const copy: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'examples' || key === 'example') && isObject(value)) continue;
    copy[key] = withoutExamples(value);
  }
  return copy;
}

/** The document with only the components its paths reach through `$ref`s (transitively). */
function withUsedComponents(document: Json): Json {
  const components = document.components as Record<string, Json>;
  const used = new Set<string>();
  const pending: unknown[] = [document.paths, document.security];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) pending.push(...node);
    else if (isObject(node)) {
      for (const [key, value] of Object.entries(node)) {
        if (
          key === '$ref' &&
          typeof value === 'string' &&
          value.startsWith('#/components/') &&
          !used.has(value)
        ) {
          used.add(value);
          const [, , kind, name] = value.split('/');
          pending.push(components[kind as string]?.[name as string]);
        } else pending.push(value);
      }
    }
  }
  // Security schemes are named in `security`, not referenced.
  for (const requirement of (document.security as Json[] | undefined) ?? []) {
    for (const name of Object.keys(requirement)) used.add(`#/components/securitySchemes/${name}`);
  }
  const kept: Record<string, Json> = {};
  for (const [kind, entries] of Object.entries(components)) {
    const names = Object.keys(entries).filter((name) => used.has(`#/components/${kind}/${name}`));
    if (names.length > 0) kept[kind] = Object.fromEntries(names.map((name) => [name, entries[name]]));
  }
  return { ...document, components: kept };
}
