#!/usr/bin/env node
// The `tukar` command. It runs the built program (dist/bin.js, written by `pnpm build`); this file is
// committed so that package managers can link the command before the package is built.
try {
  await import('../dist/bin.js');
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/bin.js')) {
    process.stderr.write(
      'tukar: this package is not built (dist/bin.js is missing): run `pnpm build` first\n',
    );
    process.exit(2);
  }
  throw error;
}
