// OpenSSL's own `openssl ts -reply` as an RFC 3161 time-stamping authority behind a loopback HTTP server.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Whether this machine has an `openssl` with the `ts` command. */
export function hasOpensslTs(): boolean {
  try {
    execFileSync('openssl', ['ts', '-help'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // `openssl ts -help` exits 1 on some versions but still prints its usage.
    return (error as { status?: number }).status === 1;
  }
}

const CONFIG = `[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = Tukar Test TSA
[ tsa_ext ]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,timeStamping
[ tsa ]
default_tsa = tsa1
[ tsa1 ]
dir = DIR
serial = $dir/serial
crypto_device = builtin
signer_cert = $dir/tsa.crt
certs = $dir/tsa.crt
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
other_policies = 1.2.3.4.2
digests = sha256
accuracy = secs:1
ordering = no
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;

/** A running test authority: its URL, its certificate file, and a switch to make it fail. */
export interface TestTsa {
  url: string;
  dir: string;
  certificate: string;
  /** How many requests it answered. */
  answered(): number;
  /** While true, it answers HTTP 503. */
  down: boolean;
  close(): Promise<void>;
}

export async function startOpensslTsa(): Promise<TestTsa> {
  const dir = mkdtempSync(join(tmpdir(), 'tukar-tsa-'));
  const config = join(dir, 'tsa.cnf');
  writeFileSync(config, CONFIG.replace('DIR', dir));
  writeFileSync(join(dir, 'serial'), '01\n');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      join(dir, 'tsa.key'),
      '-out',
      join(dir, 'tsa.crt'),
      '-days',
      '2',
      '-config',
      config,
      '-extensions',
      'tsa_ext',
    ],
    { stdio: 'ignore' },
  );
  let count = 0;
  let queue = Promise.resolve();
  const tsa: TestTsa = {
    url: '',
    dir,
    certificate: join(dir, 'tsa.crt'),
    answered: () => count,
    down: false,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (tsa.down) {
        response.writeHead(503).end();
        return;
      }
      // One `openssl ts -reply` at a time: it keeps its serial number in a file.
      queue = queue.then(async () => {
        const n = ++count;
        const query = join(dir, `q${n}.tsq`);
        const reply = join(dir, `r${n}.tsr`);
        writeFileSync(query, Buffer.concat(chunks));
        try {
          await run('openssl', ['ts', '-reply', '-config', config, '-queryfile', query, '-out', reply]);
          response.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(readFileSync(reply));
        } catch {
          response.writeHead(500).end();
        }
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  tsa.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`;
  return tsa;
}
