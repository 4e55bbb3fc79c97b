// RFC 3161 time-stamping of audit checkpoints: the request, the reply and what a token states.
import { der, derChildren, derOid, oidText, readDer } from './der';

const SHA256_OID = '2.16.840.1.101.3.4.2.1';
const SIGNED_DATA_OID = '1.2.840.113549.1.7.2';
const TST_INFO_OID = '1.2.840.113549.1.9.16.1.4';

/** A random nonce of 8 bytes, a positive INTEGER in its shortest form (first byte 0x01–0x7f). */
export function freshNonce(): Uint8Array {
  const nonce = crypto.getRandomValues(new Uint8Array(8));
  nonce[0] = ((nonce[0] as number) & 0x7f) | 0x01;
  return nonce;
}

/**
 * A TimeStampReq (RFC 3161 §2.4.1, DER) for a SHA-256 digest, with a nonce (see {@link freshNonce}) and
 * a request for the authority's certificate in the token.
 */
export function timestampRequest(digest: Uint8Array, nonce: Uint8Array): Uint8Array {
  const algorithm = der(0x30, derOid(SHA256_OID), new Uint8Array([0x05, 0x00]));
  const imprint = der(0x30, algorithm, der(0x04, digest));
  const version = der(0x02, new Uint8Array([1]));
  return der(0x30, version, imprint, der(0x02, nonce), new Uint8Array([0x01, 0x01, 0xff]));
}

/** The token of a TimeStampResp (RFC 3161 §2.4.2), or the reason there is none. */
export function tokenOfResponse(response: Uint8Array): { token: Uint8Array } | { reason: string } {
  try {
    const [outer] = readDer(response);
    const [statusInfo, token] = derChildren(outer, 0x30, 'TimeStampResp');
    const [status] = derChildren(statusInfo, 0x30, 'PKIStatusInfo');
    const code = status?.tag === 0x02 ? (status.content[0] ?? -1) : -1;
    if (code !== 0 && code !== 1) return { reason: `the authority refused the request (PKIStatus ${code})` };
    if (!token) return { reason: 'the answer holds no time-stamp token' };
    return { token: der(token.tag, token.content) };
  } catch (error) {
    return { reason: `the answer is not a TimeStampResp (${(error as Error).message})` };
  }
}

/** What a time-stamp token states (its TSTInfo); its CMS signature is not checked here. */
export interface TimestampStatement {
  /** The dotted OID of the digest algorithm of the imprint. */
  hashAlgorithm: string;
  /** The digest the authority stamped. */
  hashedMessage: Uint8Array;
  /** When, as the authority's GeneralizedTime text (e.g. `20261207142332Z`). */
  genTime: string;
  /** The nonce of the request, when the token repeats it. */
  nonce: Uint8Array | undefined;
}

/** Reads the TSTInfo of a TimeStampToken (a CMS SignedData); throws naming what is missing. */
export function readTimestampToken(token: Uint8Array): TimestampStatement {
  const [contentInfo] = readDer(token);
  const [type, signed] = derChildren(contentInfo, 0x30, 'ContentInfo');
  if (type?.tag !== 0x06 || oidText(type.content) !== SIGNED_DATA_OID)
    throw new Error('DER: not a SignedData');
  const [signedData] = derChildren(signed, 0xa0, 'SignedData wrapper');
  const [, , encapsulated] = derChildren(signedData, 0x30, 'SignedData');
  const [eType, eContent] = derChildren(encapsulated, 0x30, 'EncapsulatedContentInfo');
  if (eType?.tag !== 0x06 || oidText(eType.content) !== TST_INFO_OID) throw new Error('DER: not a TSTInfo');
  const [octets] = derChildren(eContent, 0xa0, 'eContent');
  const [tstInfo] = derChildren(octets, 0x04, 'TSTInfo octets');
  const [, , imprint, , genTime, ...rest] = derChildren(tstInfo, 0x30, 'TSTInfo');
  const [algorithm, hashed] = derChildren(imprint, 0x30, 'MessageImprint');
  const [oid] = derChildren(algorithm, 0x30, 'AlgorithmIdentifier');
  if (oid?.tag !== 0x06 || hashed?.tag !== 0x04 || genTime?.tag !== 0x18)
    throw new Error('DER: malformed TSTInfo');
  const nonce = rest.find((element) => element.tag === 0x02);
  return {
    hashAlgorithm: oidText(oid.content),
    hashedMessage: hashed.content,
    genTime: new TextDecoder().decode(genTime.content),
    nonce: nonce?.content,
  };
}

/** Whether a token's imprint is the SHA-256 of `digest`'s input: the same algorithm and bytes. */
export function stampsDigest(statement: TimestampStatement, digest: Uint8Array): boolean {
  const { hashAlgorithm, hashedMessage } = statement;
  return (
    hashAlgorithm === SHA256_OID &&
    hashedMessage.length === digest.length &&
    hashedMessage.every((byte, i) => byte === digest[i])
  );
}
