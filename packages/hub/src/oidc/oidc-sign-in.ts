// The hub as an OpenID Connect relying party, on `openid-client`: the provider is discovered once when the
// hub starts; each sign-in is an authorization code flow with PKCE, a fresh `state` and `nonce`, and the ID
// token checked (signature against the provider's JWKS, issuer, audience, expiry, nonce).
import type { Configuration } from 'openid-client';
import { type OidcOptions, type ResolvedOidcOptions, resolveOidcOptions } from './oidc-options';

/** What the browser keeps (in a signed cookie) between the redirect to the provider and its return. */
export interface OidcTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The person the provider vouched for. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  /** The value of the account claim (the client id it names), or undefined when the token has none. */
  account: string | undefined;
}

/** Why a sign-in failed, said so a person can act on it (no token, code or secret in it). */
export class OidcSignInError extends Error {
  override readonly name = 'OidcSignInError';
  readonly code: 'provider_refused' | 'response_invalid' | 'provider_unreachable';
  constructor(code: OidcSignInError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** The hub's single sign-on with one provider. */
export interface OidcSignIn {
  readonly options: ResolvedOidcOptions;
  /** A new transaction and the provider's authorization URL for it. */
  start(): Promise<{ transaction: OidcTransaction; authorizationUrl: URL }>;
  /** Redeems the code of the provider's answer (`search`: the callback's query) and checks the ID token. */
  finish(search: URLSearchParams, transaction: OidcTransaction): Promise<OidcIdentity>;
}

/** An error's message, with the network code of its cause (e.g. `ECONNREFUSED`) when it has one. */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? `${error.message} (${code})` : error.message;
}

/**
 * Discovers the provider of {@link OidcOptions} (its metadata; its keys are fetched when the first ID token
 * is checked). Throws an Error that names the issuer and says what to check when the options are wrong or
 * the provider cannot be reached.
 */
export async function createOidcSignIn(options: OidcOptions): Promise<OidcSignIn> {
  const resolved = resolveOidcOptions(options);
  // openid-client is ESM only: imported when single sign-on is configured, not by every hub.
  const client = await import('openid-client');
  let config: Configuration;
  try {
    config = await client.discovery(
      resolved.issuer,
      resolved.clientId,
      { redirect_uris: [resolved.redirectUri.href], response_types: ['code'] },
      client.ClientSecretBasic(resolved.clientSecret),
      {
        timeout: Math.ceil(resolved.timeoutMs / 1000),
        ...(resolved.insecureLoopback && { execute: [client.allowInsecureRequests] }),
      },
    );
  } catch (error) {
    throw new Error(
      `Cannot use the OpenID Connect provider ${resolved.issuer.href}: ${reasonOf(error)}. Check that ` +
        '`oidc.issuer` (--oidc-issuer, TUKAR_OIDC_ISSUER) is the issuer URL the provider publishes and that ' +
        `${resolved.issuer.origin} is reachable from the hub, then start the hub again.`,
      { cause: error },
    );
  }
  return {
    options: resolved,
    async start() {
      const transaction: OidcTransaction = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        codeVerifier: client.randomPKCECodeVerifier(),
      };
      const authorizationUrl = client.buildAuthorizationUrl(config, {
        redirect_uri: resolved.redirectUri.href,
        scope: 'openid profile',
        response_type: 'code',
        code_challenge: await client.calculatePKCECodeChallenge(transaction.codeVerifier),
        code_challenge_method: 'S256',
        state: transaction.state,
        nonce: transaction.nonce,
      });
      return { transaction, authorizationUrl };
    },
    async finish(search, transaction) {
      const providerError = search.get('error');
      if (providerError !== null) {
        throw new OidcSignInError(
          'provider_refused',
          `The provider did not sign you in (${providerError.slice(0, 100)}).`,
        );
      }
      const currentUrl = new URL(resolved.redirectUri);
      currentUrl.search = search.toString();
      let claims: Record<string, unknown> | undefined;
      try {
        const tokens = await client.authorizationCodeGrant(config, currentUrl, {
          pkceCodeVerifier: transaction.codeVerifier,
          expectedState: transaction.state,
          expectedNonce: transaction.nonce,
          idTokenExpected: true,
        });
        claims = tokens.claims();
      } catch (error) {
        const unreachable =
          error instanceof TypeError || /timeout|ECONNREFUSED|fetch failed/i.test(reasonOf(error));
        throw new OidcSignInError(
          unreachable ? 'provider_unreachable' : 'response_invalid',
          unreachable
            ? 'The provider could not be reached to finish the sign-in; try again later.'
            : 'The answer of the provider did not pass the checks (state, nonce, code or ID token); start the sign-in again.',
          { cause: error },
        );
      }
      if (claims === undefined || typeof claims['sub'] !== 'string') {
        throw new OidcSignInError(
          'response_invalid',
          'The provider sent no ID token; start the sign-in again.',
        );
      }
      const account = claims[resolved.accountClaim];
      return {
        issuer: String(claims['iss']),
        subject: claims['sub'],
        account: typeof account === 'string' ? account : undefined,
      };
    },
  };
}
