/**
 * The page's few DOM helpers. Every text goes in through `textContent`, never innerHTML: impl
 * names and failure reasons come from results files.
 */

/**
 * The element with this id, of this type (`byId(REPORT_IDS.chartRss, HTMLCanvasElement)`). A
 * missing or mistyped one is a bug in html.ts, so it throws rather than draw a partial page.
 */
export function byId<T extends HTMLElement>(id: string, type: { new (): T; prototype: T }): T {
  const node = document.getElementById(id);
  if (!(node instanceof type)) throw new Error(`report page: #${id} is missing or not a ${type.name}`);
  return node;
}

/** A new element with optional text and class. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string | number | null, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

/** `1 worker`, `10 workers`. */
export function workerLabel(workers: number): string {
  return workers + (workers === 1 ? ' worker' : ' workers');
}

/** `#rrggbb` as `rgba(r,g,b,alpha)`. */
export function fade(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
}
