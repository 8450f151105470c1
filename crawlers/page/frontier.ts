/**
 * The crawl frontier: URLs waiting to be visited, in discovery order, plus every URL ever
 * admitted so that each is visited exactly once.
 */
export class Frontier {
  /** Every URL ever admitted (queued, in flight or done). */
  readonly #seen = new Set<string>();
  /**
   * Pending URLs are `#queue[#head..]`. Shifting an array is O(n) per call, so the head index
   * advances instead and the consumed prefix is dropped in one splice once it dominates the
   * array, keeping memory proportional to what is still pending (crawls reach 100 000 URLs).
   */
  #queue: string[] = [];
  #head = 0;
  readonly #maxPages: number;
  #refusedByCap = 0;

  /** @param maxPages the most URLs ever admitted; later `add` calls return false. */
  constructor(maxPages: number) {
    this.#maxPages = maxPages;
  }

  /** Marks `url` seen unless it was, or the cap is reached: one hash of the URL per link found. */
  #admit(url: string): boolean {
    if (this.#seen.size >= this.#maxPages) {
      // Only the cap's doing counts: a URL seen before would have been refused anyway.
      if (!this.#seen.has(url)) this.#refusedByCap += 1;
      return false;
    }
    const before = this.#seen.size;
    this.#seen.add(url);
    return this.#seen.size !== before;
  }

  /** Queues `url` unless it was seen before or the cap is reached. Returns whether it was queued. */
  add(url: string): boolean {
    if (!this.#admit(url)) return false;
    this.#queue.push(url);
    return true;
  }

  /**
   * Like `add`, but the URL jumps the queue: it is handed out next (several such URLs come out
   * last-in first-out). O(1): it takes the slot of the last URL handed out when there is one.
   */
  addFirst(url: string): boolean {
    if (!this.#admit(url)) return false;
    if (this.#head > 0) {
      this.#head -= 1;
      this.#queue[this.#head] = url;
    } else {
      this.#queue.unshift(url);
    }
    return true;
  }

  /** The oldest pending URL, or `undefined` when nothing is pending. */
  next(): string | undefined {
    if (this.#head >= this.#queue.length) return undefined;
    const url = this.#queue[this.#head];
    this.#head += 1;
    if (this.#head === this.#queue.length) {
      this.#queue = [];
      this.#head = 0;
    } else if (this.#head >= 1024 && this.#head * 2 >= this.#queue.length) {
      this.#queue.splice(0, this.#head);
      this.#head = 0;
    }
    return url;
  }

  /** URLs waiting to be visited. */
  get size(): number {
    return this.#queue.length - this.#head;
  }

  /** URLs ever admitted, i.e. pending plus already handed out. */
  get seen(): number {
    return this.#seen.size;
  }

  /** Whether `url` was ever admitted. */
  has(url: string): boolean {
    return this.#seen.has(url);
  }

  /** New URLs refused because `maxPages` were already admitted (counted once per refusal). */
  get refusedByCap(): number {
    return this.#refusedByCap;
  }
}
