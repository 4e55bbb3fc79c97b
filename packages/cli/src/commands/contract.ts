import { defineGroup } from '../command';
import { contractCheckCommand } from './contract-check';
import { contractDiffCommand } from './contract-diff';
import { contractExportCommand } from './contract-export';
import { contractInitCommand } from './contract-init';
import { contractLintCommand } from './contract-lint';

/** `tukar contract`: lint, diff and check data contracts. */
export const contractCommand = defineGroup({
  name: 'contract',
  summary: 'lint, diff and check data contracts',
  description: `
Data contracts are the written form of SOP steps 2–4: the data an OPD hands over, its
structure, and the version kominfo agrees to. These commands check them in an editor's
loop (lint), in review (diff) and before publishing with changesets (check).`,
  commands: [
    contractLintCommand,
    contractDiffCommand,
    contractCheckCommand,
    contractInitCommand,
    contractExportCommand,
  ],
  examples: [
    'tukar contract lint contracts',
    'tukar contract diff old/dinkes.puskesmas.yaml contracts/dinkes.puskesmas.yaml',
    'tukar contract check --base main',
  ],
});
