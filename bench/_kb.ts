import { KeyIndex } from '@tukar/validator';
const N = 1_000_000;
const desa = Array.from({ length: 84000 }, (_, i) => `32.${String(i % 99).padStart(2, '0')}.${String((i >> 3) % 99).padStart(2, '0')}.${String(i).padStart(4, '0')}`);
const keys: string[] = [];
for (let i = 0; i < N; i++) keys.push(desa[i % desa.length] + ',' + `${2019 + Math.floor(i / desa.length)}-1`);
function bench(name: string, f: () => number) { for (let r = 0; r < 4; r++) { global.gc?.(); const s = performance.now(); const d = f(); console.log(name, Math.round(performance.now() - s), 'ms', d); } }
bench('KeyIndex', () => { const k = new KeyIndex(); let d = 0; for (let i = 0; i < N; i++) if (k.add(keys[i]!, i + 1)) d++; return d; });
// bench('Map', () => { const m = new Map<string, number>(); let d = 0; for (let i = 0; i < N; i++) { const s = keys[i]!; if (m.has(s)) d++; else m.set(s, i + 1); } return d; });
// bench('Set', () => { const m = new Set<string>(); let d = 0; for (let i = 0; i < N; i++) { const n = m.size; m.add(keys[i]!); if (m.size === n) d++; } return d; });
import { fingerprint } from '../packages/validator/src/engine/fingerprint';
// bench('fingerprint only', () => { const fp = { high: 0, low: 0 }; let x = 0; for (let i = 0; i < N; i++) { fingerprint(keys[i]!, fp); x ^= fp.low; } return x & 1; });
// bench('KeyIndex exact 0', () => { const k = new KeyIndex({ exactKeys: 0 }); let d = 0; for (let i = 0; i < N; i++) if (k.add(keys[i]!, i + 1)) d++; return d; });
// bench('Map 100k', () => { const m = new Map<string, number>(); let d = 0; for (let i = 0; i < 100000; i++) { const s = keys[i]!; if (m.has(s)) d++; else m.set(s, i + 1); } return d; });
const flat = keys.map((k) => JSON.parse(JSON.stringify(k)) as string);
bench('fingerprint flat', () => { const fp = { high: 0, low: 0 }; let x = 0; for (let i = 0; i < N; i++) { fingerprint(flat[i]!, fp); x ^= fp.low; } return x & 1; });
bench('KeyIndex flat', () => { const k = new KeyIndex(); let d = 0; for (let i = 0; i < N; i++) if (k.add(flat[i]!, i + 1)) d++; return d; });
