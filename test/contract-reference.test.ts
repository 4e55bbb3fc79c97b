// The contract reference (docs/guide/contract-reference.md and its Bahasa Indonesia twin) against the JSON
// Schema @tukar/contracts ships: every field, every allowed value and every pagination style of the schema,
// and every format the loader knows, is documented in both languages; the full example loads clean.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseContract, REFERENCE_FORMAT_NAMES } from '@tukar/contracts';
import { describe, expect, it } from 'vitest';
import { knownFormats } from '../packages/contracts/src/ajv-factory';

const root = fileURLToPath(new URL('..', import.meta.url));
const schema = JSON.parse(readFileSync(`${root}packages/contracts/contract.schema.json`, 'utf8')) as Node;
const GUIDES = ['docs/guide/contract-reference.md', 'docs/guide/contract-reference.id.md'];

interface Node {
  properties?: Record<string, Node>;
  anyOf?: Node[];
  items?: Node;
  enum?: unknown[];
  const?: unknown;
}

/** Every field of the contract format (dotted below `owner`), and every value an enum or const allows. */
function walk(node: Node, prefix: string, fields: Set<string>, values: Set<string>): void {
  for (const value of node.enum ?? []) values.add(String(value));
  if (node.const !== undefined) values.add(String(node.const));
  for (const branch of node.anyOf ?? []) walk(branch, prefix, fields, values);
  if (node.items) walk(node.items, prefix, fields, values);
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    // The record schema is JSON Schema itself (documented by keyword), not a field list.
    fields.add(prefix === 'owner.' ? `${prefix}${name}` : name);
    if (name !== 'schema') walk(child, name === 'owner' ? 'owner.' : '', fields, values);
  }
}

const fields = new Set<string>();
const values = new Set<string>();
walk(schema, '', fields, values);

describe.each(GUIDES)('%s', (guide) => {
  const text = readFileSync(`${root}${guide}`, 'utf8');
  const documented = new Set([...text.matchAll(/`([^`\n]+)`/g)].map((match) => match[1]));

  it('documents every field of the contract schema', () => {
    expect(fields.size).toBeGreaterThan(30);
    expect([...fields].filter((field) => !documented.has(field))).toEqual([]);
  });

  it('documents every allowed value: status, classification, compatibility, frequency, method, pagination style', () => {
    expect(values).toContain('next-link');
    expect(values).toContain('full_transitive');
    expect([...values].filter((value) => !documented.has(value))).toEqual([]);
  });

  it('documents every format the loader accepts, the Indonesian reference codes in a table of their own', () => {
    expect([...knownFormats()].filter((format) => !documented.has(format))).toEqual([]);
    for (const format of REFERENCE_FORMAT_NAMES)
      expect(text).toMatch(new RegExp(`^\\| \`${format}\` \\|`, 'm'));
  });

  it('has a full example contract that loads with no problem and uses every top-level field', () => {
    const example = /<!-- contract-reference:example -->\n```yaml\n([\s\S]*?)```/.exec(text)?.[1];
    expect(example, 'the marked yaml block').toBeDefined();
    const loaded = parseContract(example as string);
    expect(loaded.ok ? [] : loaded.problems.map((problem) => problem.message)).toEqual([]);
    const topLevel = Object.keys(schema.properties ?? {}).filter((name) => name !== '$schema');
    const used = Object.keys(parseYamlKeys(example as string));
    expect(topLevel.filter((name) => !used.includes(name))).toEqual([]);
  });
});

/** The top-level keys of a YAML document (`key:` at the start of a line). */
function parseYamlKeys(yaml: string): Record<string, true> {
  return Object.fromEntries([...yaml.matchAll(/^([A-Za-z$][\w$]*):/gm)].map((match) => [match[1], true]));
}
