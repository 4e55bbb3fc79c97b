// Offline check of a checkpoint's RFC 3161 time-stamp token against the checkpoint it countersigns.
import type { Schemas } from '@tukar/spec';
import { checkpointDigest } from './checkpoint-timestamp';
import { readTimestampToken, stampsDigest } from './timestamp-token';

function base64Bytes(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  const binary = atob(text);
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/**
 * What is wrong with a checkpoint's time-stamp token, or `undefined` when it has none or its imprint is
 * the SHA-256 of the checkpoint's JWS. The token's own CMS signature is the authority's: check it with
 * the authority's certificate (`openssl ts -verify -data <jws file> -in <token> -token_in -CAfile …`).
 */
export async function timestampProblem(row: Schemas['AuditCheckpoint']): Promise<string | undefined> {
  if (row.timestampToken === undefined) return undefined;
  const bytes = base64Bytes(row.timestampToken);
  if (!bytes) return `The time-stamp token of checkpoint ${row.number} is not base64.`;
  let statement: ReturnType<typeof readTimestampToken>;
  try {
    statement = readTimestampToken(bytes);
  } catch (error) {
    return `The time-stamp token of checkpoint ${row.number} cannot be read (${(error as Error).message}).`;
  }
  if (!stampsDigest(statement, await checkpointDigest(row.jws))) {
    return `The time-stamp token of checkpoint ${row.number} (stamped ${statement.genTime}) is not over this checkpoint: the checkpoint or its token was altered.`;
  }
  return undefined;
}
