import { type BrokerOptions, type VerifyHubOptions, verifyHub } from '@tukar/pact';
import { defineCommand, EXIT, UsageError } from '../command';
import { asUsageError, list, secretFromEnv, text } from '../pact/pact-options';
import { printVerificationReport } from '../pact/print-report';

/** `tukar pact verify-hub --hub URL [pacts...]` */
export const pactVerifyHubCommand = defineCommand({
  name: 'verify-hub',
  summary: 'verify the OPD systems’ pacts against a running hub; write JSON and JUnit results',
  usage: '--hub <url> [options] [pact-file|dir]...',
  description: `
SOP steps 6–7: the integration tests of the OPD applications, run against the hub. Each
interaction's provider states ("dataset has records", "client has a grant", …) are set up
through the hub's admin API, its request is sent with the key of the client its states
name, and the answer is compared with the pact.

The states never change the hub's own data: they work on run-scoped copies (contract and
dataset pact-<run>.<id>, a new client pact-<run>-<n>-<id> for each interaction), requests and
answers are translated between the pacts' names and the scoped ones, grants are only ever
added, and every key the run issued is revoked when it ends. Point it at a test hub: a hub
whose GET /v1/health does not say "disposable": true (a memory store, or a hub started with
disposable: true) is refused with exit 2 unless --allow-non-disposable-hub is given.

Pacts come from the files or directories given (default: pacts/), or from a Pact Broker
with --broker. Results go to pacts/results/<provider>.verification.json (attach it to the
integration: kind pact-results) and <provider>.junit.xml (for CI).

The admin key is read from TUKAR_ADMIN_KEY (or the variable --admin-key-env names), the
broker token from PACT_BROKER_TOKEN.`,
  options: {
    hub: { type: 'string', valueName: 'url', description: "the hub's base URL (default: TUKAR_HUB_URL)" },
    'admin-key-env': {
      type: 'string',
      valueName: 'var',
      description: 'environment variable holding the admin API key (default TUKAR_ADMIN_KEY)',
    },
    contracts: {
      type: 'string',
      valueName: 'path[,path]',
      description: 'contract files or directories the states may publish',
    },
    provider: {
      type: 'string',
      valueName: 'name',
      description: "the hub's name in the pacts (default tukar-hub)",
    },
    results: { type: 'string', valueName: 'dir', description: 'where results go (default pacts/results)' },
    broker: { type: 'string', valueName: 'url', description: 'take the pacts from this Pact Broker' },
    'provider-version': {
      type: 'string',
      valueName: 'version',
      description: 'the hub version verified (with --broker), e.g. the git SHA',
    },
    'provider-branch': { type: 'string', valueName: 'branch', description: 'the hub branch (with --broker)' },
    publish: { type: 'boolean', description: 'publish the results to the broker (needs --provider-version)' },
    'allow-non-disposable-hub': {
      type: 'boolean',
      description: 'verify a hub that does not say it is disposable (states stay in their own scope)',
    },
    json: { type: 'boolean', description: 'print the report as JSON on stdout' },
    verbose: { type: 'boolean', description: "also print the Pact verifier's own output" },
  },
  examples: [
    'TUKAR_ADMIN_KEY=tk_… tukar pact verify-hub --hub http://127.0.0.1:8080 --contracts contracts pacts',
    'tukar pact verify-hub --hub $HUB --broker https://broker.example.go.id --provider-version $GIT_SHA --publish',
  ],
  exitCodes: [
    [EXIT.ok, 'every interaction was verified'],
    [EXIT.failure, 'an interaction failed (the summary names it and each field)'],
    [
      EXIT.usage,
      'usage error, no pacts, a contract that does not load, a wrong admin key, or a hub that cannot be reached or is not disposable',
    ],
  ],
  async run({ io, values, positionals, colors, commandPath }) {
    const hubUrl = text(values, 'hub') ?? io.env.TUKAR_HUB_URL;
    if (!hubUrl) {
      throw new UsageError(
        'bad_arguments',
        `no hub given: pass --hub <url> or set TUKAR_HUB_URL.\nRun '${commandPath} --help' for usage.`,
      );
    }
    const adminKey = secretFromEnv(values, io.env, 'admin-key-env', 'TUKAR_ADMIN_KEY');
    if (!adminKey.value) {
      throw new UsageError('bad_config', `no admin key: set ${adminKey.variable} to the hub's admin API key`);
    }
    const options: VerifyHubOptions = { hubUrl, adminKey: adminKey.value, cwd: io.cwd };
    if (values['allow-non-disposable-hub'] === true) options.allowNonDisposableHub = true;
    const brokerUrl = text(values, 'broker');
    if (brokerUrl) {
      if (positionals.length > 0)
        throw new UsageError('bad_arguments', 'give pact files or --broker, not both');
      const broker: BrokerOptions = { url: brokerUrl, publishResults: values.publish === true };
      const token = io.env.PACT_BROKER_TOKEN?.trim();
      if (token) broker.token = token;
      const version = text(values, 'provider-version');
      if (version) broker.providerVersion = version;
      const branch = text(values, 'provider-branch');
      if (branch) broker.providerBranch = branch;
      options.broker = broker;
    } else {
      if (values.publish === true) throw new UsageError('bad_arguments', '--publish needs --broker');
      if (positionals.length > 0) options.pacts = positionals;
    }
    const contracts = list(values, 'contracts');
    if (contracts) options.contracts = contracts;
    const provider = text(values, 'provider');
    if (provider) options.provider = provider;
    const results = text(values, 'results');
    if (results) options.resultsDir = results;
    const report = await verifyHub(options).catch(asUsageError);
    printVerificationReport(report, io, colors.stdout, {
      json: values.json === true,
      verbose: values.verbose === true,
    });
    return report.ok ? EXIT.ok : EXIT.failure;
  },
});
