import { resolve } from 'node:path';
import { checkContractsPackage } from '../check/check-contracts-package';
import { formatCheckReport } from '../check/format-check-report';
import { defineCommand, EXIT, UsageError } from '../command';

/** `tukar contract check [DIR]` */
export const contractCheckCommand = defineCommand({
  name: 'check',
  summary: 'check a contracts package kept with changesets before it is published',
  usage: '[options] [dir]',
  description: `
For a contracts package (DIR, default the current directory: package.json plus contracts/),
compares every contract with its last published version and checks that
  - each changed contract's "version" is bumped at least as much as its diff demands, never down;
  - the content of a published agreed version did not change without a new version;
  - a pending changeset (.changeset/*.md, in DIR or a parent) names the package with a bump no
    smaller than any contract demands, and no smaller than any contract's own version bump.
The last published version comes from git: the files at --base (default: the latest tag
"<package-name>@<version>" reachable from HEAD, else HEAD). Without git, pass --published DIR:
a directory holding the last published package, e.g.
  npm pack @example/kontrak-kabupaten@latest && tar xzf example-kontrak-kabupaten-*.tgz -C published
(npm pack unpacks into package/; DIR may be that folder or its parent).`,
  options: {
    base: { type: 'string', valueName: 'ref', description: 'git ref of the last published state' },
    published: {
      type: 'string',
      valueName: 'dir',
      description: 'compare with an unpacked published package instead of git',
    },
    json: { type: 'boolean', description: 'print the report as JSON on stdout' },
  },
  examples: [
    'tukar contract check',
    'tukar contract check examples/kontrak-kabupaten --base origin/main',
    'tukar contract check . --published ./published/package',
  ],
  exitCodes: [
    [EXIT.ok, 'versions and changesets match the contract changes'],
    [EXIT.failure, 'a version or changeset does not match, or a contract does not load'],
    [EXIT.usage, 'usage or configuration error: no package.json, unknown --base, not a git repository…'],
  ],
  async run({ io, values, positionals, colors, commandPath }) {
    if (positionals.length > 1) {
      throw new UsageError(
        'bad_arguments',
        `expected at most one directory, got ${positionals.length}.\nRun '${commandPath} --help' for usage.`,
      );
    }
    if (values.base !== undefined && values.published !== undefined) {
      throw new UsageError(
        'bad_arguments',
        '--base and --published exclude each other: compare with git or with a directory',
      );
    }
    const outcome = await checkContractsPackage({
      dir: resolve(io.cwd, positionals[0] ?? '.'),
      ...(typeof values.base === 'string' ? { base: values.base } : {}),
      ...(typeof values.published === 'string' ? { published: resolve(io.cwd, values.published) } : {}),
    });
    if (!outcome.ok) {
      if (values.json) io.stdout.write(`${JSON.stringify({ ok: false, errors: outcome.errors }, null, 2)}\n`);
      for (const error of outcome.errors)
        io.stderr.write(`${colors.stderr.red('error')}: ${error.message}\n`);
      return EXIT.usage;
    }
    if (values.json)
      io.stdout.write(`${JSON.stringify({ ok: outcome.report.passed, ...outcome.report }, null, 2)}\n`);
    else io.stdout.write(formatCheckReport(outcome.report, colors.stdout));
    return outcome.report.passed ? EXIT.ok : EXIT.failure;
  },
});
