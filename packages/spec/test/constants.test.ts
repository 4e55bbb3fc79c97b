import {
  HUB_LIMITS,
  INTEGRATION_STEPS,
  INTEGRATION_TRANSITIONS,
  type IntegrationAction,
  type IntegrationState,
  PROBLEM_CODES,
  type ProblemCode,
} from '@tukar/spec';
import { openApiDocument } from '@tukar/spec/operations';
import { describe, expect, expectTypeOf, it } from 'vitest';

type Json = { readonly [key: string]: unknown };
const schemas = openApiDocument.components.schemas;
const parameters = openApiDocument.components.parameters;

function at(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object')
      throw new Error(`no ${path.join('.')} in the document`);
    current = (current as Json)[key];
  }
  return current;
}

describe('PROBLEM_CODES', () => {
  it('equals the ProblemCode enum of the document, in order', () => {
    expect([...PROBLEM_CODES]).toEqual(at(schemas, 'ProblemCode', 'enum'));
  });
  it('covers the ProblemCode type exactly', () => {
    expectTypeOf<(typeof PROBLEM_CODES)[number]>().toEqualTypeOf<ProblemCode>();
  });
});

describe('HUB_LIMITS', () => {
  it('equals info.x-tukar-limits', () => {
    expect(openApiDocument.info['x-tukar-limits']).toEqual(HUB_LIMITS);
  });
  it('maxBatchSize is the maxItems of both arrays of a push batch', () => {
    expect(at(schemas, 'PushRequest', 'properties', 'upsert', 'maxItems')).toBe(HUB_LIMITS.maxBatchSize);
    expect(at(schemas, 'PushRequest', 'properties', 'delete', 'maxItems')).toBe(HUB_LIMITS.maxBatchSize);
  });
  it('the page sizes are the maximum and default of the Limit parameter', () => {
    expect(at(parameters, 'Limit', 'schema', 'maximum')).toBe(HUB_LIMITS.maxPageSize);
    expect(at(parameters, 'Limit', 'schema', 'default')).toBe(HUB_LIMITS.defaultPageSize);
  });
  it('the changes limits are the maximum and default of the ChangesLimit parameter', () => {
    expect(at(parameters, 'ChangesLimit', 'schema', 'maximum')).toBe(HUB_LIMITS.maxChangesLimit);
    expect(at(parameters, 'ChangesLimit', 'schema', 'default')).toBe(HUB_LIMITS.defaultChangesLimit);
  });
});

const states = at(schemas, 'IntegrationState', 'enum') as IntegrationState[];
const actions = at(schemas, 'IntegrationAction', 'enum') as IntegrationAction[];

describe('INTEGRATION_STEPS', () => {
  it('has one entry per IntegrationState of the document, in order', () => {
    expect(Object.keys(INTEGRATION_STEPS)).toEqual(states);
  });
  it('gives each state the SOP step the document names for it', () => {
    // The enum description lists "`state` (n)" or "`state` (n–m)".
    const description = String(at(schemas, 'IntegrationState', 'description'));
    for (const state of states) {
      const match = new RegExp(`\`${state}\` \\((\\d+)(?:–(\\d+))?`).exec(description);
      expect(match, `state ${state} is not described with its step`).not.toBeNull();
      const info = INTEGRATION_STEPS[state];
      expect([info.step, info.lastStep], state).toEqual([
        Number(match?.[1]),
        Number(match?.[2] ?? match?.[1]),
      ]);
    }
  });
  it('has a time limit in working days for every state but the final one', () => {
    for (const state of states) {
      const { timeLimit } = INTEGRATION_STEPS[state];
      if (state === 'completed') expect(timeLimit).toBeNull();
      else expect(timeLimit?.amount, state).toBeGreaterThan(0);
    }
  });
});

describe('INTEGRATION_TRANSITIONS', () => {
  const bodyFields = Object.keys(at(schemas, 'IntegrationTransition', 'properties') as Json);

  it('has one entry per IntegrationAction of the document, in order', () => {
    expect(Object.keys(INTEGRATION_TRANSITIONS)).toEqual(actions);
  });
  it('uses only states of the document and fields of the IntegrationTransition body', () => {
    for (const [action, rule] of Object.entries(INTEGRATION_TRANSITIONS)) {
      for (const state of [...rule.from, rule.to]) expect(states, action).toContain(state);
      if (rule.requires !== null) expect(bodyFields, action).toContain(rule.requires);
    }
  });
  it('agrees with the transitions written in the IntegrationAction description', () => {
    const description = String(at(schemas, 'IntegrationAction', 'description')).replace(/\s+/g, ' ');
    for (const [action, rule] of Object.entries(INTEGRATION_TRANSITIONS)) {
      expect(description, action).toContain(`\`${action}\` (${rule.from.join('|')} → ${rule.to}`);
    }
  });
  it('reaches every state from `requested`, and only `completed` is final', () => {
    const reached = new Set<string>(['requested']);
    for (let changed = true; changed; ) {
      changed = false;
      for (const rule of Object.values(INTEGRATION_TRANSITIONS)) {
        if (rule.from.some((s) => reached.has(s)) && !reached.has(rule.to)) {
          reached.add(rule.to);
          changed = true;
        }
      }
    }
    expect([...reached].sort()).toEqual([...states].sort());
    const withExit = new Set<string>(
      Object.values(INTEGRATION_TRANSITIONS).flatMap((rule) => [...rule.from]),
    );
    expect(states.filter((s) => !withExit.has(s))).toEqual(['completed']);
  });
});
