import { isToken, isWildcard } from './tokens.js';

/**
 * A one-pass, allocation-free reader of an `Accept` header's media ranges.
 * Callers loop with `readMediaRange`, which leaves the range it read in
 * `range` (module state, so a request allocates nothing) and returns where
 * the next element starts.
 */

const COMMA = 0x2c;
const SEMICOLON = 0x3b;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const DOT = 0x2e;
const ZERO = 0x30;

/** The range last read: `q` is -1 when the element is to be ignored. */
export const range = { typeStart: 0, typeEnd: 0, subtypeStart: 0, subtypeEnd: 0, q: -1 };

const isSpace = (code: number): boolean => code <= 0x20;

// Past a quoted string that opens at `at`: its closing quote, or the end of
// the header when it never closes (the rest is then part of it).
function skipQuoted(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) i++;
    else if (code === QUOTE) return i + 1;
  }
  return text.length;
}

// `type/subtype`, trimmed, into `range`; false when there is no slash. The
// tokens are checked only for a range that matters (see `isValidRange`):
// one that equals a token or is `*` is valid by that alone.
function readType(text: string, start: number, end: number): boolean {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  const slash = text.indexOf('/', start);
  if (slash === -1 || slash >= end) return false;
  range.typeStart = start;
  range.typeEnd = slash;
  range.subtypeStart = slash + 1;
  range.subtypeEnd = end;
  return true;
}

/**
 * True when the range last read is a valid media range: two RFC 9110
 * tokens, and no `*\/html`, which names nothing.
 */
export function isValidRange(text: string): boolean {
  const { typeStart, typeEnd, subtypeStart, subtypeEnd } = range;
  if (!isToken(text, typeStart, typeEnd) || !isToken(text, subtypeStart, subtypeEnd)) return false;
  return !isWildcard(text, typeStart, typeEnd) || isWildcard(text, subtypeStart, subtypeEnd);
}

// A qvalue read leniently (`0.5`, `.5`, `1.000`, `0.`), or -1 when it is not one from 0 to 1.
function readQ(text: string, start: number, end: number): number {
  let whole = 0;
  let fraction = 0;
  let scale = 1;
  let digits = 0;
  let dot = false;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === DOT && !dot) dot = true;
    else if (code >= ZERO && code <= ZERO + 9) {
      digits++;
      if (!dot) whole = whole * 10 + (code - ZERO);
      else if (scale < 1e15) {
        fraction = fraction * 10 + (code - ZERO);
        scale *= 10;
      }
    } else return -1;
  }
  if (digits === 0) return -1;
  const q = whole + fraction / scale;
  return q <= 1 ? q : -1;
}

// One parameter: -2 to go on (an empty one), -1 to ignore the range (a
// parameter before `q` narrows it), else the element's q.
function readParameter(text: string, start: number, end: number): number {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  const equals = text.indexOf('=', start);
  let nameEnd = equals === -1 || equals >= end ? end : equals;
  while (nameEnd > start && isSpace(text.charCodeAt(nameEnd - 1))) nameEnd--;
  if (nameEnd === start) return -2;
  if (nameEnd - start !== 1 || (text.charCodeAt(start) | 0x20) !== 0x71) return -1;
  let valueStart = nameEnd === end ? end : equals + 1;
  while (valueStart < end && isSpace(text.charCodeAt(valueStart))) valueStart++;
  return readQ(text, valueStart, end);
}

// Where the element being read stands: reading its type, its parameters, or decided.
const TYPE = 0;
const PARAMETERS = 1;
const DECIDED = 2;
let phase = TYPE;

// Ends the segment `text[start, end)` of the element being read.
function endSegment(text: string, start: number, end: number): void {
  if (phase === TYPE) {
    phase = readType(text, start, end) ? PARAMETERS : DECIDED;
    if (phase === PARAMETERS) range.q = 1;
  } else if (phase === PARAMETERS) {
    const read = readParameter(text, start, end);
    if (read !== -2) {
      range.q = read;
      phase = DECIDED;
    }
  }
}

/**
 * Reads the element of `text` that starts at `start` into `range` and returns
 * where the next one starts. Commas and semicolons inside quoted strings
 * split nothing; parameters after `q` are extensions and are skipped.
 */
export function readMediaRange(text: string, start: number): number {
  range.q = -1;
  phase = TYPE;
  let segment = start;
  let i = start;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) i = skipQuoted(text, i) - 1;
    else if (code === SEMICOLON || code === COMMA) {
      endSegment(text, segment, i);
      segment = i + 1;
      if (code === COMMA) return i + 1;
    }
  }
  endSegment(text, segment, i);
  return i + 1;
}
