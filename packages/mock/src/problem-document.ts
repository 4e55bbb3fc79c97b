import { HubProblem, type ProblemCode, type ProblemExtras } from '@tukar/hub';
import type { Problem } from '@tukar/spec';

/**
 * An RFC 9457 problem document as the hub writes it (same `type`, `title` and members), for overrides
 * that answer an error the mock hub would not give by itself: an outage, a rate limit, a 500.
 *
 * @example
 * ```ts
 * import { mockHub, problemDocument } from '@tukar/mock';
 * import { setupServer } from 'msw/node';
 *
 * const hub = await mockHub({ contracts: [puskesmas] });
 * const server = setupServer(...hub.handlers);
 * server.use(
 *   hub.override.post('/v1/datasets/{datasetId}/records', ({ response }) =>
 *     response(503).json(problemDocument(503, 'service_unavailable', 'Pemeliharaan terjadwal.')),
 *   ),
 * );
 * ```
 */
export function problemDocument(
  status: number,
  code: ProblemCode,
  detail: string,
  extras: ProblemExtras & { requestId?: string; instance?: string } = {},
): Problem {
  const { requestId = 'req_mock', instance = '/', ...rest } = extras;
  return new HubProblem(status, code, detail, rest).toDocument(requestId, instance);
}
