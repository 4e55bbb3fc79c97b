import { FingerprintHasher } from '../packages/validator/src/engine/fingerprint';
const N = 1_000_000; const h = new FingerprintHasher(); const fp = { high: 0, low: 0 };
const slots = 1 << 21, mask = slots - 1; const t = new Int32Array(slots * 3);
let probes = 0, maxp = 0;
const s0 = performance.now();
for (let i = 0; i < N; i++) { h.reset(); h.update(`32.${String(i % 99).padStart(2, '0')}.${String((i >> 3) % 99).padStart(2, '0')}.${String(i % 84000).padStart(4, '0')}`); h.updateChar(44); h.update(`${2019 + Math.floor(i / 84000)}-1`); h.finish(fp);
  let slot = fp.low & mask; let p = 0; while (t[slot * 3 + 2] !== 0) { slot = (slot + 1) & mask; p++; } probes += p; if (p > maxp) maxp = p; t[slot*3] = fp.high; t[slot*3+1] = fp.low; t[slot*3+2] = i + 1; }
console.log('avg extra probes', probes / N, 'max', maxp, Math.round(performance.now() - s0), 'ms (incl. string building)');
const s1 = performance.now(); let x = 0;
for (let i = 0; i < N; i++) { const slot = (Math.imul(i, 0x9e3779b1) >>> 0) & mask; x += t[slot * 3 + 2]!; }
console.log('1M random reads', Math.round(performance.now() - s1), 'ms', x > 0);
