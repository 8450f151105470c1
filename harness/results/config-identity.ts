/**
 * What makes two configurations the same one: implementation, worker count, runtime, and in an
 * A/B bench the side (base or head build). One definition for the store (resume), compare, history and the report's labels.
 *
 * NOTE: `configKey` is the key of `reports/history.jsonl`'s medians; under the default runtime it
 * is `impl@workers`, as before runtimes existed, so older history lines still line up.
 */
import { DEFAULT_RUNTIME } from '../../crawlers/runtime/default-runtime.js';
import type { ConfigResult } from './results.js';

export type ConfigIdentity = Pick<ConfigResult, 'impl' | 'workers' | 'runtime' | 'side'>;

export function sameConfig(a: ConfigIdentity, b: ConfigIdentity): boolean {
  return a.impl === b.impl && a.workers === b.workers && a.runtime === b.runtime && a.side === b.side;
}

/**
 * A crawler under a runtime, as charts and tables label it: `promise-pool` under the default
 * runtime (and for command crawlers, which have none), `promise-pool/bun` under another; in an
 * A/B bench the side follows, `promise-pool (base)`, so both builds get bars of their own.
 * NOTE: palette.ts reads the side suffix back to shade the base's bars.
 */
export function seriesOf(config: Pick<ConfigResult, 'impl' | 'runtime' | 'side'>): string {
  const series = config.runtime === null || config.runtime === DEFAULT_RUNTIME ? config.impl : `${config.impl}/${config.runtime}`;
  return config.side === undefined ? series : `${series} (${config.side})`;
}

/** `promise-pool@10`, `promise-pool/bun@10`: one configuration in a line of text or a history key. */
export function configKey(config: ConfigIdentity): string {
  return `${seriesOf(config)}@${config.workers}`;
}
