import { defineGroup } from '../command';
import { evidenceVerifyCommand } from './evidence-verify';

/** `tukar evidence`: check the hub's evidence offline. */
export const evidenceCommand = defineGroup({
  name: 'evidence',
  summary: "check the hub's signed receipts offline",
  description: `
Non-repudiation (kenirsangkalan, Permenkominfo 1/2023): the hub signs a receipt for every
committed batch and publishes its public keys. These commands check that evidence with the
public keys alone, without the hub or its database.`,
  commands: [evidenceVerifyCommand],
  examples: ['tukar evidence verify receipt.json --keys jwks.json'],
});
