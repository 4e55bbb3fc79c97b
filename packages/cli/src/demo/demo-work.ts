// The real work behind the SOP's steps, each done once whatever step asks for it first: the draft and
// agreed contract, the interchange document, the dataset, API accounts and grants, pushed and read
// records, Pact consumer tests verified against the hub, the validator against an OPD endpoint, the
// dashboard and the integration report. The walk (steps.ts) asks for them by the step's output artefact.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHubClient, type HubClient, provisionHub } from '@tukar/client';
import { diffContracts, loadContract, wilayahCodes } from '@tukar/contracts';
import {
  attachVerificationResults,
  checkPactsAgainstSpec,
  hubPact,
  pushRecordsInteraction,
  readChangesInteraction,
  verifyHub,
  withHubClient,
} from '@tukar/pact';
import type { Schemas } from '@tukar/spec';
import {
  renderHtml,
  renderJson,
  toHubReport,
  type ValidationReport,
  validateEndpoint,
} from '@tukar/validator';
import { startOpdServer } from './opd-server';
import type { DemoOutput } from './output';
import { puskesmasRecords } from './records';

/** The dataset the demo integrates. */
export const DATASET = 'dinkes.puskesmas';
export const OPD_CLIENT = 'ciamis/dinkes/simpus';
const READER_CLIENT = 'ciamis/bappeda/sipd';

/** The files the demo leaves, by what they are. */
export interface DemoArtefacts {
  validationHtml: string;
  integrationHtml: string;
  integrationJson: string;
  pactResults: string;
  pactJunit: string;
  pacts: string;
  interchange: string;
  dashboard: string;
}

/** What the work needs: a running hub, its admin key, where to write, and the contract file. */
export interface WorkContext {
  out: DemoOutput;
  hubUrl: string;
  adminKey: string;
  outDir: string;
  contractFile: string;
  recordCount: number;
  /** Servers the work starts are pushed here, to be closed by the caller. */
  closers: Array<() => Promise<void>>;
  /** A path as the user sees it (relative to the working directory when inside it). */
  show(path: string): string;
}

/** The parts of a contract document the work reads and changes (the rest is passed through). */
interface ContractDocument {
  contract: string;
  version: string;
  primaryKey: string[];
  schema: { properties: Record<string, { format?: string; description?: string }> };
}

/** Once: the first call runs `make`, later calls get its result. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    made ??= make();
    return made;
  };
}

/** `what` or an error saying an earlier step did not give it. */
export function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is missing: an earlier step did not finish`);
  return value;
}

const client = (hubUrl: string, apiKey: string) =>
  createHubClient({ baseUrl: hubUrl, apiKey, retry: { retries: 2 } });

/**
 * The demo's work on one integration, by output: every function runs its work once and returns what
 * the step's transition gives the hub.
 */
export async function createDemoWork(ctx: WorkContext, integrationId: () => string) {
  const { out, hubUrl, adminKey, outDir, contractFile, recordCount, closers, show } = ctx;
  const { bold, red } = out.colors;
  const admin = client(hubUrl, adminKey);
  const artefacts: Partial<DemoArtefacts> = {};
  const putContract = async (document: ContractDocument) => {
    await provisionHub(admin, { contracts: [document as unknown as Schemas['ContractDocument']] });
  };
  const grant = async (clientId: string, access: Array<'read' | 'write'>) => {
    await provisionHub(admin, { grants: [{ clientId, datasetId: DATASET, access }] });
  };
  const registerClient = async (
    id: string,
    name: string,
    opd: string,
    keyLabel: string,
    person?: Schemas['Person'],
  ) =>
    need(
      (await provisionHub(admin, { clients: [{ id, name, opd, keyLabel, ...(person && { person }) }] })).keys[
        id
      ],
      `the key of ${id}`,
    );

  // The contract as the OPD first writes it, and as it is after kominfo's review.
  const loaded = await loadContract(contractFile);
  if (!loaded.ok) throw new Error(`${contractFile} does not load: ${loaded.problems[0]?.message}`);
  const final = JSON.parse(JSON.stringify({ ...loaded.contract, status: 'draft' })) as ContractDocument;
  const firstDraft = structuredClone(final);
  const kodeWilayah = firstDraft.schema.properties.kode_wilayah;
  if (!kodeWilayah) throw new Error(`${contractFile} has no kode_wilayah field`);
  delete kodeWilayah.format;
  kodeWilayah.description = 'Kode desa lokasi Puskesmas.';
  const evaluate = (document: ContractDocument) =>
    Object.entries(document.schema.properties)
      .filter(([name, field]) => name.startsWith('kode_wilayah') && !field.format)
      .map(([name]) => `${name} has no reference-code format: it is not checked against the Kemendagri list`);
  let handedOver = 0;

  const desa = [...wilayahCodes('desa')].filter((code) => code.startsWith('32.07.'));
  const records = puskesmasRecords(recordCount, desa);
  let writer: HubClient | undefined;
  let reader: HubClient | undefined;

  /** The OPD hands its structure over: the first draft, then after a return the revised one. */
  const handOver = async (): Promise<{ contractVersion: string }> => {
    handedOver++;
    if (handedOver === 1) {
      out.say(`The OPD writes its data structure as a draft contract ${DATASET} ${firstDraft.version}`);
      const draftPath = join(outDir, 'interchange', `${DATASET}-${firstDraft.version}-draft.json`);
      await mkdir(join(outDir, 'interchange'), { recursive: true });
      await writeFile(draftPath, `${JSON.stringify(firstDraft, null, 2)}\n`);
      const linted = await loadContract(draftPath);
      if (!linted.ok)
        throw new Error(`the draft does not lint: ${linted.problems.map((p) => p.message).join('; ')}`);
      out.ok(
        `draft lints: ${Object.keys(firstDraft.schema.properties).length} fields, key ${firstDraft.primaryKey} → ${show(draftPath)}`,
      );
      await putContract(firstDraft);
      out.ok(`draft ${DATASET} ${firstDraft.version} registered on the hub (status draft)`);
      return { contractVersion: firstDraft.version };
    }
    const diff = diffContracts(firstDraft as never, final as never);
    out.say('The OPD revises the draft:');
    for (const change of diff.changes) out.say(`  ${change.rule}  ${change.path}`);
    await putContract(final);
    return { contractVersion: final.version };
  };

  /** Tim teknis evaluates the structure handed over last: findings return it, none agree it. */
  const evaluateStructure = async (): Promise<
    { when: 'return'; reason: string } | { when: 'agree'; contractVersion: string }
  > => {
    const document = handedOver > 1 ? final : firstDraft;
    const findings = evaluate(document);
    if (findings.length > 0) {
      for (const finding of findings) out.say(`${red('✖')} ${finding}`);
      return { when: 'return', reason: `Perbaiki struktur: ${findings.join('; ')}` };
    }
    out.ok('no findings: the structure is agreed');
    const agreed = await admin.unwrap(
      admin.POST('/v1/contracts/{contractId}/versions/{version}/status', {
        params: { path: { contractId: DATASET, version: final.version } },
        body: { status: 'agreed' },
      }),
    );
    out.ok(`contract ${DATASET} ${agreed.version} is ${agreed.status} (immutable from now on)`);
    return { when: 'agree', contractVersion: final.version };
  };

  const interchange = once(async () => {
    const dir = join(outDir, 'interchange');
    await mkdir(dir, { recursive: true });
    const published = await admin.unwrap(
      admin.GET('/v1/contracts/{contractId}', { params: { path: { contractId: DATASET } } }),
    );
    const contractPath = join(dir, `${DATASET}-${published.version}.json`);
    const contractText = `${JSON.stringify(published, null, 2)}\n`;
    await writeFile(contractPath, contractText);
    const openapi = await fetch(`${hubUrl}/v1/meta/openapi`, {
      headers: { authorization: `Bearer ${adminKey}` },
    });
    if (!openapi.ok) throw new Error(`GET /v1/meta/openapi answered ${openapi.status}`);
    const openapiPath = join(dir, 'tukar-hub.openapi.json');
    await writeFile(openapiPath, await openapi.text());
    out.ok(`published contract version ${DATASET} ${published.version} → ${show(contractPath)}`);
    out.ok(`hub OpenAPI document (the web-service half of the interchange document) → ${show(openapiPath)}`);
    artefacts.interchange = dir;
    const attachment = await admin.unwrap(
      admin.POST('/v1/integrations/{integrationId}/attachments', {
        params: { path: { integrationId: integrationId() } },
        body: {
          kind: 'contract-version',
          name: `${DATASET}-${published.version}.json`,
          mediaType: 'application/json',
          content: contractText,
        },
      }),
    );
    return { attachmentId: attachment.id };
  });

  const dataset = once(async () => {
    await interchange();
    const { datasets } = await provisionHub(admin, {
      datasets: [{ id: DATASET, contractVersion: final.version }],
    });
    const made = need(datasets[0], 'the dataset');
    out.ok(`dataset ${made.id} created on the hub, pinned to contract ${made.contractVersion}`);
    return { datasetId: DATASET };
  });

  const accounts = once(async () => {
    await dataset();
    const writerKey = need(
      (await provisionHub(admin, { keys: [{ clientId: OPD_CLIENT, label: 'simpus-produksi' }] })).keys[
        OPD_CLIENT
      ],
      `the key of ${OPD_CLIENT}`,
    );
    await grant(OPD_CLIENT, ['read', 'write']);
    writer = client(hubUrl, writerKey.apiKey);
    out.ok(`API key ${writerKey.keyId} issued to ${OPD_CLIENT}, grant read+write on ${DATASET}`);
    const readerKey = await registerClient(READER_CLIENT, 'SIPD Bappeda', 'Bappeda', 'sipd-produksi');
    await grant(READER_CLIENT, ['read']);
    reader = client(hubUrl, readerKey.apiKey);
    out.ok(`API key ${readerKey.keyId} issued to ${READER_CLIENT}, grant read on ${DATASET}`);
    const me = await writer.unwrap(writer.GET('/v1/meta/whoami'));
    out.ok(`the hub knows SIMPUS's new key: ${me.clientId} (${me.role}, ${me.procedureRole})`);
    return { clientId: OPD_CLIENT };
  });

  const pushed = once(async () => {
    await accounts();
    out.say(
      `SIMPUS pushes ${records.length.toLocaleString('en')} puskesmas records (batches of 1,000, idempotent)`,
    );
    const bar = out.progress('pushed', records.length);
    const started = performance.now();
    const result = await need(writer, 'the SIMPUS client').pushRecords(DATASET, records, {
      batchSize: 1000,
      onProgress: (p) => bar.update(p.records),
    });
    bar.done();
    const ms = Math.round(performance.now() - started);
    out.ok(
      `${result.created} created in ${result.batches} batches, change sequence ${result.seq} (${ms} ms)`,
    );
    let seen = 0;
    let last = 0;
    const keys = new Set<string>();
    for await (const change of need(reader, 'the SIPD client').pullChanges(DATASET, { since: 0 })) {
      if (change.seq !== last + 1) throw new Error(`changes feed jumped from ${last} to ${change.seq}`);
      last = change.seq;
      keys.add(change.key);
      seen++;
    }
    if (keys.size !== records.length)
      throw new Error(`the reader got ${keys.size} keys, expected ${records.length}`);
    out.ok(
      `${READER_CLIENT} read ${seen.toLocaleString('en')} changes through the changes feed (seq 1…${last}), none lost or repeated`,
    );
    return { receipt: need(result.receipts.at(-1), 'the receipt of the last batch') };
  });

  const pactResults = once(async () => {
    await pushed();
    out.say('Pact consumer tests of the OPD applications, against the Pact mock of the hub:');
    const pactDir = join(outDir, 'pacts');
    const contract = loaded.contract;
    const simpusPact = hubPact({ consumer: 'ciamis-dinkes-simpus', dir: pactDir });
    const batch = records.slice(0, 3);
    await pushRecordsInteraction(simpusPact, {
      contract,
      clientId: OPD_CLIENT,
      example: batch[0],
    }).executeTest(withHubClient((hub) => hub.pushRecords(DATASET, batch)));
    out.ok('ciamis-dinkes-simpus: push a batch of puskesmas');
    const sipdPact = hubPact({ consumer: 'ciamis-bappeda-sipd', dir: pactDir });
    await readChangesInteraction(sipdPact, { contract, clientId: READER_CLIENT }).executeTest(
      withHubClient(async (hub) => {
        for await (const change of hub.pullChanges(DATASET))
          if (change.op !== 'upsert') throw new Error(change.op);
      }),
    );
    out.ok('ciamis-bappeda-sipd: read the changes feed');
    const spec = await checkPactsAgainstSpec([pactDir]);
    if (!spec.ok)
      throw new Error(`pacts disagree with the hub's OpenAPI document:\n${spec.lines.join('\n')}`);
    out.ok(`pacts in ${show(pactDir)} agree with the hub's OpenAPI document`);
    const resultsDir = join(outDir, 'pact-results');
    const report = await verifyHub({
      hubUrl,
      adminKey,
      pacts: [pactDir],
      contracts: [contractFile],
      resultsDir,
    });
    for (const line of report.summary.split('\n')) out.say(line);
    if (!report.ok) throw new Error('the hub does not meet the pacts');
    const attachment = await attachVerificationResults(admin, integrationId(), report);
    out.ok(`verification results attached to ${integrationId()} as ${attachment.kind} (${attachment.id})`);
    artefacts.pactResults = join(resultsDir, 'tukar-hub.verification.json');
    artefacts.pactJunit = join(resultsDir, 'tukar-hub.junit.xml');
    artefacts.pacts = pactDir;
    return { attachmentId: attachment.id };
  });

  const validation = async (round: number, baseUrl: string) => {
    const report = await validateEndpoint(contractFile, { baseUrl });
    const html = join(outDir, `laporan-hasil-validasi-${round}.html`);
    await writeFile(html, renderHtml(report));
    await writeFile(join(outDir, `laporan-hasil-validasi-${round}.json`), renderJson(report));
    const line = `${report.counts.records.toLocaleString('en')} records, ${report.counts.invalid} invalid, ${report.counts.issues} issues → ${show(html)}`;
    if (report.verdict === 'valid') out.ok(`validator: ${bold('valid')} — ${line}`);
    else out.say(`${red('✖')} validator: ${bold('invalid')} — ${line}`);
    return { report, html };
  };

  /** The OPD validates its system: a first run finds string counts, the fixed one is valid. */
  const validated = once(async () => {
    await pushed();
    const opdClient = need(writer, 'the SIMPUS client');
    const server = await startOpdServer({ records, variant: 'string-counts' });
    closers.push(() => server.close());
    out.say(`SIMPUS serves ${DATASET} at ${server.url}/api/puskesmas (500 records a page)`);
    const firstRun = await validation(1, server.url);
    for (const rule of firstRun.report.rules.slice(0, 3))
      out.say(`  ${rule.code} at ${rule.path}: ${rule.count} records`);
    out.say('The OPD fixes its export (counts as integers) and deploys it');
    server.setVariant('correct');
    const secondRun = await validation(2, server.url);
    if (secondRun.report.verdict !== 'valid') throw new Error('the fixed SIMPUS is still invalid');
    artefacts.validationHtml = secondRun.html;
    const submit = (report: ValidationReport) =>
      opdClient.unwrap(
        opdClient.POST('/v1/validation-reports', {
          body: toHubReport(report, { integrationId: integrationId(), datasetId: DATASET }) as never,
        }),
      );
    const invalid = await submit(firstRun.report);
    const valid = await submit(secondRun.report);
    out.ok(`reports ${invalid.id} (invalid) and ${valid.id} (valid) delivered to the hub`);
    return { invalid: invalid.id, valid: valid.id };
  });

  const dashboard = once(async () => {
    const page = await fetch(`${hubUrl}/dashboard`, { headers: { authorization: `Bearer ${adminKey}` } });
    const html = await page.text();
    if (page.status !== 200) throw new Error(`GET /dashboard answered ${page.status}`);
    if (!html.includes(DATASET)) throw new Error(`the dashboard does not show ${DATASET}`);
    const path = join(outDir, 'dashboard.html');
    await writeFile(path, html);
    out.ok(
      `dashboard answered 200 (${html.length.toLocaleString('en')} bytes, shows ${DATASET}) → ${show(path)}`,
    );
    artefacts.dashboard = path;
    return {};
  });

  /** Writes the integration report as it is now (JSON and printable HTML). */
  const integrationReport = async () => {
    const url = `${hubUrl}/v1/integrations/${integrationId()}/report`;
    const json = await fetch(url, { headers: { authorization: `Bearer ${adminKey}` } });
    const html = await fetch(url, { headers: { authorization: `Bearer ${adminKey}`, accept: 'text/html' } });
    if (!json.ok || !html.ok) throw new Error(`GET ${url} answered ${json.status} / ${html.status}`);
    const report = (await json.json()) as { steps: Array<{ completedAt: string | null }> };
    artefacts.integrationJson = join(outDir, 'laporan-hasil-integrasi.json');
    artefacts.integrationHtml = join(outDir, 'laporan-hasil-integrasi.html');
    await writeFile(artefacts.integrationJson, `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(artefacts.integrationHtml, await html.text());
    const completed = report.steps.filter((s) => s.completedAt !== null).length;
    out.ok(
      `integration report: ${completed} of ${report.steps.length} steps completed → ${show(artefacts.integrationHtml)}`,
    );
    return {};
  };

  return {
    admin,
    artefacts,
    registerClient,
    client: (apiKey: string) => client(hubUrl, apiKey),
    handOver,
    evaluateStructure,
    interchange,
    dataset,
    accounts,
    pushed,
    pactResults,
    validated,
    dashboard,
    integrationReport,
  };
}

/** The demo's work on one integration (see {@link createDemoWork}). */
export type DemoWork = Awaited<ReturnType<typeof createDemoWork>>;
