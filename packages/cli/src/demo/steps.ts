// The twelve SOP steps of Integrasi dan Pertukaran Data Sistem Informasi, each with the real part of
// Tukar that serves it: the hub's integration state machine, the contracts registry, the typed client,
// Pact (consumer tests against the Pact mock, verification against the hub), the validator against an
// OPD endpoint, the dashboard and the final integration report.
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
import { INTEGRATION_STEPS, type IntegrationState, type Schemas } from '@tukar/spec';
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
const OPD_CLIENT = 'ciamis/dinkes/simpus';
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

/** What {@link runSteps} needs: a running hub, its admin key, where to write, and the contract file. */
export interface StepsContext {
  out: DemoOutput;
  hubUrl: string;
  adminKey: string;
  outDir: string;
  contractFile: string;
  recordCount: number;
  /** Servers the steps start are pushed here, to be closed by the caller. */
  closers: Array<() => Promise<void>>;
  /** A path as the user sees it (relative to the working directory when inside it). */
  show(path: string): string;
}

/**
 * A step that failed: which one, and why.
 *
 * @example
 * ```ts
 * throw new StepFailed(2, 'Hand-over of the integration document', new Error('disk full'));
 * ```
 */
export class StepFailed extends Error {
  override readonly name = 'StepFailed';
  constructor(number: number, name: string, cause: unknown) {
    super(`Langkah ${number} (${name}) failed: ${describe(cause)}`, { cause });
  }
}

interface ErrorDetail {
  path?: string;
  message?: string;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const parts = [error.message];
  const extra = error as Error & { code?: unknown; errors?: unknown; problem?: { errors?: unknown } };
  if (extra.code) parts.push(`[${String(extra.code)}]`);
  const details = extra.errors ?? extra.problem?.errors;
  if (Array.isArray(details))
    for (const d of details.slice(0, 5) as ErrorDetail[])
      parts.push(`\n     ${d.path ?? ''} ${d.message ?? JSON.stringify(d)}`);
  return parts.join(' ');
}

const unwrapOk = async <T>(
  client: HubClient,
  answer: Parameters<typeof client.unwrap<T>>[0],
  what: string,
): Promise<T> => {
  try {
    return await client.unwrap<T>(answer);
  } catch (error) {
    throw new Error(`${what}: ${describe(error)}`, { cause: error });
  }
};

/**
 * Runs the twelve steps against a running hub and returns the integration's id and the files written.
 *
 * @example
 * ```ts
 * const { integrationId, artefacts } = await runSteps({ out, hubUrl, adminKey, outDir, contractFile,
 *   recordCount: 5000, closers, show: (path) => path });
 * ```
 */
export async function runSteps(
  ctx: StepsContext,
): Promise<{ integrationId: string; artefacts: DemoArtefacts }> {
  const { out, hubUrl, adminKey, outDir, contractFile, recordCount, closers, show } = ctx;
  const { bold, red } = out.colors;
  const client = (apiKey: string) => createHubClient({ baseUrl: hubUrl, apiKey, retry: { retries: 2 } });
  const admin = client(adminKey);
  const artefacts: Partial<DemoArtefacts> = {};
  let integrationId = '';
  let opd: HubClient | undefined;
  let opdKey = '';
  let writer: HubClient | undefined;
  let reader: HubClient | undefined;
  let pactAttachment: { id: string; kind: string } | undefined;
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is missing: an earlier step did not finish`);
    return value;
  };

  const run = async (number: number, key: IntegrationState, body: () => Promise<void>) => {
    const step = INTEGRATION_STEPS[key];
    out.stepHeader(step.lastStep > number ? `${number}–${step.lastStep}` : number, step);
    try {
      await body();
    } catch (error) {
      throw new StepFailed(number, step.nameEn, error);
    }
  };
  const act = async (who: HubClient, action: string, extra: Record<string, unknown> = {}) => {
    const answer = await who.POST('/v1/integrations/{integrationId}/transitions', {
      params: { path: { integrationId } },
      body: { action, ...extra } as never,
    });
    if (answer.error) {
      const e = answer.error as { code?: string; detail?: string; title?: string };
      throw new Error(
        `transition ${action} refused (${answer.response.status} ${e.code}): ${e.detail ?? e.title}`,
      );
    }
    out.moved(action, answer.data);
    return answer.data;
  };
  // Contracts, datasets, clients, keys and grants: through the admin API with @tukar/client's provisionHub.
  const issueKey = async (clientId: string, label: string) =>
    need(
      (await provisionHub(admin, { keys: [{ clientId, label }] })).keys[clientId],
      `the key of ${clientId}`,
    );
  const registerClient = async (id: string, name: string, opdName: string, keyLabel: string) =>
    need(
      (await provisionHub(admin, { clients: [{ id, name, opd: opdName, keyLabel }] })).keys[id],
      `the key of ${id}`,
    );
  const putContract = async (document: ContractDocument) => {
    await provisionHub(admin, { contracts: [document as unknown as Schemas['ContractDocument']] });
  };
  const grant = async (clientId: string, access: Array<'read' | 'write'>) => {
    await provisionHub(admin, { grants: [{ clientId, datasetId: DATASET, access }] });
  };

  // The contract as the OPD first writes it, and as it is after kominfo's review.
  const loaded = await loadContract(contractFile);
  if (!loaded.ok) throw new Error(`${contractFile} does not load: ${loaded.problems[0]?.message}`);
  const final = JSON.parse(JSON.stringify({ ...loaded.contract, status: 'draft' })) as ContractDocument;
  const firstDraft = structuredClone(final);
  const kodeWilayah = firstDraft.schema.properties.kode_wilayah;
  if (!kodeWilayah) throw new Error(`${contractFile} has no kode_wilayah field`);
  delete kodeWilayah.format;
  kodeWilayah.description = 'Kode desa lokasi Puskesmas.';

  // ── 1 ──────────────────────────────────────────────────────────────────────────────────────────
  await run(1, 'requested', async () => {
    const issued = await registerClient(
      OPD_CLIENT,
      'SIMPUS Dinas Kesehatan',
      'Dinas Kesehatan',
      'permohonan',
    );
    opd = client(issued.apiKey);
    opdKey = issued.apiKey;
    out.say(`OPD system ${bold(OPD_CLIENT)} registered on the hub (key ${issued.keyId})`);
    const created = await unwrapOk(
      opd,
      opd.POST('/v1/integrations', {
        body: {
          title: 'Integrasi data Puskesmas SIMPUS ke Satu Data Ciamis',
          opd: 'Dinas Kesehatan Kabupaten Ciamis',
          requester: { name: 'Kepala Seksi SIMPUS', contact: 'simpus@dinkes.ciamiskab.example.go.id' },
          purpose: 'Data puskesmas dan tenaga kesehatan untuk perencanaan (Bappeda) dan Satu Data',
          datasetId: DATASET,
        },
      }),
      'file the integration request',
    );
    integrationId = created.id;
    out.ok(
      `OPD filed integration request ${bold(created.id)} (state ${created.state}, due ${created.stepDeadline})`,
    );
    await act(admin, 'dispose', {
      disposition: { number: '555/0147/Diskominfo/2026', note: 'Diteruskan ke Tim Teknis' },
    });
  });

  // ── 2 ──────────────────────────────────────────────────────────────────────────────────────────
  await run(2, 'disposed', async () => {
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
    await act(need(opd, 'the OPD client'), 'submit-structure', { contractVersion: firstDraft.version });
  });

  // ── 3 ──────────────────────────────────────────────────────────────────────────────────────────
  const evaluate = (document: ContractDocument) =>
    Object.entries(document.schema.properties)
      .filter(([name, field]) => name.startsWith('kode_wilayah') && !field.format)
      .map(([name]) => `${name} has no reference-code format: it is not checked against the Kemendagri list`);

  await run(3, 'under-evaluation', async () => {
    const findings = evaluate(firstDraft);
    for (const finding of findings) out.say(`${red('✖')} ${finding}`);
    await act(admin, 'return', { reason: `Perbaiki struktur: ${findings.join('; ')}` });
  });

  await run(3, 'returned', async () => {
    const diff = diffContracts(firstDraft as never, final as never);
    out.say('The OPD revises the draft:');
    for (const change of diff.changes) out.say(`  ${change.rule}  ${change.path}`);
    await putContract(final);
    await act(need(opd, 'the OPD client'), 'submit-structure', { contractVersion: final.version });
  });

  await run(3, 'under-evaluation', async () => {
    const findings = evaluate(final);
    if (findings.length > 0) throw new Error(`the revised draft still has findings: ${findings.join('; ')}`);
    out.ok('no findings: the structure is agreed');
    const agreed = await unwrapOk(
      admin,
      admin.POST('/v1/contracts/{contractId}/versions/{version}/status', {
        params: { path: { contractId: DATASET, version: final.version } },
        body: { status: 'agreed' },
      }),
      'agree the contract version',
    );
    out.ok(`contract ${DATASET} ${agreed.version} is ${agreed.status} (immutable from now on)`);
    await act(admin, 'agree', { contractVersion: final.version });
  });

  // ── 4 ──────────────────────────────────────────────────────────────────────────────────────────
  await run(4, 'agreed', async () => {
    const dir = join(outDir, 'interchange');
    await mkdir(dir, { recursive: true });
    const published = await unwrapOk(
      admin,
      admin.GET('/v1/contracts/{contractId}', { params: { path: { contractId: DATASET } } }),
      'read the published contract',
    );
    const contractPath = join(dir, `${DATASET}-${published.version}.json`);
    await writeFile(contractPath, `${JSON.stringify(published, null, 2)}\n`);
    const openapi = await fetch(`${hubUrl}/v1/meta/openapi`, {
      headers: { authorization: `Bearer ${adminKey}` },
    });
    if (!openapi.ok) throw new Error(`GET /v1/meta/openapi answered ${openapi.status}`);
    const openapiPath = join(dir, 'tukar-hub.openapi.json');
    await writeFile(openapiPath, await openapi.text());
    out.ok(`published contract version ${DATASET} ${published.version} → ${show(contractPath)}`);
    out.ok(`hub OpenAPI document (the web-service half of the interchange document) → ${show(openapiPath)}`);
    artefacts.interchange = dir;
    const { datasets } = await provisionHub(admin, {
      datasets: [{ id: DATASET, contractVersion: final.version }],
    });
    const dataset = need(datasets[0], 'the dataset');
    out.ok(`dataset ${dataset.id} created on the hub, pinned to contract ${dataset.contractVersion}`);
    await act(admin, 'prepare-api', { datasetId: DATASET });
  });

  // ── 5 ──────────────────────────────────────────────────────────────────────────────────────────
  await run(5, 'api-prepared', async () => {
    const writerKey = await issueKey(OPD_CLIENT, 'simpus-produksi');
    await grant(OPD_CLIENT, ['read', 'write']);
    writer = client(writerKey.apiKey);
    out.ok(`API key ${writerKey.keyId} issued to ${OPD_CLIENT}, grant read+write on ${DATASET}`);
    const readerKey = await registerClient(READER_CLIENT, 'SIPD Bappeda', 'Bappeda', 'sipd-produksi');
    await grant(READER_CLIENT, ['read']);
    reader = client(readerKey.apiKey);
    out.ok(`API key ${readerKey.keyId} issued to ${READER_CLIENT}, grant read on ${DATASET}`);
    const me = await unwrapOk(writer, writer.GET('/v1/meta/whoami'), 'whoami');
    out.ok(`the hub knows SIMPUS's new key: ${me.clientId} (${me.role})`);
  });

  // ── 6 ──────────────────────────────────────────────────────────────────────────────────────────
  const desa = [...wilayahCodes('desa')].filter((code) => code.startsWith('32.07.'));
  const records = puskesmasRecords(recordCount, desa);
  await run(6, 'tested', async () => {
    out.say(
      `SIMPUS pushes ${records.length.toLocaleString('en')} puskesmas records (batches of 1,000, idempotent)`,
    );
    const bar = out.progress('pushed', records.length);
    const started = performance.now();
    const pushed = await need(writer, 'the SIMPUS client').pushRecords(DATASET, records, {
      batchSize: 1000,
      onProgress: (p) => bar.update(p.records),
    });
    bar.done();
    const ms = Math.round(performance.now() - started);
    out.ok(
      `${pushed.created} created in ${pushed.batches} batches, change sequence ${pushed.seq} (${ms} ms)`,
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
    const attachment = await attachVerificationResults(admin, integrationId, report);
    out.ok(`verification results attached to ${integrationId} as ${attachment.kind} (${attachment.id})`);
    pactAttachment = attachment;
    artefacts.pactResults = join(resultsDir, 'tukar-hub.verification.json');
    artefacts.pactJunit = join(resultsDir, 'tukar-hub.junit.xml');
    artefacts.pacts = pactDir;
    await act(admin, 'record-tests', { attachmentId: attachment.id });
  });

  // ── 7 ──────────────────────────────────────────────────────────────────────────────────────────
  await run(7, 'results-delivered', async () => {
    await act(admin, 'deliver-results');
    const attachmentId = need(pactAttachment, 'the Pact results attachment').id;
    const url = `${hubUrl}/v1/integrations/${integrationId}/attachments/${attachmentId}`;
    const answer = await fetch(url, { headers: { authorization: `Bearer ${opdKey}` } });
    if (!answer.ok) throw new Error(`the OPD cannot read the results: GET ${url} answered ${answer.status}`);
    const delivered = JSON.parse(await answer.text()) as { interactions: Array<{ ok: boolean }> };
    const passed = delivered.interactions.filter((i) => i.ok).length;
    out.ok(
      `the OPD downloads the results from the hub: ${passed} of ${delivered.interactions.length} interactions verified`,
    );
    await act(admin, 'start-validation');
  });

  // ── 8 ──────────────────────────────────────────────────────────────────────────────────────────
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
  let validHtml = '';

  await run(8, 'validating', async () => {
    const opdClient = need(opd, 'the OPD client');
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
    validHtml = secondRun.html;
    const submit = (report: ValidationReport) =>
      unwrapOk(
        opdClient,
        opdClient.POST('/v1/validation-reports', {
          body: toHubReport(report, { integrationId, datasetId: DATASET }) as never,
        }),
        'submit the validation report',
      );
    const invalid = await submit(firstRun.report);
    const refused = await opdClient.POST('/v1/integrations/{integrationId}/transitions', {
      params: { path: { integrationId } },
      body: { action: 'validate', reportId: invalid.id } as never,
    });
    if (!refused.error) throw new Error('the hub accepted an invalid validation report for validate');
    const refusal = refused.error as { detail?: string; code?: string };
    out.say(
      `${red('✖')} report ${invalid.id} (invalid) refused for validate: ${refusal.detail ?? refusal.code}`,
    );
    const valid = await submit(secondRun.report);
    out.ok(`report ${valid.id} (valid) delivered to the hub`);
    await act(opdClient, 'validate', { reportId: valid.id });
  });

  // ── 9–10 ───────────────────────────────────────────────────────────────────────────────────────
  await run(9, 'validated', async () => {
    const listed = await unwrapOk(
      admin,
      admin.GET('/v1/validation-reports', { params: { query: { integrationId } } }),
      'list the validation reports',
    );
    for (const r of listed.items)
      out.say(`report ${r.id}: ${r.verdict}, ${r.counts.records} records, ${r.counts.issues} issues`);
    out.ok(`Laporan Hasil Validasi (HTML) for the pengawas → ${show(validHtml)}`);
    artefacts.validationHtml = validHtml;
    await act(admin, 'display');
  });

  // ── 11 ─────────────────────────────────────────────────────────────────────────────────────────
  await run(11, 'displayed', async () => {
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
    await act(admin, 'complete', { note: 'Integrasi selesai; data tampil di dasbor.' });
  });

  // ── 12 ─────────────────────────────────────────────────────────────────────────────────────────
  await run(12, 'completed', async () => {
    const now = await unwrapOk(
      admin,
      admin.GET('/v1/integrations/{integrationId}', { params: { path: { integrationId } } }),
      'read the integration',
    );
    if (now.state !== 'completed') throw new Error(`the integration is ${now.state}, not completed`);
    const url = `${hubUrl}/v1/integrations/${integrationId}/report`;
    const json = await fetch(url, { headers: { authorization: `Bearer ${adminKey}` } });
    const html = await fetch(url, { headers: { authorization: `Bearer ${adminKey}`, accept: 'text/html' } });
    if (!json.ok || !html.ok) throw new Error(`GET ${url} answered ${json.status} / ${html.status}`);
    const report = (await json.json()) as { steps: Array<{ completedAt: string | null }> };
    artefacts.integrationJson = join(outDir, 'laporan-hasil-integrasi.json');
    artefacts.integrationHtml = join(outDir, 'laporan-hasil-integrasi.html');
    await writeFile(artefacts.integrationJson, `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(artefacts.integrationHtml, await html.text());
    const completed = report.steps.filter((s) => s.completedAt !== null).length;
    out.ok(`final integration report: ${completed} of ${report.steps.length} steps completed`);
  });

  return { integrationId, artefacts: artefacts as DemoArtefacts };
}

/** The parts of a contract document the steps read and change (the rest is passed through). */
interface ContractDocument {
  contract: string;
  version: string;
  primaryKey: string[];
  schema: { properties: Record<string, { format?: string; description?: string }> };
}
