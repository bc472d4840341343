/** Quotes a value for an error message, shortened so a huge input stays readable. */
export function describeValue(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Names the kind of a value that came from a request, for an error message
 * that must never quote request data: `a string`, `an object`, `null`.
 */
export function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const kind = typeof value;
  return /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}
