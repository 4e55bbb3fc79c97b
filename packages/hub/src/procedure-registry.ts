import { loadPreset, type Procedure } from '@tukar/contracts/procedure';
import semver from 'semver';
import { HubProblem } from './hub-problem';

/**
 * The procedure versions a hub runs: new integrations start under the newest loaded version of the
 * procedure they name (or of the default one); a running integration keeps the version it started
 * under, found by {@link ProcedureRegistry.pinned}.
 */
export interface ProcedureRegistry {
  /** Id of the procedure new integrations follow when they name none: the first one loaded. */
  readonly defaultId: string;
  /** Every loaded version, as `id@version`, in the order given. */
  readonly loaded: readonly string[];
  /** The newest loaded version of `id` (default: {@link defaultId}); 422 `unknown_procedure` when none. */
  forNew(id?: string): Procedure;
  /** The exact version an integration is pinned to, or `undefined` when the hub no longer loads it. */
  pinned(id: string, version: string): Procedure | undefined;
}

/**
 * The registry of `procedures` (default: the `ciamis` preset). Two definitions with the same id and
 * version are refused, as the hub could not tell which one an integration follows.
 */
export function createProcedureRegistry(procedures?: readonly Procedure[]): ProcedureRegistry {
  const list = procedures !== undefined && procedures.length > 0 ? procedures : [loadPreset('ciamis')];
  const byKey = new Map<string, Procedure>();
  for (const procedure of list) {
    const key = `${procedure.procedure}@${procedure.version}`;
    if (byKey.has(key)) throw new Error(`Procedure ${key} is given twice; give each version once.`);
    byKey.set(key, procedure);
  }
  const loaded = [...byKey.keys()];
  const defaultId = list[0]!.procedure;
  return {
    defaultId,
    loaded,
    forNew(id = defaultId) {
      const versions = list.filter((p) => p.procedure === id);
      if (versions.length === 0) {
        throw new HubProblem(
          422,
          'unknown_procedure',
          `procedure "${id}" is not loaded on this hub; it runs ${loaded.join(', ')} (tukar-hub --procedure FILE).`,
        );
      }
      return versions.reduce((a, b) => (semver.gt(b.version, a.version) ? b : a));
    },
    pinned: (id, version) => byKey.get(`${id}@${version}`),
  };
}
