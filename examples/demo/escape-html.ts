const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * `text` with the five characters that mean something in HTML escaped:
 * every value from a user goes through here before it enters the markup.
 *
 * @example
 * escapeHtml('<b>bob</b>'); // '&lt;b&gt;bob&lt;/b&gt;'
 */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ENTITIES[char] as string);
