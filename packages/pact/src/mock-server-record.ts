import { getFfiLib } from '@pact-foundation/pact-core';
import type { FetchLike } from '@tukar/client';

// The Pact mock server (pact_ffi 0.5.x) answers a request before it records the match: the record
// travels through a channel that another task reads. On a busy machine `executeTest` can ask for the
// mismatches before that task ran, and then fails with "expected but not received" for a request the
// mock server did receive, or loses the field-by-field mismatch of one it refused
// (pact-foundation/pact-core-mock-server#13). Counting the answers the client got and waiting until the
// mock server's record accounts for them closes that window.

/** The kinds of the mock server's refusals: its `x-pact` header, and the start of its 500 body's `error`. */
const REFUSAL_KINDS = 'Request-Mismatch|Unexpected-Request';
const REFUSAL_HEADER = new RegExp(`^(${REFUSAL_KINDS})$`, 'i');
const REFUSAL_TEXT = new RegExp(`^(${REFUSAL_KINDS})\\b`, 'i');

/**
 * `true` for the error a client throws when the Pact mock server answered 500 because the request did
 * not match the pact (its body says `Request-Mismatch` or `Unexpected-Request`).
 */
export function isMockRefusal(error: unknown): boolean {
  const problem = (error as { problem?: unknown } | null)?.problem;
  const text =
    typeof problem === 'object' && problem !== null ? (problem as { error?: unknown }).error : undefined;
  return typeof text === 'string' && REFUSAL_TEXT.test(text);
}

/** How long to wait for the mock server's record before leaving the verdict to Pact as it is. */
const RECORD_WAIT_MS = 2_000;
const POLL_MS = 5;

/** The answers a test got from the mock server: all of them, and those that refused the request. */
export interface MockServerAnswers {
  answered: number;
  refused: number;
}

interface RecordEntry {
  type?: unknown;
}

/** The mock server's record of mismatches, or `undefined` when the port is not a live mock server. */
function recordOf(port: number): RecordEntry[] | undefined {
  try {
    const entries: unknown = JSON.parse(getFfiLib().pactffiMockServerMismatches(port));
    return Array.isArray(entries) ? (entries as RecordEntry[]) : undefined;
  } catch {
    return undefined;
  }
}

/** The interactions the mock server still expects (before the test: all of them). */
export function interactionsAwaited(port: number): number | undefined {
  return recordOf(port)?.filter((entry) => entry.type === 'missing-request').length;
}

/** A fetch that counts the mock server's answers into `answers` (a refusal carries `x-pact`). */
export function countingAnswers(fetchImpl: FetchLike, answers: MockServerAnswers): FetchLike {
  return async (request) => {
    const response = await fetchImpl(request);
    answers.answered += 1;
    if (REFUSAL_HEADER.test(response.headers.get('x-pact') ?? '')) {
      answers.refused += 1;
    }
    return response;
  };
}

/**
 * Resolves once the mock server on `port` has recorded every answer in `answers`: each refusal as a
 * mismatch, each other answer as an interaction no longer awaited. Gives up after two seconds (two
 * answers matching one interaction never lower the count twice), leaving the verdict to Pact.
 */
export async function untilMockServerRecorded(
  port: number,
  awaitedBefore: number,
  answers: MockServerAnswers,
): Promise<void> {
  const matched = answers.answered - answers.refused;
  const deadline = Date.now() + RECORD_WAIT_MS;
  for (;;) {
    if (getFfiLib().pactffiMockServerMatched(port)) return;
    const record = recordOf(port);
    if (record === undefined) return;
    const mismatches = record.filter((entry) => entry.type !== 'missing-request').length;
    const awaited = record.length - mismatches;
    if (mismatches >= answers.refused && awaited <= Math.max(0, awaitedBefore - matched)) return;
    if (Date.now() >= deadline) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
