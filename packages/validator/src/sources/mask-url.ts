/** Query parameter names whose values are secrets. */
const SECRET_PARAM = /key|token|secret|pass|pwd|auth|sig|session|credential/i;

/**
 * A URL fit for a report: user and password removed, values of query parameters that look like secrets
 * (`api_key`, `token`, `signature`, …) replaced by `***`. Text that is not a URL comes back unchanged.
 *
 * @example
 * ```ts
 * maskUrl('https://opd.example.go.id/api/umkm?page=2&api_key=abc123'); // 'https://opd.example.go.id/api/umkm?page=2&api_key=***'
 * ```
 */
export function maskUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text;
  }
  url.username = '';
  url.password = '';
  for (const name of new Set(url.searchParams.keys())) {
    if (SECRET_PARAM.test(name)) url.searchParams.set(name, '***');
  }
  return url.href;
}
