import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('procedure'));
});
afterEach(() => cleanup());

describe('tukar procedure init', () => {
  it('writes the Ciamis preset under a new id, and the file checks clean', async () => {
    const init = await run(
      ['procedure', 'init', '--from', 'ciamis', '--id', 'tasikmalaya', '-o', 'procedure.yaml'],
      {
        cwd: dir,
      },
    );
    expect(init.code).toBe(0);
    expect(init.stderr).toContain('wrote procedure.yaml from the ciamis preset');
    const text = await readFile(join(dir, 'procedure.yaml'), 'utf8');
    expect(text).toMatch(/^procedure: tasikmalaya$/m);
    expect(text).toContain('title: Ka. Sie. Telematika');
    const check = await run(['procedure', 'check', 'procedure.yaml'], { cwd: dir });
    expect(check.stdout).toBe('✔ procedure.yaml: procedure tasikmalaya@1.0.0, 9 steps, no problems\n');
    expect(check.code).toBe(0);
  });

  it('refuses an unknown preset, listing the four, and will not overwrite without --force', async () => {
    const unknown = await run(['procedure', 'init', '--from', 'bandung'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      '--from must be one of ciamis, sragen, nganjuk, karanganyar; got "bandung"',
    );
    await writeFile(join(dir, 'procedure.yaml'), 'mine\n');
    const again = await run(['procedure', 'init', '--from', 'sragen', '-o', 'procedure.yaml'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('procedure.yaml exists: pass --force');
    expect(await readFile(join(dir, 'procedure.yaml'), 'utf8')).toBe('mine\n');
  });
});

describe('tukar procedure check', () => {
  it('prints every problem with file, line and column, and exits 1', async () => {
    const init = await run(['procedure', 'init', '--from', 'nganjuk'], { cwd: dir });
    const broken = init.stdout
      .replace('waktu: "1 - 3 hari"', 'waktu: "sebentar"')
      .replace('{ when: return, to: 3, label: Tidak }', '{ when: return, to: 13, label: Tidak }');
    await writeFile(join(dir, 'nganjuk.yaml'), broken);
    const result = await run(['procedure', 'check', 'nganjuk.yaml'], { cwd: dir });
    expect(result.code).toBe(1);
    const lines = broken.split('\n');
    const waktuLine = lines.findIndex((l) => l.includes('sebentar')) + 1;
    const toLine = lines.findIndex((l) => l.includes('to: 13')) + 1;
    expect(result.stdout).toContain(
      `nganjuk.yaml:${waktuLine}:12  procedure_bad_duration  Step 11 (tampilan-dasbor)`,
    );
    expect(result.stdout).toMatch(
      new RegExp(`nganjuk\\.yaml:${toLine}:\\d+  procedure_unknown_step  .*has no step 13`),
    );
    expect(result.stdout).toMatch(/✖ 2 problems in 1 of 1 file\n$/);
  });

  it('exits 2 naming a file that does not exist', async () => {
    const result = await run(['procedure', 'check', 'nope.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Procedure file not found');
  });
});
