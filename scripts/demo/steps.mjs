// The twelve SOP steps of Integrasi dan Pertukaran Data Sistem Informasi, each with the real part of
// Tukar that serves it: the hub's integration state machine, the contracts registry, the typed client,
// Pact (consumer tests against the Pact mock, verification against the hub), the validator against an
// OPD endpoint, the dashboard and the final integration report.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { startOpdServer } from './opd-server.mjs';
import { bold, moved, ok, progress, red, say, stepHeader } from './output.mjs';
import { puskesmasRecords } from './records.mjs';

export const DATASET = 'dinkes.puskesmas';
const OPD_CLIENT = 'ciamis/dinkes/simpus';
const READER_CLIENT = 'ciamis/bappeda/sipd';

/** A step that failed: which one, and why. */
export class StepFailed extends Error {
  constructor(number, name, cause) {
    super(`Langkah ${number} (${name}) failed: ${describe(cause)}`, { cause });
    this.name = 'StepFailed';
  }
}

function describe(error) {
  if (!(error instanceof Error)) return String(error);
  const parts = [error.message];
  if (error.code) parts.push(`[${error.code}]`);
  const details = error.errors ?? error.problem?.errors;
  if (Array.isArray(details))
    for (const d of details.slice(0, 5))
      parts.push(`\n     ${d.path ?? ''} ${d.message ?? JSON.stringify(d)}`);
  return parts.join(' ');
}

const unwrapOk = async (client, answer, what) => {
  try {
    return await client.unwrap(answer);
  } catch (error) {
    throw new Error(`${what}: ${describe(error)}`, { cause: error });
  }
};

/**
 * Runs the twelve steps against a running hub.
 * @param {object} ctx `{ pkgs, hubUrl, adminKey, outDir, contractFile, recordCount, closers, root }`
 * @returns {Promise<{ integrationId: string, artefacts: Record<string, string> }>}
 */
export async function runSteps(ctx) {
  const { pkgs, hubUrl, adminKey, outDir, contractFile, recordCount, closers } = ctx;
  const { INTEGRATION_STEPS } = pkgs.spec;
  const { createHubClient } = pkgs.client;
  const client = (apiKey) => createHubClient({ baseUrl: hubUrl, apiKey, retry: { retries: 2 } });
  const admin = client(adminKey);
  const show = (path) => {
    const near = relative(process.cwd(), path);
    return near.startsWith('..') ? path : near || '.';
  };
  const artefacts = {};
  const state = {};

  const stepOf = (key) => INTEGRATION_STEPS[key];
  const run = async (number, key, body) => {
    const step = stepOf(key);
    stepHeader(step.lastStep > number ? `${number}–${step.lastStep}` : number, step);
    try {
      await body();
    } catch (error) {
      throw new StepFailed(number, step.nameEn, error);
    }
  };
  const act = async (who, action, extra = {}) => {
    const answer = await who.POST('/v1/integrations/{integrationId}/transitions', {
      params: { path: { integrationId: state.integrationId } },
      body: { action, ...extra },
    });
    if (answer.error) {
      const e = answer.error;
      throw new Error(
        `transition ${action} refused (${answer.response.status} ${e.code}): ${e.detail ?? e.title}`,
      );
    }
    moved(action, answer.data);
    return answer.data;
  };
  const registerClient = async (id, name, opd, label) => {
    await unwrapOk(admin, admin.POST('/v1/clients', { body: { id, name, opd } }), `register client ${id}`);
    return issueKey(id, label);
  };
  const issueKey = async (id, label) => {
    const issued = await unwrapOk(
      admin,
      admin.POST('/v1/clients/{clientId}/keys', { params: { path: { clientId: id } }, body: { label } }),
      `issue a key to ${id}`,
    );
    return issued;
  };

  // The contract as the OPD first writes it, and as it is after kominfo's review.
  const loaded = await pkgs.contracts.loadContract(contractFile);
  if (!loaded.ok) throw new Error(`${contractFile} does not load: ${loaded.problems[0]?.message}`);
  const final = JSON.parse(JSON.stringify({ ...loaded.contract, status: 'draft' }));
  const firstDraft = structuredClone(final);
  delete firstDraft.schema.properties.kode_wilayah.format;
  firstDraft.schema.properties.kode_wilayah.description = 'Kode desa lokasi Puskesmas.';

  // ── 1 ──────────────────────────────────────────────────────────────────────────────────────────
  await run(1, 'requested', async () => {
    const opdKey = await registerClient(
      OPD_CLIENT,
      'SIMPUS Dinas Kesehatan',
      'Dinas Kesehatan',
      'permohonan',
    );
    state.opd = client(opdKey.apiKey);
    state.opdKey = opdKey.apiKey;
    say(`OPD system ${bold(OPD_CLIENT)} registered on the hub (key ${opdKey.keyId})`);
    const created = await unwrapOk(
      state.opd,
      state.opd.POST('/v1/integrations', {
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
    state.integrationId = created.id;
    ok(
      `OPD filed integration request ${bold(created.id)} (state ${created.state}, due ${created.stepDeadline})`,
    );
    await act(admin, 'dispose', {
      disposition: { number: '555/0147/Diskominfo/2026', note: 'Diteruskan ke Tim Teknis' },
    });
  });

  // ── 2 ──────────────────────────────────────────────────────────────────────────────────────────
  await run(2, 'disposed', async () => {
    say(`The OPD writes its data structure as a draft contract ${DATASET} ${firstDraft.version}`);
    const draftPath = join(outDir, 'interchange', `${DATASET}-${firstDraft.version}-draft.json`);
    await mkdir(join(outDir, 'interchange'), { recursive: true });
    await writeFile(draftPath, `${JSON.stringify(firstDraft, null, 2)}\n`);
    const linted = await pkgs.contracts.loadContract(draftPath);
    if (!linted.ok)
      throw new Error(`the draft does not lint: ${linted.problems.map((p) => p.message).join('; ')}`);
    ok(
      `draft lints: ${Object.keys(firstDraft.schema.properties).length} fields, key ${firstDraft.primaryKey} → ${show(draftPath)}`,
    );
    await putContract(firstDraft);
    ok(`draft ${DATASET} ${firstDraft.version} registered on the hub (status draft)`);
    await act(state.opd, 'submit-structure', { contractVersion: firstDraft.version });
  });

  async function putContract(document) {
    await unwrapOk(
      admin,
      admin.PUT('/v1/contracts/{contractId}/versions/{version}', {
        params: { path: { contractId: document.contract, version: document.version } },
        body: document,
      }),
      `register contract ${document.contract} ${document.version}`,
    );
  }

  // ── 3 ──────────────────────────────────────────────────────────────────────────────────────────
  const evaluate = (document) =>
    Object.entries(document.schema.properties)
      .filter(([name, field]) => name.startsWith('kode_wilayah') && !field.format)
      .map(([name]) => `${name} has no reference-code format: it is not checked against the Kemendagri list`);

  await run(3, 'under-evaluation', async () => {
    const findings = evaluate(firstDraft);
    for (const finding of findings) say(`${red('✖')} ${finding}`);
    await act(admin, 'return', { reason: `Perbaiki struktur: ${findings.join('; ')}` });
  });

  await run(3, 'returned', async () => {
    const diff = pkgs.contracts.diffContracts(firstDraft, final);
    say('The OPD revises the draft:');
    for (const change of diff.changes) say(`  ${change.rule}  ${change.path}`);
    await putContract(final);
    await act(state.opd, 'submit-structure', { contractVersion: final.version });
  });

  await run(3, 'under-evaluation', async () => {
    const findings = evaluate(final);
    if (findings.length > 0) throw new Error(`the revised draft still has findings: ${findings.join('; ')}`);
    ok('no findings: the structure is agreed');
    const agreed = await unwrapOk(
      admin,
      admin.POST('/v1/contracts/{contractId}/versions/{version}/status', {
        params: { path: { contractId: DATASET, version: final.version } },
        body: { status: 'agreed' },
      }),
      'agree the contract version',
    );
    ok(`contract ${DATASET} ${agreed.version} is ${agreed.status} (immutable from now on)`);
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
    ok(`published contract version ${DATASET} ${published.version} → ${show(contractPath)}`);
    ok(`hub OpenAPI document (the web-service half of the interchange document) → ${show(openapiPath)}`);
    artefacts.interchange = dir;
    const dataset = await unwrapOk(
      admin,
      admin.PUT('/v1/datasets/{datasetId}', {
        params: { path: { datasetId: DATASET } },
        body: { contractVersion: final.version },
      }),
      'create the dataset',
    );
    ok(`dataset ${dataset.id} created on the hub, pinned to contract ${dataset.contractVersion}`);
    await act(admin, 'prepare-api', { datasetId: DATASET });
  });

  // ── 5 ──────────────────────────────────────────────────────────────────────────────────────────
  await run(5, 'api-prepared', async () => {
    const writerKey = await issueKey(OPD_CLIENT, 'simpus-produksi');
    await grant(OPD_CLIENT, ['read', 'write']);
    state.writer = client(writerKey.apiKey);
    ok(`API key ${writerKey.keyId} issued to ${OPD_CLIENT}, grant read+write on ${DATASET}`);
    const readerKey = await registerClient(READER_CLIENT, 'SIPD Bappeda', 'Bappeda', 'sipd-produksi');
    await grant(READER_CLIENT, ['read']);
    state.reader = client(readerKey.apiKey);
    ok(`API key ${readerKey.keyId} issued to ${READER_CLIENT}, grant read on ${DATASET}`);
    const me = await unwrapOk(state.writer, state.writer.GET('/v1/meta/whoami'), 'whoami');
    ok(`the hub knows SIMPUS's new key: ${me.clientId} (${me.role})`);
  });

  async function grant(clientId, access) {
    await unwrapOk(
      admin,
      admin.PUT('/v1/clients/{clientId}/grants/{datasetId}', {
        params: { path: { clientId, datasetId: DATASET } },
        body: { access },
      }),
      `grant ${access} on ${DATASET} to ${clientId}`,
    );
  }

  // ── 6 ──────────────────────────────────────────────────────────────────────────────────────────
  const desa = [...pkgs.contracts.wilayahCodes('desa')].filter((code) => code.startsWith('32.07.'));
  const records = puskesmasRecords(recordCount, desa);
  await run(6, 'tested', async () => {
    say(
      `SIMPUS pushes ${records.length.toLocaleString('en')} puskesmas records (batches of 1,000, idempotent)`,
    );
    const bar = progress('pushed', records.length);
    const started = performance.now();
    const pushed = await state.writer.pushRecords(DATASET, records, {
      batchSize: 1000,
      onProgress: (p) => bar.update(p.records),
    });
    bar.done();
    const ms = Math.round(performance.now() - started);
    ok(`${pushed.created} created in ${pushed.batches} batches, change sequence ${pushed.seq} (${ms} ms)`);

    let seen = 0;
    let last = 0;
    const keys = new Set();
    for await (const change of state.reader.pullChanges(DATASET, { since: 0 })) {
      if (change.seq !== last + 1) throw new Error(`changes feed jumped from ${last} to ${change.seq}`);
      last = change.seq;
      keys.add(change.key);
      seen++;
    }
    if (keys.size !== records.length)
      throw new Error(`the reader got ${keys.size} keys, expected ${records.length}`);
    ok(
      `${READER_CLIENT} read ${seen.toLocaleString('en')} changes through the changes feed (seq 1…${last}), none lost or repeated`,
    );

    say('Pact consumer tests of the OPD applications, against the Pact mock of the hub:');
    const pactDir = join(outDir, 'pacts');
    const contract = loaded.contract;
    const simpusPact = pkgs.pact.hubPact({ consumer: 'ciamis-dinkes-simpus', dir: pactDir });
    const batch = records.slice(0, 3);
    await pkgs.pact
      .pushRecordsInteraction(simpusPact, { contract, clientId: OPD_CLIENT, example: batch[0] })
      .executeTest(pkgs.pact.withHubClient((hub) => hub.pushRecords(DATASET, batch)));
    ok('ciamis-dinkes-simpus: push a batch of puskesmas');
    const sipdPact = pkgs.pact.hubPact({ consumer: 'ciamis-bappeda-sipd', dir: pactDir });
    await pkgs.pact.readChangesInteraction(sipdPact, { contract, clientId: READER_CLIENT }).executeTest(
      pkgs.pact.withHubClient(async (hub) => {
        for await (const change of hub.pullChanges(DATASET))
          if (change.op !== 'upsert') throw new Error(change.op);
      }),
    );
    ok('ciamis-bappeda-sipd: read the changes feed');
    const spec = await pkgs.pact.checkPactsAgainstSpec([pactDir]);
    if (!spec.ok)
      throw new Error(`pacts disagree with the hub's OpenAPI document:\n${spec.lines.join('\n')}`);
    ok(`pacts in ${show(pactDir)} agree with the hub's OpenAPI document`);

    const resultsDir = join(outDir, 'pact-results');
    const report = await pkgs.pact.verifyHub({
      hubUrl,
      adminKey,
      pacts: [pactDir],
      contracts: [contractFile],
      resultsDir,
    });
    for (const line of report.summary.split('\n')) say(line);
    if (!report.ok) throw new Error('the hub does not meet the pacts');
    const attachment = await pkgs.pact.attachVerificationResults(admin, state.integrationId, report);
    ok(`verification results attached to ${state.integrationId} as ${attachment.kind} (${attachment.id})`);
    state.pactAttachment = attachment;
    artefacts.pactResults = join(resultsDir, 'tukar-hub.verification.json');
    artefacts.pactJunit = join(resultsDir, 'tukar-hub.junit.xml');
    artefacts.pacts = pactDir;
    await act(admin, 'record-tests', { attachmentId: attachment.id });
  });

  // ── 7 ──────────────────────────────────────────────────────────────────────────────────────────
  await run(7, 'results-delivered', async () => {
    await act(admin, 'deliver-results');
    const url = `${hubUrl}/v1/integrations/${state.integrationId}/attachments/${state.pactAttachment.id}`;
    const answer = await fetch(url, { headers: { authorization: `Bearer ${state.opdKey}` } });
    if (!answer.ok) throw new Error(`the OPD cannot read the results: GET ${url} answered ${answer.status}`);
    const delivered = JSON.parse(await answer.text());
    const passed = delivered.interactions.filter((i) => i.ok).length;
    ok(
      `the OPD downloads the results from the hub: ${passed} of ${delivered.interactions.length} interactions verified`,
    );
    await act(admin, 'start-validation');
  });

  // ── 8 ──────────────────────────────────────────────────────────────────────────────────────────
  const validation = async (round) => {
    const report = await pkgs.validator.validateEndpoint(contractFile, { baseUrl: state.provider.url });
    const html = join(outDir, `laporan-hasil-validasi-${round}.html`);
    await writeFile(html, pkgs.validator.renderHtml(report));
    await writeFile(join(outDir, `laporan-hasil-validasi-${round}.json`), pkgs.validator.renderJson(report));
    const line = `${report.counts.records.toLocaleString('en')} records, ${report.counts.invalid} invalid, ${report.counts.issues} issues → ${show(html)}`;
    if (report.verdict === 'valid') ok(`validator: ${bold('valid')} — ${line}`);
    else say(`${red('✖')} validator: ${bold('invalid')} — ${line}`);
    return { report, html };
  };

  await run(8, 'validating', async () => {
    state.provider = await startOpdServer({ records, variant: 'string-counts' });
    closers.push(() => state.provider.close());
    say(`SIMPUS serves ${DATASET} at ${state.provider.url}/api/puskesmas (500 records a page)`);
    state.firstRun = await validation(1);
    for (const rule of state.firstRun.report.rules.slice(0, 3))
      say(`  ${rule.code} at ${rule.path}: ${rule.count} records`);
    say('The OPD fixes its export (counts as integers) and deploys it');
    state.provider.setVariant('correct');
    state.secondRun = await validation(2);
    if (state.secondRun.report.verdict !== 'valid') throw new Error('the fixed SIMPUS is still invalid');
    const submit = async (report) =>
      unwrapOk(
        state.opd,
        state.opd.POST('/v1/validation-reports', {
          body: pkgs.validator.toHubReport(report, {
            integrationId: state.integrationId,
            datasetId: DATASET,
          }),
        }),
        'submit the validation report',
      );
    const invalid = await submit(state.firstRun.report);
    const refused = await state.opd.POST('/v1/integrations/{integrationId}/transitions', {
      params: { path: { integrationId: state.integrationId } },
      body: { action: 'validate', reportId: invalid.id },
    });
    if (!refused.error) throw new Error('the hub accepted an invalid validation report for validate');
    say(
      `${red('✖')} report ${invalid.id} (invalid) refused for validate: ${refused.error.detail ?? refused.error.code}`,
    );
    const valid = await submit(state.secondRun.report);
    ok(`report ${valid.id} (valid) delivered to the hub`);
    await act(state.opd, 'validate', { reportId: valid.id });
  });

  // ── 9–10 ───────────────────────────────────────────────────────────────────────────────────────
  await run(9, 'validated', async () => {
    const listed = await unwrapOk(
      admin,
      admin.GET('/v1/validation-reports', { params: { query: { integrationId: state.integrationId } } }),
      'list the validation reports',
    );
    for (const r of listed.items)
      say(`report ${r.id}: ${r.verdict}, ${r.counts.records} records, ${r.counts.issues} issues`);
    ok(`Laporan Hasil Validasi (HTML) for the pengawas → ${show(state.secondRun.html)}`);
    artefacts.validationHtml = state.secondRun.html;
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
    ok(
      `dashboard answered 200 (${html.length.toLocaleString('en')} bytes, shows ${DATASET}) → ${show(path)}`,
    );
    artefacts.dashboard = path;
    await act(admin, 'complete', { note: 'Integrasi selesai; data tampil di dasbor.' });
  });

  // ── 12 ─────────────────────────────────────────────────────────────────────────────────────────
  await run(12, 'completed', async () => {
    const now = await unwrapOk(
      admin,
      admin.GET('/v1/integrations/{integrationId}', {
        params: { path: { integrationId: state.integrationId } },
      }),
      'read the integration',
    );
    if (now.state !== 'completed') throw new Error(`the integration is ${now.state}, not completed`);
    const url = `${hubUrl}/v1/integrations/${state.integrationId}/report`;
    const json = await fetch(url, { headers: { authorization: `Bearer ${adminKey}` } });
    const html = await fetch(url, { headers: { authorization: `Bearer ${adminKey}`, accept: 'text/html' } });
    if (!json.ok || !html.ok) throw new Error(`GET ${url} answered ${json.status} / ${html.status}`);
    const report = await json.json();
    artefacts.integrationJson = join(outDir, 'laporan-hasil-integrasi.json');
    artefacts.integrationHtml = join(outDir, 'laporan-hasil-integrasi.html');
    await writeFile(artefacts.integrationJson, `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(artefacts.integrationHtml, await html.text());
    const completed = report.steps.filter((s) => s.completedAt !== null).length;
    ok(`final integration report: ${completed} of ${report.steps.length} steps completed`);
  });

  return { integrationId: state.integrationId, artefacts };
}
