import { defineGroup } from '../command';
import { auditExportCommand } from './audit-export';
import { auditVerifyCommand } from './audit-verify';

/** `tukar audit`: export the hub's audit evidence and verify it offline. */
export const auditCommand = defineGroup({
  name: 'audit',
  summary: "export the hub's audit log with its signed checkpoints; verify it offline",
  description: `
The hub seals its audit log into checkpoints it signs (Ed25519) with the key that signs
receipts. An export holds every entry, every checkpoint and the public key history: anyone
holding it checks, without the hub and without its database, that no sealed entry was
changed, removed, inserted or reordered, and that no checkpoint was altered or removed.`,
  commands: [auditExportCommand, auditVerifyCommand],
  examples: [
    'TUKAR_ADMIN_KEY=tk_… tukar audit export --hub https://hub.example.go.id --out audit-evidence.json',
    'tukar audit verify --export audit-evidence.json --keys jwks.json',
  ],
});
