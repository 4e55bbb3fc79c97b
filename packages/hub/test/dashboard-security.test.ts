// The dashboard's sign-in, sign-out and pages over real HTTP: CSRF tokens bound to the pre-session
// cookie, cross-site posts refused, no framing, Secure cookies over HTTPS or a trusted proxy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHub, createMemoryStore, generateApiKey } from '../src/index';
import { startHub, type TestHub } from './hub-fixture';
import { checkAgainstSpec, specViolations } from './spec-checked-fetch';

let hub: TestHub;
let trusting: TestHub;

beforeAll(async () => {
  hub = await startHub();
  trusting = await startHub({ trustProxy: true });
});
afterAll(async () => {
  await hub.close();
  await trusting.close();
});

/** `fetch` that never follows redirects and checks the answer against the spec. */
async function send(url: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, { redirect: 'manual', ...init });
  await checkAgainstSpec(init.method ?? 'GET', url, response);
  return response;
}

/** The `Set-Cookie` values of an answer, by cookie name. */
function cookiesOf(response: Response): Record<string, string> {
  return Object.fromEntries(response.headers.getSetCookie().map((c) => [c.split('=')[0] as string, c]));
}

/** Opens the login page as a browser would: the pre-session cookie it sets and the form's token. */
async function openLogin(on: TestHub, headers: Record<string, string> = {}) {
  const page = await send(`${on.url}/dashboard/login`, { headers });
  const setCookie = cookiesOf(page).tukar_csrf ?? '';
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  return { page, setCookie, cookie: setCookie.split(';')[0] as string, csrf };
}

function postForm(
  on: TestHub,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string>,
) {
  return send(`${on.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields),
  });
}

describe('dashboard sign-in cannot be posted cross-site', () => {
  it('signs in with the token of the login page and its pre-session cookie', async () => {
    const login = await openLogin(hub);
    expect(login.setCookie).toMatch(
      /^tukar_csrf=[A-Za-z0-9]{32}; HttpOnly; SameSite=Strict; Path=\/dashboard$/,
    );
    const answer = await postForm(
      hub,
      '/dashboard/login',
      { apiKey: hub.adminKey, csrf: login.csrf },
      { cookie: login.cookie, origin: hub.url, 'sec-fetch-site': 'same-origin' },
    );
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('/dashboard');
    expect(cookiesOf(answer).tukar_session).toMatch(
      /HttpOnly; SameSite=Strict; Path=\/dashboard; Max-Age=28800$/,
    );
  });

  it('refuses a post from another site, another origin, or without the token of its cookie, and sets no session', async () => {
    const login = await openLogin(hub);
    const other = await openLogin(hub);
    const attempts: Array<[string, Record<string, string>, Record<string, string>]> = [
      [
        'Sec-Fetch-Site: cross-site',
        { csrf: login.csrf },
        { cookie: login.cookie, 'sec-fetch-site': 'cross-site' },
      ],
      [
        'Sec-Fetch-Site: same-site',
        { csrf: login.csrf },
        { cookie: login.cookie, 'sec-fetch-site': 'same-site' },
      ],
      [
        'an Origin of another host',
        { csrf: login.csrf },
        { cookie: login.cookie, origin: 'https://evil.example' },
      ],
      ['no pre-session cookie', { csrf: login.csrf }, {}],
      ["another browser's token", { csrf: other.csrf }, { cookie: login.cookie }],
      ['a forged token', { csrf: 'x'.repeat(43) }, { cookie: login.cookie }],
    ];
    for (const [what, fields, headers] of attempts) {
      const answer = await postForm(hub, '/dashboard/login', { apiKey: hub.adminKey, ...fields }, headers);
      expect(answer.status, what).toBe(403);
      expect(cookiesOf(answer).tukar_session, what).toBeUndefined();
      const problem = (await answer.json()) as { code: string; detail: string };
      expect(problem.code, what).toBe('forbidden');
      expect(problem.detail, what).toMatch(/another site|another origin|security token/);
    }
    const missing = await postForm(
      hub,
      '/dashboard/login',
      { apiKey: hub.adminKey },
      { cookie: login.cookie },
    );
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { detail: string }).detail).toContain('"csrf" is required');
  });

  it('shows the form again after a wrong key, and answers a JSON client with a problem', async () => {
    const login = await openLogin(hub);
    const wrong = { apiKey: `tk_${'A'.repeat(43)}`, csrf: login.csrf };
    const page = await postForm(hub, '/dashboard/login', wrong, { cookie: login.cookie });
    expect(page.status).toBe(401);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('Kunci API tidak diterima');
    expect(html).toContain(`name="csrf" value="${login.csrf}"`);
    const json = await postForm(hub, '/dashboard/login', wrong, {
      cookie: login.cookie,
      accept: 'application/json',
    });
    expect(json.status).toBe(401);
    expect(json.headers.get('content-type')).toBe('application/problem+json');
    expect(((await json.json()) as { code: string }).code).toBe('unauthorized');
  });
});

describe('dashboard pages cannot be framed', () => {
  it("says frame-ancestors 'none' and X-Frame-Options: DENY on every dashboard answer", async () => {
    const login = await openLogin(hub);
    const signedIn = await postForm(
      hub,
      '/dashboard/login',
      { apiKey: hub.adminKey, csrf: login.csrf },
      { cookie: login.cookie },
    );
    const session = (cookiesOf(signedIn).tukar_session ?? '').split(';')[0] as string;
    const answers = {
      login: login.page,
      signedIn,
      anonymous: await send(`${hub.url}/dashboard`),
      page: await send(`${hub.url}/dashboard`, { headers: { cookie: session } }),
      refused: await postForm(
        hub,
        '/dashboard/login',
        { apiKey: 'tk_x', csrf: login.csrf },
        { cookie: login.cookie },
      ),
    };
    expect(answers.page.status).toBe(200);
    for (const [name, answer] of Object.entries(answers)) {
      expect(answer.headers.get('content-security-policy'), name).toContain("frame-ancestors 'none'");
      expect(answer.headers.get('x-frame-options'), name).toBe('DENY');
    }
  });
});

describe('dashboard sign-out', () => {
  async function signIn() {
    const login = await openLogin(hub);
    const answer = await postForm(
      hub,
      '/dashboard/login',
      { apiKey: hub.adminKey, csrf: login.csrf },
      { cookie: login.cookie },
    );
    const session = (cookiesOf(answer).tukar_session ?? '').split(';')[0] as string;
    const cookie = `${login.cookie}; ${session}`;
    const page = await (await send(`${hub.url}/dashboard`, { headers: { cookie } })).text();
    const csrf = /action="\/dashboard\/logout">.*?name="csrf" value="([^"]+)"/s.exec(page)?.[1] ?? '';
    return { cookie, csrf };
  }

  it('clears the session cookie when posted from the dashboard page, and sends the browser to the login', async () => {
    const { cookie, csrf } = await signIn();
    expect(csrf).not.toBe('');
    const answer = await postForm(
      hub,
      '/dashboard/logout',
      { csrf },
      { cookie, 'sec-fetch-site': 'same-origin' },
    );
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('/dashboard/login');
    expect(cookiesOf(answer).tukar_session).toMatch(/^tukar_session=; .*Max-Age=0/);
  });

  it('signs no one out from another site or without the token', async () => {
    const { cookie, csrf } = await signIn();
    for (const [what, fields, headers] of [
      ['cross-site', { csrf }, { cookie, 'sec-fetch-site': 'cross-site' }],
      ['no token', { csrf: 'nope' }, { cookie }],
    ] as const) {
      const answer = await postForm(hub, '/dashboard/logout', fields, headers);
      expect(answer.status, what).toBe(403);
      expect(answer.headers.getSetCookie(), what).toEqual([]);
    }
  });
});

describe('Secure cookies', () => {
  it('marks the cookies Secure behind a trusted proxy that says https, and only then', async () => {
    const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'hub.ciamiskab.example' };
    const behindProxy = await openLogin(trusting, forwarded);
    expect(behindProxy.setCookie).toMatch(/; Secure$/);
    const signedIn = await postForm(
      trusting,
      '/dashboard/login',
      { apiKey: trusting.adminKey, csrf: behindProxy.csrf },
      // The browser saw the proxy's host: its Origin names that host, not the hub's loopback address.
      { ...forwarded, cookie: behindProxy.cookie, origin: 'https://hub.ciamiskab.example' },
    );
    expect(signedIn.status).toBe(303);
    expect(cookiesOf(signedIn).tukar_session).toMatch(/; Secure$/);

    // A hub that does not trust a proxy ignores the header: anyone can send it.
    const direct = await openLogin(hub, forwarded);
    expect(direct.setCookie).not.toMatch(/Secure/);
    const refused = await postForm(
      hub,
      '/dashboard/login',
      { apiKey: hub.adminKey, csrf: direct.csrf },
      { ...forwarded, cookie: direct.cookie, origin: 'https://hub.ciamiskab.example' },
    );
    expect(refused.status).toBe(403);
  });

  it('marks the cookies Secure when the hub itself is reached over HTTPS', async () => {
    const adminKey = generateApiKey();
    const served = await createHub({ store: createMemoryStore(), adminKey, rateLimit: false });
    const page = await served.fetch(new Request('https://hub.ciamiskab.example/dashboard/login'));
    const setCookie = page.headers.getSetCookie()[0] ?? '';
    expect(setCookie).toMatch(/^tukar_csrf=.*; Secure$/);
    const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    const signedIn = await served.fetch(
      new Request('https://hub.ciamiskab.example/dashboard/login', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: setCookie.split(';')[0] as string,
          origin: 'https://hub.ciamiskab.example',
        },
        body: new URLSearchParams({ apiKey: adminKey, csrf }),
      }),
    );
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.getSetCookie()[0]).toMatch(/^tukar_session=.*; Secure$/);
  });
});

describe('spec conformance of every dashboard answer above', () => {
  it('found no answer that differs from the spec', () => {
    expect(specViolations).toEqual([]);
  });
});
