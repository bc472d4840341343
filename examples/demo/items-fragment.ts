import { escapeHtml } from './escape-html.js';
import type { Item } from './shelf.js';

/**
 * The items as a fragment of HTML, for a script that swaps it into the page
 * (htmx, jQuery's `.html()`): a list, and a line that says when it was made.
 *
 * @example
 * itemsFragment([{ id: 1, name: 'Pencil' }]); // '<ul class="items">...'
 */
export function itemsFragment(items: readonly Item[]): string {
  const entries = items.map((item) => `  <li>${escapeHtml(item.name)}</li>`).join('\n');
  return `<ul class="items">\n${entries}\n</ul>\n<p class="note">${items.length} items, as HTML from GET /fragments/items.</p>\n`;
}
