import { checkPactsAgainstSpec } from '@tukar/pact';
import { defineCommand, EXIT } from '../command';
import { displayPath } from '../format-problem';
import { asUsageError } from '../pact/pact-options';

/** `tukar pact check [pacts...]` */
export const pactCheckCommand = defineCommand({
  name: 'check',
  summary: "check pacts against the hub's OpenAPI document, without running the hub",
  usage: '[options] [pact-file|dir]...',
  description: `
A fast check before verification: for each interaction of each pact (default: the pact
files in pacts/), the path and method must be an operation of the hub API; path, query and
header parameters and the request body must be valid; the response status must be
documented and the response body valid for its schema. The values checked are the pact's
examples.`,
  options: {
    json: { type: 'boolean', description: 'print the result as JSON on stdout' },
  },
  examples: ['tukar pact check', 'tukar pact check pacts/ciamis-dinkes-simpus-tukar-hub.json'],
  exitCodes: [
    [EXIT.ok, 'every interaction agrees with the OpenAPI document'],
    [EXIT.failure, 'at least one mismatch (each is listed)'],
    [EXIT.usage, 'usage error, or a pact file that is missing or not a pact'],
  ],
  async run({ io, values, positionals, colors }) {
    const report = await checkPactsAgainstSpec(positionals.length > 0 ? positionals : ['pacts'], {
      cwd: io.cwd,
    }).catch(asUsageError);
    if (values.json === true) {
      io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return report.ok ? EXIT.ok : EXIT.failure;
    }
    const c = colors.stdout;
    const interactions = report.pacts.reduce((sum, pact) => sum + pact.interactions.length, 0);
    if (report.pacts.length === 0) {
      io.stdout.write(`${c.yellow('!')} no pact files found\n`);
      return EXIT.ok;
    }
    for (const pact of report.pacts) {
      for (const interaction of pact.interactions.filter((i) => !i.ok)) {
        io.stdout.write(
          `${c.bold(displayPath(pact.source, io.cwd))}  ${c.red('✖')} "${interaction.description}" (${interaction.request})\n`,
        );
        for (const m of interaction.mismatches) {
          io.stdout.write(`    ${c.red(m.kind)}${m.at ? ` at ${m.at}` : ''}: ${m.message}\n`);
        }
      }
    }
    const failed = report.pacts.flatMap((p) => p.interactions).filter((i) => !i.ok).length;
    const files = `${report.pacts.length} pact${report.pacts.length === 1 ? '' : 's'}`;
    const counted = `${interactions} interaction${interactions === 1 ? '' : 's'}`;
    io.stdout.write(
      failed === 0
        ? `${c.green('✔')} ${counted} in ${files} ${interactions === 1 ? 'agrees' : 'agree'} with the hub's OpenAPI document\n`
        : `${c.red('✖')} ${failed} of ${counted} in ${files} disagree with the hub's OpenAPI document\n`,
    );
    return failed === 0 ? EXIT.ok : EXIT.failure;
  },
});
