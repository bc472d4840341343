/** One thing on the demo's shelf. */
export interface Item {
  readonly id: number;
  readonly name: string;
}

const STOCK = ['Fountain pen', 'Bottle of ink', 'Notebook', 'Pencil', 'Eraser'];

/**
 * The demo's data, in memory: a shelf of items that users list and that
 * users with `items.delete` may delete from.
 */
export class Shelf {
  readonly #items: Item[] = [];
  // Ids only grow, so a page still showing a deleted item never deletes another.
  #nextId = 1;

  constructor() {
    this.#restock();
  }

  /** The items, in shelf order. */
  list(): readonly Item[] {
    return [...this.#items];
  }

  /** Takes the item with this id off the shelf and returns it; `undefined` when there is none. */
  remove(id: number): Item | undefined {
    const index = this.#items.findIndex((item) => item.id === id);
    if (index === -1) return undefined;
    const [removed] = this.#items.splice(index, 1);
    // An empty shelf would leave nothing to demonstrate deleting: restock it.
    if (this.#items.length === 0) this.#restock();
    return removed;
  }

  #restock(): void {
    for (const name of STOCK) this.#items.push(Object.freeze({ id: this.#nextId++, name }));
  }
}
