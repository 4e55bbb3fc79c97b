// A hub on a real loopback port with the example contracts, for the hub's own tests and test/.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHubClient, type HubClient, provisionHub } from '@tukar/client';
import { loadContract, wilayahCodes } from '@tukar/contracts';
import type { components } from '@tukar/spec';
import pg from 'pg';
import { createMemoryStore, generateApiKey, type HubOptions, type Store } from '../src/index';
import { openPostgresStore } from '../src/postgres-store';
import { type RunningHub, serveHub } from '../src/serve-hub';
import { openSqliteStore } from '../src/sqlite-store';

type Schemas = components['schemas'];
export type ContractDocument = Schemas['ContractDocument'];

const contractsDir = fileURLToPath(
  new URL('../../../examples/kontrak-kabupaten/contracts/', import.meta.url),
);

/** A hub serving on 127.0.0.1 with an admin client. */
export interface TestHub {
  running: RunningHub;
  url: string;
  store: Store;
  adminKey: string;
  admin: HubClient;
  close(): Promise<void>;
}

/**
 * Starts a hub on a loopback port, OS-chosen unless `port` is given (memory store unless one is given; no
 * rate limit unless asked).
 */
export async function startHub(options: Partial<HubOptions> & { port?: number } = {}): Promise<TestHub> {
  const adminKey = generateApiKey();
  const store = options.store ?? createMemoryStore();
  const running = await serveHub({
    rateLimit: false,
    ...options,
    store,
    adminKey,
    port: options.port ?? 0,
    handleSignals: false,
  });
  return {
    running,
    url: running.url,
    store,
    adminKey,
    admin: createHubClient({ baseUrl: running.url, apiKey: adminKey, retry: { retries: 0 } }),
    close: () => running.close(),
  };
}

/** An example contract of examples/kontrak-kabupaten as the JSON document the hub takes. */
export async function exampleContract(id: string): Promise<ContractDocument> {
  const loaded = await loadContract(`${contractsDir}${id}.yaml`);
  if (!loaded.ok) throw new Error(`Example contract ${id} does not load: ${loaded.problems[0]?.message}`);
  return JSON.parse(JSON.stringify(loaded.contract)) as ContractDocument;
}

/** Publishes a contract version (as given) and creates its dataset pinned to it. */
export async function publishDataset(admin: HubClient, document: ContractDocument): Promise<void> {
  await provisionHub(admin, {
    contracts: [document],
    datasets: [{ id: document.contract, contractVersion: document.version }],
  });
}

/** Registers a client, issues it a key and grants it access to datasets; returns its typed client. */
export async function registerClient(
  hub: TestHub,
  id: string,
  grants: Record<string, Array<'read' | 'write'>> = {},
  who: { person?: components['schemas']['Person']; opd?: string } = {},
): Promise<{ apiKey: string; client: HubClient; keyId: string }> {
  const { keys } = await provisionHub(hub.admin, {
    clients: [
      {
        id,
        name: `Sistem ${id}`,
        opd: who.opd ?? id.split('/')[1] ?? id,
        keyLabel: 'test',
        ...(who.person !== undefined && { person: who.person }),
      },
    ],
    grants: Object.entries(grants).map(([datasetId, access]) => ({ clientId: id, datasetId, access })),
  });
  const issued = keys[id];
  if (!issued) throw new Error(`the hub issued no key to ${id}`);
  return {
    apiKey: issued.apiKey,
    keyId: issued.keyId,
    client: createHubClient({ baseUrl: hub.url, apiKey: issued.apiKey, retry: { retries: 0 } }),
  };
}

let ciamisDesa: string[] | undefined;

/** `count` valid puskesmas records (dinkes.puskesmas 1.0.0) with real desa codes of Ciamis; `offset` shifts the keys. */
export function puskesmasRecords(count: number, offset = 0): Array<Record<string, unknown>> {
  ciamisDesa ??= [...wilayahCodes('desa')].filter((code) => code.startsWith('32.07.'));
  const desa = ciamisDesa;
  return Array.from({ length: count }, (_, i) => {
    const n = i + offset;
    return {
      kode_puskesmas: `P${String(3207000000 + n).padStart(10, '0')}`,
      nama: `Puskesmas Uji ${n}`,
      alamat: `Jl. Contoh No. ${n % 500}, Ciamis`,
      kode_wilayah: desa[n % desa.length],
      jenis: n % 3 === 0 ? 'rawat inap' : 'non rawat inap',
      koordinat: { lat: -7.3 + (n % 100) / 1000, lon: 108.35 + (n % 100) / 1000 },
      jumlah_tenaga_kesehatan: n % 900,
    };
  });
}

/**
 * Runs one statement on PostgreSQL over a connection of its own (as an operator's `psql` would, outside
 * the hub's pool) and returns its rows.
 */
export async function pgQuery<T extends pg.QueryResultRow>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** A store the end-to-end tests run on, with what removes it afterwards. */
export interface StoreUnderTest {
  name: 'memory' | 'sqlite' | 'postgres';
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}

/**
 * The stores of this machine: memory, SQLite in a temp dir, and PostgreSQL when `TUKAR_TEST_PG_URL`
 * is set (a fresh schema, dropped by `cleanup`).
 */
export function storesUnderTest(): StoreUnderTest[] {
  const dir = mkdtempSync(join(tmpdir(), 'tukar-e2e-'));
  const stores: StoreUnderTest[] = [
    { name: 'memory', open: async () => createMemoryStore(), cleanup: async () => undefined },
    {
      name: 'sqlite',
      open: () => openSqliteStore({ file: join(dir, 'hub.db') }),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    },
  ];
  const url = process.env.TUKAR_TEST_PG_URL;
  if (url) {
    const schema = `tukar_e2e_${process.pid}_${Date.now().toString(36)}`;
    stores.push({
      name: 'postgres',
      open: () => openPostgresStore({ url, schema, poolSize: 4 }),
      cleanup: async () => {
        const pool = new pg.Pool({ connectionString: url, max: 1 });
        await pool.query(`drop schema if exists "${schema}" cascade`);
        await pool.end();
      },
    });
  }
  return stores;
}
