import type { Schemas } from '@tukar/spec';
import { authenticateKey, mayAccess } from '../access-control';
import { base64Url, timingSafeEqual } from '../crypto-helpers';
import { HubProblem } from '../hub-problem';
import type { Caller, HubCore, RouteTable } from '../request-context';
import { callerOf } from '../request-context';
import type { DatasetRow, ValidationReportRow } from '../store';
import { anchorOf, renderProcedurePanels } from './dashboard-procedures';
import {
  checkFormPost,
  csrfFor,
  DASHBOARD_HEADERS,
  readCookie,
  SESSION_COOKIE,
  setCookie,
  sign,
} from './dashboard-security';
import { bilingual, cardTable, escapeHtml, formatWib, htmlPage } from './html';
import { buildIntegrationReport } from './integration-report';
import { renderIntegrationReportSection } from './integration-report-html';
import { maySee } from './integration-view';
import { mayReadReport } from './validation-reports';

const SESSION_SECONDS = 8 * 3600;
/** How long a dataset may go without a change before it counts as stale, per update frequency. */
const FRESH_FOR_DAYS: Record<Schemas['UpdateFrequency'], number | null> = {
  realtime: 1,
  daily: 2,
  weekly: 8,
  monthly: 32,
  quarterly: 93,
  yearly: 366,
  adhoc: null,
};

/**
 * The `Set-Cookie` of a new dashboard session for `clientId`: `clientId|keyId|expiry` signed with
 * HMAC-SHA-256, `keyId` the API key signed in with, or `null` for a session opened by single sign-on.
 */
export async function sessionCookie(
  core: HubCore,
  request: Request,
  clientId: string,
  keyId: string | null,
): Promise<string> {
  const expires = Math.floor(core.now().getTime() / 1000) + SESSION_SECONDS;
  const payload = base64Url(new TextEncoder().encode(JSON.stringify([clientId, keyId, expires])));
  const session = `${payload}.${await sign(core, payload)}`;
  return setCookie(core, request, SESSION_COOKIE, session, SESSION_SECONDS);
}

/**
 * The caller of a dashboard session cookie (see {@link sessionCookie}), or `null` when there is none or it
 * is invalid, expired, its account was disabled, its key was revoked since, or — for a single sign-on
 * session — the hub no longer offers single sign-on.
 */
export async function sessionCaller(core: HubCore, request: Request): Promise<Caller | null> {
  const value = readCookie(request, SESSION_COOKIE);
  if (!value) return null;
  const [payload, signature] = value.split('.');
  if (!payload || !signature || !timingSafeEqual(signature, await sign(core, payload))) return null;
  let clientId: string;
  let keyId: string | null;
  let expires: number;
  try {
    [clientId, keyId, expires] = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as [
      string,
      string | null,
      number,
    ];
  } catch {
    return null;
  }
  if (expires * 1000 < core.now().getTime()) return null;
  const client = await core.store.getClient(clientId);
  if (!client || client.disabled) return null;
  let grants: ReturnType<Caller['grants']> | undefined;
  const grantsOf = () => (grants ??= core.store.listGrants(clientId));
  if (keyId === null) return core.oidc ? { client, key: null, grants: grantsOf } : null;
  const key = (await core.store.listApiKeys(clientId)).find((k) => k.keyId === keyId);
  if (!key || key.revokedAt !== null) return null;
  if (key.expiresAt !== null && Date.parse(key.expiresAt) <= core.now().getTime()) return null;
  return { client, key, grants: grantsOf };
}

/** A dashboard answer with the dashboard's security headers (and any cookies to set). */
export function answer(
  body: string | null,
  status: number,
  headers: Record<string, string> = {},
  cookies: Array<string | undefined> = [],
): Response {
  const all = new Headers({ ...DASHBOARD_HEADERS, ...headers });
  if (body !== null) all.set('content-type', 'text/html; charset=utf-8');
  for (const cookie of cookies) if (cookie !== undefined) all.append('set-cookie', cookie);
  return new Response(body, { status, headers: all });
}

/** The hidden field that carries a form's CSRF token. */
const csrfField = (token: string) => `<input type="hidden" name="csrf" value="${escapeHtml(token)}">`;

/**
 * The login page: the personal-key form, and "Masuk dengan SSO" when the hub offers single sign-on
 * (`sso`); `message` is a refusal to show above them.
 */
export function loginPage(csrfToken: string, message = '', sso = false): string {
  return htmlPage(
    'Masuk — Dasbor Tukar',
    `<h1>Dasbor Integrasi Data <span class="en">Data integration dashboard</span></h1>
${message ? `<p class="bad" role="alert">${escapeHtml(message)}</p>` : ''}
<form method="post" action="/dashboard/login">
${csrfField(csrfToken)}
<label for="apiKey">Kunci API <span class="en">API key</span></label>
<input id="apiKey" name="apiKey" type="password" autocomplete="off" required>
<button type="submit">Masuk <span class="en">Sign in</span></button>
</form>${
      sso
        ? `
<p class="sso"><a href="/dashboard/login/sso" data-sso>Masuk dengan SSO <span class="en">Sign in with single sign-on</span></a></p>`
        : ''
    }`,
  );
}

/** Whether the client reads HTML (a browser), rather than asking only for JSON. */
export function acceptsHtml(request: Request): boolean {
  const accept = (request.headers.get('accept') ?? '*/*').toLowerCase();
  return accept.includes('text/html') || !accept.includes('json');
}

const FREQUENCY_NAMES: Record<Schemas['UpdateFrequency'], string> = {
  realtime: 'waktu nyata',
  daily: 'harian',
  weekly: 'mingguan',
  monthly: 'bulanan',
  quarterly: 'triwulanan',
  yearly: 'tahunan',
  adhoc: 'sesuai kebutuhan',
};

function freshness(row: DatasetRow, now: Date): string {
  const days = FRESH_FOR_DAYS[row.updateFrequency];
  if (row.lastChangeAt === null) return '<span class="muted">kosong <span class="en">empty</span></span>';
  if (days === null) return '<span class="muted">sesuai kebutuhan <span class="en">ad hoc</span></span>';
  const fresh = now.getTime() - Date.parse(row.lastChangeAt) <= days * 86_400_000;
  return fresh
    ? '<span class="ok">mutakhir <span class="en">fresh</span></span>'
    : `<span class="bad">usang <span class="en">stale</span></span> <span class="muted">(&gt; ${days} hari)</span>`;
}

function verdictHtml(verdict: Schemas['ValidationVerdict']): string {
  return verdict === 'valid'
    ? '<span class="ok">valid</span>'
    : '<span class="bad">tidak valid <span class="en">invalid</span></span>';
}

const EMPTY = '<p class="muted">Belum ada. <span class="en">None yet.</span></p>';

/** The dashboard page for a signed-in caller: only what that caller may read. */
async function renderDashboard(core: HubCore, caller: Caller, csrfToken: string): Promise<string> {
  const { store } = core;
  const now = core.now();
  const datasets: DatasetRow[] = [];
  for (const row of await store.listDatasets())
    if (caller.client.role === 'admin' || (await mayAccess(caller, row, 'read'))) datasets.push(row);
  const rows = (await store.listIntegrations({ limit: 200 })).filter((row) => maySee(caller, row));
  const reports = await Promise.all(rows.map((row) => buildIntegrationReport(core, row)));
  // By SOP step, the overdue first within a step, then the newest.
  const byStep = reports
    .map((report) => report.integration)
    .sort(
      (a, b) =>
        a.step - b.step || Number(b.overdue) - Number(a.overdue) || b.createdAt.localeCompare(a.createdAt),
    );
  const validations: ValidationReportRow[] = [];
  for (const row of await store.listValidationReports({ limit: 100 })) {
    if (validations.length === 20) break;
    if (await mayReadReport(store, caller, row)) validations.push(row);
  }
  const titleOf = new Map(rows.map((row) => [row.id, row.title]));
  const pacts = reports
    .flatMap((report) =>
      report.pactResults.map((attachment) => ({ integration: report.integration, attachment })),
    )
    .sort((a, b) => b.attachment.createdAt.localeCompare(a.attachment.createdAt))
    .slice(0, 20);

  const datasetTable = cardTable(
    [
      { id: 'Dataset' },
      { id: 'Versi kontrak', en: 'Contract' },
      { id: 'Klasifikasi', en: 'Class' },
      { id: 'Rekaman', en: 'Records' },
      { id: 'Pembaruan', en: 'Update frequency' },
      { id: 'Perubahan terakhir', en: 'Last change' },
      { id: 'Kemutakhiran', en: 'Freshness' },
    ],
    datasets.map((d) => ({
      attributes: `data-dataset="${escapeHtml(d.id)}"`,
      cells: [
        `<strong>${escapeHtml(d.id)}</strong>`,
        escapeHtml(d.contractVersion),
        escapeHtml(d.classification),
        `<span class="num" data-records>${d.recordCount.toLocaleString('id-ID')}</span>`,
        bilingual(FREQUENCY_NAMES[d.updateFrequency], d.updateFrequency),
        formatWib(d.lastChangeAt),
        freshness(d, now),
      ],
    })),
  );
  const integrationPanels = renderProcedurePanels(core.procedures, byStep);
  const validationTable = cardTable(
    [
      { id: 'Kontrak', en: 'Contract' },
      { id: 'Hasil', en: 'Verdict' },
      { id: 'Rekaman', en: 'Records' },
      { id: 'Tidak valid', en: 'Invalid' },
      { id: 'Integrasi', en: 'Integration' },
      { id: 'Selesai', en: 'Finished' },
    ],
    validations.map(({ id, integrationId, report: r }) => ({
      attributes: `data-report="${escapeHtml(id)}"`,
      cells: [
        `${escapeHtml(r.contractId)} ${escapeHtml(r.contractVersion)}`,
        `${verdictHtml(r.verdict)}${r.complete ? '' : ' <span class="muted">(tidak lengkap <span class="en">incomplete</span>)</span>'}`,
        `<span class="num">${r.counts.records}</span>`,
        `<span class="num">${r.counts.invalid}</span>`,
        integrationId && titleOf.has(integrationId)
          ? `<a href="#${escapeHtml(anchorOf(integrationId))}">${escapeHtml(titleOf.get(integrationId))}</a>`
          : '—',
        formatWib(r.finishedAt),
      ],
    })),
  );
  const pactTable = cardTable(
    [
      { id: 'Berkas', en: 'File' },
      { id: 'Integrasi', en: 'Integration' },
      { id: 'Ukuran', en: 'Size' },
      { id: 'SHA-256' },
      { id: 'Diunggah', en: 'Uploaded' },
    ],
    pacts.map(({ integration, attachment: a }) => ({
      attributes: `data-pact="${escapeHtml(a.id)}"`,
      cells: [
        escapeHtml(a.name),
        `<a href="#${escapeHtml(anchorOf(integration.id))}">${escapeHtml(integration.title)}</a>`,
        `<span class="num">${a.size.toLocaleString('id-ID')} B</span>`,
        `<code>${escapeHtml(a.sha256.slice(0, 12))}…</code>`,
        `${formatWib(a.createdAt)} <span class="muted">${escapeHtml(a.createdBy)}</span>`,
      ],
    })),
  );
  const open = byStep.filter((i) => !i.ended);
  const summary = [
    ['Dataset', 'datasets', datasets.length, ''],
    ['Integrasi berjalan', 'in progress', open.length, ''],
    ['Terlambat', 'overdue', open.filter((i) => i.overdue).length, 'bad'],
    ['Selesai', 'completed', byStep.length - open.length, 'ok'],
  ]
    .map(
      ([id, en, count, tone]) =>
        `<li><strong class="num ${tone}">${count}</strong> ${bilingual(String(id), String(en))}</li>`,
    )
    .join('');
  const sections = reports
    .sort(
      (a, b) =>
        a.integration.step - b.integration.step || a.integration.title.localeCompare(b.integration.title),
    )
    .map((report) =>
      renderIntegrationReportSection(report, { headingLevel: 3, id: anchorOf(report.integration.id) }),
    )
    .join('\n');
  return htmlPage(
    'Dasbor Integrasi Data — Tukar',
    `<header>
<h1>Dasbor Integrasi Data <span class="en">Data integration dashboard</span></h1>
<p class="muted">Masuk sebagai <span class="en">Signed in as</span> <strong data-signed-in>${escapeHtml(caller.client.name)}</strong> <span class="muted">(${escapeHtml(caller.client.id)}${caller.key === null ? ' · SSO' : ''})</span> · ${formatWib(now.toISOString())}</p>
<form class="noprint logout" method="post" action="/dashboard/logout">${csrfField(csrfToken)}<button type="submit">Keluar <span class="en">Sign out</span></button></form>
<nav class="noprint" aria-label="Bagian"><ul><li><a href="#dataset">Dataset</a></li><li><a href="#integrasi">Integrasi</a></li><li><a href="#validasi">Validasi</a></li><li><a href="#pact">Pact</a></li><li><a href="#laporan">Laporan</a></li></ul></nav>
<ul class="summary" aria-label="Ringkasan">${summary}</ul>
</header>
<h2 id="dataset">Dataset <span class="en">Datasets</span></h2>
${datasets.length > 0 ? datasetTable : EMPTY}
<h2 id="integrasi">Integrasi per prosedur dan langkah SOP <span class="en">Integrations by procedure and SOP step</span></h2>
${byStep.length > 0 ? integrationPanels : EMPTY}
<h2 id="validasi">Validasi terakhir <span class="en">Latest validations</span></h2>
${validations.length > 0 ? validationTable : EMPTY}
<h2 id="pact">Hasil uji Pact terakhir <span class="en">Latest Pact results</span></h2>
${pacts.length > 0 ? pactTable : EMPTY}
<h2 id="laporan">Laporan hasil integrasi <span class="en">Integration reports</span></h2>
<p class="muted noprint">Buka judul integrasi lalu cetak halaman untuk mencetak laporannya saja. <span class="en">Open an integration's title, then print the page to print its report alone.</span></p>
${sections || EMPTY}`,
  );
}

export const dashboardRoutes = {
  async getDashboard(ctx) {
    if (!ctx.caller) return answer(null, 302, { location: '/dashboard/login' });
    const csrf = await csrfFor(ctx.core, ctx.request);
    return answer(await renderDashboard(ctx.core, callerOf(ctx), csrf.token), 200, {}, [csrf.setCookie]);
  },

  async getDashboardLogin(ctx) {
    const csrf = await csrfFor(ctx.core, ctx.request);
    return answer(loginPage(csrf.token, '', ctx.core.oidc !== undefined), 200, {}, [csrf.setCookie]);
  },

  async postDashboardLogin(ctx) {
    const { apiKey, csrf } = ctx.body;
    await checkFormPost(ctx.core, ctx.request, csrf);
    let caller: Awaited<ReturnType<typeof authenticateKey>>;
    try {
      caller = await authenticateKey(ctx.core, apiKey.trim());
    } catch (error) {
      if (!(error instanceof HubProblem) || !acceptsHtml(ctx.request)) throw error;
      const fresh = await csrfFor(ctx.core, ctx.request);
      const message = `Kunci API tidak diterima (API key not accepted): ${error.detail}`;
      return answer(loginPage(fresh.token, message, ctx.core.oidc !== undefined), error.status, {}, [
        fresh.setCookie,
      ]);
    }
    return answer(null, 303, { location: '/dashboard' }, [
      await sessionCookie(ctx.core, ctx.request, caller.client.id, caller.key.keyId),
    ]);
  },

  async postDashboardLogout(ctx) {
    const { csrf } = ctx.body;
    await checkFormPost(ctx.core, ctx.request, csrf);
    return answer(null, 303, { location: '/dashboard/login' }, [
      setCookie(ctx.core, ctx.request, SESSION_COOKIE, '', 0),
    ]);
  },
} satisfies Partial<RouteTable>;
