/**
 * Runtime is part of a configuration's identity (results schema 3): a bench plans every JS model
 * under every runtime and command crawlers once, compare never pairs promise-pool on Bun with
 * promise-pool on Node, a model a runtime cannot run is skipped with its reason, and results of
 * the version before runtimes still load, as runs on the harness's Node.
 */
import { describe, expect, it } from 'vitest';
import { unsupportedReason } from '../crawlers/runtime/runtime-support.js';
import { configurationsOf } from '../harness/bench/bench-options.js';
import { compareResults } from '../harness/compare/compare-results.js';
import { implColours } from '../harness/export/palette.js';
import { buildSummaryTable } from '../harness/export/summary-table.js';
import { configKey, sameConfig, seriesOf } from '../harness/results/config-identity.js';
import { loadResults } from '../harness/results/load-results.js';
import { RESULTS_SCHEMA_VERSION } from '../harness/results/results.js';
import { makeCompareResults } from './helpers/compare-results.js';
import { asVersion2, makeSampleResults, SAMPLE_RUNTIME_INFO, withNativeRace } from './helpers/sample-results.js';
import { tempDirs, writeResultsFile } from './helpers/temp-files.js';

const temps = tempDirs('crawlbench-runtime-identity-');

describe('the runtime axis of a bench', () => {
  it('plans every JS model under every runtime, side by side, and each command crawler once', () => {
    const planned = configurationsOf({ impls: ['promise-pool', 'go'], runtimes: ['node', 'bun'], workers: [10], commandWorkers: [10] }, (impl) => impl !== 'go');
    expect(planned).toEqual([
      { impl: 'promise-pool', workers: 10, runtime: 'node' },
      { impl: 'promise-pool', workers: 10, runtime: 'bun' },
      { impl: 'go', workers: 10, runtime: null },
    ]);
  });

  it('names a configuration by its runtime unless it is the default one', () => {
    expect(configKey({ impl: 'promise-pool', workers: 10, runtime: 'node' })).toBe('promise-pool@10');
    expect(configKey({ impl: 'promise-pool', workers: 10, runtime: 'bun' })).toBe('promise-pool/bun@10');
    expect(seriesOf({ impl: 'go', runtime: null })).toBe('go');
    expect(sameConfig({ impl: 'promise-pool', workers: 10, runtime: 'node' }, { impl: 'promise-pool', workers: 10, runtime: 'bun' })).toBe(false);
  });

  it('skips a model its runtime cannot run, with the reason', () => {
    const limits = { bun: { 'child-processes': 'no IPC fork' } };
    expect(unsupportedReason('bun', 'child-processes', limits)).toBe('child-processes does not run on bun: no IPC fork');
    expect(unsupportedReason('deno', 'child-processes', limits)).toBeNull();
    expect(unsupportedReason('bun', 'promise-pool', limits)).toBeNull();
  });
});

describe('compare with runtimes', () => {
  it('never pairs a configuration with the same one under another runtime', () => {
    const samples = { 'promise-pool@10': { durationMs: [100, 101, 102, 103, 104], cpuMs: [50, 51, 52, 53, 54] } };
    const baseline = makeCompareResults(samples);
    const current = makeCompareResults(samples);
    const node = current.configs[0];
    if (node === undefined) throw new Error('no configuration');
    // The current bench also ran promise-pool on Bun, 30 % faster: that is no improvement of Node's.
    current.configs.push({ ...node, runtime: 'bun', runs: node.runs.map((run) => ({ ...run, durationMs: (run.durationMs ?? 0) * 0.7 })) });
    const comparison = compareResults(baseline, current);
    expect(comparison.summary.improvements).toBe(0);
    expect(comparison.configChanges).toEqual([{ impl: 'promise-pool/bun', workers: 10, change: 'only-in-current' }]);
    expect(comparison.rows.every((row) => row.impl === 'promise-pool')).toBe(true);
  });
});

describe('results of the version before runtimes', () => {
  it('load as version 3: JS models on the harness Node, command crawlers without a runtime', async () => {
    const dir = await temps.make();
    const results = withNativeRace(makeSampleResults());
    const file = await writeResultsFile(dir, 'results.json', JSON.stringify(asVersion2(results)));
    const loaded = await loadResults(file);
    expect(loaded.schemaVersion).toBe(RESULTS_SCHEMA_VERSION);
    expect(loaded.config.runtimes).toEqual(['node']);
    for (const config of loaded.configs) {
      expect(config.runtime).toBe(config.origin === 'js' ? 'node' : null);
      expect(config.runtimeInfo).toBeNull();
    }
    await temps.removeAll();
  });

  it("chart a model under each runtime in its own shade of the model's colour, the same shade for a runtime in every model", () => {
    const colours = implColours(['promise-pool', 'promise-pool/bun', 'promise-pool/deno', 'worker-threads', 'worker-threads/bun', 'worker-threads/deno']);
    expect(new Set(colours.values()).size).toBe(6);
    expect(colours.get('promise-pool')).toBe('#0072B2');
    // Bun is darker than its model in both groups, Deno lighter.
    const brightness = (name: string): number => [1, 3, 5].reduce((sum, at) => sum + Number.parseInt((colours.get(name) ?? '').slice(at, at + 2), 16), 0);
    for (const model of ['promise-pool', 'worker-threads']) {
      expect(brightness(`${model}/bun`)).toBeLessThan(brightness(model));
      expect(brightness(`${model}/deno`)).toBeGreaterThan(brightness(model));
    }
  });

  it('show the runtime and its exact version in the summary table, a dash for command crawlers', () => {
    const results = withNativeRace(makeSampleResults());
    const table = buildSummaryTable(results);
    const runtimeColumn = table.columns.findIndex((column) => column.title === 'Runtime');
    expect(table.rows.find((row) => row.impl === 'promise-pool')?.cells[runtimeColumn]).toBe(`node ${SAMPLE_RUNTIME_INFO.version}`);
    expect(table.rows.find((row) => row.impl === 'go')?.cells[runtimeColumn]).toBe('—');
  });
});
