import { beforeEach, describe, expect, it } from 'vitest';
import type { IntegrationStore } from '../../src/store';
import { at, attachment, integration, T0, validationReport } from './fixtures';

/**
 * The integrations and reports part of the Store conformance suite: integrations with compare-and-set
 * updates, attachments (exact bytes) and validation reports, paged newest first.
 *
 * @param storeOf the store under test, fresh for each test (opened and closed by the suite).
 */
export function describeIntegrationStoreConformance(storeOf: () => IntegrationStore): void {
  let store: IntegrationStore;
  beforeEach(() => {
    store = storeOf();
  });

  describe('integrations', () => {
    it('creates and reads an integration with its history; a second create is refused', async () => {
      const row = integration('int-1', {
        history: [
          {
            at: at(1),
            when: 'done',
            step: 1,
            to: 2,
            actor: 'ciamis/diskominfo/admin',
            procedureRole: 'administrator',
            actorName: 'Andi Pratama',
            note: 'Lanjut',
            output: { contractVersion: '1.2.0', nested: { list: [1, 'two', null] } },
          },
        ],
      });
      expect(await store.createIntegration(row)).toBe(true);
      expect(await store.createIntegration(integration('int-1', { title: 'Other' }))).toBe(false);
      expect(await store.getIntegration('int-1')).toEqual(row);
      expect(await store.getIntegration('int-2')).toBeUndefined();
    });

    it('updates only from the previous revision (compare-and-set)', async () => {
      await store.createIntegration(integration('int-1'));
      const next = integration('int-1', {
        revision: 2,
        step: 2,
        stepSince: at(2),
        updatedAt: at(2),
      });
      expect(await store.updateIntegration({ ...next, revision: 3 })).toBe(false);
      expect(await store.updateIntegration({ ...next, revision: 1 })).toBe(false);
      expect(await store.updateIntegration(next)).toBe(true);
      expect(await store.getIntegration('int-1')).toEqual(next);
      // The same update again is stale now.
      expect(await store.updateIntegration(next)).toBe(false);
      expect(await store.updateIntegration(integration('int-9', { revision: 2 }))).toBe(false);
      // The step filter follows the update.
      expect((await store.listIntegrations({ limit: 10, step: 2 })).map((i) => i.id)).toEqual(['int-1']);
      expect(await store.listIntegrations({ limit: 10, step: 1 })).toEqual([]);
    });

    it('lists newest first by (createdAt, id), with the before cursor and filters', async () => {
      const rows = [
        integration('i-a', { createdAt: at(1) }),
        integration('i-b', { createdAt: at(3), step: 4 }),
        integration('i-c', { createdAt: at(3), opd: 'Bappeda' }),
        integration('i-B', { createdAt: at(3) }),
        integration('i-d', { createdAt: at(2), step: 4, opd: 'Bappeda' }),
        integration('i-e', { createdAt: at(5) }),
      ];
      for (const row of rows) await store.createIntegration(row);
      const newest = ['i-e', 'i-c', 'i-b', 'i-B', 'i-d', 'i-a'];
      expect((await store.listIntegrations({ limit: 10 })).map((i) => i.id)).toEqual(newest);
      expect((await store.listIntegrations({ limit: 2 })).map((i) => i.id)).toEqual(newest.slice(0, 2));
      expect(
        (await store.listIntegrations({ limit: 10, before: { at: at(3), id: 'i-b' } })).map((i) => i.id),
      ).toEqual(['i-B', 'i-d', 'i-a']);
      expect(
        (await store.listIntegrations({ limit: 10, before: { at: at(4), id: '' } })).map((i) => i.id),
      ).toEqual(newest.slice(1));
      expect((await store.listIntegrations({ limit: 10, step: 4 })).map((i) => i.id)).toEqual(['i-b', 'i-d']);
      expect((await store.listIntegrations({ limit: 10, opd: 'Bappeda' })).map((i) => i.id)).toEqual([
        'i-c',
        'i-d',
      ]);
      expect((await store.listIntegrations({ limit: 10, opd: 'Bappeda', step: 4 })).map((i) => i.id)).toEqual(
        ['i-d'],
      );
      // Paging through with the cursor visits every row once.
      const seen: string[] = [];
      let before: { at: string; id: string } | undefined;
      for (;;) {
        const page = await store.listIntegrations({ limit: 4, before });
        seen.push(...page.map((i) => i.id));
        const last = page.at(-1);
        if (page.length < 4 || !last) break;
        before = { at: last.createdAt, id: last.id };
      }
      expect(seen).toEqual(newest);
    });

    it('keeps attachment bytes exactly, 0x00 and 0xff included, and lists metadata oldest first', async () => {
      const bytes = new Uint8Array(256).map((_, i) => i);
      const row = attachment('att-1', 'int-1', { size: bytes.length, createdAt: at(2) });
      expect(await store.createAttachment(row, bytes)).toBe(true);
      expect(await store.createAttachment(attachment('att-1', 'int-2'), new Uint8Array([1]))).toBe(false);
      await store.createAttachment(
        attachment('att-0', 'int-1', { createdAt: at(2), size: 0 }),
        new Uint8Array(0),
      );
      await store.createAttachment(
        attachment('att-2', 'int-1', { createdAt: at(1) }),
        new Uint8Array([0xff, 0]),
      );
      await store.createAttachment(attachment('att-3', 'int-2'), new Uint8Array([7]));
      const found = await store.getAttachment('int-1', 'att-1');
      expect(found?.row).toEqual(row);
      expect(found?.content).toBeInstanceOf(Uint8Array);
      expect([...(found?.content ?? [])]).toEqual([...bytes]);
      expect([...((await store.getAttachment('int-1', 'att-0'))?.content ?? [1])]).toEqual([]);
      expect([...((await store.getAttachment('int-1', 'att-2'))?.content ?? [])]).toEqual([0xff, 0]);
      expect(await store.getAttachment('int-2', 'att-1')).toBeUndefined();
      expect(await store.getAttachment('int-1', 'att-9')).toBeUndefined();
      const listed = await store.listAttachments('int-1');
      expect(listed.map((a) => a.id)).toEqual(['att-2', 'att-0', 'att-1']);
      expect(listed[2]).toEqual(row);
      expect(listed[2]).not.toHaveProperty('content');
      expect(await store.listAttachments('int-9')).toEqual([]);
    });

    it('keeps attachment bytes of a view into a larger buffer, and only those', async () => {
      const backing = new Uint8Array([9, 9, 1, 2, 3, 9, 9]);
      await store.createAttachment(attachment('att-v', 'int-1', { size: 3 }), backing.subarray(2, 5));
      const found = await store.getAttachment('int-1', 'att-v');
      expect([...(found?.content ?? [])]).toEqual([1, 2, 3]);
    });
    it('hands out copies: changing a returned integration, attachment or report, or a stored input, changes nothing stored', async () => {
      const row = integration('int-1', {
        history: [{ at: T0, when: 'done', step: 1, to: 2, actor: 'a', procedureRole: 'administrator' }],
      });
      await store.createIntegration(row);
      row.consumers.push('after-create');
      const readIntegration = await store.getIntegration('int-1');
      readIntegration?.history.pop();
      readIntegration?.consumers.push('after-read');
      (await store.listIntegrations({ limit: 1 }))[0]?.consumers.push('after-list');
      expect(await store.getIntegration('int-1')).toEqual(
        integration('int-1', {
          history: [{ at: T0, when: 'done', step: 1, to: 2, actor: 'a', procedureRole: 'administrator' }],
        }),
      );

      const bytes = new Uint8Array([1, 2, 3]);
      await store.createAttachment(attachment('att', 'int-1'), bytes);
      bytes[0] = 42;
      const found = await store.getAttachment('int-1', 'att');
      if (found) {
        found.content[1] = 42;
        found.row.name = 'mutated';
      }
      const again = await store.getAttachment('int-1', 'att');
      expect([...(again?.content ?? [])]).toEqual([1, 2, 3]);
      expect(again?.row.name).toBe('berita-acara.pdf');

      const report = validationReport('rep');
      await store.createValidationReport(report);
      report.report.issues.push({ path: '/x', code: 'x', message: 'after create' });
      (await store.getValidationReport('rep'))?.report.issues.pop();
      expect((await store.getValidationReport('rep'))?.report.issues).toHaveLength(1);
    });
  });

  describe('validation reports', () => {
    it('creates and reads a report with its issues; a second create is refused', async () => {
      const row = validationReport('rep-1', { datasetId: 'ds', integrationId: 'int-1' });
      expect(await store.createValidationReport(row)).toBe(true);
      expect(await store.createValidationReport(validationReport('rep-1', { submittedAt: at(9) }))).toBe(
        false,
      );
      expect(await store.getValidationReport('rep-1')).toEqual(row);
      expect(await store.getValidationReport('rep-2')).toBeUndefined();
    });

    it('lists newest first by (submittedAt, id), with the before cursor and filters', async () => {
      const rows = [
        validationReport('r1', { submittedAt: at(1), datasetId: 'ds.a' }),
        validationReport('r2', { submittedAt: at(2), datasetId: 'ds.a', integrationId: 'int-1' }),
        validationReport('r3', { submittedAt: at(2), integrationId: 'int-1' }),
        validationReport('r4', { submittedAt: at(4), datasetId: 'ds.b' }),
      ];
      for (const row of rows) await store.createValidationReport(row);
      expect((await store.listValidationReports({ limit: 10 })).map((r) => r.id)).toEqual([
        'r4',
        'r3',
        'r2',
        'r1',
      ]);
      expect(
        (await store.listValidationReports({ limit: 10, before: { at: at(2), id: 'r3' } })).map((r) => r.id),
      ).toEqual(['r2', 'r1']);
      expect((await store.listValidationReports({ limit: 1, datasetId: 'ds.a' })).map((r) => r.id)).toEqual([
        'r2',
      ]);
      expect(
        (await store.listValidationReports({ limit: 10, integrationId: 'int-1' })).map((r) => r.id),
      ).toEqual(['r3', 'r2']);
      expect(
        (await store.listValidationReports({ limit: 10, datasetId: 'ds.a', integrationId: 'int-1' })).map(
          (r) => r.id,
        ),
      ).toEqual(['r2']);
      expect(await store.listValidationReports({ limit: 10, datasetId: 'none' })).toEqual([]);
      expect((await store.listValidationReports({ limit: 10 }))[0]).toEqual(rows[3]);
    });
  });
}
