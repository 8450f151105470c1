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

/**
 * A model under another runtime (`promise-pool/bun`, see config-identity.ts) keeps its model's
 * hue, shaded per runtime, so the bars of one model read as a group and each runtime has the same
 * shade in every group: darker and lighter in turn, then further.
 */
const RUNTIME_SHADES = [-0.35, 0.4, -0.6, 0.65, 0.8, -0.75];

/** `impl → #rrggbb` for the given implementations; unknown ones take spare colours in the order given. */
export function implColours(impls: readonly string[]): Map<string, string> {
  // A Map, not an object: impl names come from results files and `__proto__` is a valid one.
  const colours = new Map<string, string>();
  let spare = 0;
  const colourOfModel = (impl: string): string => {
    const known = Object.hasOwn(KNOWN, impl) ? KNOWN[impl] : undefined;
    if (known !== undefined) return known;
    const existing = colours.get(impl);
    if (existing !== undefined) return existing;
    const colour = SPARE[spare++ % SPARE.length] ?? '#000000';
    colours.set(impl, colour);
    return colour;
  };
  const runtimes: string[] = [];
  const colourOfSeries = (impl: string): string => {
    const slash = impl.lastIndexOf('/');
    if (slash <= 0) return colourOfModel(impl);
    const runtime = impl.slice(slash + 1);
    if (!runtimes.includes(runtime)) runtimes.push(runtime);
    const shade = RUNTIME_SHADES[runtimes.indexOf(runtime) % RUNTIME_SHADES.length] ?? 0;
    return shadeOf(colourOfModel(impl.slice(0, slash)), shade);
  };
  for (const impl of impls) {
    if (colours.has(impl)) continue;
    // An A/B bench's sides (config-identity.ts): the head in the series' colour, the base paler beside it.
    const side = SIDE_SUFFIX.exec(impl);
    if (side === null) colours.set(impl, colourOfSeries(impl));
    else colours.set(impl, side[1] === 'base' ? shadeOf(colourOfSeries(impl.slice(0, side.index)), BASE_SHADE) : colourOfSeries(impl.slice(0, side.index)));
  }
  return colours;
}

/** ` (base)` / ` (head)` at the end of a series name. NOTE: written by seriesOf in config-identity.ts. */
const SIDE_SUFFIX = / \((base|head)\)$/;
/** How much paler the base's bars are than the head's. */
const BASE_SHADE = 0.55;

/** `#rrggbb` mixed toward white (amount > 0) or black (amount < 0). */
function shadeOf(hex: string, amount: number): string {
  const target = amount > 0 ? 255 : 0;
  const channels = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16));
  return `#${channels
    .map((value) =>
      Math.round(value + (target - value) * Math.abs(amount))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}
