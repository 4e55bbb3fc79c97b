// The database drivers are optional peer dependencies of @tukar/hub: an OPD application that uses the
// mock or the memory store installs neither, and no native module is compiled for it. A driver is
// imported when a store that needs it is opened, with a message that says what to install when missing.

/** The optional drivers, by the store that needs each. */
const DRIVERS = {
  'better-sqlite3': { store: 'SQLite', scheme: 'sqlite:' },
  pg: { store: 'PostgreSQL', scheme: 'postgres://' },
} as const;

/** An optional database driver of @tukar/hub. */
export type DriverName = keyof typeof DRIVERS;

/** How a driver module is imported; replaced in tests to simulate a driver that is not installed. */
export type DriverImporter = (name: DriverName) => Promise<unknown>;

// Literal specifiers, so that bundlers see both imports.
const importDriver: DriverImporter = (name) => (name === 'pg' ? import('pg') : import('better-sqlite3'));
let currentImporter: DriverImporter = importDriver;

/**
 * Replaces how drivers are imported until the returned function is called (tests only: not exported
 * from the package).
 */
export function setDriverImporter(importer: DriverImporter): () => void {
  currentImporter = importer;
  return () => {
    currentImporter = importDriver;
  };
}

function isModuleNotFound(error: unknown, name: string): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code;
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    (error.message.includes(`'${name}'`) || error.message.includes(`"${name}"`))
  );
}

/**
 * Imports a driver and returns its default export (the module itself for CommonJS drivers). Throws an
 * Error (the store's own "Cannot open the … store" prefix is added by the caller) that names the
 * package to install when it is missing, or says why it did not load.
 */
export async function loadDriver(name: DriverName): Promise<unknown> {
  const { store, scheme } = DRIVERS[name];
  let loaded: unknown;
  try {
    loaded = await currentImporter(name);
  } catch (error) {
    if (isModuleNotFound(error, name)) {
      throw new Error(
        `the ${store} store needs the "${name}" package, which is not installed. Install it next to ` +
          `@tukar/hub (npm install ${name}, or pnpm add ${name}); it is an optional peer dependency, ` +
          `needed only by a hub that stores its data in ${store} (${scheme}…). For tests and mocks use ` +
          'the memory store instead.',
        { cause: error },
      );
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `the "${name}" package is installed but did not load (${reason}). Reinstall it for this Node ` +
        `version (npm rebuild ${name}).`,
      { cause: error },
    );
  }
  const module = loaded as { default?: unknown };
  return module.default ?? loaded;
}
