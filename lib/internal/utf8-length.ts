/**
 * The length in bytes of `text` encoded as UTF-8, counted without encoding
 * it: edge runtimes have no `Buffer.byteLength`, and encoding only to count
 * would copy every body once more. A lone surrogate counts as the three bytes
 * of the U+FFFD that replaces it.
 *
 * @example
 * utf8Length('{"name":"Zoë"}'); // 15
 */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair: two UTF-16 units, four bytes.
      bytes += 2;
      i++;
    } else bytes += 2;
  }
  return bytes;
}
