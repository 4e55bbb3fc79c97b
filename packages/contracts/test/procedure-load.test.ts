import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatProblem } from '@tukar/contracts';
import {
  loadProcedure,
  type ProcedureLoadResult,
  type ProcedureProblem,
  parseProcedure,
} from '@tukar/contracts/procedure';
import { describe, expect, it } from 'vitest';

/** A small procedure of three steps: a request, a decision that can return to step 1, a report. */
const GOOD = `procedure: contoh
version: 1.0.0
kabupaten: Kabupaten Contoh
title: { id: Integrasi Data, en: Data integration }
sop: { nomor: 1/2026, tanggal: 2 Januari 2026, disahkanOleh: Kepala Dinas }
actors:
  opd: { title: Perangkat Daerah, role: opd-operator }
  tim: { title: Tim Teknis, role: tim-teknis }
steps:
  - number: 1
    id: permohonan
    name: { id: Permohonan, en: Request }
    actor: opd
    kelengkapan: Surat permohonan
    waktu: 1 hari
    output: { name: Dokumen Struktur DB, artefact: contract-version }
    next:
      - { when: done, to: 2 }
  - number: 2
    id: evaluasi
    name: { id: Evaluasi, en: Evaluation }
    actor: tim
    kelengkapan: Dokumen Struktur DB
    waktu: 1-3 hari
    output: { name: Dokumen disepakati, artefact: agreed-contract-version }
    next:
      - { when: agree, to: 3 }
      - { when: return, to: 1 }
  - number: 3
    id: laporan
    name: { id: Laporan, en: Report }
    actor: tim
    kelengkapan: Dokumen disepakati
    waktu: 1 bulan
    output: { name: Laporan hasil integrasi, artefact: integration-report }
    next:
      - { when: done, to: end }
`;

function variant(replace: string, by: string): string {
  if (!GOOD.includes(replace)) throw new Error(`fixture has no ${replace}`);
  return GOOD.replace(replace, by);
}

function problemsOf(result: ProcedureLoadResult): ProcedureProblem[] {
  if (result.ok) throw new Error('expected the procedure to be refused');
  return result.problems;
}

/** The 1-based line of the first occurrence of `text` in `source`. */
function lineOf(source: string, text: string): number {
  const at = source.indexOf(text);
  if (at === -1) throw new Error(`no ${text}`);
  return source.slice(0, at).split('\n').length;
}

describe('parseProcedure', () => {
  it('loads a well-formed procedure with its time limits read', () => {
    const result = parseProcedure(GOOD);
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    expect(result.procedure.steps.map((s) => s.timeLimit)).toEqual([
      { min: 1, max: 1, unit: 'working-days', text: '1 hari' },
      { min: 1, max: 3, unit: 'working-days', text: '1-3 hari' },
      { min: 1, max: 1, unit: 'months', text: '1 bulan' },
    ]);
  });

  it('refuses a transition to a step that does not exist, naming the step and the line', () => {
    const text = variant('- { when: return, to: 1 }', '- { when: return, to: 7 }');
    const [problem, ...rest] = problemsOf(parseProcedure(text, { filename: 'contoh.yaml' }));
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({
      code: 'procedure_unknown_step',
      path: '/steps/1/next/1/to',
      file: 'contoh.yaml',
      line: lineOf(text, 'to: 7'),
    });
    expect(problem?.message).toContain('has no step 7');
    expect(problem?.hint).toContain('1, 2, 3');
  });

  it('refuses an unreachable step at its own line', () => {
    const text = variant('- { when: agree, to: 3 }', '- { when: agree, to: end }');
    const problems = problemsOf(parseProcedure(text));
    expect(problems.map((p) => p.code)).toEqual(['procedure_unreachable_step']);
    expect(problems[0]?.message).toContain('Step 3 (laporan) is never reached');
    expect(problems[0]?.line).toBe(lineOf(text, '- number: 3'));
  });

  it('refuses a step without an output', () => {
    const text = variant('    output: { name: Dokumen disepakati, artefact: agreed-contract-version }\n', '');
    const problems = problemsOf(parseProcedure(text));
    expect(problems.map((p) => [p.code, p.path])).toEqual([['procedure_missing_output', '/steps/1']]);
    expect(problems[0]?.message).toContain('Step 2 (evaluasi) has no output');
  });

  it.each([
    ['seminggu', 'is not a time limit'],
    ['0 hari', 'no time at all'],
    ['3-1 hari', 'ends before it starts'],
    ['2 tahun', 'the unit "tahun"'],
    ['400 hari', 'longer than a year'],
  ])('refuses the duration %j with the place named', (waktu, words) => {
    const text = variant('waktu: 1-3 hari', `waktu: ${waktu}`);
    const problems = problemsOf(parseProcedure(text, { filename: 'contoh.yaml' }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      code: 'procedure_bad_duration',
      path: '/steps/1/waktu',
      line: lineOf(text, `waktu: ${waktu}`),
      column: 12,
    });
    expect(problems[0]?.message).toContain(words);
  });

  it('refuses an actor that is not declared, listing the declared ones', () => {
    const text = variant(
      '    actor: tim\n    kelengkapan: Dokumen Struktur DB',
      '    actor: kabid\n    kelengkapan: Dokumen Struktur DB',
    );
    const problems = problemsOf(parseProcedure(text));
    expect(problems.map((p) => p.code)).toEqual(['procedure_unknown_actor']);
    expect(problems[0]?.hint).toBe('One of: opd, tim.');
  });

  it('refuses a decision without its other branch, and a loop that never ends', () => {
    const text = variant('      - { when: done, to: end }', '      - { when: done, to: 2 }').replace(
      '      - { when: return, to: 1 }\n',
      '',
    );
    const codes = problemsOf(parseProcedure(text)).map((p) => `${p.code} ${p.path}`);
    expect(codes).toEqual([
      'procedure_bad_transitions /steps/1/next',
      'procedure_no_end /steps/0/next',
      'procedure_no_end /steps/1/next',
      'procedure_no_end /steps/2/next',
    ]);
  });

  it('reports every problem at once, each at its own line', () => {
    const text = variant('waktu: 1 bulan', 'waktu: sebulan')
      .replace('- { when: return, to: 1 }', '- { when: return, to: 9 }')
      .replace('    output: { name: Dokumen Struktur DB, artefact: contract-version }\n', '')
      .replace('artefact: integration-report', 'artefact: laporan');
    const problems = problemsOf(parseProcedure(text));
    // The structure is checked first: the unknown artefact stops the cross-step checks.
    expect(problems.map((p) => p.code)).toEqual(['invalid_value']);
    const fixed = text.replace('artefact: laporan', 'artefact: integration-report');
    const all = problemsOf(parseProcedure(fixed));
    expect(all.map((p) => p.code).sort()).toEqual([
      'procedure_bad_duration',
      'procedure_missing_output',
      'procedure_unknown_step',
    ]);
    expect(new Set(all.map((p) => p.line)).size).toBe(3);
  });

  it('names an unknown field and a wrong role with the allowed values', () => {
    const text = variant('role: tim-teknis', 'role: kominfo').replace(
      '    waktu: 1 bulan',
      '    waktu: 1 bulan\n    durasi: 3',
    );
    const problems = problemsOf(parseProcedure(text));
    expect(problems.map((p) => `${p.code} ${p.path}`).sort()).toEqual([
      'invalid_value /actors/tim/role',
      'unknown_field /steps/2/durasi',
    ]);
    expect(problems.find((p) => p.code === 'invalid_value')?.hint).toContain('"pengawas"');
    expect(problems.find((p) => p.code === 'unknown_field')?.message).toContain('procedure format');
  });

  it('refuses YAML syntax and a document that is not a mapping', () => {
    expect(problemsOf(parseProcedure('steps: [1, 2'))[0]?.code).toBe('yaml_syntax');
    const [list] = problemsOf(parseProcedure('- 1\n- 2\n'));
    expect(list?.message).toBe('The procedure document must be a mapping of fields, not a list.');
  });
});

describe('loadProcedure', () => {
  it('reads a file and reports problems under its path; a missing file says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tukar-procedure-'));
    try {
      const path = join(dir, 'procedure.yaml');
      writeFileSync(path, variant('waktu: 1 hari', 'waktu: besok'));
      const problems = problemsOf(await loadProcedure(path));
      expect(formatProblem(problems[0] as ProcedureProblem)).toMatch(
        new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:15:12 procedure_bad_duration`),
      );
      const missing = problemsOf(await loadProcedure(join(dir, 'nope.yaml')));
      expect(missing[0]).toMatchObject({ code: 'file_not_found' });
      expect(missing[0]?.message).toContain('Procedure file not found');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
