// A Web Storage double for the console's tests: the tab's sessionStorage, kept across a "reload" (a new
// mount of the page) by handing the same instance to both.
import type { KeeperStorage } from '../login-keeper';

/** An in-memory storage with the part of the Web Storage API the login keeper uses. */
export class MemoryStorage implements KeeperStorage {
  readonly #items = new Map<string, string>();

  /** The value of `key`, or null. */
  getItem(key: string): string | null {
    return this.#items.get(key) ?? null;
  }

  /** Sets `key` to `value`. */
  setItem(key: string, value: string): void {
    this.#items.set(key, value);
  }

  /** Removes `key`. */
  removeItem(key: string): void {
    this.#items.delete(key);
  }

  /** How many keys are kept. */
  get length(): number {
    return this.#items.size;
  }
}
