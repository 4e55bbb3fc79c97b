import type { WilayahLevel } from './wilayah-level';

/**
 * The compact text form of the Kemendagri area list compiled into `@tukar/contracts/wilayah-data`
 * (≈ 110 kB for the 90,000 codes of idn-area-data 4, ≈ 26 kB gzipped):
 *
 * ```text
 * 11 12 13 … 32 …                       line 1: every provinsi
 * 3207 01:1001-8,2001-2,2008-6 02:2001-9 …   one line per kabupaten/kota (32.07): each kecamatan (32.07.01)
 *                                        with its desa as 4-digit runs: 1001-8 = 1001 and the 8 after it
 * ```
 *
 * Lossless for any list whose codes have the dotted Kemendagri shapes and whose every kabupaten,
 * kecamatan and desa has its parent in the list (idn-area-data does); anything else is refused.
 *
 * @throws {Error} naming the first code that does not fit.
 * @example
 * ```ts
 * encodeWilayahCodes({ provinsi: ['32'], kabupaten: ['32.07'], kecamatan: ['32.07.01'], desa: ['32.07.01.2008'] });
 * // '32\n3207 01:2008'
 * ```
 */
export function encodeWilayahCodes(codes: Readonly<Record<WilayahLevel, readonly string[]>>): string {
  const shape = { provinsi: /^\d{2}$/, kabupaten: /^\d{2}\.\d{2}$/, kecamatan: /^\d{2}\.\d{2}\.\d{2}$/ };
  for (const level of ['provinsi', 'kabupaten', 'kecamatan'] as const) {
    const bad = codes[level].find((code) => !shape[level].test(code));
    if (bad !== undefined) throw new Error(`${level} code "${bad}" is not in the dotted form`);
  }
  const provinsi = new Set(codes.provinsi);
  const kecamatanOf = new Map<string, string[]>(codes.kabupaten.map((kabupaten) => [kabupaten, []]));
  for (const kabupaten of codes.kabupaten) {
    if (!provinsi.has(kabupaten.slice(0, 2))) throw new Error(`kabupaten ${kabupaten} has no provinsi`);
  }
  const desaOf = new Map<string, number[]>();
  for (const kecamatan of codes.kecamatan) {
    const siblings = kecamatanOf.get(kecamatan.slice(0, 5));
    if (!siblings) throw new Error(`kecamatan ${kecamatan} has no kabupaten`);
    if (desaOf.has(kecamatan)) continue;
    siblings.push(kecamatan);
    desaOf.set(kecamatan, []);
  }
  for (const desa of codes.desa) {
    const numbers = desaOf.get(desa.slice(0, 8));
    if (!/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/.test(desa))
      throw new Error(`desa code "${desa}" is not in the dotted form`);
    if (!numbers) throw new Error(`desa ${desa} has no kecamatan`);
    numbers.push(Number(desa.slice(9)));
  }
  const lines = [[...provinsi].join(' ')];
  for (const [kabupaten, kecamatans] of kecamatanOf) {
    const entries = kecamatans.map((kecamatan) => {
      const runs = toRuns(desaOf.get(kecamatan) as number[]);
      return runs === '' ? kecamatan.slice(6) : `${kecamatan.slice(6)}:${runs}`;
    });
    lines.push([kabupaten.replace('.', ''), ...entries].join(' '));
  }
  return lines.join('\n');
}

/** `[2001, 2002, 2003, 2008]` → `2001-2,2008`; duplicates collapse. */
function toRuns(numbers: number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    const start = sorted[i] as number;
    let end = i;
    while (sorted[end + 1] === (sorted[end] as number) + 1) end++;
    const first = String(start).padStart(4, '0');
    runs.push(end === i ? first : `${first}-${end - i}`);
    i = end + 1;
  }
  return runs.join(',');
}

/**
 * The dotted codes of one level from the text of {@link encodeWilayahCodes}.
 *
 * @example
 * ```ts
 * decodeWilayahCodes('32\n3207 01:2008-1', 'desa'); // ['32.07.01.2008', '32.07.01.2009']
 * ```
 */
export function decodeWilayahCodes(text: string, level: WilayahLevel): string[] {
  const lines = text.split('\n');
  if (level === 'provinsi') return (lines[0] ?? '').split(' ').filter((code) => code !== '');
  const codes: string[] = [];
  for (let l = 1; l < lines.length; l++) {
    const [head = '', ...entries] = (lines[l] as string).split(' ');
    const kabupaten = `${head.slice(0, 2)}.${head.slice(2)}`;
    if (level === 'kabupaten') {
      codes.push(kabupaten);
      continue;
    }
    for (const entry of entries) {
      const colon = entry.indexOf(':');
      const kecamatan = `${kabupaten}.${colon === -1 ? entry : entry.slice(0, colon)}`;
      if (level === 'kecamatan') {
        codes.push(kecamatan);
        continue;
      }
      if (colon === -1) continue;
      for (const run of entry.slice(colon + 1).split(',')) {
        const dash = run.indexOf('-');
        const start = Number(dash === -1 ? run : run.slice(0, dash));
        const more = dash === -1 ? 0 : Number(run.slice(dash + 1));
        for (let n = start; n <= start + more; n++) codes.push(`${kecamatan}.${String(n).padStart(4, '0')}`);
      }
    }
  }
  return codes;
}
