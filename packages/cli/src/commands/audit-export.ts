import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createHubClient } from '@tukar/client';
import type { Schemas } from '@tukar/spec';
import { defineCommand, EXIT, UsageError } from '../command';
import { displayPath } from '../format-problem';
import { secretFromEnv, text } from '../pact/pact-options';

/** `tukar audit export --hub URL --out FILE` */
export const auditExportCommand = defineCommand({
  name: 'export',
  summary: "save the hub's audit evidence bundle (entries, checkpoints, keys) to a file",
  usage: '[options] --out <file>',
  description: `
Asks the hub (GET /v1/audit/export, as the admin) for its audit evidence bundle and saves it:
every audit entry, every signed checkpoint and the hub's public key history. Seal first
(POST /v1/audit/checkpoints) to have the newest entries in a checkpoint. The bundle holds no
record key (a key in a path is its keyed digest) and no request body, only its SHA-256.
The admin key is read from TUKAR_ADMIN_KEY (or the variable --admin-key-env names).`,
  options: {
    hub: { type: 'string', valueName: 'url', description: "the hub's base URL (default: TUKAR_HUB_URL)" },
    'admin-key-env': {
      type: 'string',
      valueName: 'var',
      description: 'environment variable holding the admin API key (default TUKAR_ADMIN_KEY)',
    },
    out: { type: 'string', valueName: 'FILE', description: 'where to write the bundle (JSON)' },
  },
  examples: [
    'TUKAR_ADMIN_KEY=tk_… tukar audit export --hub https://hub.example.go.id --out audit-evidence.json',
  ],
  exitCodes: [
    [EXIT.ok, 'the bundle was written'],
    [EXIT.usage, 'no hub, no admin key, no --out, or the hub refused or could not be reached'],
  ],
  async run({ io, values, positionals, commandPath }) {
    const hubUrl = text(values, 'hub') ?? io.env.TUKAR_HUB_URL;
    const out = text(values, 'out');
    if (!hubUrl || !out || positionals.length > 0) {
      throw new UsageError(
        'bad_arguments',
        `give --hub <url> (or TUKAR_HUB_URL) and --out <file>.\nRun '${commandPath} --help' for usage.`,
      );
    }
    const adminKey = secretFromEnv(values, io.env, 'admin-key-env', 'TUKAR_ADMIN_KEY');
    if (!adminKey.value) {
      throw new UsageError('bad_config', `no admin key: set ${adminKey.variable} to the hub's admin API key`);
    }
    const client = createHubClient({ baseUrl: hubUrl, apiKey: adminKey.value, retry: { retries: 1 } });
    let bundle: Schemas['AuditEvidenceBundle'];
    try {
      bundle = await client.unwrap(client.GET('/v1/audit/export'));
    } catch (error) {
      throw new UsageError('bad_config', `the hub at ${hubUrl} gave no bundle: ${(error as Error).message}`);
    }
    const file = resolve(io.cwd, out);
    await writeFile(file, `${JSON.stringify(bundle)}\n`);
    const sealed = bundle.entries.filter((entry) => entry.checkpoint !== null).length;
    io.stdout.write(
      `wrote ${displayPath(file, io.cwd)}: ${bundle.entries.length} entries (${sealed} sealed), ` +
        `${bundle.checkpoints.length} checkpoints, ${bundle.keys.keys.length} keys\n`,
    );
    return EXIT.ok;
  },
});
