// Where a process spent its time, from a `node --cpu-prof` profile: the functions with the most self
// time, grouped by name and file, as lines for a bench's report.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** The `top` entries by self time, each "share% name (file)". */
export function topSelfTime(file: string, top = 10): string[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[] };
  const byName = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    total += hits;
    const { functionName, url } = node.callFrame;
    const where = url
      ? url.replace(/^.*node_modules\/(\.pnpm\/)?/, '').replace(/^file:\/\/.*\/packages\//, '')
      : '';
    const name = `${functionName || '(anonymous)'}${where ? ` (${where.split('/').slice(-2).join('/')})` : ''}`;
    byName.set(name, (byName.get(name) ?? 0) + hits);
  }
  return [...byName.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, hits]) => `${((100 * hits) / Math.max(total, 1)).toFixed(1).padStart(5)}% ${name}`);
}
