import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The client and the spec it imports must run in browsers too: no Node built-ins, no `process`/`Buffer`.
const sources = ['../src', '../../spec/src'].flatMap((dir) => {
  const path = fileURLToPath(new URL(dir, import.meta.url));
  return readdirSync(path)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({
      file: `${dir.replace('../', '')}/${f}`,
      text: withoutComments(readFileSync(`${path}/${f}`, 'utf8')),
    }));
});

function withoutComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

describe('runtime neutrality of @tukar/client and @tukar/spec', () => {
  it('reads real source files', () => {
    expect(sources.map((s) => s.file)).toContain('src/transport.ts');
  });

  it.each(sources.map((s) => [s.file, s.text] as const))('%s imports no Node built-in', (_file, text) => {
    expect(text).not.toMatch(/from ['"](node:|fs|path|http|https|crypto|os|stream|url|util)['"/]/);
    expect(text).not.toMatch(/\b(process\.|Buffer\.|require\()/);
  });
});
