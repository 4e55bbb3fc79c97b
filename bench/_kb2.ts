import { KeyIndex } from '@tukar/validator';
import { FingerprintHasher } from '../packages/validator/src/engine/fingerprint';
const N = 1_000_000;
const parts: Array<[string, string]> = [];
for (let i = 0; i < N; i++) parts.push([JSON.parse(JSON.stringify(`32.${String(i % 99).padStart(2, '0')}.${String((i >> 3) % 99).padStart(2, '0')}.${String(i % 84000).padStart(4, '0')}`)), JSON.parse(JSON.stringify(`${2019 + Math.floor(i / 84000)}-1`))]);
const H = new Int32Array(N), L = new Int32Array(N);
function bench(name: string, f: () => number) { for (let r = 0; r < 4; r++) { global.gc?.(); const s = performance.now(); const d = f(); console.log(name, Math.round(performance.now() - s), 'ms', d); } }
const h = new FingerprintHasher(); const fp = { high: 0, low: 0 };
bench('hash parts', () => { for (let i = 0; i < N; i++) { const [a, b] = parts[i]!; h.reset(); h.update(a); h.updateChar(44); h.update(b); h.finish(fp); H[i] = fp.high; L[i] = fp.low; } return 0; });
bench('table only', () => { const k = new KeyIndex({ exactKeys: 0 }); k.add('x', 1); let d = 0; for (let i = 0; i < N; i++) if (k.addHashed(H[i]!, L[i]!, i + 2)) d++; return d; });
bench('table presized', () => { const k = new KeyIndex({ exactKeys: 100000 }); for (let i = 0; i < 100001; i++) k.add('y' + i, 1 + i); let d = 0; for (let i = 0; i < N; i++) if (k.addHashed(H[i]!, L[i]!, i + 200000)) d++; return d; });
