/**
 * Refuses comparisons whose answer would mean nothing: two benches of different fixture sites,
 * or so few runs that the test could never call any difference significant.
 */
import { InvalidArgumentError } from '../../common/errors.js';
import { RESULTS_SCHEMA_VERSION, type BenchConfig, type BenchResults } from '../results/results.js';
import { minimumSamplesPerSide, smallestPossiblePValue } from '../stats/mann-whitney.js';

/**
 * Fields that define the work a crawl does: the same code on another site is another experiment.
 * NOTE: a fixture knob added to BenchConfig that changes the site or the network belongs here.
 */
const FIXTURE_FIELDS: readonly (keyof BenchConfig)[] = ['profile', 'seed', 'pages', 'latencyMs', 'jitterMs', 'connectLatencyMs', 'tls', 'keepAlive'];

/** @throws InvalidArgumentError naming the first difference in schema or fixture. */
export function assertSameFixture(baseline: BenchResults, current: BenchResults): void {
  for (const [side, results] of [
    ['baseline', baseline],
    ['current', current],
  ] as const) {
    if (results.schemaVersion !== RESULTS_SCHEMA_VERSION) {
      throw new InvalidArgumentError(`not comparable: the ${side} has schemaVersion ${String(results.schemaVersion)}, this crawlbench reads ${RESULTS_SCHEMA_VERSION}`);
    }
  }
  for (const field of FIXTURE_FIELDS) {
    const before = baseline.config[field];
    const after = current.config[field];
    if (before !== after) {
      throw new InvalidArgumentError(
        `not comparable: ${field} differs (baseline ${JSON.stringify(before)}, current ${JSON.stringify(after)}); run both benches with the same --profile and fixture flags`,
      );
    }
  }
}

/**
 * @param what e.g. `promise-pool@10 durationMs`, for the message.
 * @throws InvalidArgumentError when m and n samples can never give p < alpha.
 */
export function assertEnoughSamples(what: string, m: number, n: number, alpha: number): void {
  if (smallestPossiblePValue(m, n) < alpha) return;
  const needed = minimumSamplesPerSide(alpha);
  throw new InvalidArgumentError(
    `not comparable: sample count too small for ${what} (baseline ${m} ok runs, current ${n}); ` +
      `at alpha ${alpha} the Mann-Whitney test needs at least ${needed} ok runs per side to ever find a difference ` +
      `(rerun the bench with --runs ${needed} or more)`,
  );
}

/** Differences in where the benches ran: allowed (comparing Node versions is a use), but worth saying. */
export function environmentNotes(baseline: BenchResults, current: BenchResults): string[] {
  const notes: string[] = [];
  const fields = [
    ['nodeVersion', 'Node.js'],
    ['cpuModel', 'CPU'],
    ['cpuCount', 'CPU count'],
    ['os', 'OS'],
  ] as const;
  for (const [field, label] of fields) {
    const before = baseline.environment[field];
    const after = current.environment[field];
    if (before !== after) notes.push(`${label} differs: baseline ${String(before)}, current ${String(after)}`);
  }
  if (baseline.config.runs !== current.config.runs) {
    notes.push(`runs per configuration differ: baseline ${baseline.config.runs}, current ${current.config.runs}`);
  }
  return notes;
}
