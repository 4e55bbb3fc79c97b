import { describe, expect, it } from 'vitest';
import { parseChangeset } from '../src/check/changesets';

describe('parseChangeset', () => {
  it('reads double-quoted, single-quoted and bare package names with their bumps', () => {
    const text =
      '---\n"@example/kontrak-kabupaten": minor\n\'@tukar/cli\': patch\nplain-pkg: major\n---\n\nfeat: tambah field\n';
    const result = parseChangeset(text, '.changeset/a.md');
    expect(result).toEqual({
      ok: true,
      changeset: {
        file: '.changeset/a.md',
        releases: { '@example/kontrak-kabupaten': 'minor', '@tukar/cli': 'patch', 'plain-pkg': 'major' },
        summary: 'feat: tambah field',
      },
    });
  });

  it('accepts an empty changeset and CRLF line endings', () => {
    expect(parseChangeset('---\n---\n', 'e.md')).toMatchObject({ ok: true, changeset: { releases: {} } });
    const crlf = parseChangeset('---\r\n"a": patch\r\n---\r\nfix\r\n', 'c.md');
    expect(crlf).toMatchObject({ ok: true, changeset: { releases: { a: 'patch' }, summary: 'fix' } });
  });

  it.each([
    ['no front matter', 'just text\n', "does not start with a '---'"],
    ['unclosed front matter', '---\n"a": patch\n', 'not closed'],
    ['unknown bump', '---\n"a": big\n---\n', "x.md:2: 'big' is not a bump for a"],
    [
      'a line that is not a release',
      '---\njust words\n---\n',
      'x.md:2: expected \'"<package>": patch|minor|major\'',
    ],
  ])('refuses %s, saying where', (_name, text, message) => {
    const result = parseChangeset(text, 'x.md');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.code).toBe('changeset_invalid');
      expect(result.problem.message).toContain(message);
      expect(result.problem.hint).toContain('pnpm changeset');
    }
  });
});
