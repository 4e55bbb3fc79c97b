import { type CliCommand, type CommandGroup, defineGroup, type OptionSpec } from './command';

// The command table. Each top-level command is loaded lazily: its module, and with it its dependencies
// (the validator, Pact and its express, the hub…), is imported only when the command runs or prints its
// own help, so `tukar --help` and `tukar --version` start in a few tens of milliseconds. The name and
// summary here must match the command's own (`test/command-table.test.ts` checks it).

/** The top-level commands. Adding one is one entry here. */
const commands: CliCommand[] = [
  {
    kind: 'lazy',
    name: 'contract',
    summary: 'lint, diff and check data contracts',
    load: async () => (await import('./commands/contract')).contractCommand,
  },
  {
    kind: 'lazy',
    name: 'procedure',
    summary: "start and check a kabupaten's procedure file: its SOP as data",
    load: async () => (await import('./commands/procedure')).procedureCommand,
  },
  {
    kind: 'lazy',
    name: 'validate',
    summary: 'check an OPD file, endpoint or hub dataset against its data contract; write the report',
    load: async () => (await import('./commands/validate')).validateCommand,
  },
  {
    kind: 'lazy',
    name: 'pact',
    summary: 'verify Pact contracts against the hub or an OPD system; check them against the spec',
    load: async () => (await import('./commands/pact')).pactCommand,
  },
  {
    kind: 'lazy',
    name: 'types',
    summary: 'generate TypeScript record types and zod schemas from contracts',
    load: async () => (await import('./commands/types')).typesCommand,
  },
  {
    kind: 'lazy',
    name: 'evidence',
    summary: "check the hub's signed receipts offline",
    load: async () => (await import('./commands/evidence')).evidenceCommand,
  },
  {
    kind: 'lazy',
    name: 'audit',
    summary: "export the hub's audit log with its signed checkpoints; verify it offline",
    load: async () => (await import('./commands/audit')).auditCommand,
  },
  {
    kind: 'lazy',
    name: 'demo',
    summary: "walk a kabupaten's SOP end to end on an embedded hub and write the reports",
    load: async () => (await import('./commands/demo')).demoCommand,
  },
  {
    kind: 'lazy',
    name: 'completion',
    summary: 'print a shell completion script for bash, zsh or fish',
    load: async () => (await import('./commands/completion')).completionCommand,
  },
];

/** `tukar` itself: the group every command hangs from. */
export const rootCommand: CommandGroup = defineGroup({
  name: 'tukar',
  summary: 'data contracts, validation and the exchange hub for Integrasi dan Pertukaran Data',
  description: `
Tukar serves the SOP "Integrasi dan Pertukaran Data Sistem Informasi": OPDs and kominfo keep
data contracts, check them for breaking changes and publish them with changesets.`,
  commands,
  examples: [
    'tukar contract lint contracts',
    'tukar contract diff old.yaml new.yaml',
    'tukar contract check .',
  ],
});

/** Options only `tukar` itself takes. */
export const ROOT_OPTIONS: Record<string, OptionSpec> = {
  version: { type: 'boolean', short: 'v', description: 'print the version and exit' },
};
