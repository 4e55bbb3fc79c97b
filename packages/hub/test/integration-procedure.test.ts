// Each integration is pinned to the procedure version it was opened under.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPreset, type Procedure, parseProcedure, procedurePresetText } from '@tukar/contracts/procedure';
import { afterAll, describe, expect, it } from 'vitest';
import { parseHubCommand } from '../src/bin-options';
import { loadProcedureFiles } from '../src/procedure-files';
import { BinProcess } from './bin-process';
import { registerClient, startHub, storesUnderTest } from './hub-fixture';

const request = {
  title: 'Integrasi data puskesmas SIMPUS',
  opd: 'Dinas Kesehatan',
  requester: { name: 'Operator SIMPUS', contact: 'simpus@dinkes.example.go.id' },
  purpose: 'Daftar puskesmas untuk Satu Data.',
};

/** The ciamis preset as a later revision: version 1.1.0, step 1 given two days instead of one. */
function ciamisRevision(): Procedure {
  const text = procedurePresetText('ciamis')
    .replace('version: 1.0.0', 'version: 1.1.0')
    .replace('waktu: "1 hari"', 'waktu: "2 hari"');
  const loaded = parseProcedure(text, { filename: 'ciamis-1.1.0.yaml' });
  if (!loaded.ok) throw new Error(`the revision does not load: ${loaded.problems[0]?.message}`);
  return loaded.procedure;
}

describe('the procedure an integration follows', () => {
  it('is the ciamis preset when the hub is given none', async () => {
    const hub = await startHub();
    try {
      const { client } = await registerClient(hub, 'ciamis/dinkes/simpus');
      const created = await client.unwrap(client.POST('/v1/integrations', { body: request }));
      expect(created.procedure).toEqual({ id: 'ciamis', version: '1.0.0' });
      const report = await fetch(`${hub.url}/v1/integrations/${created.id}/report`, {
        headers: { authorization: `Bearer ${hub.adminKey}`, accept: 'text/html' },
      });
      expect(report.status).toBe(200);
      const html = await report.text();
      expect(html).toContain('Prosedur (SOP)');
      expect(html).toContain('<code>ciamis</code> 1.0.0');
    } finally {
      await hub.close();
    }
  });

  it('is the one the request names, else the first loaded; an unknown one is refused and nothing is opened', async () => {
    const hub = await startHub({ procedures: [loadPreset('sragen'), loadPreset('ciamis')] });
    try {
      const { client } = await registerClient(hub, 'ciamis/dinkes/simpus');
      const named = await client.unwrap(
        client.POST('/v1/integrations', { body: { ...request, procedure: 'ciamis' } }),
      );
      expect(named.procedure).toEqual({ id: 'ciamis', version: '1.0.0' });
      const unnamed = await client.unwrap(client.POST('/v1/integrations', { body: request }));
      expect(unnamed.procedure).toEqual({ id: 'sragen', version: '1.0.0' });

      const refused = await client.POST('/v1/integrations', { body: { ...request, procedure: 'bandung' } });
      expect(refused.response.status).toBe(422);
      expect(refused.error).toMatchObject({ code: 'unknown_procedure' });
      expect(refused.error?.detail).toContain('"bandung"');
      expect(refused.error?.detail).toContain('sragen@1.0.0, ciamis@1.0.0');
      const listed = await client.unwrap(client.GET('/v1/integrations', {}));
      expect(listed.items.map((i) => i.id).sort()).toEqual([named.id, unnamed.id].sort());
    } finally {
      await hub.close();
    }
  });

  it('refuses two definitions of one procedure version', async () => {
    await expect(startHub({ procedures: [loadPreset('ciamis'), loadPreset('ciamis')] })).rejects.toThrow(
      'Procedure ciamis@1.0.0 is given twice',
    );
  });

  const persistent = storesUnderTest().filter((s) => s.name !== 'memory');
  afterAll(async () => {
    for (const store of persistent) await store.cleanup();
  });

  for (const store of persistent) {
    it(`stays the version it started under when a later one is loaded (${store.name}, after a restart)`, async () => {
      const first = await startHub({ store: await store.open(), procedures: [loadPreset('ciamis')] });
      let runningId: string;
      try {
        const { client } = await registerClient(first, 'ciamis/dinkes/simpus');
        runningId = (await client.unwrap(client.POST('/v1/integrations', { body: request }))).id;
      } finally {
        await first.close();
      }

      const second = await startHub({
        store: await store.open(),
        procedures: [loadPreset('ciamis'), ciamisRevision()],
      });
      try {
        const running = await second.admin.unwrap(
          second.admin.GET('/v1/integrations/{integrationId}', {
            params: { path: { integrationId: runningId } },
          }),
        );
        expect(running.procedure).toEqual({ id: 'ciamis', version: '1.0.0' });
        const opened = await second.admin.unwrap(second.admin.POST('/v1/integrations', { body: request }));
        expect(opened.procedure).toEqual({ id: 'ciamis', version: '1.1.0' });
        const listed = await second.admin.unwrap(second.admin.GET('/v1/integrations', {}));
        expect(Object.fromEntries(listed.items.map((i) => [i.id, i.procedure.version]))).toEqual({
          [runningId]: '1.0.0',
          [opened.id]: '1.1.0',
        });
      } finally {
        await second.close();
      }
    });
  }

  it('comes from tukar-hub --procedure FILE (repeatable) or TUKAR_PROCEDURES', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tukar-procedure-'));
    try {
      const sragen = join(dir, 'sop-sragen.yaml');
      const ciamis = join(dir, 'sop-ciamis.yaml');
      writeFileSync(sragen, procedurePresetText('sragen'));
      writeFileSync(ciamis, procedurePresetText('ciamis'));
      const parsed = parseHubCommand(['--procedure', sragen, '--procedure', ciamis], {});
      if (!parsed.ok) throw new Error(parsed.message);
      expect(parsed.command.procedureFiles).toEqual([sragen, ciamis]);
      const fromEnv = parseHubCommand([], { TUKAR_PROCEDURES: `${sragen}, ${ciamis}` });
      expect(fromEnv.ok && fromEnv.command.procedureFiles).toEqual([sragen, ciamis]);
      const loaded = await loadProcedureFiles(parsed.command.procedureFiles);
      if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
      const hub = await startHub({ procedures: loaded.procedures });
      try {
        const created = await hub.admin.unwrap(hub.admin.POST('/v1/integrations', { body: request }));
        expect(created.procedure).toEqual({ id: 'sragen', version: '1.0.0' });
      } finally {
        await hub.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('tukar-hub stops at start naming the line of a bad --procedure file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tukar-procedure-bin-'));
    try {
      const file = join(dir, 'sop.yaml');
      writeFileSync(file, procedurePresetText('ciamis').replace('role: pengawas', 'role: camat'));
      await expect(BinProcess.start(['--store', 'memory', '--procedure', file])).rejects.toThrow(
        `tukar-hub: --procedure: ${file}:`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
