import { KeyIndex } from '@tukar/validator';
const N = 1_000_000;
const H = new Int32Array(N), L = new Int32Array(N);
for (let i = 0; i < N; i++) { H[i] = Math.imul(i, 0x9e3779b1) ^ 0x5555; L[i] = Math.imul(i ^ 0x1234567, 0x85ebca6b) ^ (i >>> 3); }
function bench(name: string, f: () => number) { for (let r = 0; r < 5; r++) { const s = performance.now(); const d = f(); console.log(name, Math.round(performance.now() - s), 'ms', d); } }
bench('KeyIndex.addHashed', () => { const k = new KeyIndex({ exactKeys: 0 }); k.add('x', 1); let d = 0; for (let i = 0; i < N; i++) if (k.addHashed(H[i]!, L[i]!, i + 2)) d++; return d; });
bench('standalone presized', () => { const mask = (1 << 21) - 1; const t = new Int32Array((mask + 1) * 3); let d = 0; for (let i = 0; i < N; i++) { const hi = H[i]!, lo = L[i]!; let slot = lo & mask; for (;;) { const at = slot * 3; const s = t[at + 2]!; if (s === 0) break; if (t[at] === hi && t[at + 1] === lo) { d++; break; } slot = (slot + 1) & mask; } const at = slot * 3; t[at] = hi; t[at + 1] = lo; t[at + 2] = i + 1; } return d; });
