/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A date-time as WIB (UTC+7) text, e.g. `10 Mar 2025 09:00 WIB`; `—` for none. */
export function formatWib(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(Date.parse(iso) + 7 * 3600_000);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getUTCDate()} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} WIB`;
}

/** The shared page frame: self-contained (inline CSS, no external assets), readable on a phone and in print. */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;margin:0;padding:1rem;max-width:70rem;margin-inline:auto}
h1{font-size:1.4rem;margin:.2rem 0 .8rem}h2{font-size:1.1rem;margin:1.4rem 0 .4rem;border-bottom:1px solid #d0d7de}
.en{color:#57606a;font-weight:normal;font-size:.85em}
table{border-collapse:collapse;width:100%;margin:.4rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}.ok{color:#1a7f37;font-weight:600}.bad{color:#cf222e;font-weight:600}.muted{color:#57606a}
.wrap{overflow-x:auto}code{font-size:.9em}
form{display:flex;flex-direction:column;gap:.5rem;max-width:28rem}input,button{font:inherit;padding:.5rem}
@media print{body{padding:0}a{color:inherit;text-decoration:none}.noprint{display:none}}
</style>
</head>
<body>
${body}
</body>
</html>
`;
}
