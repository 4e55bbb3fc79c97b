import { resolve } from 'node:path';
import { loadProcedure } from '@tukar/contracts/procedure';
import { defineCommand, EXIT, UsageError } from '../command';
import { displayPath, formatProblem } from '../format-problem';

/** `tukar procedure check FILE...` */
export const procedureCheckCommand = defineCommand({
  name: 'check',
  summary: 'check procedure files: structure, steps, transitions, outputs, waktu',
  usage: '[options] <file>...',
  description: `
Loads each procedure file and reports every problem as "file:line:column  code  message"
with a hint: a transition to a step that does not exist, a step no path reaches or that
never reaches the end, a step without output, a waktu that is not a time limit, an actor
that is not declared, a role the hub does not have.`,
  options: {
    json: { type: 'boolean', description: 'print a machine-readable result on stdout' },
  },
  examples: ['tukar procedure check procedure.yaml'],
  exitCodes: [
    [EXIT.ok, 'every procedure is valid'],
    [EXIT.failure, 'at least one procedure has problems'],
    [EXIT.usage, 'no file given, or a file that cannot be read'],
  ],
  async run({ io, values, positionals, colors, commandPath }) {
    if (positionals.length === 0) {
      throw new UsageError('bad_arguments', `no file given.\nRun '${commandPath} --help' for usage.`);
    }
    const c = colors.stdout;
    const results = [];
    for (const given of positionals) {
      const file = resolve(io.cwd, given);
      const shown = displayPath(file, io.cwd);
      const loaded = await loadProcedure(file, { filename: shown });
      results.push(
        loaded.ok
          ? {
              file: shown,
              ok: true,
              procedure: loaded.procedure.procedure,
              version: loaded.procedure.version,
              steps: loaded.procedure.steps.length,
              problems: [],
            }
          : { file: shown, ok: false, problems: loaded.problems },
      );
    }
    const unreadable = results.flatMap((r) =>
      r.problems.filter((p) => p.code === 'file_not_found' || p.code === 'file_unreadable'),
    );
    if (unreadable.length > 0)
      throw new UsageError('missing_path', unreadable.map((p) => p.message).join('\n'));
    const failed = results.filter((r) => !r.ok).length;
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ ok: failed === 0, files: results }, null, 2)}\n`);
      return failed === 0 ? EXIT.ok : EXIT.failure;
    }
    for (const result of results) {
      for (const problem of result.problems) io.stdout.write(formatProblem(problem, result.file, c));
      if (result.ok)
        io.stdout.write(
          `${c.green('✔')} ${result.file}: procedure ${result.procedure}@${result.version}, ${result.steps} steps, no problems\n`,
        );
    }
    if (failed === 0) return EXIT.ok;
    const count = results.reduce((n, r) => n + r.problems.length, 0);
    io.stdout.write(
      `${c.red('✖')} ${count} problem${count === 1 ? '' : 's'} in ${failed} of ${results.length} file${results.length === 1 ? '' : 's'}\n`,
    );
    return EXIT.failure;
  },
});
