// Does @tukar/mock run in a browser? The mock (with the hub core and @tukar/contracts under it) is bundled
// by esbuild for the browser platform, with no shims and no polyfills, and run in headless Chromium with
// msw's service worker (setupWorker). The page provides the Kemendagri area list the way the README of
// @tukar/contracts says (`setWilayahSource(wilayahSource)` from `@tukar/contracts/wilayah-data`).
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, launchChromium } from '../../../test/support/headless-chromium';
import { exampleContractText, puskesmas } from './fixture';

const CHROMIUM = CHROMIUM_PATH;
const packagesDir = fileURLToPath(new URL('../../', import.meta.url));
const entry = fileURLToPath(new URL('./browser/entry.ts', import.meta.url));
const mswDir = dirname(createRequire(import.meta.url).resolve('msw/package.json'));

/** `@tukar/x` → packages/x/src/index.ts and `@tukar/x/sub` → packages/x/src/sub.ts, as vitest does. */
const workspaceSources: esbuild.Plugin = {
  name: 'tukar-workspace',
  setup(build) {
    build.onResolve({ filter: /^@tukar\/[a-z-]+(\/[a-z-]+)?$/ }, (args) => {
      const [name, sub] = args.path.slice('@tukar/'.length).split('/');
      return { path: `${packagesDir}${name}/src/${sub ?? 'index'}.ts` };
    });
  },
};

/** The page bundle as a browser-targeting bundler makes it: no Node built-ins, no shims, no polyfills. */
async function bundle(): Promise<esbuild.BuildResult & { outputFiles: esbuild.OutputFile[] }> {
  return esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [workspaceSources],
  });
}

/** A loopback server for the page, its bundle and msw's worker script. */
async function servePage(script: string): Promise<{ url: string; server: Server }> {
  const worker = readFileSync(join(mswDir, 'lib/mockServiceWorker.js'), 'utf8');
  const files: Record<string, [string, string]> = {
    '/': [
      'text/html',
      '<!doctype html><meta charset="utf-8"><script type="module" src="/bundle.js"></script>',
    ],
    '/bundle.js': ['text/javascript', script],
    '/mockServiceWorker.js': ['text/javascript', worker],
  };
  const server = createServer((request, response) => {
    const file = files[new URL(request.url ?? '/', 'http://x').pathname];
    if (!file) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': file[0], 'cache-control': 'no-store' }).end(file[1]);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

interface PageApi {
  runtime(yaml: string): Promise<unknown>;
  withoutAreaList(yaml: string): Promise<unknown>;
  withWorker(yaml: string, records: unknown[], more: unknown[]): Promise<unknown>;
}

describe.skipIf(!existsSync(CHROMIUM))('@tukar/mock in headless Chromium', { timeout: 90_000 }, () => {
  let browser: Browser;
  let script: string;
  const servers: Server[] = [];
  const yaml = exampleContractText('dinkes.puskesmas');

  beforeAll(async () => {
    script = (await bundle()).outputFiles[0]?.text ?? '';
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    for (const server of servers) server.close();
  });

  /** Loads the bundle in a fresh page and calls one function of its `tukarMock` with `args`. */
  async function run(name: keyof PageApi, ...args: unknown[]): Promise<unknown> {
    const { url, server } = await servePage(script);
    servers.push(server);
    const page = await browser.newPage();
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));
    try {
      await page.goto(url);
      await page.waitForFunction(() => 'tukarMock' in globalThis);
      expect(failures).toEqual([]);
      return await page.evaluate(
        ([fn, fnArgs]) => {
          const api = (globalThis as unknown as { tukarMock: Record<string, (...a: unknown[]) => unknown> })
            .tukarMock;
          return api[fn]?.(...fnArgs);
        },
        [name, args] as const,
      );
    } finally {
      await page.close();
    }
  }

  it('bundles for the browser as it is: no Node built-in is imported, nothing is shimmed', async () => {
    const { metafile, warnings } = await bundle();
    expect(warnings).toEqual([]);
    const inputs = Object.keys(metafile?.inputs ?? {});
    expect(inputs.filter((input) => /^node:|(^|\/)(fs|crypto|path|module)$/.test(input))).toEqual([]);
    expect(inputs).toContain('packages/contracts/src/wilayah-data.ts');
  });

  it('runs in a page without process or Buffer: contract text loads, a file path gets a clear problem', async () => {
    expect(await run('runtime', yaml)).toEqual({
      hasProcess: false,
      hasBuffer: false,
      fromPath: {
        code: 'file_unreadable',
        file: 'contracts/dinkes.puskesmas.yaml',
        path: '',
        message:
          'Cannot read contract file contracts/dinkes.puskesmas.yaml: file paths need Node, and this runtime (a browser?) has no file system.',
        hint: 'Pass the contract text to loadContract or parseContract instead of a path.',
      },
      fromText: { ok: '1.0.0' },
    });
  });

  it('without the area list, seeding a kode-wilayah contract fails and says how to provide the list', async () => {
    const howTo =
      "`import { wilayahSource } from '@tukar/contracts/wilayah-data'` and `setWilayahSource(wilayahSource)`";
    const answer = (await run('withoutAreaList', yaml)) as { seeded: { threw: { message: string } } };
    expect(answer).toMatchObject({
      // loadContract checks the contract's examples, kode wilayah included.
      loaded: { threw: { message: expect.stringContaining(howTo) } },
      // The hub checks them when the contract is published (PUT /v1/contracts/…).
      seeded: {
        threw: {
          name: 'MockHubError',
          message: expect.stringMatching(
            /^mockHub: contracts\[0\]: Contract dinkes\.puskesmas 1\.0\.0 was refused by the hub: 400 contract_invalid: .*no Node file system/,
          ),
        },
      },
    });
    expect(answer.seeded.threw.message).toContain(howTo);
  });

  it('under setupWorker: seeds, answers whoami, takes valid records, refuses a fake kode wilayah, serves the feed', async () => {
    const answer = await run('withWorker', yaml, puskesmas(3), puskesmas(2, 3));
    expect(answer).toMatchObject({
      seeded: 'ok',
      whoami: { ok: { clientId: 'ciamis/dinkes/simpus', role: 'client' } },
      pushed: { ok: { created: 2, seq: 5 } },
      refused: {
        threw: {
          status: 422,
          code: 'validation_failed',
          errors: [
            {
              path: '/kode_wilayah',
              code: 'format',
              message: expect.stringMatching(/kode_wilayah.*32\.07\.99 does not exist/),
            },
          ],
        },
      },
      feed: { ok: ['1:P3207000000', '2:P3207000001', '3:P3207000002', '4:P3207000003', '5:P3207000004'] },
      outage: { threw: { status: 503, code: 'service_unavailable' } },
      recordCount: 5,
      hubErrors: [],
    });
  });
});
