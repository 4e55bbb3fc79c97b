import { type ColumnDataType, type Expression, type Kysely, type Migration, sql } from 'kysely';

/** The dialects of `migrations.ts` (repeated here so that this file imports nothing back). */
type Dialect = 'sqlite' | 'postgres';

/** A role of a procedure (`@tukar/contracts/procedure`), as the old table's actors map onto them. */
type Role = 'opd-operator' | 'tim-teknis' | 'pengawas' | 'administrator';

/**
 * The states of the hub's old built-in twelve-step table (before migration 0008), and the step of the
 * twelve-step procedures (the nganjuk and karanganyar presets) each one is: `returned` is the hand-over
 * of step 2 again (the return branch of step 3 leads there), `validated` awaits the pengawas's report
 * (step 9), `completed` is step 12 with the procedure ended. `role` is the role of the old state's actor.
 */
export const OLD_STATE_STEPS: Readonly<Record<string, { step: number; role: Role; ended?: true }>> = {
  requested: { step: 1, role: 'administrator' },
  disposed: { step: 2, role: 'opd-operator' },
  'under-evaluation': { step: 3, role: 'tim-teknis' },
  returned: { step: 2, role: 'opd-operator' },
  agreed: { step: 4, role: 'tim-teknis' },
  'api-prepared': { step: 5, role: 'tim-teknis' },
  tested: { step: 6, role: 'tim-teknis' },
  'results-delivered': { step: 7, role: 'tim-teknis' },
  validating: { step: 8, role: 'opd-operator' },
  validated: { step: 9, role: 'pengawas' },
  displayed: { step: 11, role: 'administrator' },
  completed: { step: 12, role: 'administrator', ended: true },
};

/** An event of the old history: an action from one state to another. */
interface OldEvent {
  at: string;
  action: string;
  fromState: string;
  toState: string;
  step: number;
  actor: string;
  note?: string;
  output?: Record<string, unknown>;
}

function stepOf(state: string, id: string): { step: number; role: Role; ended?: true } {
  const found = OLD_STATE_STEPS[state];
  if (found === undefined)
    throw new Error(`Integration ${id} is in state "${state}", which no @tukar/hub ever wrote.`);
  return found;
}

/** The old event as a transition of the procedure: `return`/`reopen` return, `agree` agrees, the rest are done. */
function eventOf(event: OldEvent, id: string): Record<string, unknown> {
  const from = stepOf(event.fromState, id);
  const to = stepOf(event.toState, id);
  const when =
    event.action === 'return' || event.action === 'reopen'
      ? 'return'
      : event.action === 'agree'
        ? 'agree'
        : 'done';
  return {
    at: event.at,
    when,
    step: from.step,
    to: to.step,
    actor: event.actor,
    procedureRole: from.role,
    ...(event.note !== undefined && { note: event.note }),
    output: { ...event.output, action: event.action },
  };
}

/** The integration row (JSON) of before 0008 as it is after: a step number, `ended`, `stepSince`. */
export function upgradeIntegrationBody(body: Record<string, unknown>): Record<string, unknown> {
  const { state, stateSince, history, ...rest } = body as {
    state: string;
    stateSince?: string;
    history?: OldEvent[];
    id: string;
    updatedAt?: string;
    createdAt?: string;
  };
  const { step, ended } = stepOf(state, String(body.id));
  return {
    ...rest,
    step,
    ended: ended === true,
    stepSince: stateSince ?? rest.updatedAt ?? rest.createdAt,
    history: (history ?? []).map((e) => eventOf(e, String(body.id))),
  };
}

/**
 * Migration 0008: an integration is at a step of its pinned procedure instead of a state of the old
 * built-in table (see {@link OLD_STATE_STEPS}), and a client may act for a person (`clients.person`).
 * Rows keep their pinned procedure; one whose step the pinned procedure lacks is shown as that step
 * number and can be walked on once the hub loads a procedure version that has it.
 */
export function integrationSteps(dialect: Dialect, text: ColumnDataType | Expression<unknown>): Migration {
  const int8: ColumnDataType = dialect === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('clients').addColumn('person', text).execute();
      await db.schema.dropIndex('integrations_by_state').execute();
      await db.schema
        .alterTable('integrations')
        .addColumn('step', int8, (c) => c.notNull().defaultTo(1))
        .execute();
      const old = db as unknown as Kysely<{
        integrations: { id: string; state: string; body: string; step: number };
      }>;
      const rows = await old.selectFrom('integrations').select(['id', 'state', 'body']).execute();
      for (const row of rows) {
        const body = upgradeIntegrationBody({ ...JSON.parse(row.body), state: row.state });
        await old
          .updateTable('integrations')
          .set({ step: body.step as number, body: JSON.stringify(body) })
          .where('id', '=', row.id)
          .execute();
      }
      await db.schema.alterTable('integrations').dropColumn('state').execute();
      await db.schema
        .createIndex('integrations_by_step')
        .on('integrations')
        .columns(['step', 'created_at', 'id'])
        .execute();
      if (dialect === 'postgres') await sql`analyze integrations`.execute(db);
    },
  };
}
