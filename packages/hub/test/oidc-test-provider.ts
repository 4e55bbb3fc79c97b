// A real OpenID Connect provider (`oidc-provider`) on a loopback port, as a kabupaten's SSO would be:
// one confidential client (the hub) and a few people, each with the account claim the hub reads.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A running test provider. */
export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

/** A free loopback port (closed again at once: the hub listens on it next). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Starts the provider. `people` maps a login (typed on the provider's sign-in form, any password) to the
 * value of its `tukar_account` claim; a person mapped to `undefined` gets no such claim.
 */
export async function startOidcProvider(
  redirectUri: string,
  people: Record<string, string | undefined>,
): Promise<TestOidcProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'tukar-hub';
  const clientSecret = 'rahasia-klien-uji-yang-panjang-sekali-0123456789';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: { openid: ['sub'], profile: ['name', 'tukar_account'] },
    conformIdTokenClaims: false,
    cookies: { keys: ['kunci-cookie-penyedia-uji'] },
    pkce: { required: () => true },
    async findAccount(_ctx, id) {
      return {
        accountId: id,
        async claims() {
          const account = people[id];
          return { sub: id, name: `Pegawai ${id}`, ...(account !== undefined && { tukar_account: account }) };
        },
      };
    },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
