import type * as fs from 'node:fs';
import type * as fsPromises from 'node:fs/promises';
import type * as nodeModule from 'node:module';
import type * as path from 'node:path';

/** The Node built-ins @tukar/contracts uses, each only for reading files (contracts, the area list). */
interface NodeBuiltins {
  'node:fs': typeof fs;
  'node:fs/promises': typeof fsPromises;
  'node:module': typeof nodeModule;
  'node:path': typeof path;
}

/**
 * A Node built-in module when running on Node (`process.getBuiltinModule`, Node ≥ 20.16), `undefined`
 * anywhere else (browsers, service workers). No static or dynamic `import` of `node:*` appears in the
 * package, so bundlers for the browser have nothing to resolve or shim; only file reading needs Node.
 *
 * @example
 * ```ts
 * const fsp = nodeBuiltin('node:fs/promises');
 * if (!fsp) return { ok: false, problem: { … 'file paths need Node' … } };
 * ```
 */
export function nodeBuiltin<Id extends keyof NodeBuiltins>(id: Id): NodeBuiltins[Id] | undefined {
  const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  if (typeof runtime?.getBuiltinModule !== 'function') return undefined;
  return (runtime.getBuiltinModule(id) ?? undefined) as NodeBuiltins[Id] | undefined;
}
