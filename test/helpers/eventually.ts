/**
 * Polls `condition` every 10 ms until it holds; rejects after `limitMs` with `what` in the
 * message. For waiting on an event that must happen (a process to appear or go), not a timing.
 */
export async function eventually(what: string, condition: () => boolean, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`still waiting after ${limitMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
