import {
  actorTitle,
  loadPreset,
  PROCEDURE_PRESETS,
  PROCEDURE_ROLES,
  type Procedure,
  type ProcedurePresetName,
  procedureStep,
  stepRole,
  type TransitionCondition,
  takeTransition,
} from '@tukar/contracts/procedure';
import { describe, expect, it } from 'vitest';

/** One row of a preset as the seed SOP writes it: number, actor title, waktu, output. */
type Row = [number, string, string | null, string];

// Transcribed by hand from the seeds (/work/shared/seeds), independently of the preset files.
const SEED_ROWS: Record<ProcedurePresetName, Row[]> = {
  ciamis: [
    [1, 'System Administrator', '1 hari', 'Disposisi Integrasi Aplikasi'],
    [2, 'SKPD', '1 hari', 'Dokumen Integrasi dan Struktur DB'],
    [3, 'Tim Teknis IT', '1 bulan', 'Dokumen Integrasi dan Struktur DB'],
    [4, 'Tim Teknis IT', '1 bulan', 'Pembuatan program API'],
    [5, 'Tim Teknis IT', '1 bulan', 'Account'],
    [6, 'Tim Teknis IT', '1 hari', 'Laporan hasil Integrasi Data'],
    [7, 'SKPD', '3 hari', 'Hasil validasi sistem / integrasi data'],
    [8, 'SKPD', '1 hari', 'Disposisi Integrasi Aplikasi'],
    [9, 'Tim Teknis IT', null, 'Laporan hasil integrasi data'],
  ],
  sragen: [
    [1, 'System Administrator', '1 hari', 'Disposisi Integrasi Aplikasi'],
    [2, 'Perangkat Daerah', '1 hari', 'Dokumen Integrasi dan Struktur DB'],
    [3, 'Tim Teknis IT', '14 hari', 'Dokumen Integrasi dan Struktur DB'],
    [4, 'Tim Teknis IT', '14 hari', 'Pembuatan program API'],
    [5, 'Tim Teknis IT', '14 hari', 'Account'],
    [6, 'Tim Teknis IT', '1 hari', 'Laporan hasil Integrasi Data'],
    [7, 'Perangkat Daerah', '3 hari', 'Hasil validasi sistem/integrasi data'],
    [8, 'Perangkat Daerah', '1 hari', 'Disposisi Integrasi Aplikasi'],
    [9, 'Tim Teknis IT', null, 'Laporan hasil integrasi data'],
  ],
  nganjuk: [
    [1, 'Kepala Bidang Aptika', '1 hari', 'Disposisi Integrasi Aplikasi'],
    [2, 'OPD', '1 hari', 'Dokumen Integrasi Aplikasi Struktur Database'],
    [3, 'Tim Teknis Data Center', '1 bulan', 'Dokumen Integrasi Aplikasi Struktur Database'],
    [4, 'Tim Teknis Data Center', '1 bulan', 'Dokumen Rumusan Integrasi Data'],
    [5, 'Tim Teknis Data Center', '1 bulan', 'Program Aplikasi API'],
    [6, 'Tim Teknis Data Center', '1-3 hari', 'Unit Tes Integrasi Aplikasi'],
    [7, 'Tim Teknis Data Center', '2 hari', 'Unit Tes Integrasi Aplikasi'],
    [8, 'OPD', '1-2 hari', 'Validasi Aplikasi'],
    [9, 'Pejabat Pengawas/Pranata Komputer Ahli Muda', '1 hari', 'Laporan HasilValidasi'],
    [10, 'Kepala Bidang Aptika', '1 hari', 'Integrasi Sistem Informasi'],
    [11, 'Kepala Bidang Aptika', '1 - 3 hari', 'Integrasi Sistem Informasi'],
    [12, 'Kepala Bidang Aptika', '3 hari', 'Laporan hasil Integrasi Aplikasi'],
  ],
  karanganyar: [
    [1, 'Pejabat Administrator Bidang TIK', '1 hari', 'Disposisi Integrasi Aplikasi'],
    [2, 'OPD', '1 hari', 'Dokumen Integrasi Aplikasi Struktur Database'],
    [
      3,
      'Tim Teknis Administrator Jaringan dan Pengelola TI',
      '1 bulan',
      'Dokumen Integrasi Aplikasi Struktur Database',
    ],
    [4, 'Tim Teknis Administrator Jaringan dan Pengelola TI', '1 bulan', 'Dokumen Rumusan Integrasi Data'],
    [5, 'Tim Teknis Administrator Jaringan dan Pengelola TI', '1 bulan', 'Program Aplikasi API'],
    [6, 'Tim Teknis Administrator Jaringan dan Pengelola TI', '1-3 hari', 'Unit Tes Integrasi Aplikasi'],
    [7, 'Tim Teknis Administrator Jaringan dan Pengelola TI', '2 hari', 'Unit Tes Integrasi Aplikasi'],
    [8, 'OPD', '1-2 hari', 'Validasi Aplikasi'],
    [9, 'Pejabat Pengawas/Kasi pengelolaan Data dan Integrasi SI', '1 hari', 'Laporan hasil validasi'],
    [10, 'Pejabat Administrator Bidang TIK', '1 hari', 'Integrasi Sistem Informasi'],
    [11, 'Pejabat Administrator Bidang TIK', '1-3 hari', 'Integrasi Sistem Informasi'],
    [12, 'Pejabat Administrator Bidang TIK', '3 hari', 'Laporan hasil Integrasi Aplikasi'],
  ],
};

/** The return branches of each seed: [from step, back to step]. */
const SEED_RETURNS: Record<ProcedurePresetName, [number, number | 'end'][]> = {
  ciamis: [
    [3, 2],
    [8, 9],
  ],
  sragen: [
    [3, 2],
    [8, 9],
  ],
  nganjuk: [
    [3, 2],
    [10, 9],
    [11, 3],
  ],
  karanganyar: [
    [3, 2],
    [10, 9],
    [11, 3],
  ],
};

/** The condition a walk takes at a step to move forward: `done`, or `agree` at a decision. */
function forward(procedure: Procedure, number: number): TransitionCondition {
  const step = procedureStep(procedure, number);
  return step?.next.some((t) => t.when === 'done') ? 'done' : 'agree';
}

/**
 * Walks from step 1 to the end, taking the return branch at `returnAt` once (or never), with the step
 * actor's role at every step; at every step each other role is refused first. Returns the steps visited.
 */
function walk(procedure: Procedure, returnAt?: number): number[] {
  const visited: number[] = [];
  let at: number | 'end' = procedure.steps[0]?.number ?? 1;
  let returned = false;
  while (at !== 'end') {
    if (visited.length > 40) throw new Error(`the walk loops: ${visited.join(' → ')}`);
    visited.push(at);
    const step = procedureStep(procedure, at);
    if (!step) throw new Error(`no step ${at}`);
    const when: TransitionCondition = at === returnAt && !returned ? 'return' : forward(procedure, at);
    if (when === 'return') returned = true;
    const role = stepRole(procedure, step);
    for (const other of PROCEDURE_ROLES.filter((r) => r !== role)) {
      const refused = takeTransition(procedure, at, when, other);
      expect(refused).toMatchObject({ ok: false, code: 'wrong_role' });
      if (!refused.ok) expect(refused.message).toContain(`is done by ${actorTitle(procedure, step)}`);
    }
    const taken = takeTransition(procedure, at, when, role);
    if (!taken.ok) throw new Error(taken.message);
    at = taken.to;
  }
  return visited;
}

describe.each(PROCEDURE_PRESETS)('preset %s', (name) => {
  const procedure = loadPreset(name);

  it("has the seed's steps: numbers, actors, waktu and outputs", () => {
    const rows = procedure.steps.map(
      (s): Row => [s.number, actorTitle(procedure, s), s.waktu, s.output?.name ?? ''],
    );
    expect(rows).toEqual(SEED_ROWS[name]);
    for (const step of procedure.steps) {
      expect(step.name.id.length, `step ${step.number} name`).toBeGreaterThan(10);
      expect(step.name.en.length, `step ${step.number} English name`).toBeGreaterThan(10);
    }
  });

  it("has the seed's return branches and nothing else that goes back", () => {
    const returns = procedure.steps.flatMap((s) =>
      s.next.filter((t) => t.when === 'return').map((t): [number, number | 'end'] => [s.number, t.to]),
    );
    expect(returns).toEqual(SEED_RETURNS[name]);
  });

  it('walks the straight path from step 1 to the end with the right role at each step', () => {
    const straight = walk(procedure);
    expect(straight[0]).toBe(1);
    expect(straight.at(-1)).toBe(name === 'ciamis' || name === 'sragen' ? 8 : 12);
  });

  it.each(SEED_RETURNS[name].map(([from, to]) => [from, to] as const))(
    'walks the return branch from step %i to %s and on to the end',
    (from, to) => {
      const path = walk(procedure, from);
      const at = path.indexOf(from);
      expect(path[at + 1]).toBe(to);
      expect(path.at(-1)).toBe(name === 'ciamis' || name === 'sragen' ? (from === 8 ? 9 : 8) : 12);
    },
  );

  it('refuses a condition the step does not have, naming the step', () => {
    const first = procedure.steps[0];
    if (!first) throw new Error('no steps');
    const refused = takeTransition(procedure, first.number, 'return', stepRole(procedure, first));
    expect(refused).toMatchObject({ ok: false, code: 'invalid_transition' });
    if (!refused.ok) expect(refused.message).toContain(`Step 1 (${first.name.id})`);
  });
});

describe('a step that goes on one condition in more than one way', () => {
  // Ciamis step 3 returns to step 2; a kabupaten's own file may also let it return to step 1.
  const ciamis = loadPreset('ciamis');
  const procedure: Procedure = {
    ...ciamis,
    steps: ciamis.steps.map((step) =>
      step.number === 3 ? { ...step, next: [...step.next, { when: 'return' as const, to: 1 }] } : step,
    ),
  };
  const step3 = procedureStep(procedure, 3);
  if (!step3) throw new Error('no step 3');
  const role = stepRole(procedure, step3);

  it('is refused without "to", naming both ways', () => {
    const refused = takeTransition(procedure, 3, 'return', role);
    expect(refused).toMatchObject({ ok: false, code: 'ambiguous_transition' });
    if (!refused.ok)
      expect(refused.message).toMatch(/return \(to 2\) or return \(to 1\): say which with "to"/);
  });

  it('takes the way "to" names, and refuses one the step does not have', () => {
    expect(takeTransition(procedure, 3, 'return', role, 1)).toMatchObject({ ok: true, to: 1 });
    expect(takeTransition(procedure, 3, 'return', role, 2)).toMatchObject({ ok: true, to: 2 });
    const refused = takeTransition(procedure, 3, 'return', role, 4);
    expect(refused).toMatchObject({ ok: false, code: 'invalid_transition' });
    if (!refused.ok) expect(refused.message).toContain('not when return (to 4)');
  });
});

describe('the nine-step and twelve-step SOPs differ', () => {
  it('Ciamis step 5 gives an Account, Nganjuk step 5 the API program; Sragen counts 14 hari where Ciamis has 1 bulan', () => {
    const [ciamis, sragen, nganjuk] = [loadPreset('ciamis'), loadPreset('sragen'), loadPreset('nganjuk')];
    expect(procedureStep(ciamis, 5)?.output?.artefact).toBe('client-account');
    expect(procedureStep(nganjuk, 5)?.output?.artefact).toBe('dataset');
    expect(procedureStep(ciamis, 3)?.timeLimit).toMatchObject({ max: 1, unit: 'months' });
    expect(procedureStep(sragen, 3)?.timeLimit).toMatchObject({ max: 14, unit: 'working-days' });
  });

  it('separates duties: whoever evaluates the validation report is not whoever approves it (twelve steps)', () => {
    for (const name of ['nganjuk', 'karanganyar'] as const) {
      const p = loadPreset(name);
      const [nine, ten] = [procedureStep(p, 9), procedureStep(p, 10)];
      if (!nine || !ten) throw new Error('missing steps');
      expect(stepRole(p, nine)).toBe('pengawas');
      expect(stepRole(p, ten)).toBe('administrator');
    }
  });
});
