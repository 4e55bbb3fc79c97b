import { compareVersions, nextVersion, parseVersion, VersionError, versionBump } from '@tukar/contracts';
import { describe, expect, it } from 'vitest';

describe('semver helpers', () => {
  it('orders versions by semver precedence, pre-releases before their release', () => {
    const ordered = [
      '0.9.9',
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.2.0-rc.1',
      '1.2.0',
      '1.10.0',
      '2.0.0',
    ];
    const shuffled = [...ordered].reverse();
    expect(shuffled.sort(compareVersions)).toEqual(ordered);
    expect(compareVersions('1.2.0+build.5', '1.2.0')).toBe(0);
  });

  it('parses pre-release and build parts', () => {
    expect(parseVersion('1.2.0-rc.1+sha.abc')).toEqual({
      major: 1,
      minor: 2,
      patch: 0,
      prerelease: ['rc', 1],
      build: ['sha', 'abc'],
    });
    for (const bad of ['v1.2.0', '1.2', '01.2.0', '1.2.0-', '', '9007199254740993.0.0', 'x'.repeat(300)]) {
      expect(parseVersion(bad), bad).toBeUndefined();
    }
  });

  it.each([
    ['1.2.3', 'patch', '1.2.4'],
    ['1.2.3', 'minor', '1.3.0'],
    ['1.2.3', 'major', '2.0.0'],
    ['1.2.3', 'none', '1.2.3'],
    ['1.2.0-rc.1', 'minor', '1.2.0'],
    ['1.2.0-rc.1', 'major', '2.0.0'],
    ['2.0.0-rc.2', 'major', '2.0.0'],
    ['1.2.3-rc.1', 'patch', '1.2.3'],
    ['0.3.1', 'major', '1.0.0'],
  ] as const)('nextVersion(%s, %s) = %s', (version, bump, expected) => {
    expect(nextVersion(version, bump)).toBe(expected);
  });

  it.each([
    ['1.2.0', '1.2.1', 'patch'],
    ['1.2.0', '1.3.0', 'minor'],
    ['1.2.0', '2.0.0', 'major'],
    ['1.2.0', '1.2.0+build', 'none'],
    ['1.2.0', '1.1.9', 'downgrade'],
    ['1.2.0', '1.2.0-rc.1', 'downgrade'],
    ['2.0.0', '1.99.99', 'downgrade'],
    ['1.2.0', '2.0.0-rc.1', 'major'],
    ['2.0.0-rc.1', '2.0.0', 'major'],
    ['1.3.0-rc.1', '1.3.0-rc.2', 'minor'],
    ['1.3.1-rc.1', '1.3.1', 'patch'],
  ] as const)('versionBump(%s, %s) = %s', (from, to, expected) => {
    expect(versionBump(from, to)).toBe(expected);
  });

  it('throws a VersionError naming the bad version and the expected form', () => {
    let caught: unknown;
    try {
      versionBump('1.2.0', 'v2');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(VersionError);
    expect(caught).toMatchObject({ code: 'invalid_version', version: 'v2', name: 'VersionError' });
    expect((caught as Error).message).toMatch(
      /next version "v2" is not a semantic version: write MAJOR.MINOR.PATCH/,
    );
    expect(() => nextVersion('latest', 'minor')).toThrow(/"latest" is not a semantic version/);
  });
});
