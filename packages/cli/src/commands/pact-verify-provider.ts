import { type ProviderAuth, type VerifyProviderOptions, verifyProvider } from '@tukar/pact';
import { defineCommand, EXIT, UsageError } from '../command';
import { asUsageError, headerOption, secretFromEnv, text } from '../pact/pact-options';
import { printVerificationReport } from '../pact/print-report';

/** `tukar pact verify-provider --contract FILE --url URL` */
export const pactVerifyProviderCommand = defineCommand({
  name: 'verify-provider',
  summary: "verify an OPD system's endpoint against the pact made from its contract",
  usage: '--contract <file> --url <base-url> [options]',
  description: `
SOP step 8: the OPD checks its own system. Makes a pact from the contract's provider section
(pacts/tukar-hub-opd-<contract>.json: GET <provider.path> answered with records like the
contract's and its pagination fields) and verifies the running OPD system against it. A
field of the wrong shape is reported with its JSON path, e.g.
  $.data[0].kode_puskesmas: Expected 'PKM-01' to match '^P[0-9]{10}$'

What it checks: ONE request, GET <provider.path> (the first page): status 200, the content
type, at least one record where provider.records says, each record's REQUIRED fields by type,
pattern, enum, length and format shape (kode wilayah, NIK… by regex), and the pagination
fields' shape (next: null or a link; totals: integers).

What it does not check, so a verified endpoint can still be invalid: optional fields, fields
the contract does not allow, numeric ranges, whether a reference code exists in the Kemendagri
list, primary-key uniqueness, any page after the first, whether the pages end, latency. Run
'tukar validate -c <file> -u <url>' for those: it reads every page and checks every record
against the whole contract.

Auth: --bearer-env VAR sends "Authorization: Bearer $VAR"; --header "Name: value" sends one
header of your own.`,
  options: {
    contract: {
      type: 'string',
      short: 'c',
      valueName: 'file',
      description: 'the data contract (YAML or JSON)',
    },
    url: {
      type: 'string',
      short: 'u',
      valueName: 'base-url',
      description: "the OPD system's base URL (the provider path is appended)",
    },
    'bearer-env': {
      type: 'string',
      valueName: 'var',
      description: 'environment variable holding a bearer token',
    },
    header: { type: 'string', valueName: 'name: value', description: 'a header every request carries' },
    consumer: {
      type: 'string',
      valueName: 'name',
      description: 'who consumes the endpoint (default tukar-hub)',
    },
    provider: {
      type: 'string',
      valueName: 'name',
      description: "the OPD system's name (default opd-<contract>)",
    },
    pacts: { type: 'string', valueName: 'dir', description: 'where the generated pact goes (default pacts)' },
    results: { type: 'string', valueName: 'dir', description: 'where results go (default pacts/results)' },
    json: { type: 'boolean', description: 'print the report as JSON on stdout' },
    verbose: { type: 'boolean', description: "also print the Pact verifier's own output" },
  },
  examples: [
    'tukar pact verify-provider --contract contracts/dinkes.puskesmas.yaml --url http://127.0.0.1:8090',
    'SIMPUS_TOKEN=… tukar pact verify-provider -c contracts/dinkes.puskesmas.yaml -u https://simpus.example.go.id --bearer-env SIMPUS_TOKEN',
  ],
  exitCodes: [
    [EXIT.ok, "the first page has the pact's shape (not: every record is valid; see tukar validate)"],
    [EXIT.failure, 'it does not (the summary names each field)'],
    [EXIT.usage, 'usage error, or a contract that does not load or has no provider section'],
  ],
  async run({ io, values, colors, positionals, commandPath }) {
    if (positionals.length > 0) {
      throw new UsageError(
        'bad_arguments',
        `unexpected argument ${positionals[0]}.\nRun '${commandPath} --help' for usage.`,
      );
    }
    const contract = text(values, 'contract');
    const url = text(values, 'url');
    if (!contract || !url) {
      throw new UsageError(
        'bad_arguments',
        `pass --contract <file> and --url <base-url>.\nRun '${commandPath} --help' for usage.`,
      );
    }
    const options: VerifyProviderOptions = { contract, providerBaseUrl: url, cwd: io.cwd };
    const headers: Record<string, string> = {};
    const header = text(values, 'header');
    if (header) {
      const { name, value } = headerOption(header);
      headers[name] = value;
    }
    if (text(values, 'bearer-env') !== undefined) {
      const token = secretFromEnv(values, io.env, 'bearer-env', '');
      if (!token.value) throw new UsageError('bad_config', `--bearer-env: ${token.variable} is not set`);
      headers.Authorization = `Bearer ${token.value}`;
    }
    if (Object.keys(headers).length > 0) options.auth = { headers } satisfies ProviderAuth;
    for (const name of ['consumer', 'provider'] as const) {
      const value = text(values, name);
      if (value) options[name] = value;
    }
    const pacts = text(values, 'pacts');
    if (pacts) options.pactDir = pacts;
    const results = text(values, 'results');
    if (results) options.resultsDir = results;
    const report = await verifyProvider(options).catch(asUsageError);
    printVerificationReport(report, io, colors.stdout, {
      json: values.json === true,
      verbose: values.verbose === true,
    });
    return report.ok ? EXIT.ok : EXIT.failure;
  },
});
