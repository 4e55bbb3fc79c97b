import { readFile } from 'node:fs/promises';
import { HUB_HELP, parseHubCommand } from './bin-options';
import { loadHolidayCalendar } from './calendar/holiday-files';
import type { OidcOptions } from './oidc/oidc-options';
import { openStore } from './open-store';
import { loadProcedureFiles } from './procedure-files';
import { serveHub } from './serve-hub';

async function main(): Promise<number> {
  const parsed = parseHubCommand(process.argv.slice(2), process.env);
  if (!parsed.ok) {
    process.stderr.write(`tukar-hub: ${parsed.message}\n\n${HUB_HELP}`);
    return 2;
  }
  const { command } = parsed;
  if (command.help) {
    process.stdout.write(HUB_HELP);
    return 0;
  }
  const location = command.store;
  let signingKey = process.env.TUKAR_SIGNING_KEY || undefined;
  if (command.signingKeyFile !== undefined) {
    try {
      signingKey = await readFile(command.signingKeyFile, 'utf8');
    } catch (error) {
      const reason =
        (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (error as Error).message;
      process.stderr.write(
        `tukar-hub: cannot read --signing-key-file ${command.signingKeyFile}: ${reason}\n`,
      );
      return 2;
    }
  }
  let oidc: OidcOptions | undefined;
  if (command.oidc !== undefined) {
    const { clientSecretFile, clientSecret, accountClaim, ...rest } = command.oidc;
    let secret = clientSecret ?? '';
    if (clientSecretFile !== undefined) {
      try {
        secret = (await readFile(clientSecretFile, 'utf8')).trim();
      } catch (error) {
        const reason =
          (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (error as Error).message;
        process.stderr.write(
          `tukar-hub: cannot read --oidc-client-secret-file ${clientSecretFile}: ${reason}\n`,
        );
        return 2;
      }
    }
    oidc = { ...rest, clientSecret: secret, ...(accountClaim !== undefined && { accountClaim }) };
  }
  const holidays = await loadHolidayCalendar(command.holidayFiles);
  if (!holidays.ok) {
    process.stderr.write(`tukar-hub: --holidays: ${holidays.problems.join('\n  ')}\n`);
    return 2;
  }
  const procedures = await loadProcedureFiles(command.procedureFiles);
  if (!procedures.ok) {
    process.stderr.write(`tukar-hub: --procedure: ${procedures.problems.join('\n  ')}\n`);
    return 2;
  }
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
      port: command.port,
      host: command.host,
      ...command.limits,
      rateLimit: command.rateLimit,
      ...(command.metricsPort === undefined ? {} : { metricsPort: command.metricsPort }),
      adminKey: process.env.TUKAR_ADMIN_KEY || undefined,
      signingKey,
      ...(command.timestampUrl !== undefined && { audit: { timestampUrl: command.timestampUrl } }),
      trustProxy: command.trustProxy,
      ...(oidc !== undefined && { oidc }),
      holidays: holidays.calendar,
      ...(procedures.procedures.length > 0 && { procedures: procedures.procedures }),
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
    if (running.metricsUrl) process.stderr.write(`tukar-hub metrics at ${running.metricsUrl}\n`);
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
