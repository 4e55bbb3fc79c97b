// The few DER (ASN.1) pieces RFC 3161 time-stamping needs: write a request, read a reply.

/** One DER element: its tag byte and its content bytes. */
export interface DerElement {
  tag: number;
  content: Uint8Array;
}

function lengthBytes(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return [0x80 | bytes.length, ...bytes];
}

/** A DER element with `tag` around `parts`, concatenated. */
export function der(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const size = parts.reduce((sum, part) => sum + part.length, 0);
  const head = [tag, ...lengthBytes(size)];
  const out = new Uint8Array(head.length + size);
  out.set(head);
  let at = head.length;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A DER object identifier from its dotted text. */
export function derOid(dotted: string): Uint8Array {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const groups = [arc & 0x7f];
    for (let n = Math.floor(arc / 128); n > 0; n = Math.floor(n / 128)) groups.unshift(0x80 | (n & 0x7f));
    bytes.push(...groups);
  }
  return der(0x06, new Uint8Array(bytes));
}

/** Reads the elements one after another in `bytes`; throws on a truncated or indefinite length. */
export function readDer(bytes: Uint8Array): DerElement[] {
  const out: DerElement[] = [];
  let at = 0;
  while (at < bytes.length) {
    const tag = bytes[at++] as number;
    let length = bytes[at++];
    if (length === undefined) throw new Error('DER: truncated element');
    if (length & 0x80) {
      const count = length & 0x7f;
      if (count === 0 || count > 4) throw new Error('DER: unsupported length');
      length = 0;
      for (let i = 0; i < count; i++) length = length * 256 + (bytes[at++] ?? Number.NaN);
    }
    if (!Number.isFinite(length) || at + length > bytes.length) throw new Error('DER: truncated element');
    out.push({ tag, content: bytes.subarray(at, at + length) });
    at += length;
  }
  return out;
}

/** The elements inside a constructed element, checked to carry `tag`. */
export function derChildren(element: DerElement | undefined, tag: number, what: string): DerElement[] {
  if (!element || element.tag !== tag) throw new Error(`DER: ${what} is missing or has the wrong type`);
  return readDer(element.content);
}

/** The dotted text of an object identifier's content. */
export function oidText(content: Uint8Array): string {
  const [head = 0, ...rest] = content;
  const arcs = [Math.min(2, Math.floor(head / 40)), head - Math.min(2, Math.floor(head / 40)) * 40];
  let value = 0;
  for (const byte of rest) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(value);
      value = 0;
    }
  }
  return arcs.join('.');
}
