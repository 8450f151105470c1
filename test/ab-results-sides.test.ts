/**
 * An A/B results file holds both sides and every reader copes: `side` is part of a
 * configuration's identity and label, the file loads as schema 3 (a wrong side is refused), the
 * charts get a base and a head series per configuration (the base paler, the head in the model's
 * colour), and the verdict table, ab-summary.md and the console show both rounds.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderAbMarkdown, renderAbText } from '../harness/export/ab-summary.js';
import { implColours } from '../harness/export/palette.js';
import { buildReportModel } from '../harness/export/report-model.js';
import { configKey, sameConfig, seriesOf } from '../harness/results/config-identity.js';
import { loadResults } from '../harness/results/load-results.js';
import { abResults } from './helpers/ab-pairs.js';
import { tempDirs } from './helpers/temp-files.js';

const temp = tempDirs('crawlbench-ab-sides-');
afterEach(temp.removeAll);

describe('the side of a configuration', () => {
  it('is part of its identity and its label', () => {
    const base = { impl: 'promise-pool', workers: 10, runtime: 'node', side: 'base' as const };
    expect(sameConfig(base, { ...base, side: 'head' })).toBe(false);
    expect(sameConfig(base, { ...base })).toBe(true);
    expect(seriesOf(base)).toBe('promise-pool (base)');
    expect(configKey({ ...base, runtime: 'bun', side: 'head' })).toBe('promise-pool/bun (head)@10');
    expect(configKey({ impl: 'promise-pool', workers: 10, runtime: 'node' })).toBe('promise-pool@10');
  });

  it('shades the base paler than the head, which keeps the model colour', () => {
    const colours = implColours(['promise-pool (base)', 'promise-pool (head)', 'promise-pool']);
    expect(colours.get('promise-pool (head)')).toBe(colours.get('promise-pool'));
    expect(colours.get('promise-pool (base)')).not.toBe(colours.get('promise-pool'));
    const lightness = (hex: string | undefined) => [1, 3, 5].reduce((sum, at) => sum + Number.parseInt(hex?.slice(at, at + 2) ?? '0', 16), 0);
    expect(lightness(colours.get('promise-pool (base)'))).toBeGreaterThan(lightness(colours.get('promise-pool (head)')));
  });
});

describe('an A/B results file', () => {
  it('loads as schema 3 with both sides and its ab section; a side that is neither is refused', async () => {
    const dir = await temp.make();
    const results = abResults();
    await writeFile(join(dir, 'results.json'), JSON.stringify(results));
    const loaded = await loadResults(dir);
    expect(loaded.configs.map((c) => c.side)).toEqual(['base', 'head']);
    expect(loaded.ab?.verdict?.outcome).toBe('regression');
    const bad = { ...results, configs: [{ ...results.configs[0], side: 'left' }] };
    await writeFile(join(dir, 'results.json'), JSON.stringify(bad));
    await expect(loadResults(dir)).rejects.toThrow(/configs\[0\]\.side is neither base nor head/);
  });

  it('charts a base and a head series for each configuration', () => {
    const model = buildReportModel(abResults());
    expect(model.wallMs.map((series) => series.impl)).toEqual(['promise-pool (base)', 'promise-pool (head)']);
    expect(model.cpuUserMs.every((series) => series.values.length === 1 && series.values[0] !== null)).toBe(true);
    expect(model.ab?.table.rows.map((row) => row.cells[1])).toEqual(['CPU/page', 'peak RSS', 'peak PSS', 'wall ÷ bound']);
    expect(model.table.rows.map((row) => row.cells[0])).toEqual(['promise-pool (base)', 'promise-pool (head)']);
  });

  it('summarises the verdict in Markdown: both medians, change, interval, threshold, both rounds', () => {
    const md = renderAbMarkdown(abResults());
    expect(md).toMatch(/^### ❌ A\/B gate failed: a confirmed regression/);
    expect(md).toContain('| Configuration | Metric | Base | Head | Change | 95 % CI | p | Threshold | Round 1 | Confirmation | Verdict |');
    const cpu = md.split('\n').find((line) => line.includes('CPU/page'));
    expect(cpu).toMatch(/regression \(10 pairs\) \| round 2 regression: \+\d+\.\d % \\\[\+\d+\.\d, \+\d+\.\d\\\] %, p 0\.\d+ \(10 pairs\); both rounds/);
    expect(cpu).toMatch(/🔴 \*\*regression\*\* \|$/);
    expect(md).toContain('base abcdef0 (origin/main, node\\_modules shared), head 0123456');
  });

  it('lists a behaviour change above the table, and the console says the same', () => {
    const results = abResults({ requests: 131 });
    const md = renderAbMarkdown(results);
    expect(md).toContain('A/B gate failed: behaviour changed');
    expect(md).toContain('- 🔴 promise-pool@10 requests: base 130 (10 runs), head 131 (10 runs)');
    const text = renderAbText(results);
    expect(text).toContain('BEHAVIOUR CHANGED: promise-pool@10 requests: base 130 (10 runs), head 131 (10 runs)');
    expect(text).toMatch(/promise-pool@10\s+CPU\/page/);
  });

  it('writes nothing A/B for a plain bench', () => {
    expect(renderAbMarkdown({ ...abResults(), ab: undefined })).toBe('');
    expect(buildReportModel({ ...abResults(), ab: undefined }).ab).toBeNull();
  });
});
