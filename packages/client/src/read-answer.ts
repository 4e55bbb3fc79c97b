/** The connection broke after the answer's headers, before its whole body arrived. */
export class AnswerCutError extends Error {
  override readonly name = 'AnswerCutError';
}

/** The bytes of each answer the transport read to the end, for the typed calls to parse. */
const bodies = new WeakMap<Response, Uint8Array<ArrayBuffer>>();

/**
 * Reads the whole body of `response`, so a cut is seen by the transport, where it can be retried, and
 * keeps its bytes for {@link answerBytes}. The response's own body is then used, as after
 * openapi-fetch: the typed calls hand its content back as `data` or `error`. No second `Response` is
 * built: that (a new ReadableStream per answer) was most of the client's cost per request on loopback.
 *
 * Rejects with the signal's reason when `signal` aborted the read, with an {@link AnswerCutError} when
 * the connection broke part-way.
 */
export async function readWholeAnswer(
  response: Response,
  signal: AbortSignal | undefined,
): Promise<Response> {
  if (response.body === null) return response;
  try {
    bodies.set(response, new Uint8Array(await response.arrayBuffer()));
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw new AnswerCutError(
      `the connection broke after the answer's headers (HTTP ${response.status}), before its whole body`,
      { cause: error },
    );
  }
  return response;
}

/** The body {@link readWholeAnswer} read from `response` (empty when it had none). */
export function answerBytes(response: Response): Uint8Array<ArrayBuffer> {
  return bodies.get(response) ?? new Uint8Array();
}
