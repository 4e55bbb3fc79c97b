import type { Schemas } from '@tukar/spec';
import type { ClientRow } from './store';

/**
 * The role a client acts in within integration procedures: the role of the person its keys act for;
 * without a person, `administrator` for an admin client (as before persons existed) and `opd-operator`
 * for any other.
 *
 * @example
 * ```ts
 * import { procedureRoleOf } from '@tukar/hub';
 * procedureRoleOf({ id: 'ciamis/diskominfo/admin', name: 'Admin', opd: 'Diskominfo', role: 'admin', createdAt: '', disabled: false });
 * // → 'administrator'
 * ```
 */
export function procedureRoleOf(client: ClientRow): Schemas['ProcedureRole'] {
  return client.person?.procedureRole ?? (client.role === 'admin' ? 'administrator' : 'opd-operator');
}

/** Who did a step, as the integration's history and report record it: never the person's NIP. */
export function stepActorOf(client: ClientRow): Schemas['StepActor'] {
  return {
    clientId: client.id,
    procedureRole: procedureRoleOf(client),
    ...(client.person !== undefined && { name: client.person.name }),
  };
}
