import { verifyReceipt } from '@tukar/client';
import { defineCommand, EXIT, UsageError } from '../command';
import { readKeySet, readReceipts } from '../evidence/read-evidence-files';

/** `tukar evidence verify RECEIPT --keys JWKS` */
export const evidenceVerifyCommand = defineCommand({
  name: 'verify',
  summary: "check the hub's signed receipts offline against its published keys",
  usage: '[options] <receipt-file> --keys <jwks-file>',
  description: `
Checks receipts (tanda terima) the hub signed for committed batches, without the hub and
without its database: each must be signed (EdDSA) by a key of the hub's key set, saved from
GET /.well-known/jwks.json (keys replaced by a rotation stay in it). The receipt file holds
the receipt itself, the hub's answer to a push or delete ({"receipt": …}), or the result of
pushRecords ({"receipts": […]}). Any altered byte fails, naming the part: header, payload,
signature, or a key id the set does not have.`,
  options: {
    keys: { type: 'string', valueName: 'FILE', description: "the hub's key set (JWKS) as a file" },
    json: { type: 'boolean', description: 'print a machine-readable result on stdout' },
  },
  examples: [
    'curl -s https://hub.example.go.id/.well-known/jwks.json > jwks.json',
    'tukar evidence verify receipt.json --keys jwks.json',
  ],
  exitCodes: [
    [EXIT.ok, 'every receipt is valid'],
    [EXIT.failure, 'a receipt is invalid: altered payload, header or signature, or an unknown key id'],
    [EXIT.usage, 'a file cannot be read, or is not a receipt or a key set'],
  ],
  async run({ io, values, positionals, colors, commandPath }) {
    const [receiptPath, ...extra] = positionals;
    const keysPath = values['keys'];
    if (receiptPath === undefined || extra.length > 0 || typeof keysPath !== 'string') {
      throw new UsageError(
        'bad_arguments',
        `give one receipt file and --keys <jwks-file>.\nRun '${commandPath} --help' for usage.`,
      );
    }
    const jwks = await readKeySet(keysPath, io.cwd);
    const receipts = await readReceipts(receiptPath, io.cwd);
    const results = [];
    for (const { where, receipt } of receipts) {
      const result = await verifyReceipt(receipt, jwks);
      if (!result.ok && result.issue.code === 'invalid_keys') {
        throw new UsageError('bad_config', `the key set ${keysPath} cannot be used: ${result.issue.message}`);
      }
      results.push({ where, ...result });
    }
    const invalid = results.filter((r) => !r.ok).length;
    if (values['json']) {
      io.stdout.write(`${JSON.stringify({ ok: invalid === 0, receipts: results }, null, 2)}\n`);
      return invalid === 0 ? EXIT.ok : EXIT.failure;
    }
    const { green, red } = colors.stdout;
    for (const r of results) {
      if (r.ok) {
        const c = r.claims;
        const range = c.seqFrom > c.seqTo ? 'no change' : `changes #${c.seqFrom}–${c.seqTo}`;
        io.stdout.write(
          `${green('valid')}    ${r.where}: ${c.op} ${c.datasetId}@${c.contractVersion}, ${range} ` +
            `(${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.deleted} deleted) ` +
            `by ${c.clientId} at ${c.at}; body sha256 ${c.bodySha256}; key ${c.kid}\n`,
        );
      } else {
        io.stdout.write(
          `${red('invalid')}  ${r.where}: ${r.issue.place}: ${r.issue.message} (${r.issue.code})\n`,
        );
      }
    }
    return invalid === 0 ? EXIT.ok : EXIT.failure;
  },
});
