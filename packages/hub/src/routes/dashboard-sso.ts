// "Masuk dengan SSO": the dashboard's sign-in through the kabupaten's OpenID Connect provider. The start
// keeps state, nonce and PKCE verifier in a signed, short-lived cookie; the callback checks them, verifies
// the ID token and opens the same dashboard session a personal key opens.
import { base64Url, timingSafeEqual } from '../crypto-helpers';
import { HubProblem } from '../hub-problem';
import { type OidcSignIn, OidcSignInError, type OidcTransaction } from '../oidc/oidc-sign-in';
import type { HubCore, RequestContext, RouteTable } from '../request-context';
import { acceptsHtml, answer, sessionCookie } from './dashboard';
import { reachedOverHttps, readCookie, sign } from './dashboard-security';
import { escapeHtml, htmlPage } from './html';

/** The cookie that carries a sign-in in progress from the start to the provider's callback. */
export const SSO_COOKIE = 'tukar_sso';
const SSO_PATH = '/dashboard/login/sso';
const SSO_SECONDS = 600;

/**
 * The `Set-Cookie` of the sign-in in progress: SameSite=Lax, since the provider's redirect back is a
 * navigation from another site, which a Strict cookie would not come back with.
 */
function ssoCookie(core: HubCore, request: Request, value: string, maxAge: number): string {
  const secure = reachedOverHttps(core, request) ? '; Secure' : '';
  return `${SSO_COOKIE}=${value}; HttpOnly; SameSite=Lax; Path=${SSO_PATH}; Max-Age=${maxAge}${secure}`;
}

async function sealTransaction(core: HubCore, transaction: OidcTransaction): Promise<string> {
  const expires = Math.floor(core.now().getTime() / 1000) + SSO_SECONDS;
  const { state, nonce, codeVerifier } = transaction;
  const payload = base64Url(new TextEncoder().encode(JSON.stringify([state, nonce, codeVerifier, expires])));
  return `${payload}.${await sign(core, `sso|${payload}`)}`;
}

/** The transaction of the request's `tukar_sso` cookie, or undefined when missing, forged or expired. */
async function openTransaction(core: HubCore, request: Request): Promise<OidcTransaction | undefined> {
  const [payload, signature] = (readCookie(request, SSO_COOKIE) ?? '').split('.');
  if (!payload || !signature || !timingSafeEqual(signature, await sign(core, `sso|${payload}`)))
    return undefined;
  let fields: unknown;
  try {
    fields = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return undefined;
  }
  if (!Array.isArray(fields) || fields.length !== 4) return undefined;
  const [state, nonce, codeVerifier, expires] = fields;
  if (typeof state !== 'string' || typeof nonce !== 'string' || typeof codeVerifier !== 'string')
    return undefined;
  if (typeof expires !== 'number' || expires * 1000 < core.now().getTime()) return undefined;
  return { state, nonce, codeVerifier };
}

function signInOf(core: HubCore): OidcSignIn {
  if (core.oidc === undefined) {
    throw new HubProblem(
      404,
      'not_found',
      'This hub offers no single sign-on; sign in with your personal key at /dashboard/login.',
    );
  }
  return core.oidc;
}

function refusedPage(reasonId: string, reasonEn: string): string {
  return htmlPage(
    'Masuk ditolak — Dasbor Tukar',
    `<h1>Masuk ditolak <span class="en">Sign-in refused</span></h1>
<p class="bad" role="alert" data-refused>${escapeHtml(reasonId)} <span class="en">${escapeHtml(reasonEn)}</span></p>
<p><a href="/dashboard/login">Kembali ke halaman masuk <span class="en">Back to the sign-in page</span></a></p>`,
  );
}

/** Writes the callback's audit entry (who signed in, or no one) and answers with it already stored. */
async function audited(
  ctx: RequestContext<'finishDashboardSso'>,
  response: Response,
  clientId: string | null,
) {
  const { pathname } = new URL(ctx.request.url);
  try {
    await ctx.core.audit.append({
      at: ctx.at,
      requestId: ctx.requestId,
      clientId,
      method: ctx.request.method,
      path: pathname,
      datasetId: null,
      status: response.status,
      bodySha256: null,
    });
  } catch (error) {
    ctx.core.log({
      level: 'error',
      msg: 'audit append failed',
      requestId: ctx.requestId,
      error: error instanceof Error ? error.message : String(error),
    });
  }
  return { response, audited: 'with-write' as const };
}

export const dashboardSsoRoutes = {
  async startDashboardSso(ctx) {
    const signIn = signInOf(ctx.core);
    const { transaction, authorizationUrl } = await signIn.start();
    return answer(null, 303, { location: authorizationUrl.href }, [
      ssoCookie(ctx.core, ctx.request, await sealTransaction(ctx.core, transaction), SSO_SECONDS),
    ]);
  },

  async finishDashboardSso(ctx) {
    const signIn = signInOf(ctx.core);
    const { core, request } = ctx;
    const clear = ssoCookie(core, request, '', 0);
    const refuse = (id: string, en: string, detail: string, clientId: string | null = null) => {
      core.log({ level: 'warn', msg: `single sign-on refused: ${detail}`, requestId: ctx.requestId });
      if (!acceptsHtml(request)) throw new HubProblem(403, 'forbidden', en);
      return audited(ctx, answer(refusedPage(id, en), 403, {}, [clear]), clientId);
    };
    const transaction = await openTransaction(core, request);
    if (transaction === undefined) {
      return refuse(
        'Sesi masuk tidak ditemukan atau kedaluwarsa; mulai lagi dari halaman masuk.',
        'The sign-in was not started here or took too long; start again from the sign-in page.',
        'no valid tukar_sso cookie',
      );
    }
    let identity: Awaited<ReturnType<OidcSignIn['finish']>>;
    try {
      identity = await signIn.finish(new URL(request.url).searchParams, transaction);
    } catch (error) {
      if (!(error instanceof OidcSignInError)) throw error;
      const cause = error.cause as { code?: unknown } | undefined;
      return refuse(
        'Jawaban penyedia SSO tidak lolos pemeriksaan; mulai lagi dari halaman masuk.',
        error.message,
        `${error.code}${typeof cause?.code === 'string' ? ` (${cause.code})` : ''}`,
      );
    }
    const account = identity.account;
    const client = account === undefined ? undefined : await core.store.getClient(account);
    if (client === undefined) {
      return refuse(
        'Identitas SSO Anda tidak terhubung ke akun Tukar mana pun; minta administrator Diskominfo menghubungkannya.',
        'Your single sign-on identity is linked to no Tukar account; ask the Diskominfo administrator to link it.',
        `an identity of ${identity.issuer} names no account in claim ${signIn.options.accountClaim}`,
      );
    }
    if (client.disabled) {
      return refuse(
        'Akun Tukar Anda dinonaktifkan; hubungi administrator Diskominfo.',
        'Your Tukar account is disabled; contact the Diskominfo administrator.',
        `account ${client.id} is disabled`,
        client.id,
      );
    }
    core.log({
      level: 'info',
      msg: `single sign-on: ${client.id} signed in`,
      requestId: ctx.requestId,
      clientId: client.id,
    });
    const page = htmlPage(
      'Masuk — Dasbor Tukar',
      `<meta http-equiv="refresh" content="0;url=/dashboard">
<p>Berhasil masuk sebagai <span class="en">Signed in as</span> <strong>${escapeHtml(client.name)}</strong>.</p>
<p><a href="/dashboard">Lanjut ke dasbor <span class="en">Go on to the dashboard</span></a></p>`,
    );
    // A page, not a redirect: the dashboard is then reached from the hub's own page, so the browser sends
    // the SameSite=Strict session cookie with it even though the sign-in came back from another site.
    return audited(
      ctx,
      answer(page, 200, {}, [clear, await sessionCookie(core, request, client.id, null)]),
      client.id,
    );
  },
} satisfies Partial<RouteTable>;
