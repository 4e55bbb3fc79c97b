// What a hub needs to let people sign in to the dashboard with the kabupaten's OpenID Connect provider
// (single sign-on, as SPLP provides), and the checks that turn a wrong setting into a message that says
// what to change.

/**
 * The OpenID Connect provider people sign in to the dashboard with ("Masuk dengan SSO"). The hub is a
 * confidential client of the provider: authorization code flow with PKCE, `state` and `nonce`, the ID
 * token verified against the provider's published keys (JWKS).
 *
 * Which account a person gets: the ID token's {@link OidcOptions.accountClaim} claim names the client
 * account (its id, e.g. `ciamis/diskominfo/budi`); a claim naming no account, or a disabled account,
 * is refused. The claim must be one the provider's administrators set, never one a person can edit.
 *
 * @example
 * ```ts
 * import { createHub, createMemoryStore, type OidcOptions } from '@tukar/hub';
 *
 * const oidc: OidcOptions = {
 *   issuer: 'https://sso.ciamiskab.go.id/realms/splp',
 *   clientId: 'tukar-hub',
 *   clientSecret: process.env.TUKAR_OIDC_CLIENT_SECRET ?? '',
 *   redirectBaseUrl: 'https://tukar.ciamiskab.go.id',
 *   accountClaim: 'tukar_account',
 * };
 * const hub = await createHub({ store: createMemoryStore(), oidc });
 * ```
 */
export interface OidcOptions {
  /** The provider's issuer URL (its discovery document is `<issuer>/.well-known/openid-configuration`). */
  issuer: string;
  /** The hub's client id at the provider. */
  clientId: string;
  /** The hub's client secret at the provider (sent with HTTP Basic); never logged or shown. */
  clientSecret: string;
  /**
   * The hub's address as browsers reach it, e.g. `https://tukar.ciamiskab.go.id`; the provider sends
   * people back to `<redirectBaseUrl>/dashboard/login/sso/callback`, which must be registered there.
   */
  redirectBaseUrl: string;
  /** The ID token claim whose value is the client account's id. Default `tukar_account`. */
  accountClaim?: string;
  /** How long, in milliseconds, the hub waits for the provider at start and at each sign-in. Default 10,000. */
  timeoutMs?: number;
}

/** {@link OidcOptions} checked, with the defaults filled in. */
export interface ResolvedOidcOptions {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** `<redirectBaseUrl>/dashboard/login/sso/callback`. */
  redirectUri: URL;
  accountClaim: string;
  timeoutMs: number;
  /** The provider is reached over plain HTTP on a loopback address (a test provider). */
  insecureLoopback: boolean;
}

/** The path the provider sends people back to. */
export const SSO_CALLBACK_PATH = '/dashboard/login/sso/callback';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function httpUrl(name: string, text: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`\`oidc.${name}\` must be an absolute URL (${what}), got "${text}".`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new Error(
      `\`oidc.${name}\` must be an https:// URL (${what}); plain http:// is accepted only on a loopback address, got "${text}".`,
    );
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(
      `\`oidc.${name}\` must have no query, fragment or credentials, got "${url.origin}${url.pathname}…".`,
    );
  }
  return url;
}

/**
 * Checks {@link OidcOptions}: an issuer and a redirect base that are absolute https:// URLs (http:// only
 * on loopback), a client id and secret, a claim name. Throws an Error naming the option and what to do;
 * the secret itself never appears in a message.
 */
export function resolveOidcOptions(options: OidcOptions): ResolvedOidcOptions {
  const issuer = httpUrl(
    'issuer',
    options.issuer,
    "the provider's issuer, e.g. https://sso.example.go.id/realms/splp",
  );
  const base = httpUrl(
    'redirectBaseUrl',
    options.redirectBaseUrl,
    'the hub as browsers reach it, e.g. https://tukar.example.go.id',
  );
  if (typeof options.clientId !== 'string' || options.clientId.trim() === '') {
    throw new Error('`oidc.clientId` is empty: give the client id the provider registered for the hub.');
  }
  if (typeof options.clientSecret !== 'string' || options.clientSecret === '') {
    throw new Error(
      '`oidc.clientSecret` is empty: give the client secret the provider issued for the hub (tukar-hub: TUKAR_OIDC_CLIENT_SECRET or --oidc-client-secret-file).',
    );
  }
  const accountClaim = options.accountClaim ?? 'tukar_account';
  if (!/^[A-Za-z0-9_.:-]{1,100}$/.test(accountClaim)) {
    throw new Error(
      `\`oidc.accountClaim\` must be a claim name (letters, digits, _ . : -), got "${accountClaim}".`,
    );
  }
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) {
    throw new Error(`\`oidc.timeoutMs\` must be a whole number of milliseconds ≥ 1, got ${timeoutMs}.`);
  }
  const redirectUri = new URL(`${base.pathname.replace(/\/+$/, '')}${SSO_CALLBACK_PATH}`, base.origin);
  return {
    issuer,
    clientId: options.clientId.trim(),
    clientSecret: options.clientSecret,
    redirectUri,
    accountClaim,
    timeoutMs,
    insecureLoopback: issuer.protocol === 'http:',
  };
}
