import { describe, expect, it } from 'vitest';
import { COMPARISON_FORMATS } from '../harness/compare/comparison-formats.js';
import { compareResults, type Comparison } from '../harness/compare/compare-results.js';
import { makeCompareResults } from './helpers/compare-results.js';

/**
 * One comparison holding every case a writer must show: a regression, an improvement, no change,
 * a metric whose baseline is 0, a configuration that stopped completing, one that only the
 * current bench ran, an environment note, and an impl name with Markdown-breaking characters.
 */
function everyCase(): Comparison {
  const baseline = makeCompareResults({
    'promise-pool@10': {
      durationMs: [1000, 1020, 990, 1010, 1005, 995],
      cpuMs: [800, 810, 790, 805, 795, 802],
      startupMs: [0, 0, 0, 0, 0, 0],
    },
    'worker-threads@10': {
      durationMs: [1500, 1520, 1490, 1510, 1505, 1495],
      cpuMs: [1200, 1210, 1190, 1205, 1195, 1202],
      startupMs: [60, 62, 61, 59, 60, 63],
    },
    'a|b<i>@1': { durationMs: [9000, 9100, 8900, 9050, 8950, 9020] },
  });
  const current = makeCompareResults({
    'promise-pool@10': {
      durationMs: [1300, 1330, 1290, 1310, 1305, 1295],
      cpuMs: [805, 790, 812, 799, 801, 808],
      startupMs: [0, 0, 0, 0, 0, 0],
    },
    'worker-threads@10': {
      durationMs: [1000, 1010, 995, 1005, 1002, 998],
      cpuMs: [1210, 1190, 1201, 1199, 1204, 1196],
      startupMs: [60, 61, 62, 60, 59, 61],
    },
    'a|b<i>@1': {},
    'child-processes@10': { durationMs: [2000, 2010, 1990, 2005, 2002, 1998] },
  });
  current.environment = { ...current.environment, nodeVersion: 'v22.11.0' };
  return compareResults(baseline, current, { metrics: ['durationMs', 'cpuMs', 'startupMs'] });
}

describe('comparison writers (golden files)', () => {
  const comparison = everyCase();

  it('finds each case before any writer shows it', () => {
    expect(comparison.summary).toEqual({ regressions: 1, improvements: 1, unchanged: 4, failedConfigs: 1 });
    expect(comparison.regressed).toBe(true);
  });

  it.each(['text', 'md', 'json'] as const)('writes %s as in test/golden', async (format) => {
    await expect(COMPARISON_FORMATS[format](comparison)).toMatchFileSnapshot(`./golden/compare.${format === 'text' ? 'txt' : format}`);
  });

  it('escapes table-breaking characters in Markdown', () => {
    const markdown = COMPARISON_FORMATS.md(comparison);
    expect(markdown).toContain('a\\|b&lt;i&gt;@1 FAILED');
    expect(markdown).not.toContain('<i>');
  });
});
