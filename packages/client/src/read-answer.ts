/** The connection broke after the answer's headers, before its whole body arrived. */
export class AnswerCutError extends Error {
  override readonly name = 'AnswerCutError';
}

const decoder = new TextDecoder();

/**
 * Reads the whole body of `response` (so a cut is seen by the transport, where it can be retried) and
 * returns the same response, its body methods (`json`, `text`, `arrayBuffer`, `bytes`, `blob`,
 * `formData`, `body`, `clone`) answering from the bytes already read. No second `Response` is built: that
 * (a new ReadableStream per answer) was most of the client's cost per request on loopback.
 *
 * Rejects with the signal's reason when `signal` aborted the read, with an {@link AnswerCutError} when
 * the connection broke part-way.
 */
export async function readWholeAnswer(
  response: Response,
  signal: AbortSignal | undefined,
): Promise<Response> {
  if (response.body === null) return response;
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw new AnswerCutError(
      `the connection broke after the answer's headers (HTTP ${response.status}), before its whole body`,
      { cause: error },
    );
  }
  answerFrom(response, bytes);
  return response;
}

function answerFrom(response: Response, bytes: Uint8Array): void {
  let text: string | undefined;
  const decoded = async () => {
    text ??= decoder.decode(bytes);
    return text;
  };
  // A fresh Response over the bytes, for what is rarely asked (a copy, a stream, a blob, form data).
  const replay = () => {
    const copy = new Response(bytes.slice(), response);
    Object.defineProperty(copy, 'url', { value: response.url });
    return copy;
  };
  const properties: PropertyDescriptorMap = {
    json: { value: async () => JSON.parse(await decoded()) },
    text: { value: decoded },
    body: { get: () => replay().body },
    bodyUsed: { value: false },
    clone: { value: replay },
  };
  for (const read of ['arrayBuffer', 'bytes', 'blob', 'formData'] as const) {
    properties[read] = { value: () => replay()[read]() };
  }
  Object.defineProperties(response, properties);
}
