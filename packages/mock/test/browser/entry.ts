// The page script of the browser test: @tukar/mock under msw's setupWorker (a real service worker),
// driven by @tukar/client through the page's own fetch. Bundled by esbuild in browser.test.ts, with no
// shims: as an OPD developer's browser tests would bundle it.
import { createHubClient, HubError } from '@tukar/client';
import { loadContract, setWilayahSource } from '@tukar/contracts';
import { wilayahSource } from '@tukar/contracts/wilayah-data';
import { setupWorker } from 'msw/browser';
import { type MockContract, type MockRecord, mockHub, problemDocument } from '../../src/index';

// As the README says: browsers cannot read the idn-area-data files, so the area list is provided once.
setWilayahSource(wilayahSource);

const SIMPUS = 'ciamis/dinkes/simpus';

/** A call's value, or the error it threw as plain data (errors do not cross page.evaluate). */
async function settle(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return { ok: await run() };
  } catch (error) {
    if (error instanceof HubError)
      return { threw: { status: error.status, code: error.code, errors: error.errors } };
    return { threw: { name: (error as Error)?.name, message: String((error as Error)?.message ?? error) } };
  }
}

/** The contract YAML loaded in the page (as text: a browser has no files), or the problems. */
async function contractFrom(yaml: string): Promise<MockContract> {
  const loaded = await loadContract(yaml, { filename: 'dinkes.puskesmas.yaml' });
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('; '));
  return loaded.contract as MockContract;
}

/** What the page can and cannot do without Node: no process, no file paths, contract text is fine. */
async function runtime(yaml: string): Promise<unknown> {
  const fromPath = await loadContract('contracts/dinkes.puskesmas.yaml');
  const fromText = await settle(async () => (await contractFrom(yaml)).version);
  return {
    hasProcess: typeof (globalThis as { process?: unknown }).process !== 'undefined',
    hasBuffer: typeof (globalThis as { Buffer?: unknown }).Buffer !== 'undefined',
    fromPath: fromPath.ok ? 'ok' : fromPath.problems[0],
    fromText,
  };
}

/** Loading, and seeding, a contract with a kode-wilayah format when the area list was not provided. */
async function withoutAreaList(yaml: string): Promise<unknown> {
  const contract = await contractFrom(yaml);
  setWilayahSource(undefined);
  try {
    return {
      loaded: await settle(() => contractFrom(yaml)),
      seeded: await settle(() => mockHub({ contracts: [contract] })),
    };
  } finally {
    setWilayahSource(wilayahSource);
  }
}

/** Seeds a hub with a contract, a client and records, and runs a client against it through the worker. */
async function withWorker(yaml: string, records: MockRecord[], more: MockRecord[]): Promise<unknown> {
  const hubErrors: string[] = [];
  const contract = await contractFrom(yaml);
  const seeded = await settle(() =>
    mockHub({
      log: (line) => {
        if (line.level === 'error' && line.error) hubErrors.push(line.error.split('\n')[0] as string);
      },
      contracts: [contract],
      clients: { [SIMPUS]: { grants: { [contract.contract]: ['read', 'write'] } } },
      records: { [contract.contract]: records },
    }),
  );
  if (!('ok' in (seeded as object))) return { seeded, hubErrors };
  const hub = (seeded as { ok: Awaited<ReturnType<typeof mockHub>> }).ok;
  const worker = setupWorker(...hub.handlers);
  await worker.start({
    serviceWorker: { url: '/mockServiceWorker.js' },
    quiet: true,
    onUnhandledRequest: 'error',
  });
  try {
    const client = createHubClient({
      baseUrl: hub.baseUrl,
      apiKey: hub.keys[SIMPUS] as string,
      retry: false,
    });
    const whoami = await settle(() => client.unwrap(client.GET('/v1/meta/whoami')));
    const pushed = await settle(() => client.pushRecords(contract.contract, more));
    const refused = await settle(() =>
      client.pushRecords(contract.contract, [{ ...more[0], kode_wilayah: '32.07.99.9999' }]),
    );
    const feed = await settle(async () => {
      const keys: string[] = [];
      for await (const change of client.pullChanges(contract.contract))
        keys.push(`${change.seq}:${change.key}`);
      return keys;
    });
    worker.use(
      hub.override.post('/v1/datasets/{datasetId}/records', ({ response }) =>
        response(503).json(problemDocument(503, 'service_unavailable', 'Pemeliharaan.')),
      ),
    );
    const outage = await settle(() => client.pushRecords(contract.contract, more));
    worker.resetHandlers();
    const recordCount = (await hub.store.getDataset(contract.contract))?.recordCount;
    return { seeded: 'ok', whoami, pushed, refused, feed, outage, recordCount, hubErrors };
  } finally {
    worker.stop();
  }
}

Object.assign(globalThis, { tukarMock: { runtime, withoutAreaList, withWorker } });
