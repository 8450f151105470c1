/**
 * Whether the letters of `html` at `start` spell `word` (lower-case ASCII letters) in any case,
 * compared in place as htmlparser2's tokenizer compares tag and attribute names (`c | 0x20`), so
 * nothing is sliced or lower-cased per tag.
 */
export function matchesLowerCase(html: string, start: number, word: string): boolean {
  for (let k = 0; k < word.length; k += 1) {
    if ((html.charCodeAt(start + k) | 0x20) !== word.charCodeAt(k)) return false;
  }
  return true;
}
