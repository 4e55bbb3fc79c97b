// Every link in the READMEs and the guides leads somewhere: a relative link to a file of the repository
// that exists (and, into a Markdown file, to a heading it has), an absolute link to a real host, never a
// placeholder (example.com, example.invalid, localhost, …). Every package README links to the contract
// reference.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const documents = [
  'README.md',
  ...readdirSync(join(root, 'packages'))
    .map((dir) => `packages/${dir}/README.md`)
    .filter((file) => existsSync(join(root, file))),
  ...readdirSync(join(root, 'docs/guide'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => `docs/guide/${file}`),
];
const PLACEHOLDER_HOST = /(^|\.)(example\.(com|org|net|invalid)|invalid|localhost|127\.0\.0\.1|test)$/;

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const match of text.matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const base = slug(match[1] as string);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** The `[text](target)` links of a Markdown file, code blocks and inline code left out. */
function linksOf(text: string): string[] {
  const prose = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1] as string);
}

describe.each(documents)('%s', (document) => {
  const file = join(root, document);
  const links = linksOf(readFileSync(file, 'utf8'));

  it('links only to files and headings that exist', () => {
    const broken: string[] = [];
    for (const link of links) {
      if (/^[a-z]+:/i.test(link)) continue;
      const [path, anchor] = link.split('#') as [string, string | undefined];
      const target = path === '' ? file : join(dirname(file), decodeURI(path));
      if (!existsSync(target)) {
        broken.push(`${link} (no ${relative(root, target)})`);
        continue;
      }
      if (anchor && target.endsWith('.md') && statSync(target).isFile() && !anchorsOf(target).has(anchor))
        broken.push(`${link} (no heading #${anchor} in ${relative(root, target)})`);
    }
    expect(broken).toEqual([]);
  });

  it('links to no placeholder host', () => {
    const placeholders = links
      .filter((link) => /^https?:/i.test(link))
      .filter((link) => PLACEHOLDER_HOST.test(new URL(link).hostname));
    expect(placeholders).toEqual([]);
  });
});

describe.each(documents.filter((document) => document.startsWith('packages/')))('%s', (document) => {
  it('links to the contract reference in both languages', () => {
    const links = linksOf(readFileSync(join(root, document), 'utf8'));
    expect(links).toContain('../../docs/guide/contract-reference.md');
    expect(links).toContain('../../docs/guide/contract-reference.id.md');
  });
});
