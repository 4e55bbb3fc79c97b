// What keeps the dashboard's pages and forms safe in a browser: cookies that say `Secure` when the page
// came over HTTPS, a CSRF token bound to a pre-session cookie, a same-site check of each form post, and
// headers that keep the pages out of other sites' frames.
import { base64Url, randomAlphanumeric, timingSafeEqual } from '../crypto-helpers';
import { HubProblem } from '../hub-problem';
import type { HubCore } from '../request-context';

/** The session cookie set by a successful sign-in. */
export const SESSION_COOKIE = 'tukar_session';
/** The pre-session cookie whose nonce each dashboard form's CSRF token is bound to. */
export const CSRF_COOKIE = 'tukar_csrf';

/**
 * Headers of every dashboard answer: no framing by any site (clickjacking), no script, no outside
 * resource, forms posted only to the hub itself.
 */
export const DASHBOARD_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

/** HMAC-SHA-256 of `payload` with the hub's session secret, base64url. */
export async function sign(core: HubCore, payload: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(core.sessionSecret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return base64Url(new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(payload))));
}

/** The value of cookie `name` in the request, or undefined. */
export function readCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/**
 * Whether the browser reached the hub over HTTPS: the request URL says so, or — only when the hub was
 * told to trust its proxy (`trustProxy`) — the proxy's `X-Forwarded-Proto` does.
 */
export function reachedOverHttps(core: HubCore, request: Request): boolean {
  if (new URL(request.url).protocol === 'https:') return true;
  if (!core.trustProxy) return false;
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https';
}

/** A `Set-Cookie` value for a dashboard cookie: HttpOnly, SameSite=Strict, under /dashboard, Secure over HTTPS. */
export function setCookie(
  core: HubCore,
  request: Request,
  name: string,
  value: string,
  maxAgeSeconds?: number,
): string {
  const maxAge = maxAgeSeconds === undefined ? '' : `; Max-Age=${maxAgeSeconds}`;
  const secure = reachedOverHttps(core, request) ? '; Secure' : '';
  return `${name}=${value}; HttpOnly; SameSite=Strict; Path=/dashboard${maxAge}${secure}`;
}

const NONCE = /^[A-Za-z0-9]{32}$/;

/**
 * The CSRF token for the request's pre-session nonce, and the `Set-Cookie` that plants a new nonce when
 * the request carried none (or a malformed one).
 */
export async function csrfFor(
  core: HubCore,
  request: Request,
): Promise<{ token: string; setCookie: string | undefined }> {
  const given = readCookie(request, CSRF_COOKIE);
  const nonce = given !== undefined && NONCE.test(given) ? given : randomAlphanumeric(32);
  return {
    token: await sign(core, `csrf|${nonce}`),
    setCookie: nonce === given ? undefined : setCookie(core, request, CSRF_COOKIE, nonce),
  };
}

/** The host the browser addressed: the request's, or the trusted proxy's `X-Forwarded-Host`. */
function addressedHosts(core: HubCore, request: Request): string[] {
  const hosts = [new URL(request.url).host.toLowerCase()];
  const forwarded = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim().toLowerCase();
  if (core.trustProxy && forwarded) hosts.push(forwarded);
  return hosts;
}

/**
 * Refuses (403 `forbidden`) a dashboard form post that came from another site or without the CSRF token
 * bound to its pre-session cookie. `Sec-Fetch-Site` must be `same-origin` when the browser sends it; an
 * `Origin` other than `null` (sent under the pages' no-referrer policy) must name the hub's own host.
 */
export async function checkFormPost(
  core: HubCore,
  request: Request,
  token: string | undefined,
): Promise<void> {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') {
    throw new HubProblem(
      403,
      'forbidden',
      `The form was posted from another site (Sec-Fetch-Site: ${site}); use the form on the hub's own /dashboard/login page.`,
    );
  }
  const origin = request.headers.get('origin');
  if (origin !== null && origin !== 'null') {
    let host: string | undefined;
    try {
      host = new URL(origin).host.toLowerCase();
    } catch {
      host = undefined;
    }
    if (host === undefined || !addressedHosts(core, request).includes(host)) {
      throw new HubProblem(
        403,
        'forbidden',
        "The form was posted from another origin; use the form on the hub's own /dashboard/login page.",
      );
    }
  }
  const nonce = readCookie(request, CSRF_COOKIE);
  const expected = nonce !== undefined && NONCE.test(nonce) ? await sign(core, `csrf|${nonce}`) : undefined;
  if (expected === undefined || token === undefined || !timingSafeEqual(token, expected)) {
    throw new HubProblem(
      403,
      'forbidden',
      "The form's security token is missing or does not match its cookie; reload /dashboard/login and submit the form again.",
    );
  }
}
