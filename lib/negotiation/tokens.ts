// RFC 9110 tokens, read in place: nothing is sliced or lower-cased.

const STAR = 0x2a;

// RFC 9110 tchar: the characters of a type or subtype token.
const TCHAR = new Uint8Array(128);
for (const char of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") {
  TCHAR[char.charCodeAt(0)] = 1;
}

/** True when `text[start, end)` is a non-empty RFC 9110 token. */
export function isToken(text: string, start: number, end: number): boolean {
  if (start >= end) return false;
  for (let i = start; i < end; i++) if (TCHAR[text.charCodeAt(i)] !== 1) return false;
  return true;
}

/** True when `text[start, end)` is `literal` (lower-case), in any letter case. */
export function sameToken(text: string, start: number, end: number, literal: string): boolean {
  if (end - start !== literal.length) return false;
  for (let i = 0; i < literal.length; i++) {
    const code = text.charCodeAt(start + i);
    const lower = code >= 0x41 && code <= 0x5a ? code + 32 : code;
    if (lower !== literal.charCodeAt(i)) return false;
  }
  return true;
}

/** True when `text[start, end)` is `*`. */
export const isWildcard = (text: string, start: number, end: number): boolean =>
  end - start === 1 && text.charCodeAt(start) === STAR;
