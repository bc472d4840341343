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
