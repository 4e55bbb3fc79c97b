import type { Contract } from '@tukar/contracts';
import { version } from '../../package.json';
import { CHECKS_BY_SOURCE, referenceFormatsUsed } from '../checks';
import type {
  CheckResult,
  HttpStats,
  ReportNote,
  ReportSource,
  StopReason,
  UniquenessSummary,
  ValidationReport,
} from '../report';
import type { IssueLog } from './issue-log';

/** What a finished run hands to {@link buildReport}. */
export interface FinishedRun {
  contract: Contract;
  source: ReportSource;
  http: HttpStats | undefined;
  log: IssueLog;
  uniqueness: UniquenessSummary;
  stopReason: StopReason | undefined;
  counts: { records: number; valid: number; invalid: number };
  startedAt: Date;
  /** `performance.now()` at the start. */
  started: number;
}

/** The {@link ValidationReport} of a finished run: its notes, the outcome of each check, and the verdict. */
export function buildReport(run: FinishedRun): ValidationReport {
  const { contract, source, http, log, uniqueness, stopReason, counts } = run;
  const partial = log.partial;
  const usesReferenceCodes = referenceFormatsUsed(contract.schema).length > 0;
  const checks: CheckResult[] = CHECKS_BY_SOURCE[source.kind].map((id) => {
    const issues = log.countOf(id);
    if (issues > 0) return { id, status: 'failed', issues };
    if (id === 'reference-codes' && !usesReferenceCodes) {
      return { id, status: 'not-applicable', issues, note: 'the contract uses no reference-code format' };
    }
    return { id, status: 'passed', issues };
  });
  return {
    reportVersion: 1,
    tool: { name: '@tukar/validator', version },
    contract: {
      id: contract.contract,
      version: contract.version,
      title: contract.title,
      status: contract.status,
      classification: contract.classification,
      opd: contract.owner.opd,
      ...(contract.owner.unit ? { unit: contract.owner.unit } : {}),
      steward: contract.steward,
    },
    source,
    startedAt: run.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    durationMs: Math.round(performance.now() - run.started),
    complete: !partial && stopReason === undefined,
    detailsPartial: partial,
    ...(stopReason ? { stopReason } : {}),
    verdict: log.total === 0 ? 'valid' : 'invalid',
    counts: { ...counts, issues: log.total },
    issues: log.details,
    maxErrors: log.maxErrors,
    rules: log.ruleSummaries(),
    checks,
    ...(http ? { http } : {}),
    uniqueness,
    notes: notesOf(run),
  };
}

/** Plain statements about the run, in English and Bahasa Indonesia. */
function notesOf({ log, stopReason, uniqueness, counts }: FinishedRun): ReportNote[] {
  const notes: ReportNote[] = [];
  if (log.partial) {
    notes.push({
      code: 'details-partial',
      en: `Details are partial: ${log.total.toLocaleString('en')} issues were found and the first ${log.details.length.toLocaleString('en')} are listed (error cap). The counts cover every record.`,
      id: `Rincian tidak lengkap: ditemukan ${log.total.toLocaleString('id')} masalah, ${log.details.length.toLocaleString('id')} yang pertama dicantumkan (batas galat). Jumlah di atas mencakup semua rekaman.`,
    });
  }
  if (stopReason) {
    const { code, message } = stopReason;
    const unproven = code === 'end-unproven';
    notes.push({
      code: 'stopped-early',
      en: unproven
        ? `Not every record may have been read: ${message}`
        : `The input was not read to its end: ${message}`,
      id: unproven
        ? `Mungkin tidak semua rekaman terbaca: akhir data tidak dapat dibuktikan (${message})`
        : `Masukan tidak dibaca sampai habis: ${message}`,
    });
  }
  if (uniqueness.mode !== 'exact') {
    notes.push({
      code: uniqueness.mode === 'hashed' ? 'uniqueness-hashed' : 'uniqueness-saturated',
      en: uniqueness.note,
      id:
        uniqueness.mode === 'hashed'
          ? 'Keunikan kunci utama diperiksa dengan sidik 64-bit setelah batas pasti (memori terbatas); kemungkinan salah sangat kecil.'
          : 'Memori kunci penuh: rekaman selanjutnya hanya dibandingkan dengan kunci yang sudah tersimpan.',
    });
  }
  if (counts.records === 0) {
    notes.push({
      code: 'no-records',
      en: 'No records were read: the checks of the records had nothing to check.',
      id: 'Tidak ada rekaman yang terbaca: pemeriksaan rekaman tidak memeriksa apa pun.',
    });
  }
  return notes;
}
