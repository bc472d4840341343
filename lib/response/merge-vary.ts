// One field name of a Vary list, trimmed and lower-cased to compare.
const fieldNames = (list: string): string[] =>
  list
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');

// What a framework holds for a header the app already set: text, Node's
// array of texts, or a number; anything else is no Vary at all.
function priorText(prior: unknown): string {
  if (typeof prior === 'string') return prior;
  if (Array.isArray(prior)) return prior.filter((item) => typeof item === 'string').join(', ');
  return '';
}

/**
 * A response's own `vary` merged into the one the app already set (CORS
 * middleware's `Vary: Origin`): the app's names first, then the response's
 * that are new, compared without regard to case; `*` stands alone.
 *
 * @example
 * mergeVary('Origin', 'Accept, origin'); // 'Origin, Accept'
 */
export function mergeVary(prior: unknown, own: string): string {
  const names = fieldNames(priorText(prior));
  if (names.length === 0) return own;
  const seen = new Set(names.map((name) => name.toLowerCase()));
  for (const name of fieldNames(own)) {
    const key = name.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      names.push(name);
    }
  }
  return seen.has('*') ? '*' : names.join(', ');
}
