import { INTEGRATION_STEPS, type Schemas } from '@tukar/spec';
import { authenticateKey, mayAccess } from '../access-control';
import { base64Url, timingSafeEqual } from '../crypto-helpers';
import { HubProblem } from '../hub-problem';
import type { Caller, HubCore, RouteHandler } from '../request-context';
import { callerOf } from '../request-context';
import type { OperationId } from '../spec-operations';
import type { DatasetRow } from '../store';
import { escapeHtml, formatWib, htmlPage } from './html';
import { integrationView, maySee } from './integration-view';
import { toReportSummary } from './validation-reports';

const COOKIE = 'tukar_session';
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

async function sign(core: HubCore, payload: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(core.sessionSecret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return base64Url(new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(payload))));
}

function cookieValue(request: Request): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return value.join('=');
  }
  return undefined;
}

/**
 * The caller of a dashboard session cookie (`clientId|keyId|expiry` signed with HMAC-SHA-256), or
 * `null` when there is none or it is invalid, expired, or its key was revoked since.
 */
export async function sessionCaller(core: HubCore, request: Request): Promise<Caller | null> {
  const value = cookieValue(request);
  if (!value) return null;
  const [payload, signature] = value.split('.');
  if (!payload || !signature || !timingSafeEqual(signature, await sign(core, payload))) return null;
  let clientId: string;
  let keyId: string;
  let expires: number;
  try {
    [clientId, keyId, expires] = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as [
      string,
      string,
      number,
    ];
  } catch {
    return null;
  }
  if (expires * 1000 < core.now().getTime()) return null;
  const key = (await core.store.listApiKeys(clientId)).find((k) => k.keyId === keyId);
  const client = await core.store.getClient(clientId);
  if (!key || !client || client.disabled || key.revokedAt !== null) return null;
  if (key.expiresAt !== null && Date.parse(key.expiresAt) <= core.now().getTime()) return null;
  let grants: ReturnType<Caller['grants']> | undefined;
  return { client, key, grants: () => (grants ??= core.store.listGrants(clientId)) };
}

function html(body: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

function loginPage(message = ''): string {
  return htmlPage(
    'Masuk — Dasbor Tukar',
    `<h1>Dasbor Integrasi Data <span class="en">Data integration dashboard</span></h1>
${message ? `<p class="bad" role="alert">${escapeHtml(message)}</p>` : ''}
<form method="post" action="/dashboard/login">
<label for="apiKey">Kunci API <span class="en">API key</span></label>
<input id="apiKey" name="apiKey" type="password" autocomplete="off" required>
<button type="submit">Masuk <span class="en">Sign in</span></button>
</form>`,
  );
}

function freshness(row: DatasetRow, now: Date): string {
  const days = FRESH_FOR_DAYS[row.updateFrequency];
  if (row.lastChangeAt === null) return '<span class="muted">kosong <span class="en">empty</span></span>';
  if (days === null) return '<span class="muted">sesuai kebutuhan <span class="en">ad hoc</span></span>';
  const fresh = now.getTime() - Date.parse(row.lastChangeAt) <= days * 86_400_000;
  return fresh
    ? '<span class="ok">mutakhir <span class="en">fresh</span></span>'
    : '<span class="bad">usang <span class="en">stale</span></span>';
}

export const dashboardRoutes = {
  async getDashboard(ctx) {
    if (!ctx.caller) return new Response(null, { status: 302, headers: { location: '/dashboard/login' } });
    const caller = callerOf(ctx);
    const { store } = ctx.core;
    const now = ctx.core.now();
    const datasets: DatasetRow[] = [];
    for (const row of await store.listDatasets())
      if (caller.client.role === 'admin' || (await mayAccess(caller, row, 'read'))) datasets.push(row);
    const integrations = (await store.listIntegrations({ limit: 200 })).filter((row) => maySee(caller, row));
    const views = await Promise.all(integrations.map((row) => integrationView(store, row, now)));
    const reports = (await store.listValidationReports({ limit: 20 })).map(toReportSummary);
    const datasetRows = datasets
      .map(
        (d) =>
          `<tr><td>${escapeHtml(d.id)}</td><td>${escapeHtml(d.contractVersion)}</td><td>${escapeHtml(d.classification)}</td><td>${d.recordCount.toLocaleString('id-ID')}</td><td>${formatWib(d.lastChangeAt)}</td><td>${freshness(d, now)}</td></tr>`,
      )
      .join('\n');
    const integrationRows = views
      .map(
        (i) =>
          `<tr><td><a href="/v1/integrations/${escapeHtml(i.id)}/report">${escapeHtml(i.title)}</a></td><td>${escapeHtml(i.opd)}</td><td>${i.step}. ${escapeHtml(INTEGRATION_STEPS[i.state].name)}</td><td>${i.overdue ? `<span class="bad">terlambat <span class="en">overdue</span></span>` : formatWib(i.stepDeadline)}</td></tr>`,
      )
      .join('\n');
    const reportRows = reports
      .map(
        (r) =>
          `<tr><td>${escapeHtml(r.contractId)} ${escapeHtml(r.contractVersion)}</td><td class="${r.verdict === 'valid' ? 'ok' : 'bad'}">${r.verdict === 'valid' ? 'valid' : 'tidak valid'}</td><td>${r.counts.records}</td><td>${r.counts.invalid}</td><td>${formatWib(r.finishedAt)}</td></tr>`,
      )
      .join('\n');
    const empty = '<p class="muted">Belum ada. <span class="en">None yet.</span></p>';
    return html(
      htmlPage(
        'Dasbor Integrasi Data — Tukar',
        `<h1>Dasbor Integrasi Data <span class="en">Data integration dashboard</span></h1>
<p class="muted">Masuk sebagai <span class="en">Signed in as</span> <strong>${escapeHtml(caller.client.id)}</strong> · ${formatWib(now.toISOString())}</p>
<h2>Dataset <span class="en">Datasets</span></h2>
${datasetRows ? `<div class="wrap"><table><tr><th>Dataset</th><th>Versi kontrak <span class="en">Contract</span></th><th>Klasifikasi</th><th>Rekaman <span class="en">Records</span></th><th>Perubahan terakhir <span class="en">Last change</span></th><th>Kemutakhiran <span class="en">Freshness</span></th></tr>${datasetRows}</table></div>` : empty}
<h2>Integrasi <span class="en">Integrations</span></h2>
${integrationRows ? `<div class="wrap"><table><tr><th>Judul <span class="en">Title</span></th><th>OPD</th><th>Langkah SOP <span class="en">SOP step</span></th><th>Batas waktu <span class="en">Deadline</span></th></tr>${integrationRows}</table></div>` : empty}
<h2>Validasi terakhir <span class="en">Latest validations</span></h2>
${reportRows ? `<div class="wrap"><table><tr><th>Kontrak <span class="en">Contract</span></th><th>Hasil <span class="en">Verdict</span></th><th>Rekaman</th><th>Tidak valid</th><th>Selesai</th></tr>${reportRows}</table></div>` : empty}`,
      ),
    );
  },

  async getDashboardLogin() {
    return html(loginPage());
  },

  async postDashboardLogin(ctx) {
    const { apiKey } = ctx.body as Schemas['DashboardLoginForm'];
    let caller: Caller;
    try {
      caller = await authenticateKey(ctx.core, apiKey.trim());
    } catch (error) {
      if (error instanceof HubProblem)
        return html(loginPage(`Kunci API tidak diterima (API key not accepted): ${error.detail}`), 401);
      throw error;
    }
    const expires = Math.floor(ctx.core.now().getTime() / 1000) + SESSION_SECONDS;
    const payload = base64Url(
      new TextEncoder().encode(JSON.stringify([caller.client.id, caller.key.keyId, expires])),
    );
    const cookie = `${COOKIE}=${payload}.${await sign(ctx.core, payload)}; HttpOnly; SameSite=Strict; Path=/dashboard; Max-Age=${SESSION_SECONDS}`;
    return new Response(null, { status: 303, headers: { location: '/dashboard', 'set-cookie': cookie } });
  },
} satisfies Partial<Record<OperationId, RouteHandler>>;
