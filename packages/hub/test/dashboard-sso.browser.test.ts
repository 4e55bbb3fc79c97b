// People sign in to the dashboard through the kabupaten's OpenID Connect provider: a real provider on
// loopback, the hub, and headless Chromium clicking "Masuk dengan SSO".
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, hasChromium, launchChromium } from '../../../test/support/headless-chromium';
import type { HubLogLine } from '../src/request-context';
import { startHub, type TestHub } from './hub-fixture';
import { freePort, startOidcProvider, type TestOidcProvider } from './oidc-test-provider';

if (!hasChromium) {
  console.warn(
    `dashboard-sso.browser.test.ts skipped: ${CHROMIUM_PATH} is missing (install chromium to run it).`,
  );
}

describe.skipIf(!hasChromium)('single sign-on to the dashboard in headless Chromium', () => {
  let provider: TestOidcProvider;
  let hub: TestHub;
  let browser: Browser;
  const logs: HubLogLine[] = [];

  beforeAll(async () => {
    const port = await freePort();
    const hubUrl = `http://127.0.0.1:${port}`;
    provider = await startOidcProvider(`${hubUrl}/dashboard/login/sso/callback`, {
      budi: 'ciamis/diskominfo/budi',
      siti: 'ciamis/dinkes/siti',
      tamu: undefined, // a person of the provider linked to no Tukar account
    });
    hub = await startHub({
      port,
      log: (line) => logs.push(line),
      oidc: {
        issuer: provider.issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        redirectBaseUrl: hubUrl,
      },
    });
    expect(hub.url).toBe(hubUrl);
    const at = new Date().toISOString();
    const person = { opd: 'Diskominfo', role: 'client' as const, createdAt: at };
    await hub.store.createClient({
      id: 'ciamis/diskominfo/budi',
      name: 'Budi Santoso',
      ...person,
      disabled: false,
    });
    await hub.store.createClient({
      id: 'ciamis/dinkes/siti',
      name: 'Siti Aminah',
      ...person,
      disabled: true,
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
    await provider?.close();
  });

  /**
   * From the hub's login page through the provider's forms, as `login`; the page once it is back on the
   * hub (`tamper` may first set routes that change what the browser sends).
   */
  async function signInAs(login: string, tamper?: (page: Page) => Promise<void>): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${hub.url}/dashboard`);
    expect(new URL(page.url()).pathname).toBe('/dashboard/login');
    await tamper?.(page);
    await page.getByRole('link', { name: /Masuk dengan SSO/ }).click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.locator('input[name=login]').fill(login);
    await page.locator('input[name=password]').fill('sandi-apa-saja');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => url.origin === hub.url);
    return page;
  }

  const _text = (page: Page) => page.locator('body').textContent();

  it('signs a linked person in: the dashboard names them, and signing out ends the session', async () => {
    const page = await signInAs('budi');
    await page.waitForURL(`${hub.url}/dashboard`);
    await expect(page.locator('[data-signed-in]').textContent()).resolves.toBe('Budi Santoso');
    await expect(page.locator('header').textContent()).resolves.toContain('ciamis/diskominfo/budi · SSO');
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'tukar_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/dashboard' });
    expect(cookies.find((c) => c.name === 'tukar_sso')).toBeUndefined(); // the transaction is over

    await page.getByRole('button', { name: /Keluar/ }).click();
    await page.waitForURL(`${hub.url}/dashboard/login`);
    await page.goto(`${hub.url}/dashboard`);
    expect(new URL(page.url()).pathname).toBe('/dashboard/login');
    await page.context().close();

    await hub.running.hub.sealAudit();
    const entries = (await hub.store.listAudit(0, 1000)).filter((e) => e.path.startsWith('/dashboard/log'));
    expect(entries.map((e) => [e.method, e.path, e.status, e.clientId])).toEqual(
      expect.arrayContaining([
        ['GET', '/dashboard/login/sso/callback', 200, 'ciamis/diskominfo/budi'],
        ['POST', '/dashboard/logout', 303, 'ciamis/diskominfo/budi'],
      ]),
    );
  });

  it('refuses an identity linked to no account, with a page that says so', async () => {
    const page = await signInAs('tamu');
    expect(new URL(page.url()).pathname).toBe('/dashboard/login/sso/callback');
    await expect(page.locator('[data-refused]').textContent()).resolves.toContain(
      'tidak terhubung ke akun Tukar',
    );
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain('tukar_session');
    await page.goto(`${hub.url}/dashboard`);
    expect(new URL(page.url()).pathname).toBe('/dashboard/login');
    await page.context().close();
  });

  it('refuses a disabled account', async () => {
    const page = await signInAs('siti');
    await expect(page.locator('[data-refused]').textContent()).resolves.toContain('dinonaktifkan');
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain('tukar_session');
    await page.context().close();
  });

  /**
   * What a meddler between browser and hub would do: from the first request matching `first`, follows the
   * redirects (with the browser's cookies) up to the URL matching `target`, changes its query, and sends
   * the browser there. (Playwright routes see only the first request of a redirect chain.)
   */
  async function redirectChanged(
    page: Page,
    first: (request: Request) => boolean,
    target: (url: URL) => boolean,
    change: (query: URLSearchParams) => void,
  ): Promise<void> {
    let done = false;
    await page.route(
      () => !done,
      async (route) => {
        if (done || !first(route.request())) return route.continue();
        done = true;
        const response = await route.fetch({ maxRedirects: 0 });
        const headers = response.headers();
        let location = new URL(headers['location'] ?? '', route.request().url());
        for (let hops = 0; !target(location) && hops < 5; hops++) {
          const next = await page.context().request.get(location.href, { maxRedirects: 0 });
          location = new URL(next.headers()['location'] ?? '', location);
        }
        change(location.searchParams);
        await route.fulfill({ status: 303, headers: { ...headers, location: location.href } });
      },
    );
  }

  it('refuses a callback whose state was changed on the way back', async () => {
    const page = await signInAs('budi', (p) =>
      redirectChanged(
        p,
        (request) => request.method() === 'POST' && (request.postData() ?? '').includes('prompt=consent'),
        (url) => url.pathname === '/dashboard/login/sso/callback',
        (query) => query.set('state', `${query.get('state')}x`),
      ),
    );
    await expect(page.locator('[data-refused]').textContent()).resolves.toContain('tidak lolos pemeriksaan');
    expect(logs.map((l) => l.msg)).toContain(
      'single sign-on refused: response_invalid (OAUTH_INVALID_RESPONSE)',
    );
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain('tukar_session');
    await page.context().close();
  });

  it('refuses an ID token whose nonce is not the one the hub asked for', async () => {
    const page = await signInAs('budi', (p) =>
      redirectChanged(
        p,
        (request) => new URL(request.url()).pathname === '/dashboard/login/sso',
        (url) => url.origin === provider.issuer && url.pathname === '/auth',
        (query) => query.set('nonce', 'nonce-lain'),
      ),
    );
    await expect(page.locator('[data-refused]').textContent()).resolves.toContain('tidak lolos pemeriksaan');
    expect(logs.map((l) => l.msg)).toContain(
      'single sign-on refused: response_invalid (OAUTH_JWT_CLAIM_COMPARISON_FAILED)',
    );
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain('tukar_session');
    await page.context().close();
  });

  it('shows and logs no code, token or client secret', async () => {
    const page = await signInAs('tamu');
    const body = await page.content();
    expect(body).not.toMatch(/code=|eyJ|id_token|access_token/);
    await page.context().close();
    const logged = JSON.stringify(logs);
    expect(logged).not.toContain(provider.clientSecret);
    expect(logged).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}|code=/);
    expect(logs.some((l) => l.msg.startsWith('single sign-on refused'))).toBe(true);
  });
});
