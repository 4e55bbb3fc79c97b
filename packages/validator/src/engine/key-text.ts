/**
 * One text per composite key: the parts joined by U+0001; when a part holds U+0001 or U+0002, U+0002 then
 * each part preceded by its length and `:` (a plain text never holds U+0002, so the two forms cannot meet).
 * `parts[from .. from + width)` are the key's parts.
 */
export function exactText(parts: readonly string[], from: number, width: number): string {
  if (width === 1) return parts[from]!;
  let plain = true;
  for (let i = from; i < from + width; i++) {
    const part = parts[i]!;
    if (part.indexOf('\u0001') !== -1 || part.indexOf('\u0002') !== -1) plain = false;
  }
  if (plain) {
    let text = parts[from]!;
    for (let i = from + 1; i < from + width; i++) text += `\u0001${parts[i]!}`;
    return text;
  }
  let text = '\u0002';
  for (let i = from; i < from + width; i++) text += `${parts[i]!.length}:${parts[i]!}`;
  return text;
}

/** The parts of a key text made by {@link exactText} from `width` parts. */
export function partsOfText(text: string, width: number): string[] {
  if (width === 1) return [text];
  if (text.charCodeAt(0) !== 2) return text.split('\u0001');
  const parts: string[] = [];
  for (let at = 1; at < text.length; ) {
    const colon = text.indexOf(':', at);
    const length = Number(text.slice(at, colon));
    parts.push(text.slice(colon + 1, colon + 1 + length));
    at = colon + 1 + length;
  }
  return parts;
}
