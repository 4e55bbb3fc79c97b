// The one HTML escaper of Tukar (shared with the validator's report); the dashboard imports it from here.
export { escapeHtml } from '@tukar/contracts/markup';

import { escapeHtml } from '@tukar/contracts/markup';

/**
 * A date-time as WIB (UTC+7) text, e.g. `10 Mar 2025 09:00 WIB`; `—` for none.
 *
 * @example
 * formatWib('2025-03-10T02:00:00Z'); // → '10 Mar 2025 09:00 WIB'
 */
export function formatWib(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(Date.parse(iso) + 7 * 3600_000);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getUTCDate()} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} WIB`;
}

/** A label in Bahasa Indonesia with its English translation shown beside it (both escaped). */
export function bilingual(id: string, en?: string): string {
  return en ? `${escapeHtml(id)} <span class="en">${escapeHtml(en)}</span>` : escapeHtml(id);
}

/** One column of a {@link cardTable}: its Indonesian label and, optionally, the English one. */
export interface CardColumn {
  id: string;
  en?: string;
}

/** One row of a {@link cardTable}: cells as ready HTML (escape their text first), and row attributes. */
export interface CardRow {
  cells: string[];
  /** Extra attributes of the `<tr>`, ready HTML (e.g. `data-dataset="…"`, escaped). */
  attributes?: string;
}

/**
 * A table that is a table on wide screens and a stack of labelled cards on a phone (each cell shows
 * its column label), so no page scrolls sideways. Cells are HTML: escape their text first.
 *
 * @example
 * cardTable([{ id: 'Dataset' }, { id: 'Rekaman', en: 'Records' }], [{ cells: ['dinkes.puskesmas', '12'] }]);
 */
export function cardTable(columns: CardColumn[], rows: CardRow[], className = ''): string {
  const head = columns.map((c) => `<th scope="col">${bilingual(c.id, c.en)}</th>`).join('');
  const body = rows
    .map(
      (row) =>
        `<tr${row.attributes ? ` ${row.attributes}` : ''}>${row.cells
          .map((cell, i) => `<td data-label="${escapeHtml(columns[i]?.id ?? '')}"><div>${cell}</div></td>`)
          .join('')}</tr>`,
    )
    .join('\n');
  return `<table class="cards${className ? ` ${escapeHtml(className)}` : ''}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/**
 * The shared page frame: self-contained (inline CSS, no scripts, no external assets), readable on a
 * phone (tables turn into cards below 40rem) and in print. When the URL's fragment targets a
 * `.report` section, printing prints that report alone.
 *
 * @example
 * const page = htmlPage('Dasbor', '<h1>Dasbor</h1>');
 */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;margin:0 auto;padding:1rem;max-width:72rem;overflow-wrap:break-word}
h1{font-size:1.4rem;margin:.2rem 0 .8rem}h2{font-size:1.15rem;margin:1.6rem 0 .5rem;border-bottom:1px solid #d0d7de}
h3{font-size:1.05rem;margin:1.2rem 0 .4rem}h4{font-size:.95rem;margin:.8rem 0 .3rem}
.en{color:#57606a;font-weight:normal;font-size:.85em}
table{border-collapse:collapse;width:100%;margin:.4rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
table.facts th{width:32%}th{background:#f6f8fa}.ok{color:#1a7f37;font-weight:600}.bad{color:#cf222e;font-weight:600}.muted{color:#57606a}
.num{font-variant-numeric:tabular-nums}
code{font-size:.85em;white-space:pre-wrap;word-break:break-all}
nav ul{display:flex;flex-wrap:wrap;gap:.3rem 1rem;padding:0;margin:.3rem 0;list-style:none}
.summary{display:flex;flex-wrap:wrap;gap:.5rem;margin:.6rem 0;padding:0;list-style:none}
.summary li{border:1px solid #d0d7de;border-radius:6px;padding:.3rem .7rem;background:#f6f8fa}
.summary strong{font-size:1.15em}
.procedures{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(30rem,100%),1fr));gap:1rem}.procedure{min-width:0}
.steps ol{margin:.3rem 0;padding-left:1.6rem}
.report{border-top:2px solid #d0d7de;margin-top:1.5rem}.report:target{background:#fffbe6}
form{display:flex;flex-direction:column;gap:.5rem;max-width:28rem}input,button{font:inherit;padding:.5rem}
@media (max-width:40rem){
body{padding:.6rem}
table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:auto}
table.cards thead{display:none}
table.cards tr{border:1px solid #d0d7de;border-radius:6px;margin:.5rem 0;padding:.3rem .5rem}
table.cards td{border:0;padding:.15rem 0;display:grid;grid-template-columns:minmax(6rem,38%) minmax(0,1fr);gap:.5rem}
table.cards td::before{content:attr(data-label);font-weight:600;color:#57606a}
}
@media print{body{padding:0;max-width:none}a{color:inherit;text-decoration:none}.noprint{display:none}
body:has(.report:target)>:not(.report:target){display:none}.report:target{background:none;border:0;margin:0}}
</style>
</head>
<body>
${body}
</body>
</html>
`;
}
