import { AuditKeySetError, verifyAuditEvidence } from '@tukar/hub';
import { defineCommand, EXIT, UsageError } from '../command';
import { readAuditBundle } from '../evidence/read-audit-bundle';
import { readKeySet } from '../evidence/read-evidence-files';
import { text } from '../pact/pact-options';

/** `tukar audit verify --export FILE [--keys JWKS]` */
export const auditVerifyCommand = defineCommand({
  name: 'verify',
  summary: 'verify an exported audit evidence bundle offline',
  usage: '[options] --export <file> [--keys <jwks-file>]',
  description: `
Checks an audit evidence bundle (tukar audit export) without the hub and without its
database: each checkpoint's signature with the hub's public keys, the chain of checkpoints,
and every sealed entry (changed, missing, inserted or reordered entries are named with their
checkpoint). With --keys, the checkpoints are checked against that key set (saved from
GET /.well-known/jwks.json at another time) instead of the one in the bundle. Entries not
sealed yet are counted apart: no checkpoint protects them yet. The origin signature of each
signed batch (Tukar-Signature, kept in its entry) is checked with the clients' keys in the bundle.`,
  options: {
    export: { type: 'string', valueName: 'FILE', description: 'the bundle written by tukar audit export' },
    keys: {
      type: 'string',
      valueName: 'FILE',
      description: "the hub's key set (JWKS), instead of the bundle's",
    },
    json: { type: 'boolean', description: 'print a machine-readable result on stdout' },
  },
  examples: [
    'tukar audit verify --export audit-evidence.json',
    'tukar audit verify --export audit-evidence.json --keys jwks.json',
  ],
  exitCodes: [
    [EXIT.ok, 'every checkpoint and every sealed entry verifies'],
    [EXIT.failure, 'the evidence was altered: the checkpoint and entry are named'],
    [EXIT.usage, 'a file cannot be read, or is not a bundle or a key set'],
  ],
  async run({ io, values, positionals, colors, commandPath }) {
    const bundlePath = text(values, 'export');
    if (!bundlePath || positionals.length > 0) {
      throw new UsageError('bad_arguments', `give --export <file>.\nRun '${commandPath} --help' for usage.`);
    }
    const bundle = await readAuditBundle(bundlePath, io.cwd);
    const keysPath = text(values, 'keys');
    const keys = keysPath ? await readKeySet(keysPath, io.cwd) : bundle.keys;
    let result: Awaited<ReturnType<typeof verifyAuditEvidence>>;
    try {
      result = await verifyAuditEvidence({
        keys,
        checkpoints: bundle.checkpoints,
        entries: bundle.entries,
        clientKeys: bundle.clientKeys,
      });
    } catch (error) {
      if (error instanceof AuditKeySetError) {
        throw new UsageError(
          'bad_config',
          `the key set ${keysPath ?? `in ${bundlePath}`} cannot be used: ${error.message}`,
        );
      }
      throw error;
    }
    if (values['json']) {
      io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return result.ok ? EXIT.ok : EXIT.failure;
    }
    const { green, red } = colors.stdout;
    for (const issue of result.issues) {
      const where = [
        issue.checkpoint !== null && `checkpoint ${issue.checkpoint}`,
        issue.seq !== null && `entry ${issue.seq}`,
      ]
        .filter(Boolean)
        .join(', ');
      io.stdout.write(`${red('altered')}  ${where || bundlePath}: ${issue.message} (${issue.code})\n`);
    }
    const { count, firstSeq, lastSeq } = result.unsealed;
    const unsealed =
      count === 0 ? 'none unsealed' : `${count} not sealed yet (entries ${firstSeq}–${lastSeq})`;
    io.stdout.write(
      `${result.ok ? green('valid') : red('invalid')}    ${result.sealed} entries sealed by ${result.checkpoints} checkpoints; ${unsealed}\n`,
    );
    return result.ok ? EXIT.ok : EXIT.failure;
  },
});
