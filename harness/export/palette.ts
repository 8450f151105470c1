/**
 * One colour per implementation, the same on every chart and every report, from the Okabe–Ito
 * palette (Okabe & Ito, "Color Universal Design", 2008), which stays distinguishable under the
 * common forms of colour blindness.
 */

/** Fixed colours for the implementations crawlbench ships, so reports from different benches match. */
const KNOWN: Record<string, string> = {
  'promise-pool': '#0072B2',
  'worker-threads': '#E69F00',
  'child-processes': '#009E73',
};

/** The rest of Okabe–Ito, for implementations added later; yellow comes last as it is faint on white. */
const SPARE = ['#CC79A7', '#D55E00', '#56B4E9', '#000000', '#F0E442'];

/** `impl → #rrggbb` for the given implementations; unknown ones take spare colours in the order given. */
export function implColours(impls: readonly string[]): Map<string, string> {
  // A Map, not an object: impl names come from results files and `__proto__` is a valid one.
  const colours = new Map<string, string>();
  let spare = 0;
  for (const impl of impls) {
    if (colours.has(impl)) continue;
    const known = Object.hasOwn(KNOWN, impl) ? KNOWN[impl] : undefined;
    colours.set(impl, known ?? SPARE[spare++ % SPARE.length] ?? '#000000');
  }
  return colours;
}
