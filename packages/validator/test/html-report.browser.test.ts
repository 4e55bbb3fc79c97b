import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, hasChromium, launchChromium } from '../../../test/support/headless-chromium';
import { renderHtml, type ValidationReport, validateEndpoint } from '../src/index';
import { PUSKESMAS, puskesmas } from './helpers';
import { pagesOf, startOpdServer } from './opd-server';

const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/validator/', import.meta.url));

/** The text as a reader sees it, laid out (not the DOM's raw text). */
// biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what this test is about
const seen = (locator: Locator) => locator.innerText();

let browser: Browser;
let report: ValidationReport;
let htmlPath: string;

if (!hasChromium)
  console.warn(
    `html-report.browser.test.ts skipped: ${CHROMIUM_PATH} is missing (install chromium to run it).`,
  );

beforeAll(async () => {
  if (!hasChromium) return;
  // SIMPUS with the mistakes of a real export, crawled over HTTP like an OPD endpoint.
  const records = Array.from({ length: 14 }, (_, i) => puskesmas(i + 1));
  records[3] = puskesmas(4, { kode_wilayah: '32.07.99.2001' });
  records[5] = puskesmas(6, { jumlah_tenaga_kesehatan: 'enam puluh' });
  records[8] = puskesmas(2);
  records[11] = puskesmas(12, { kode_wilayah: '32.07.01.9999' });
  const pages = pagesOf(records, 5);
  const server = await startOpdServer(({ query }) => {
    const page = Number(query.get('page') ?? '1');
    return {
      json: {
        data: pages[page - 1],
        links: { next: page < pages.length ? `/api/puskesmas?page=${page + 1}` : null },
      },
    };
  });
  try {
    report = await validateEndpoint(PUSKESMAS, { baseUrl: server.url });
  } finally {
    await server.close();
  }
  await mkdir(ARTIFACTS, { recursive: true });
  htmlPath = `${ARTIFACTS}laporan-hasil-validasi.html`;
  await writeFile(htmlPath, renderHtml(report));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!hasChromium)('the Laporan Hasil Validasi in headless Chromium', () => {
  it('shows a reader the verdict, the counts and the first issue, loading nothing from outside', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 1400 } });
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(pathToFileURL(htmlPath).href);
    expect(requested).toEqual([pathToFileURL(htmlPath).href]);

    await expect(page.title()).resolves.toContain('Laporan Hasil Validasi');
    const verdict = page.locator('.verdict .big');
    expect(await verdict.isVisible()).toBe(true);
    expect(await seen(verdict)).toBe('TIDAK SESUAI KONTRAK / INVALID');
    const count = (name: string) => seen(page.locator(`[data-count="${name}"]`));
    expect(await count('records')).toBe('14');
    expect(await count('valid')).toBe('10');
    expect(await count('invalid')).toBe('4');
    expect(await count('issues')).toBe('4');

    const first = report.issues[0]!;
    expect(first).toMatchObject({ record: 4, code: 'kode-wilayah-desa', page: 1 });
    const firstRow = page.locator('table.issues tbody tr').first();
    expect(await firstRow.isVisible()).toBe(true);
    const rowText = await seen(firstRow);
    expect(rowText).toContain('4');
    expect(rowText).toContain('P3207010004');
    expect(rowText).toContain('32.07.99.2001');
    // The rules: the most frequent first, in Bahasa Indonesia with the English label.
    expect(await seen(page.locator('.rule h3').first())).toMatch(
      /Kode desa\/kelurahan tidak dikenal \/ Unknown village code\s+2×/,
    );
    expect(await seen(page.locator('.ident'))).toContain('Dinas Kesehatan Kabupaten Ciamis');
    expect(await page.locator('.sign').isVisible()).toBe(true);

    await page.screenshot({ path: `${ARTIFACTS}laporan-hasil-validasi.png`, fullPage: true });
    await page.close();
  });

  it('fits a 390 px phone screen: nothing wider than the screen, every detail still shown', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(htmlPath).href);
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      screen: window.innerWidth,
      widest: Math.max(
        ...[...document.querySelectorAll('body *')].map((el) => el.getBoundingClientRect().right),
      ),
    }));
    expect(widths.page).toBeLessThanOrEqual(widths.screen);
    expect(widths.widest).toBeLessThanOrEqual(widths.screen);
    // Each issue is a card: its cells stacked, each shown with its label (drawn before the cell).
    const firstRow = page.locator('table.issues tbody tr').first();
    const rowText = await seen(firstRow);
    expect(rowText).toContain('P3207010004');
    expect(rowText).toContain('32.07.99.2001');
    const cells = await firstRow.locator('td').evaluateAll((tds) =>
      tds.map((td) => ({
        label: getComputedStyle(td, '::before').content,
        display: getComputedStyle(td).display,
        right: td.getBoundingClientRect().right,
      })),
    );
    expect(cells.map((cell) => cell.label)).toEqual([
      '"No. rekaman / Record"',
      '"Kunci / Key"',
      '"Isian / Field"',
      '"Kode / Code"',
      '"Keterangan / Message"',
    ]);
    for (const cell of cells) {
      expect(cell.display).toBe('block');
      expect(cell.right).toBeLessThanOrEqual(390);
    }
    await page.screenshot({ path: `${ARTIFACTS}laporan-hasil-validasi-390px.png`, fullPage: true });
    await page.close();
  });

  it('prints: A4 pages with the verdict and the signature block', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(htmlPath).href);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.verdict').isVisible()).toBe(true);
    const pdfPath = `${ARTIFACTS}laporan-hasil-validasi.pdf`;
    await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
    const pdf = await readFile(pdfPath, 'latin1');
    const pages = pdf.match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.length).toBeLessThanOrEqual(2);
    await page.close();
  });
});
