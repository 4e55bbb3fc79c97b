// Web Crypto only (globalThis.crypto), so the core runs in Node, browsers and msw alike.

const encoder = new TextEncoder();
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Lower-case hex SHA-256 of a text (UTF-8) or bytes. */
export async function sha256Hex(input: string | Uint8Array): Promise<string> {
  const bytes = typeof input === 'string' ? encoder.encode(input) : input;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let out = '';
  for (const byte of digest) out += HEX[byte];
  return out;
}

/** `length` characters from [A-Za-z0-9] made of `nextByte()`s (rejection sampling, no modulo bias). */
function alphanumericOf(length: number, nextByte: () => number): string {
  let out = '';
  while (out.length < length) {
    const byte = nextByte();
    if (byte < 248) out += ALPHANUMERIC[byte % 62];
  }
  return out;
}

/** Random bytes one at a time, drawn from the system's generator `size` bytes at a time. */
function randomByteSource(size: number): () => number {
  const bytes = new Uint8Array(size);
  let used = size;
  return () => {
    if (used === size) {
      crypto.getRandomValues(bytes);
      used = 0;
    }
    return bytes[used++] as number;
  };
}

/** `length` random characters from [A-Za-z0-9], from bytes asked of the system's generator for them alone. */
export function randomAlphanumeric(length: number): string {
  return alphanumericOf(length, randomByteSource(length * 2));
}

/**
 * Random bytes for ids, drawn 4 KiB at a time: a request id is made for every request, and asking the
 * generator for a few bytes each time cost more than the rest of the id. (Secrets come from
 * {@link randomAlphanumeric}, which asks every time.)
 */
const nextIdByte = randomByteSource(4096);

/** A new id with a prefix: `int_…`, `key_…`, `att_…`, `rep_…`, `req_…` (16 random characters). */
export function newId(prefix: 'int' | 'key' | 'att' | 'rep' | 'req'): string {
  return `${prefix}_${alphanumericOf(16, nextIdByte)}`;
}

/** Base64url of bytes, without padding. */
export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes standard base64; `undefined` when the text is not base64. */
export function decodeBase64(text: string): Uint8Array | undefined {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) return undefined;
  try {
    const binary = atob(clean);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

/** Compares two strings in time independent of where they differ. */
export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
