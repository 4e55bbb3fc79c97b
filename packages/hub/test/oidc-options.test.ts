// A hub configured with a wrong OpenID Connect setting refuses to start, and says which setting and what
// to do; the `tukar-hub` flags and variables for single sign-on come in all together or not at all.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HUB_HELP, parseHubCommand } from '../src/bin-options';
import { createHub, createMemoryStore, type OidcOptions } from '../src/index';
import { freePort } from './oidc-test-provider';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const binScript = fileURLToPath(new URL('../src/bin.ts', import.meta.url));

/** Runs `tukar-hub` to its exit (it must not start listening); its exit code and what it printed. */
function runHubToExit(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', binScript, '--port', '0', '--store', 'memory', ...args],
    {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve({ code, output });
    }),
  );
}

const SECRET = 'rahasia-yang-tidak-boleh-tampil-0123456789';
const options = (overrides: Partial<OidcOptions>): OidcOptions => ({
  issuer: 'https://sso.example.go.id/realms/splp',
  clientId: 'tukar-hub',
  clientSecret: SECRET,
  redirectBaseUrl: 'https://tukar.example.go.id',
  ...overrides,
});
const startWith = (oidc: OidcOptions) => createHub({ store: createMemoryStore(), oidc });

describe('createHub with single sign-on', () => {
  it('refuses an issuer that is no URL, naming the option', async () => {
    await expect(startWith(options({ issuer: 'sso.example.go.id' }))).rejects.toThrow(
      '`oidc.issuer` must be an absolute URL',
    );
  });

  it('refuses a plain-http issuer other than loopback', async () => {
    await expect(startWith(options({ issuer: 'http://sso.example.go.id' }))).rejects.toThrow(
      /`oidc.issuer` must be an https:\/\/ URL .*plain http:\/\/ is accepted only on a loopback address/,
    );
  });

  it('refuses a redirect base with a query, and an empty client id or secret, without showing the secret', async () => {
    await expect(startWith(options({ redirectBaseUrl: 'https://tukar.example.go.id/?a=1' }))).rejects.toThrow(
      '`oidc.redirectBaseUrl` must have no query',
    );
    await expect(startWith(options({ clientId: ' ' }))).rejects.toThrow('`oidc.clientId` is empty');
    await expect(startWith(options({ clientSecret: '' }))).rejects.toThrow(/TUKAR_OIDC_CLIENT_SECRET/);
    const refusal = await startWith(options({ accountClaim: 'bad claim' })).catch((error: Error) => error);
    expect(String(refusal)).toContain('`oidc.accountClaim` must be a claim name');
    expect(String(refusal)).not.toContain(SECRET);
  });

  it('refuses to start when the issuer cannot be reached, and says what to check', async () => {
    const issuer = `http://127.0.0.1:${await freePort()}`; // nothing listens there
    const refusal = await startWith(options({ issuer, timeoutMs: 2000 })).catch((error: Error) => error);
    expect(refusal).toBeInstanceOf(Error);
    const message = (refusal as Error).message;
    expect(message).toContain(`Cannot use the OpenID Connect provider ${issuer}/`);
    expect(message).toContain('--oidc-issuer');
    expect(message).toContain('start the hub again');
    expect(message).not.toContain(SECRET);
  });

  it('refuses an issuer that publishes no discovery document', async () => {
    const server = createServer((_request, response) => response.writeHead(404).end('not here'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await expect(startWith(options({ issuer }))).rejects.toThrow(
        `Cannot use the OpenID Connect provider ${issuer}/`,
      );
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('without single sign-on, the login page offers none and its start answers 404', async () => {
    const hub = await createHub({ store: createMemoryStore() });
    const page = await (await hub.fetch(new Request('http://127.0.0.1/dashboard/login'))).text();
    expect(page).toContain('Kunci API');
    expect(page).not.toContain('Masuk dengan SSO');
    const start = await hub.fetch(new Request('http://127.0.0.1/dashboard/login/sso'));
    expect(start.status).toBe(404);
    await expect(start.json()).resolves.toMatchObject({
      detail: expect.stringContaining('no single sign-on'),
    });
    await hub.close();
  });
});

describe('tukar-hub --oidc-* flags', () => {
  const complete = {
    TUKAR_OIDC_ISSUER: 'https://sso.example.go.id/realms/splp',
    TUKAR_OIDC_CLIENT_ID: 'tukar-hub',
    TUKAR_OIDC_CLIENT_SECRET: SECRET,
    TUKAR_OIDC_REDIRECT_BASE: 'https://tukar.example.go.id',
  };

  it('reads the settings from the environment, flags first', () => {
    const parsed = parseHubCommand(['--oidc-client-id', 'hub-2', '--oidc-account-claim', 'nip'], complete);
    expect(parsed).toMatchObject({
      ok: true,
      command: {
        oidc: {
          issuer: complete.TUKAR_OIDC_ISSUER,
          clientId: 'hub-2',
          clientSecret: SECRET,
          redirectBaseUrl: 'https://tukar.example.go.id',
          accountClaim: 'nip',
        },
      },
    });
    expect(parseHubCommand([], {})).toMatchObject({ ok: true, command: { oidc: undefined } });
  });

  it('names what is missing when only part of single sign-on is set', () => {
    const { TUKAR_OIDC_CLIENT_SECRET: _secret, TUKAR_OIDC_CLIENT_ID: _id, ...partial } = complete;
    expect(parseHubCommand([], partial)).toEqual({
      ok: false,
      message:
        '--oidc-issuer is set, so single sign-on also needs --oidc-client-id (TUKAR_OIDC_CLIENT_ID), the client secret (TUKAR_OIDC_CLIENT_SECRET, or --oidc-client-secret-file).',
    });
    expect(parseHubCommand(['--oidc-client-secret-file', '/etc/tukar/oidc'], {})).toEqual({
      ok: false,
      message:
        "--oidc-client-secret-file is set but --oidc-issuer (TUKAR_OIDC_ISSUER) is not: single sign-on needs the provider's issuer URL.",
    });
  });

  it('lists every single sign-on setting in --help, and no flag for the secret itself', () => {
    for (const text of [
      '--oidc-issuer',
      '--oidc-client-id',
      '--oidc-client-secret-file',
      '--oidc-redirect-base',
      '--oidc-account-claim',
      'TUKAR_OIDC_CLIENT_SECRET',
    ]) {
      expect(HUB_HELP).toContain(text);
    }
    expect(parseHubCommand(['--oidc-client-secret', SECRET], {})).toMatchObject({ ok: false });
  });

  it('tukar-hub stops (exit 1) when the issuer cannot be reached, and (exit 2) when the secret file is missing', async () => {
    const issuer = `http://127.0.0.1:${await freePort()}`;
    const flags = [
      '--oidc-issuer',
      issuer,
      '--oidc-client-id',
      'tukar-hub',
      '--oidc-redirect-base',
      'http://127.0.0.1:8787',
    ];
    const unreachable = await runHubToExit(flags, { TUKAR_OIDC_CLIENT_SECRET: SECRET });
    expect(unreachable.code).toBe(1);
    expect(unreachable.output).toContain(`tukar-hub: Cannot use the OpenID Connect provider ${issuer}/`);
    expect(unreachable.output).not.toContain(SECRET);
    const noFile = await runHubToExit(
      [...flags, '--oidc-client-secret-file', '/nonexistent/oidc-secret'],
      {},
    );
    expect(noFile.code).toBe(2);
    expect(noFile.output).toContain(
      'cannot read --oidc-client-secret-file /nonexistent/oidc-secret: not found',
    );
  }, 60_000);
});
