import type { HubClient } from '@tukar/client';
import type { Attachment } from '@tukar/spec';
import { PactError } from './pact-error';
import type { VerificationReport } from './verification-report';

/**
 * Attaches a verification report to an integration request on the hub as `pact-results` (SOP step 7:
 * the integration results delivered to the OPD), as the JSON `writeVerificationResults` writes.
 *
 * @example
 * ```ts
 * import { createHubClient } from '@tukar/client';
 * import { attachVerificationResults, verifyHub } from '@tukar/pact';
 *
 * const hubUrl = 'http://127.0.0.1:8080';
 * const adminKey = process.env.TUKAR_ADMIN_KEY!;
 * const admin = createHubClient({ baseUrl: hubUrl, apiKey: adminKey });
 * const report = await verifyHub({ hubUrl, adminKey, pacts: ['pacts'] });
 * await attachVerificationResults(admin, 'int_2025Cms0001', report);
 * ```
 */
export async function attachVerificationResults(
  hub: HubClient,
  integrationId: string,
  report: VerificationReport,
): Promise<Attachment> {
  if (typeof integrationId !== 'string' || integrationId === '') {
    throw new PactError(
      'invalid_option',
      'attachVerificationResults: integrationId is missing (e.g. "int_2025Cms0001")',
    );
  }
  if (typeof report !== 'object' || report === null || !Array.isArray(report.interactions)) {
    throw new PactError(
      'invalid_option',
      'attachVerificationResults: pass the report verifyHub or verifyProvider resolved with',
    );
  }
  const { output: _output, ...rest } = report;
  return hub.unwrap(
    hub.POST('/v1/integrations/{integrationId}/attachments', {
      params: { path: { integrationId } },
      body: {
        kind: 'pact-results',
        name: `${report.provider.replace(/[^A-Za-z0-9._-]+/g, '_')}.verification.json`,
        mediaType: 'application/json',
        content: JSON.stringify(rest, null, 2),
      },
    }),
  );
}
