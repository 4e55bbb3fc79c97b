// The audit log's hash chain on a real SQLite file: tampering with the file is detected and named.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit-log';
import { openSqliteStore } from '../src/sqlite-store';
import { startHub } from './hub-fixture';

const dir = mkdtempSync(join(tmpdir(), 'tukar-audit-'));
const file = join(dir, 'hub.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function auditedHub(): Promise<number> {
  const hub = await startHub({ store: await openSqliteStore({ file }) });
  await fetch(`${hub.url}/v1/meta/whoami`); // refused: 401, audited too
  for (let i = 0; i < 5; i++) await hub.admin.unwrap(hub.admin.GET('/v1/meta/whoami'));
  const verification = await hub.admin.unwrap(hub.admin.GET('/v1/audit/verify'));
  await hub.close();
  expect(verification).toMatchObject({ ok: true, firstBrokenSeq: null });
  return verification.checked;
}

describe('audit hash chain', () => {
  it('verifies an untouched log, then names the first entry changed in the database file', async () => {
    const checked = await auditedHub();
    expect(checked).toBeGreaterThanOrEqual(6);
    const db = new Database(file);
    db.prepare('update audit set status = 200 where seq = 1').run(); // hide the refused request
    db.close();
    const store = await openSqliteStore({ file });
    expect(await verifyAuditChain(store)).toMatchObject({ ok: false, firstBrokenSeq: 1 });
    await store.close();
  });

  it('names the gap when an entry is deleted', async () => {
    const db = new Database(file);
    db.prepare('update audit set status = 401 where seq = 1').run(); // undo the change above
    db.prepare('delete from audit where seq = 4').run();
    db.close();
    const store = await openSqliteStore({ file });
    expect(await verifyAuditChain(store)).toMatchObject({ ok: false, firstBrokenSeq: 4, checked: 3 });
    await store.close();
  });
});
