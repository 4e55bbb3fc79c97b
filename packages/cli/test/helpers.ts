import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIO } from '../src/io';
import { runCli } from '../src/run-cli';

/** Output of one in-process run. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `tukar` in-process with captured streams; no colour unless `tty`/`env` ask for it. */
export async function run(
  argv: string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; tty?: boolean } = {},
): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: {
      write: (text: string) => {
        stdout += text;
      },
      isTTY: options.tty ?? false,
    },
    stderr: {
      write: (text: string) => {
        stderr += text;
      },
      isTTY: options.tty ?? false,
    },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

/** A fresh temporary directory, removed by the returned cleanup. */
export async function tempDir(prefix: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `tukar-cli-${prefix}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escape codes is the point
export const ANSI = /\u001b\[/;

/** A small valid contract as YAML, with overrides for the interesting parts. */
export function contractYaml(
  options: {
    id?: string;
    version?: string;
    status?: string;
    extraProperty?: string;
    /**
     * An optional property that accepts any value (`{ description: … }`): the record object is open, so
     * it already accepted any value under that name and listing it breaks no one (a minor change).
     */
    untypedProperty?: string;
    compatibility?: string;
    /** A `provider` section with this latency budget (none without it). */
    latencyBudgetMs?: number;
    namaMaxLength?: number;
    required?: string[];
  } = {},
): string {
  const required = options.required ?? ['kode_puskesmas', 'nama'];
  return [
    `contract: ${options.id ?? 'dinkes.puskesmas'}`,
    `version: ${options.version ?? '1.0.0'}`,
    `status: ${options.status ?? 'agreed'}`,
    'title: Daftar Puskesmas',
    'owner: { opd: Dinas Kesehatan Kabupaten Ciamis, contact: simpus@dinkes.ciamiskab.example.go.id }',
    'steward: Diskominfo Kabupaten Ciamis',
    'classification: publik',
    `compatibility: ${options.compatibility ?? 'backward'}`,
    'updateFrequency: monthly',
    'primaryKey: [kode_puskesmas]',
    'schema:',
    '  type: object',
    `  required: [${required.join(', ')}]`,
    '  properties:',
    '    kode_puskesmas: { type: string, pattern: "^P[0-9]{10}$" }',
    `    nama: { type: string, maxLength: ${options.namaMaxLength ?? 120} }`,
    ...(options.extraProperty ? [`    ${options.extraProperty}: { type: string }`] : []),
    ...(options.untypedProperty ? [`    ${options.untypedProperty}: { description: Alamat lengkap }`] : []),
    ...(options.latencyBudgetMs
      ? [
          'provider:',
          '  path: /api/puskesmas',
          '  records: data',
          `  latencyBudgetMs: ${options.latencyBudgetMs}`,
        ]
      : []),
    '',
  ].join('\n');
}
