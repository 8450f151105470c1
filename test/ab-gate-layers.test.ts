/**
 * The A/B gate's mechanics on synthetic pairs (no timing, no processes): behaviour changes are
 * caught and fail unless accepted; a planted CPU regression is flagged by the paired judgement; an
 * A/A calibration on a noisier machine widens the band so the same change no longer counts; a
 * flagged change fails the gate only when the confirmation round repeats it; and the outcome maps
 * to the exit codes 0 / 1, a base that does not build to 2.
 */
import { describe, expect, it } from 'vitest';
import { BaseBuildError, EXIT_STATUS } from '../common/errors.js';
import { calibrationOf, confirmRows, flaggedConfigs, gateVerdict, thresholdsOf } from '../harness/ab/ab-gate.js';
import { gateSettingsOf } from '../harness/ab/ab-options.js';
import { judgeRound } from '../harness/ab/judge-pairs.js';
import { behaviourChanges } from '../harness/ab/behaviour-check.js';
import type { AbGateSettings } from '../harness/results/ab-section.js';
import type { ConfigResult } from '../harness/results/results.js';
import { round } from './helpers/ab-pairs.js';

const settings = gateSettingsOf({ acceptBehaviourChange: false, confirm: true });

/** The gate round judged, confirmed with `confirmation` when given, and the verdict. */
function gate(configs: ConfigResult[], confirmation: ConfigResult[] | null = null, options: Partial<AbGateSettings> = {}, calibration: ReturnType<typeof calibrationOf> | null = null) {
  const s = { ...settings, ...options };
  const thresholds = thresholdsOf(s, calibration);
  const rows = judgeRound(configs, thresholds, s);
  const confirmed = confirmation === null ? rows : confirmRows(rows, judgeRound(confirmation, thresholds, s), judgeRound(confirmation, thresholds, s, configs), s.alpha);
  return gateVerdict({ configs, confirmationConfigs: confirmation ?? [], rows: confirmed, settings: s });
}

describe('the behaviour layer', () => {
  it('reports a change of requests with the configuration and both counts, and fails the gate', () => {
    const configs = round({ requests: 130 }, { requests: 131, seed: 1 });
    expect(behaviourChanges(configs)).toEqual([{ impl: 'promise-pool', workers: 10, runtime: 'node', counter: 'requests', base: '130 (10 runs)', head: '131 (10 runs)' }]);
    const verdict = gate(configs);
    expect(verdict.outcome).toBe('behaviour changed');
    expect(verdict.exitCode).toBe(1);
  });

  it('reports a run that became invalid as a change of validity, and of pages', () => {
    const changes = behaviourChanges(round({}, { states: { 3: 'invalid' } }));
    expect(changes.map((c) => c.counter)).toEqual(['validity', 'pages']);
    expect(changes[0]).toMatchObject({ base: '10 ok', head: '9 ok, 1 invalid' });
  });

  it('passes an accepted behaviour change, saying so', () => {
    const verdict = gate(round({ requests: 130 }, { requests: 131, seed: 1 }), null, { acceptBehaviourChange: true });
    expect(verdict.outcome).toBe('pass');
    expect(verdict.exitCode).toBe(0);
    expect(verdict.behaviourChanges).toHaveLength(1);
    expect(verdict.notes.join()).toMatch(/accepted/);
  });

  it('finds nothing when the same build runs on both sides', () => {
    expect(behaviourChanges(round({}, {}))).toEqual([]);
  });
});

describe('the paired judgement', () => {
  it('flags 10 % more CPU per page as a regression and leaves the unchanged metrics alone', () => {
    const rows = judgeRound(round({}, { cpuFactor: 1.1 }), thresholdsOf(settings, null), settings);
    const cpu = rows.find((row) => row.metric === 'cpuPerPage');
    expect(cpu?.verdict).toBe('regression');
    expect(cpu?.pairs).toBe(10);
    expect(cpu?.pValue).toBeLessThan(0.01);
    expect(cpu?.ciPct.lowPct).toBeGreaterThan(3);
    expect(rows.filter((row) => row.metric !== 'cpuPerPage').map((row) => row.verdict)).toEqual(['no change', 'no change', 'no change']);
  });

  it('pairs run i with run i, skipping pairs with an invalid run', () => {
    const rows = judgeRound(round({ states: { 2: 'invalid' } }, { states: { 5: 'failed' } }), thresholdsOf(settings, null), settings);
    expect(rows.every((row) => row.pairs === 8)).toBe(true);
  });

  it('says "too few pairs" when the test could never reach alpha, and gates only behaviour', () => {
    const verdict = gate(round({ runs: 3 }, { runs: 3, cpuFactor: 1.5 }));
    expect(verdict.rows.every((row) => row.verdict === 'too few pairs')).toBe(true);
    expect(verdict.exitCode).toBe(0);
    expect(verdict.notes.join()).toMatch(/fewer than 6 valid pairs/);
  });
});

describe('the A/A calibration', () => {
  it('widens the band on a noisier machine, so the same 10 % change no longer counts', () => {
    const quiet = calibrationOf(round({ noise: 0.02, seed: 11 }, { noise: 0.02, seed: 12 }), settings);
    const noisy = calibrationOf(round({ noise: 0.6, seed: 11 }, { noise: 0.6, seed: 12 }), settings);
    expect(noisy.bandPct.cpuPerPage).toBeGreaterThan(quiet.bandPct.cpuPerPage);
    expect(thresholdsOf(settings, quiet).cpuPerPage).toBe(3); // the floor: the quiet band is narrower
    expect(thresholdsOf(settings, noisy).cpuPerPage).toBe(noisy.bandPct.cpuPerPage);
    expect(noisy.bandPct.cpuPerPage).toBeGreaterThan(10);
    const abRound = round({}, { cpuFactor: 1.1 });
    expect(gate(abRound, round({}, { cpuFactor: 1.1, seed: 3 }), {}, quiet).outcome).toBe('regression');
    expect(gate(abRound, round({}, { cpuFactor: 1.1, seed: 3 }), {}, noisy).outcome).toBe('pass');
  });
});

describe('the confirmation round', () => {
  const flaggedRound = round({}, { cpuFactor: 1.1 });

  it('re-runs only the flagged configurations', () => {
    const other = round({ seed: 5 }, { seed: 6 }, { impl: 'worker-threads', workers: 10, runtime: 'node' });
    const rows = judgeRound([...flaggedRound, ...other], thresholdsOf(settings, null), settings);
    expect(flaggedConfigs(rows)).toEqual([{ impl: 'promise-pool', workers: 10, runtime: 'node' }]);
  });

  it('fails the gate when the second round repeats the regression, showing both rounds', () => {
    const verdict = gate(flaggedRound, round({ seed: 21 }, { cpuFactor: 1.1, seed: 22 }));
    const cpu = verdict.rows.find((row) => row.metric === 'cpuPerPage');
    expect(cpu).toMatchObject({ verdict: 'regression', final: 'regression' });
    expect(cpu?.confirmation?.verdict).toBe('regression');
    expect(verdict.outcome).toBe('regression');
    expect(verdict.exitCode).toBe(1);
  });

  it('passes when the second round does not repeat it (a flagged fluke), saying so', () => {
    const verdict = gate(flaggedRound, round({ seed: 21 }, { seed: 22 }));
    const cpu = verdict.rows.find((row) => row.metric === 'cpuPerPage');
    expect(cpu).toMatchObject({ verdict: 'regression', final: 'unconfirmed' });
    expect(cpu?.confirmation?.verdict).toBe('no change');
    expect(verdict.outcome).toBe('pass');
    expect(verdict.exitCode).toBe(0);
    expect(verdict.notes.join()).toMatch(/not confirmed/);
  });

  it('fails at once on a flagged regression when confirmation is off', () => {
    expect(gate(flaggedRound, null, { confirm: false }).outcome).toBe('regression');
  });
});

describe('exit codes', () => {
  it('maps pass to 0, a regression, a behaviour change or invalid head runs to 1, a base that does not build to 2', () => {
    expect(gate(round({}, {})).exitCode).toBe(0);
    expect(gate(round({}, { cpuFactor: 1.1 }), round({ seed: 3 }, { cpuFactor: 1.1, seed: 4 })).exitCode).toBe(1);
    expect(gate(round({ requests: 1 }, { requests: 2 })).exitCode).toBe(1);
    const bothInvalid = gate(round({ states: { 1: 'invalid' } }, { states: { 1: 'invalid' } }));
    expect(bothInvalid).toMatchObject({ outcome: 'invalid', exitCode: 1 });
    const error = new BaseBuildError('base abc1234: `npm run build` failed');
    expect(error.code).toBe('CB_BASE_BUILD');
    expect(error.exitCode).toBe(2);
    expect(EXIT_STATUS.CB_BASE_BUILD).toBe(2);
  });
});
