import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { HubClient } from '@tukar/client';
import { loadPreset } from '@tukar/contracts/procedure';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, hasChromium, launchChromium } from '../../../test/support/headless-chromium';
import {
  exampleContract,
  publishDataset,
  puskesmasRecords,
  registerClient,
  startHub,
  type TestHub,
} from './hub-fixture';

const CHROMIUM = CHROMIUM_PATH;
const HAS_CHROMIUM = hasChromium;
const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/hub/', import.meta.url));
const HOSTILE_TITLE = '<script>alert(1)</script>';

/** The text as a reader sees it, laid out (not the DOM's raw text). */
// biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what this test is about
const seen = (locator: Locator) => locator.innerText();

if (!HAS_CHROMIUM) {
  console.warn(`dashboard.browser.test.ts skipped: ${CHROMIUM} is missing (install chromium to run it).`);
}

describe.skipIf(!HAS_CHROMIUM)('the dashboard in headless Chromium', () => {
  let hub: TestHub;
  let browser: Browser;
  let clock = new Date('2025-03-10T02:00:00Z'); // a Monday, 09:00 WIB
  let completedId: string;
  let overdueId: string;
  let hostileId: string;
  let validReportId: string;
  let invalidReportId: string;
  let opdKey: string;
  const dialogs: string[] = [];

  /** Opens the login form in a fresh context of `viewport`, types the key and submits it. */
  async function signIn(viewport: { width: number; height: number }, apiKey: string): Promise<Page> {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${hub.url}/dashboard`);
    expect(new URL(page.url()).pathname).toBe('/dashboard/login');
    await page.getByLabel('Kunci API').fill(apiKey);
    await Promise.all([
      page.waitForURL(`${hub.url}/dashboard`),
      page.getByRole('button', { name: /Masuk/ }).click(),
    ]);
    return page;
  }

  async function walkToCompleted(admin: HubClient, opd: HubClient, tim: HubClient): Promise<void> {
    const act = (client: HubClient, body: Record<string, unknown>) =>
      client.unwrap(
        client.POST('/v1/integrations/{integrationId}/transitions', {
          params: { path: { integrationId: completedId } },
          // biome-ignore lint/suspicious/noExplicitAny: transition bodies are built per step below.
          body: body as any,
        }),
      );
    // Ciamis: System Administrator (admin), SKPD (the OPD), Tim Teknis IT (a person in role tim-teknis).
    await act(admin, { when: 'done', disposition: { number: '555/112/Diskominfo/2025' } });
    await act(opd, { when: 'done', contractVersion: '1.0.0' });
    await act(tim, { when: 'agree', contractVersion: '1.0.0' });
    await act(tim, { when: 'done', datasetId: 'dinkes.puskesmas' });
    await act(tim, { when: 'done', clientId: 'ciamis/dinkes/simpus' });
    await act(tim, { when: 'done' });
    const pactContent = JSON.stringify({ consumer: { name: 'simpus' }, provider: { name: 'tukar-hub' } });
    const pact = await admin.unwrap(
      admin.POST('/v1/integrations/{integrationId}/attachments', {
        params: { path: { integrationId: completedId } },
        body: {
          kind: 'pact-results',
          name: 'simpus-tukar-hub.json',
          mediaType: 'application/json',
          content: pactContent,
        },
      }),
    );
    expect(pact.kind).toBe('pact-results');
    const reportInput = {
      contractId: 'dinkes.puskesmas',
      contractVersion: '1.0.0',
      integrationId: completedId,
      source: { kind: 'endpoint' as const, location: 'http://127.0.0.1/api/puskesmas' },
      startedAt: clock.toISOString(),
      finishedAt: clock.toISOString(),
      complete: true,
    };
    const invalid = await opd.unwrap(
      opd.POST('/v1/validation-reports', {
        body: {
          ...reportInput,
          verdict: 'invalid',
          counts: { records: 25, valid: 24, invalid: 1, issues: 1 },
          issues: [{ record: 3, path: '/nama', code: 'type', message: 'Field "nama" must be a string.' }],
        },
      }),
    );
    invalidReportId = invalid.id;
    const valid = await opd.unwrap(
      opd.POST('/v1/validation-reports', {
        body: {
          ...reportInput,
          verdict: 'valid',
          counts: { records: 25, valid: 25, invalid: 0, issues: 0 },
          issues: [],
        },
      }),
    );
    validReportId = valid.id;
    await act(opd, { when: 'done', reportId: valid.id });
    await act(opd, { when: 'agree', note: 'Selesai' });
  }

  beforeAll(async () => {
    hub = await startHub({ now: () => clock, procedures: [loadPreset('ciamis'), loadPreset('sragen')] });
    const { admin } = hub;
    await publishDataset(admin, await exampleContract('dinkes.puskesmas'));
    await admin.pushRecords('dinkes.puskesmas', puskesmasRecords(25));
    const registered = await registerClient(hub, 'ciamis/dinkes/simpus', {
      'dinkes.puskesmas': ['read', 'write'],
    });
    const opd = registered.client;
    opdKey = registered.apiKey;
    const request = (title: string, procedure?: string) =>
      opd.unwrap(
        opd.POST('/v1/integrations', {
          body: {
            title,
            opd: 'Dinas Kesehatan',
            requester: { name: 'Rina', contact: 'simpus@dinkes.example.go.id' },
            purpose: 'Daftar puskesmas untuk satu data',
            datasetId: 'dinkes.puskesmas',
            ...(procedure !== undefined && { procedure }),
          },
        }),
      );
    completedId = (await request('Integrasi daftar puskesmas')).id;
    const tim = await registerClient(
      hub,
      'ciamis/diskominfo/tim-teknis',
      {},
      {
        person: { name: 'Andi Pratama', nip: '198503102010011002', procedureRole: 'tim-teknis' },
      },
    );
    await walkToCompleted(admin, opd, tim.client);
    overdueId = (await request('Integrasi jadwal imunisasi')).id;
    hostileId = (await request(HOSTILE_TITLE, 'sragen')).id;
    // Step 1 allows one working day: asked Monday 09:00 WIB, due Tuesday 09:00 WIB; now it is 10:00.
    clock = new Date('2025-03-11T03:00:00Z');
    await mkdir(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('refuses a wrong key on the form and says so', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${hub.url}/dashboard/login`);
    await page.getByLabel('Kunci API').fill(`tk_${'A'.repeat(43)}`);
    await page.getByRole('button', { name: /Masuk/ }).click();
    await expect(seen(page.getByRole('alert'))).resolves.toContain('Kunci API tidak diterima');
    expect(new URL(page.url()).pathname).toBe('/dashboard/login');
    // No session; the login page's pre-session cookie (its CSRF binding) is the only cookie.
    expect((await context.cookies()).filter((c) => c.name !== 'tukar_csrf')).toEqual([]);
    await context.close();
  });

  it('shows datasets, integrations by step, validations and Pact results after signing in', async () => {
    const page = await signIn({ width: 1280, height: 900 }, hub.adminKey);
    await expect(page.title()).resolves.toBe('Dasbor Integrasi Data — Tukar');
    await expect(seen(page.locator('header'))).resolves.toContain('Masuk sebagai');

    const dataset = page.locator('tr[data-dataset="dinkes.puskesmas"]');
    const datasetText = await seen(dataset);
    expect(datasetText).toContain('dinkes.puskesmas');
    expect(datasetText).toContain('1.0.0');
    expect(datasetText).toContain('mutakhir');
    await expect(seen(dataset.locator('[data-records]'))).resolves.toBe('25');

    const completed = page.locator(`tr[data-integration="${completedId}"]`);
    await expect(seen(completed)).resolves.toMatch(/8\. SKPD melakukan evaluasi akhir/);
    await expect(seen(completed)).resolves.toContain('selesai');
    const overdue = page.locator(`tr[data-integration="${overdueId}"]`);
    await expect(seen(overdue)).resolves.toMatch(/1\. Melakukan permohonan kepada System Administrator/);
    await expect(seen(overdue)).resolves.toContain('System Administrator');
    await expect(seen(overdue)).resolves.toContain('terlambat');
    await expect(seen(completed)).resolves.not.toContain('terlambat');
    // Each integration shows the procedure version it follows: two procedures side by side, each
    // panel with its own steps as the kabupaten names them.
    await expect(completed.getAttribute('data-procedure')).resolves.toBe('ciamis@1.0.0');
    const sragen = page.locator(`tr[data-integration="${hostileId}"]`);
    await expect(sragen.getAttribute('data-procedure')).resolves.toBe('sragen@1.0.0');
    const ciamisPanel = page.locator('section.procedure[data-procedure="ciamis@1.0.0"]');
    const sragenPanel = page.locator('section.procedure[data-procedure="sragen@1.0.0"]');
    await expect(seen(ciamisPanel.locator('h3'))).resolves.toMatch(/Kabupaten Ciamis[\s\S]*ciamis\s+1\.0\.0/);
    await expect(seen(sragenPanel.locator('h3'))).resolves.toMatch(/Kabupaten Sragen[\s\S]*sragen\s+1\.0\.0/);
    expect(await ciamisPanel.locator(`tr[data-integration="${completedId}"]`).count()).toBe(1);
    expect(await sragenPanel.locator(`tr[data-integration="${hostileId}"]`).count()).toBe(1);
    const ciamisSteps = await seen(ciamisPanel.locator('.steps'));
    const sragenSteps = await seen(sragenPanel.locator('.steps'));
    expect(ciamisSteps).toContain('SKPD melakukan evaluasi akhir');
    expect(ciamisSteps).not.toContain('Perangkat Daerah melakukan evaluasi akhir');
    expect(ciamisSteps).toContain('Ka. Sie. Telematika');
    expect(sragenSteps).toContain('Perangkat Daerah melakukan evaluasi akhir');
    expect(sragenSteps).not.toContain('SKPD melakukan evaluasi akhir');
    expect(sragenSteps).toContain('14 hari');
    expect(await ciamisPanel.locator('.steps li').count()).toBe(9);
    expect(await sragenPanel.locator('.steps li').count()).toBe(9);
    const [left, right] = [await ciamisPanel.boundingBox(), await sragenPanel.boundingBox()];
    expect(left && right && Math.abs(left.y - right.y) < 1 && left.x < right.x).toBe(true);
    // By SOP step within each procedure: the step-1 integration comes before the ended one.
    const order = await page
      .locator('tr[data-integration]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-step')));
    expect(order).toEqual(['1', '8', '1']);
    await expect(seen(page.locator('.summary'))).resolves.toMatch(/2\s+Terlambat/);

    await expect(seen(page.locator(`tr[data-report="${validReportId}"] td`).nth(1))).resolves.toBe('valid');
    await expect(seen(page.locator(`tr[data-report="${invalidReportId}"] td`).nth(1))).resolves.toMatch(
      /^tidak valid/,
    );
    const pact = page.locator('tr[data-pact]');
    expect(await pact.count()).toBe(1);
    await expect(seen(pact)).resolves.toContain('simpus-tukar-hub.json');

    await page.screenshot({ path: `${ARTIFACTS}dashboard-desktop.png`, fullPage: true });
    await page.context().close();
  });

  it('opens the report of an integration on the dashboard from its title', async () => {
    const page = await signIn({ width: 1280, height: 900 }, hub.adminKey);
    await page.locator(`tr[data-integration="${completedId}"] a`).click();
    expect(new URL(page.url()).hash).toBe(`#integrasi-${completedId}`);
    const report = page.locator(`section[id="integrasi-${completedId}"]`);
    expect(await report.isVisible()).toBe(true);
    await expect(seen(report.locator('h3'))).resolves.toContain('Laporan Hasil Integrasi');
    await expect(seen(report.locator('tr[data-step="8"]'))).resolves.toContain(
      'SKPD melakukan evaluasi akhir',
    );
    await expect(seen(report.locator('tr[data-step="3"]'))).resolves.toMatch(
      /Tim Teknis IT[\s\S]*1 bulan[\s\S]*Andi Pratama/,
    );
    expect(await report.locator('tr[data-step]').count()).toBe(9);
    await expect(seen(report)).resolves.toContain('simpus-tukar-hub.json');
    await expect(seen(report)).resolves.toContain('dinkes.puskesmas 1.0.0');
    // Printing with the report open prints that report alone.
    await page.emulateMedia({ media: 'print' });
    expect(await report.isVisible()).toBe(true);
    expect(await page.locator('header').isVisible()).toBe(false);
    expect(await page.locator(`section[id="integrasi-${overdueId}"]`).isVisible()).toBe(false);
    await page.context().close();
  });

  it('shows a hostile title as text and runs no script of it', async () => {
    const page = await signIn({ width: 1280, height: 900 }, hub.adminKey);
    await expect(seen(page.locator(`tr[data-integration="${hostileId}"] a`))).resolves.toBe(HOSTILE_TITLE);
    await expect(seen(page.locator(`section[id="integrasi-${hostileId}"] .facts td`).first())).resolves.toBe(
      HOSTILE_TITLE,
    );
    expect(await page.locator('script').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await page.context().close();
  });

  it('keeps the session cookie away from scripts (HttpOnly, SameSite=Strict, only under /dashboard)', async () => {
    const page = await signIn({ width: 1280, height: 900 }, hub.adminKey);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    // The session and the pre-session cookie of the forms' CSRF tokens, both out of scripts' reach.
    const cookies = (await page.context().cookies()).filter((c) => c.name !== 'tukar_csrf');
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatchObject({
      name: 'tukar_session',
      httpOnly: true,
      sameSite: 'Strict',
      path: '/dashboard',
    });
    const csrf = (await page.context().cookies()).find((c) => c.name === 'tukar_csrf');
    expect(csrf).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/dashboard' });
    await page.context().close();
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const page = await signIn({ width: 390, height: 844 }, hub.adminKey);
    const overflow = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.clientWidth);
    // Each dataset is a card: the column headings are hidden and every value carries its label.
    const card = page.locator('tr[data-dataset="dinkes.puskesmas"]');
    const layout = await card.evaluate((row) => ({
      head: getComputedStyle(row.closest('table')?.querySelector('thead') as Element).display,
      row: getComputedStyle(row).display,
      labels: [...row.querySelectorAll('td')].map((td) => getComputedStyle(td, '::before').content),
    }));
    expect(layout.head).toBe('none');
    expect(layout.row).toBe('block');
    expect(layout.labels).toContain('"Rekaman"');
    expect(layout.labels).toContain('"Kemutakhiran"');
    await expect(seen(card.locator('[data-records]'))).resolves.toBe('25');
    await page.screenshot({ path: `${ARTIFACTS}dashboard-phone.png`, fullPage: true });
    await page.screenshot({ path: `${ARTIFACTS}dashboard-phone-first-screen.png` });
    await page.context().close();
  });

  it('shows a client only what it may read', async () => {
    const outsider = await registerClient(hub, 'ciamis/dishub/sitra');
    const page = await signIn({ width: 1280, height: 900 }, outsider.apiKey);
    // dinkes.puskesmas is publik, so every client reads it; the integrations and reports are not its own.
    expect(await page.locator('tr[data-dataset="dinkes.puskesmas"]').count()).toBe(1);
    expect(await page.locator('tr[data-integration]').count()).toBe(0);
    expect(await page.locator('tr[data-report]').count()).toBe(0);
    expect(await page.locator('tr[data-pact]').count()).toBe(0);
    await page.context().close();

    // The requesting OPD sees its own integrations, reports and Pact results.
    const own = await signIn({ width: 1280, height: 900 }, opdKey);
    await expect(seen(own.locator('header'))).resolves.toContain('ciamis/dinkes/simpus');
    expect(await own.locator('tr[data-integration]').count()).toBe(3);
    expect(await own.locator('tr[data-report]').count()).toBe(2);
    expect(await own.locator('tr[data-pact]').count()).toBe(1);
    await own.context().close();
  });

  it('signs out with the button on the dashboard: the session cookie is gone and the dashboard asks to sign in', async () => {
    const page = await signIn({ width: 1280, height: 900 }, hub.adminKey);
    await Promise.all([
      page.waitForURL(`${hub.url}/dashboard/login`),
      page.getByRole('button', { name: /Keluar/ }).click(),
    ]);
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain('tukar_session');
    await page.goto(`${hub.url}/dashboard`);
    expect(new URL(page.url()).pathname).toBe('/dashboard/login');
    await page.context().close();
  });

  describe('another site', () => {
    let attacker: Server;
    let attackerUrl: string;
    let attackerKey: string;
    const pages = new Map<string, string>();

    beforeAll(async () => {
      attackerKey = (await registerClient(hub, 'ciamis/lain/penyerang')).apiKey;
      attacker = createServer((request, response) => {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(pages.get(request.url ?? '/') ?? '');
      });
      await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
      attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise((resolve) => attacker?.close(resolve));
    });

    it('cannot sign a browser in with its own form (login CSRF), even with a token it fetched itself', async () => {
      // The attacker loads the hub's login page itself, so its form carries a real token (bound to the
      // attacker's own pre-session cookie, not the victim's).
      const own = await fetch(`${hub.url}/dashboard/login`);
      const token = /name="csrf" value="([^"]+)"/.exec(await own.text())?.[1] ?? '';
      pages.set(
        '/login-csrf',
        `<!doctype html><form id="f" method="post" action="${hub.url}/dashboard/login">
<input name="apiKey" value="${attackerKey}"><input name="csrf" value="${token}"></form>
<script>document.getElementById('f').submit()</script>`,
      );
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${hub.url}/dashboard/login`); // the victim has seen the hub: it has a pre-session cookie
      const answer = page.waitForResponse(`${hub.url}/dashboard/login`);
      await page.goto(`${attackerUrl}/login-csrf`);
      expect((await answer).status()).toBe(403);
      expect((await context.cookies()).map((c) => c.name)).not.toContain('tukar_session');
      await page.goto(`${hub.url}/dashboard`);
      expect(new URL(page.url()).pathname).toBe('/dashboard/login');
      await context.close();
    });

    it('cannot show the dashboard or its login form in a frame', async () => {
      pages.set(
        '/frame',
        `<!doctype html><iframe id="login" src="${hub.url}/dashboard/login"></iframe><iframe id="dash" src="${hub.url}/dashboard"></iframe>`,
      );
      const page = await signIn({ width: 1280, height: 900 }, hub.adminKey);
      const refused: string[] = [];
      page.on('console', (message) => refused.push(message.text()));
      await page.goto(`${attackerUrl}/frame`, { waitUntil: 'load' });
      const frames = page.frames().filter((frame) => frame !== page.mainFrame());
      expect(frames).toHaveLength(2);
      for (const frame of frames) {
        // A refused frame holds Chromium's error page, not the hub's form or dashboard.
        expect(frame.url()).not.toMatch(/^http:\/\/127\.0\.0\.1:\d+\/dashboard/);
        expect(await frame.locator('input[name="apiKey"], header').count()).toBe(0);
      }
      expect(refused.join('\n')).toMatch(/frame-ancestors/);
      await page.context().close();
    });
  });
});
