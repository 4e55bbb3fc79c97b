// The Dokumen Interchange Data (data dictionary) in headless Chromium: looked at as a page, then printed
// to PDF. Artifacts land in test-artifacts/contracts/.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Contract, toDataDictionaryHtml } from '@tukar/contracts';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, hasChromium, launchChromium } from '../../../test/support/headless-chromium';
import { exampleContracts } from './example-contracts';

const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/contracts/', import.meta.url));
// biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what this test is about
const seen = (locator: Locator) => locator.innerText();

let browser: Browser;
let htmlPath: string;
let contract: Contract;

if (!hasChromium)
  console.warn(
    `data-dictionary.browser.test.ts skipped: ${CHROMIUM_PATH} is missing (install chromium to run it).`,
  );

beforeAll(async () => {
  contract = (await exampleContracts()).find((c) => c.file.endsWith('fixtures/dinkes.puskesmas.yaml'))
    ?.contract as Contract;
  if (!hasChromium) return;
  await mkdir(ARTIFACTS, { recursive: true });
  htmlPath = `${ARTIFACTS}kamus-data-dinkes.puskesmas.html`;
  await writeFile(htmlPath, toDataDictionaryHtml(contract, { place: 'Ciamis' }));
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!hasChromium)('the data dictionary in headless Chromium', () => {
  it('shows the header, one row per field with rules in words, masked personal data and the signatures', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(pathToFileURL(htmlPath).href);
    expect(requested).toEqual([pathToFileURL(htmlPath).href]); // self-contained
    await expect(page.title()).resolves.toBe(
      'Kamus Data — Daftar Puskesmas Kabupaten Ciamis (dinkes.puskesmas 1.2.0)',
    );
    expect(await seen(page.locator('h1'))).toBe('DOKUMEN INTERCHANGE DATA / Data Interchange Document');
    const ident = (id: string) => seen(page.locator(`[data-id="${id}"]`));
    expect(await ident('contract')).toBe('dinkes.puskesmas');
    expect(await ident('version')).toBe('1.2.0');
    expect(await ident('status')).toBe('Disepakati / Agreed');
    expect(await ident('owner')).toContain('Dinas Kesehatan — Bidang SDK (simpus@dinkes.ciamiskab.go.id)');
    expect(await ident('steward')).toBe('Diskominfo Kabupaten Ciamis');
    expect(await ident('classification')).toBe('Terbatas / Restricted');
    expect(await ident('compatibility')).toContain('backward');
    const rows = page.locator('table.fields tbody tr');
    expect(await rows.count()).toBe(12); // 9 fields + kepala.nama, kepala.nip, kepala.nik
    const fieldRow = (field: string) => seen(page.locator(`tr[data-field="${field}"]`));
    expect(await fieldRow('kode_wilayah')).toMatch(
      /kode desa\/kelurahan Kemendagri bertitik, mis\. 32\.07\.01\.2008/,
    );
    expect(await fieldRow('nama')).toMatch(/panjang 3–120 karakter/);
    expect(await fieldRow('akreditasi')).toMatch(/salah satu: dasar, madya, utama, paripurna/);
    const nik = await fieldRow('kepala.nik');
    expect(nik).toMatch(/NIK 16 digit: kode kecamatan \+ tanggal lahir/);
    expect(nik).toMatch(/Ya \/ Yes/); // personal data
    expect(nik).toContain('3207**********02'); // masked example
    expect(nik).not.toContain('3207015203850002');
    expect(await fieldRow('kode_puskesmas')).toContain('PK');
    expect(await page.locator('.sign > div').count()).toBe(3);
    expect(await seen(page.locator('.sign'))).toContain('Walidata / Data steward');
    await page.screenshot({ path: `${ARTIFACTS}kamus-data-dinkes.puskesmas.png`, fullPage: true });
    await page.close();
  });

  it('prints to PDF: A4 pages with the table and the signature block', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(htmlPath).href);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.sign').isVisible()).toBe(true);
    const pdfPath = `${ARTIFACTS}kamus-data-dinkes.puskesmas.pdf`;
    await page.pdf({ path: pdfPath, format: 'A4', landscape: true, printBackground: true });
    const pdf = await readFile(pdfPath, 'latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    const pages = pdf.match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.length).toBeLessThanOrEqual(3);
    await page.close();
  });
});
