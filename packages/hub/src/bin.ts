import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { openStore } from './open-store';
import { serveHub } from './serve-hub';

const HELP = `tukar-hub: the Tukar exchange hub (SOP steps 5-6)

Usage: tukar-hub [--port N] [--host ADDRESS] [--store STORE] [--trust-proxy] [--signing-key-file FILE]

Options:
  --port N         port to listen on (default: $PORT or 8787; 0 picks a free one)
  --host ADDRESS   address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --store STORE    memory | sqlite:<file> | postgres://… (default: $TUKAR_STORE or sqlite:./.tukar/hub.db)
  --trust-proxy    believe X-Forwarded-Proto/-Host of the reverse proxy in front of the hub (Secure
                   dashboard cookies behind a TLS proxy); only when every client goes through it
  --signing-key-file FILE
                   the Ed25519 private key that signs receipts (PKCS#8 PEM from
                   \`openssl genpkey -algorithm ed25519\`, or a JWK); default: $TUKAR_SIGNING_KEY, else a
                   key generated on the first start and kept in the store
  --help           show this help

Environment:
  TUKAR_ADMIN_KEY  the administrator's API key (tk_…); without it the first start prints a new one once
  TUKAR_STORE      as --store
  TUKAR_TRUST_PROXY  1 (or true) as --trust-proxy
  TUKAR_SIGNING_KEY  the signing key itself (PEM or JWK text), when no --signing-key-file is given
  PORT             as --port

Logs are JSON lines on stdout. SIGTERM or SIGINT finish in-flight requests, then stop.
`;

async function main(): Promise<number> {
  let values: {
    port?: string;
    host?: string;
    store?: string;
    'trust-proxy'?: boolean;
    'signing-key-file'?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        store: { type: 'string' },
        'trust-proxy': { type: 'boolean' },
        'signing-key-file': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    process.stderr.write(`tukar-hub: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const portText = values.port ?? (process.env.PORT || undefined) ?? '8787';
  const port = portText.trim() === '' ? Number.NaN : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`tukar-hub: --port must be a whole number from 0 to 65535, got "${portText}".\n`);
    return 2;
  }
  let signingKey = process.env.TUKAR_SIGNING_KEY || undefined;
  const keyFile = values['signing-key-file'];
  if (keyFile !== undefined) {
    try {
      signingKey = await readFile(keyFile, 'utf8');
    } catch (error) {
      const reason =
        (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (error as Error).message;
      process.stderr.write(`tukar-hub: cannot read --signing-key-file ${keyFile}: ${reason}\n`);
      return 2;
    }
  }
  const location = values.store ?? process.env.TUKAR_STORE ?? 'sqlite:./.tukar/hub.db';
  let store: Awaited<ReturnType<typeof openStore>>;
  try {
    store = await openStore(location);
  } catch (error) {
    process.stderr.write(`tukar-hub: ${(error as Error).message}\n`);
    return 2;
  }
  const log = (line: object) =>
    process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);
  try {
    const running = await serveHub({
      store,
      port,
      host: values.host,
      adminKey: process.env.TUKAR_ADMIN_KEY || undefined,
      signingKey,
      trustProxy: values['trust-proxy'] === true || /^(1|true)$/i.test(process.env.TUKAR_TRUST_PROXY ?? ''),
      onAdminKeyCreated: (key, clientId) => {
        process.stderr.write(
          `\nFirst start: the admin client ${clientId} has this API key. It is shown once; keep it safe.\n\n  ${key}\n\n`,
        );
      },
      log,
    });
    process.stderr.write(
      `tukar-hub listening on ${running.url} (store: ${store.kind}; receipts signed by key ${running.hub.signingKeyId})\n`,
    );
  } catch (error) {
    process.stderr.write(`tukar-hub: ${(error as Error).message}\n`);
    await store.close();
    return 1;
  }
  return -1; // keep running
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(
      `tukar-hub: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
