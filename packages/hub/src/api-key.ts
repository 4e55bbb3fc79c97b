import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { base64Url } from './crypto-helpers';

/**
 * The shape of a hub API key: `tk_` and 43 base64url characters (32 random bytes).
 *
 * @example
 * ```ts
 * import { API_KEY_PATTERN } from '@tukar/hub';
 *
 * const apiKey = process.env.TUKAR_API_KEY ?? '';
 * if (!API_KEY_PATTERN.test(apiKey)) {
 *   throw new Error('TUKAR_API_KEY must be "tk_" and 43 characters of A-Z a-z 0-9 _ - (as issued by Diskominfo).');
 * }
 * ```
 */
export const API_KEY_PATTERN = /^tk_[A-Za-z0-9_-]{43}$/;

/**
 * A new random API key (`tk_…`). The hub stores only its SHA-256; show the key once.
 *
 * @example
 * ```ts
 * const key = generateApiKey(); // 'tk_MxJlMe1f9kU1fWshbYF5jsXuKpLJcG7djr7UmSntc5k'
 * ```
 */
export function generateApiKey(): string {
  return `tk_${base64Url(crypto.getRandomValues(new Uint8Array(32)))}`;
}

/**
 * The stored form of a key. Keys carry 256 random bits, so one SHA-256 is enough (a slow password
 * hash protects guessable secrets; these are not guessable). Computed synchronously (@noble/hashes):
 * every authenticated request hashes its key, and Web Crypto's asynchronous digest costs tens of
 * microseconds in scheduling alone for a 50-byte text.
 */
export function hashApiKey(key: string): string {
  return bytesToHex(sha256(encoder.encode(`tukar-api-key:${key}`)));
}

const encoder = new TextEncoder();
